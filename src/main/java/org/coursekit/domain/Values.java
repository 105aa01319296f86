package org.coursekit.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parsing and checking of the plain values users type: dates, times, e-mail addresses, names. */
public final class Values {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter GERMAN =
            DateTimeFormatter.ofPattern("d.M.uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern ISO_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern GERMAN_SHAPE = Pattern.compile("\\d{1,2}\\.\\d{1,2}\\.\\d{4}");
    private static final Pattern TIME_SHAPE = Pattern.compile("([01]?\\d|2[0-3])[:.]([0-5]\\d)");
    /** Pragmatic: one @, no spaces, a dot in the domain, no leading/trailing dots. */
    private static final Pattern EMAIL = Pattern.compile(
            "[^\\s@\"(),:;<>\\[\\]\\\\]+@[^\\s@\"(),:;<>\\[\\]\\\\.]+(\\.[^\\s@\"(),:;<>\\[\\]\\\\.]+)+");

    public static final int MAX_TEXT = 500;

    private Values() {
    }

    /** {@code 2018-02-20} or {@code 20.02.2018}; empty when malformed or impossible (30 February). */
    public static Optional<LocalDate> parseDate(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        try {
            if (ISO_SHAPE.matcher(s).matches()) {
                return Optional.of(LocalDate.parse(s, ISO));
            }
            if (GERMAN_SHAPE.matcher(s).matches()) {
                return Optional.of(LocalDate.parse(s, GERMAN));
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
        var m = TIME_SHAPE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }

    /** A time as everyone writes it here: {@code 19:30}. */
    public static String time(LocalTime t) {
        return String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
    }

    public static boolean isEmail(String text) {
        return text != null && text.length() <= 254 && EMAIL.matcher(text).matches();
    }

    /** The form in which e-mail addresses are compared (case-insensitive). */
    public static String emailKey(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Checks free text for things that never belong in a name or note: control characters
     * (line breaks allowed only when {@code multiline}) and excessive length.
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
            if (c == '\uFFFD') {
                return "value.replacementChar";
            }
        }
        return null;
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
