package org.coursekit.domain;

/**
 * The attendance a certificate needs: a percentage of the counted sessions (rounded up) or a
 * number of them.
 */
public record MinAttendance(int value, boolean percent) {
    public static final MinAttendance DEFAULT = new MinAttendance(80, true);

    public MinAttendance {
        if (value < 0 || (percent && value > 100)) {
            throw new IllegalArgumentException(String.valueOf(value));
        }
    }

    /** Parses {@code 80%} or {@code 8}. @throws IllegalArgumentException when malformed */
    public static MinAttendance parse(String text) {
        String s = text.strip();
        boolean pct = s.endsWith("%");
        String digits = (pct ? s.substring(0, s.length() - 1) : s).strip();
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(text);
        }
        return new MinAttendance(Integer.parseInt(digits), pct);
    }

    /** Sessions needed out of {@code counted} counted sessions. */
    public int sessionsNeeded(int counted) {
        if (!percent) {
            return Math.min(value, counted);
        }
        return (int) ((value * (long) counted + 99) / 100);
    }

    /**
     * Whether the rule asks for more sessions than the course has counted ones: a number of
     * sessions above {@code counted} (most likely a percentage typed without {@code %}).
     */
    public boolean exceeds(int counted) {
        return !percent && value > counted;
    }

    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
