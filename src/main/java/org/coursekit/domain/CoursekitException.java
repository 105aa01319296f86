package org.coursekit.domain;

import java.util.List;

/**
 * Base of every expected failure. Each subtype stands for one exit code (see the CLI's
 * exit-code mapper); the message is a {@link Msg} so it can be shown in the user's language.
 * {@link #details()} holds further lines, e.g. one per bad row of an input file.
 */
public abstract class CoursekitException extends RuntimeException {
    private final transient Msg msg;
    private final transient List<Msg> details;

    protected CoursekitException(Msg msg, List<Msg> details, Throwable cause) {
        super(msg.toString(), cause);
        this.msg = msg;
        this.details = List.copyOf(details);
    }

    public Msg msg() {
        return msg;
    }

    public List<Msg> details() {
        return details;
    }
}
