package org.coursekit.cli;

import java.util.function.Function;

/**
 * One column of a listing: its stable key (JSON field and CSV header) and how to get the value.
 * {@code right} aligns numbers to the right in tables.
 */
record Column<T>(String key, Function<T, Object> value, boolean right) {
    static <T> Column<T> of(String key, Function<T, Object> value) {
        return new Column<>(key, value, false);
    }

    static <T> Column<T> num(String key, Function<T, Object> value) {
        return new Column<>(key, value, true);
    }
}
