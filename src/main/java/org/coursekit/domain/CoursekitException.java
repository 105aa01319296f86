package org.coursekit.domain;

import java.util.List;

/**
 * Base of every expected failure. Each subtype stands for one exit code, {@link #exitCode()}
 * (the CLI's exit-code mapper asks it); the message is a {@link Msg} so it can be shown in the user's language.
 * {@link #details()} holds further lines, e.g. one per bad row of an input file.
 */
public abstract class CoursekitException extends RuntimeException {
    private final transient Msg msg;
    private final transient List<Msg> details;
    private final int detailCount;

    protected CoursekitException(Msg msg, List<Msg> details, Throwable cause) {
        this(msg, details, details.size(), cause);
    }

    /** With {@code detailCount} lines in all, of which only the first {@code details} are carried. */
    protected CoursekitException(Msg msg, List<Msg> details, int detailCount, Throwable cause) {
        super(msg.toString(), cause);
        this.msg = msg;
        this.details = List.copyOf(details);
        this.detailCount = Math.max(detailCount, details.size());
    }

    public Msg msg() {
        return msg;
    }

    public List<Msg> details() {
        return details;
    }

    /** How many detail lines there are in all; more than {@link #details()} holds when they were too many to keep. */
    public int detailCount() {
        return detailCount;
    }

    /** The process's exit code when this failure ends a command (the README's "Exit codes"). */
    public abstract int exitCode();
}
