package org.coursekit.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parsing and checking of the plain values users type: dates, times, e-mail addresses, names. */
public final class Values {
    public static final int MAX_TEXT = 500;

    /**
     * The formats and shapes of typed dates and times, made when first needed: every command prints
     * through {@link #printable}, and making them cost a millisecond of each start (the first
     * {@link DateTimeFormatter} initialises the whole of java.time's formatting).
     */
    private static final class Shapes {
        static final DateTimeFormatter ISO =
                DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
        static final DateTimeFormatter GERMAN =
                DateTimeFormatter.ofPattern("d.M.uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
        static final Pattern ISO_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
        static final Pattern GERMAN_SHAPE = Pattern.compile("\\d{1,2}\\.\\d{1,2}\\.\\d{4}");
        static final Pattern TIME_SHAPE = Pattern.compile("([01]?\\d|2[0-3])[:.]([0-5]\\d)");
    }

    private Values() {
    }

    /** {@code 2018-02-20} or {@code 20.02.2018}; empty when malformed or impossible (30 February). */
    public static Optional<LocalDate> parseDate(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        try {
            if (Shapes.ISO_SHAPE.matcher(s).matches()) {
                return Optional.of(LocalDate.parse(s, Shapes.ISO));
            }
            if (Shapes.GERMAN_SHAPE.matcher(s).matches()) {
                return Optional.of(LocalDate.parse(s, Shapes.GERMAN));
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code 19:30} (also {@code 9:30} and {@code 19.30}); empty when malformed. */
    public static Optional<LocalTime> parseTime(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var m = Shapes.TIME_SHAPE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }

    /**
     * Whether a wall-clock time does not exist on that date in that zone: it falls into the gap
     * when the clocks are put forward (02:30 on 2026-03-29 in Europe/Berlin).
     */
    public static boolean inGap(LocalDate date, LocalTime time, ZoneId zone) {
        return zone.getRules().getValidOffsets(LocalDateTime.of(date, time)).isEmpty();
    }

    /**
     * A date as {@link LocalDate#toString} writes it ({@code 2018-02-20}), as stored: the same as
     * {@link LocalDate#parse(CharSequence)} (which it falls back to for any other shape, and so
     * throws as it throws), without initialising java.time's formatting for the common case.
     */
    public static LocalDate isoDate(CharSequence s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            int y = digits(s, 0, 4);
            int m = digits(s, 5, 7);
            int d = digits(s, 8, 10);
            if (y >= 0 && m >= 0 && d >= 0) {
                try {
                    return LocalDate.of(y, m, d);
                } catch (DateTimeException e) {
                    // 2018-02-30: parse says so in its words
                }
            }
        }
        return LocalDate.parse(s);
    }

    /** A time as {@link LocalTime#toString} writes whole minutes ({@code 19:30}); else as {@link LocalTime#parse(CharSequence)}. */
    public static LocalTime isoTime(CharSequence s) {
        if (s.length() == 5 && s.charAt(2) == ':') {
            int h = digits(s, 0, 2);
            int m = digits(s, 3, 5);
            if (h >= 0 && m >= 0) {
                try {
                    return LocalTime.of(h, m);
                } catch (DateTimeException e) {
                    // 24:00: parse says so in its words
                }
            }
        }
        return LocalTime.parse(s);
    }

    /** The decimal number in s[from, to), or -1 if a character there is not an ASCII digit. */
    private static int digits(CharSequence s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /**
     * A time as everyone writes it here: {@code 19:30}. Written by hand: {@code String.format} with a
     * number set up the locale's number symbols and their provider (some 20 classes and a millisecond
     * of every command that prints a session's time).
     */
    public static String time(LocalTime t) {
        int h = t.getHour();
        int m = t.getMinute();
        return new String(new char[] {(char) ('0' + h / 10), (char) ('0' + h % 10), ':', (char) ('0' + m / 10), (char) ('0' + m % 10)});
    }

    /**
     * Pragmatic: one @ with something before it, a domain of at least two non-empty labels, no
     * whitespace and none of {@code "(),:;<>[]\}. Written out instead of as a regular expression
     * (an import checks every row); ValuesPropertiesTest holds it equal to the pattern
     * {@code [^\s@"(),:;<>\[\]\\]+@[^\s@"(),:;<>\[\]\\.]+(\.[^\s@"(),:;<>\[\]\\.]+)+}.
     */
    public static boolean isEmail(String text) {
        if (text == null || text.isEmpty() || text.length() > 254) {
            return false;
        }
        int at = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (notInAddress(c)) {
                return false;
            }
        }
        if (at <= 0) {
            return false;
        }
        int dots = 0;
        int label = 0;
        for (int i = at + 1; i < text.length(); i++) {
            if (text.charAt(i) == '.') {
                if (label == 0) {
                    return false;
                }
                dots++;
                label = 0;
            } else {
                label++;
            }
        }
        return dots > 0 && label > 0;
    }

    private static boolean notInAddress(char c) {
        return switch (c) {
            case ' ', '\t', '\n', '\u000B', '\f', '\r', '"', '(', ')', ',', ':', ';', '<', '>', '[', ']', '\\' -> true;
            default -> false;
        };
    }

    /**
     * A phone number as people write it: an optional leading +, then 3 to 40 digits, spaces and
     * {@code ()/.-} (the pattern {@code [+]?[0-9 ()/.\-]{3,40}}, written out).
     */
    public static boolean isPhone(String text) {
        int i = text.startsWith("+") ? 1 : 0;
        int length = text.length() - i;
        if (length < 3 || length > 40) {
            return false;
        }
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c == ' ' || c == '(' || c == ')' || c == '/' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The form in which e-mail addresses are compared (case-insensitive). */
    public static String emailKey(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Checks text that is stored (names, titles, places, notes, reasons, e-mail addresses) for
     * things that never belong there: control characters (C0, DEL, C1; line breaks and tabs allowed
     * only when {@code multiline}), line and paragraph separators, the bidi embeddings, overrides and
     * isolates (U+202A to U+202E, U+2066 to U+2069) that make text display in another order than it
     * is stored, the replacement character, and excessive length. The one rule for every way in:
     * command-line options, course files, CSV imports.
     * @return the problem's message key, or null when fine
     */
    public static String textProblem(String text, boolean multiline) {
        if (text.length() > MAX_TEXT) {
            return "value.tooLong";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (multiline && (c == '\n' || c == '\r' || c == '\t')) {
                continue;
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return "value.controlChar";
            }
            if (isBidiControl(c)) {
                return "value.bidiChar";
            }
            if (c == '\uFFFD') {
                return "value.replacementChar";
            }
        }
        return null;
    }

    /** The bidi embeddings and overrides U+202A to U+202E and the isolates U+2066 to U+2069. */
    public static boolean isBidiControl(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }

    /**
     * Whether a terminal would act on the character or show the text around it in another order:
     * C0 and C1 controls, DEL, the line and paragraph separators, bidi embeddings, overrides and isolates.
     */
    public static boolean isUnsafeOnTerminal(int c) {
        return Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || isBidiControl(c);
    }

    /**
     * Text for a message or a table: every character a terminal would act on (see
     * {@link #isUnsafeOnTerminal}) written as a backslash, {@code u} and four hex digits (ESC as
     * backslash-u001b, U+202E as backslash-u202e), so that what reaches the terminal is
     * only shown, never obeyed. Data output (JSON, CSV) stays exact and does not go through here.
     */
    public static String printable(String text) {
        int i = 0;
        while (i < text.length() && !isUnsafeOnTerminal(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnsafeOnTerminal(c)) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Null for blank, otherwise the stripped text. */
    public static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
