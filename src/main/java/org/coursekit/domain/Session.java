package org.coursekit.domain;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * One meeting of a course. {@code number} is assigned at creation and never reused;
 * {@code location} is null when the session takes place at the course's location.
 */
public record Session(
        int number,
        LocalDate date,
        LocalTime start,
        LocalTime end,
        String title,
        SessionKind kind,
        boolean counts,
        boolean required,
        boolean cancelled,
        String location) {

    /** Counted towards the certificate: marked as counting and not cancelled. */
    public boolean isCounted() {
        return counts && !cancelled;
    }

    public Session withNumber(int n) {
        return new Session(n, date, start, end, title, kind, counts, required, cancelled, location);
    }

    public Session withCancelled(boolean c) {
        return new Session(number, date, start, end, title, kind, counts, required, c, location);
    }
}
