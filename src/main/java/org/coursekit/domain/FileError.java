package org.coursekit.domain;

import java.util.List;

/** Reading or writing a file other than the database failed. */
public final class FileError extends CoursekitException {
    public FileError(Throwable cause, String key, Object... args) {
        super(Msg.of(key, args), List.of(), cause);
    }

    /** The exit code of this failure. */
    public static final int EXIT_CODE = 6;

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
