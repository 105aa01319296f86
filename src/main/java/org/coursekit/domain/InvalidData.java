package org.coursekit.domain;

import java.util.List;

/** Input data (a file, a field value) is invalid; nothing was changed. */
public final class InvalidData extends CoursekitException {
    public InvalidData(String key, Object... args) {
        super(Msg.of(key, args), List.of(), null);
    }

    public InvalidData(Msg summary, List<Msg> problems) {
        super(summary, problems, null);
    }

    /** {@code count} problems in all, of which only the first ones are listed in {@code problems}. */
    public InvalidData(Msg summary, List<Msg> problems, int count) {
        super(summary, problems, count, null);
    }

    public InvalidData(Msg summary, List<Msg> problems, Throwable cause) {
        super(summary, problems, cause);
    }

    /** The exit code of this failure. */
    public static final int EXIT_CODE = 4;

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
