package org.coursekit.io;

import java.time.LocalTime;
import java.util.Locale;

/** Formatting of values as they appear in every output: times as HH:mm, dates ISO. */
public final class Text {
    private Text() {
    }

    public static String time(LocalTime t) {
        return String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
    }

    /** The cell text of a value in a table or CSV. */
    public static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof LocalTime t) {
            return time(t);
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (v instanceof Iterable<?> it) {
            StringBuilder sb = new StringBuilder();
            for (Object o : it) {
                sb.append(sb.isEmpty() ? "" : " ").append(cell(o));
            }
            return sb.toString();
        }
        return v.toString();
    }
}
