package org.coursekit.domain;

import java.util.Locale;

/** What happened to one participant at one session. {@code late} counts as attended, {@code excused} does not. */
public enum AttendanceStatus {
    PRESENT, LATE, EXCUSED, ABSENT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean attended() {
        return this == PRESENT || this == LATE;
    }

    /** English or German words, as in attendance CSV files. @throws IllegalArgumentException otherwise */
    public static AttendanceStatus parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "present", "anwesend", "da", "ja", "yes", "x" -> PRESENT;
            case "late", "verspätet", "verspaetet", "zu spät", "spät" -> LATE;
            case "excused", "entschuldigt" -> EXCUSED;
            case "absent", "abwesend", "fehlt", "nein", "no" -> ABSENT;
            default -> throw new IllegalArgumentException(text);
        };
    }
}
