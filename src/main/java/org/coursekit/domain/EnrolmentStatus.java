package org.coursekit.domain;

import java.util.Locale;

public enum EnrolmentStatus {
    ENROLLED, WAITLISTED, WITHDRAWN, COMPLETED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Holds a place in the course (counts against capacity). */
    public boolean holdsPlace() {
        return this == ENROLLED || this == COMPLETED;
    }

    public static EnrolmentStatus parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
