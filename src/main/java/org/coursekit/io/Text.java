package org.coursekit.io;

import java.time.LocalTime;
import java.util.Locale;

import org.coursekit.domain.Values;

/** The cell text of values in tables and CSV: times as HH:mm, dates ISO, enums by their id. */
public final class Text {
    private Text() {
    }

    /** The cell text of a value in a table or CSV. */
    public static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof LocalTime t) {
            return Values.time(t);
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
