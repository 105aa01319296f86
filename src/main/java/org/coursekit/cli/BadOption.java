package org.coursekit.cli;

import java.util.List;

import org.coursekit.domain.CoursekitException;
import org.coursekit.domain.Msg;

/**
 * A malformed option value or argument on the command line: a usage error (exit 2) naming the
 * option, where the same value read from a file is invalid data (exit 4). Thrown while a command
 * runs, so it carries a {@link Msg} instead of being a picocli {@code ParameterException}.
 */
final class BadOption extends CoursekitException {
    BadOption(Msg summary, List<Msg> problems) {
        super(summary, problems, null);
    }

    @Override
    public int exitCode() {
        return ExitCodes.USAGE;
    }
}
