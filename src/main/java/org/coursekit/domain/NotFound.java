package org.coursekit.domain;

import java.util.List;

/** Something the user referred to does not exist: database, course, session, participant, file. */
public final class NotFound extends CoursekitException {
    public NotFound(String key, Object... args) {
        super(Msg.of(key, args), List.of(), null);
    }

    public NotFound(Msg summary, List<Msg> details) {
        super(summary, details, null);
    }

    /** The exit code of this failure. */
    public static final int EXIT_CODE = 3;

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
