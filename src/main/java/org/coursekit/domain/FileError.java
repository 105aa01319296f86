package org.coursekit.domain;

import java.util.List;

/** Reading or writing a file other than the database failed. */
public final class FileError extends CoursekitException {
    public FileError(Throwable cause, String key, Object... args) {
        super(Msg.of(key, args), List.of(), cause);
    }
}
