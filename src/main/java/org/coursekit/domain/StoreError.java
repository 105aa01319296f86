package org.coursekit.domain;

import java.util.List;

/** The database is busy after the timeout, corrupt, or of a newer schema. */
public final class StoreError extends CoursekitException {
    public StoreError(Throwable cause, String key, Object... args) {
        super(Msg.of(key, args), List.of(), cause);
    }

    /** The exit code of this failure. */
    public static final int EXIT_CODE = 7;

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
