package org.coursekit.domain;

import java.util.List;

/** A duplicate, or the current state forbids the change. */
public final class Conflict extends CoursekitException {
    public Conflict(String key, Object... args) {
        super(Msg.of(key, args), List.of(), null);
    }

    public Conflict(Msg summary, List<Msg> details) {
        super(summary, details, null);
    }

    /** With {@code count} details in all, of which only the first {@code details} are carried. */
    public Conflict(Msg summary, List<Msg> details, int count) {
        super(summary, details, count, null);
    }

    /** The exit code of this failure. */
    public static final int EXIT_CODE = 5;

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
