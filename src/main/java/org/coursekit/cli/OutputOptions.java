package org.coursekit.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coursekit.io.CsvOut;
import org.coursekit.io.JsonOut;
import org.coursekit.io.Text;
import org.coursekit.render.TableRenderer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --json} / {@code --csv} for listings (one of them at most); an aligned table otherwise. */
public final class OutputOptions {
    @ArgGroup(exclusive = true)
    Structured structured;

    /** The structured formats: picocli refuses both at once (a usage error in the user's language). */
    static final class Structured {
        @Option(names = "--json", description = "Print JSON (UTF-8, camelCase fields, ISO dates).")
        boolean json;

        @Option(names = "--csv", description = "Print CSV (RFC 4180) with a header row.")
        boolean csv;
    }

    boolean json() {
        return structured != null && structured.json;
    }

    boolean csv() {
        return structured != null && structured.csv;
    }

    boolean structured() {
        return json() || csv();
    }

    /** Prints rows in the chosen format; table headers come from the message bundle. */
    <T> void print(Base cmd, List<T> rows, List<Column<T>> columns) {
        PrintWriter out = cmd.out();
        if (json()) {
            writeJson(out, rows, columns);
        } else if (csv()) {
            writeCsv(out, rows, columns, false);
        } else {
            List<String> headers = new ArrayList<>();
            boolean[] right = new boolean[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                headers.add(cmd.msg("column." + columns.get(i).key()));
                right[i] = columns.get(i).right();
            }
            List<List<String>> cells = new ArrayList<>(rows.size());
            for (T row : rows) {
                List<String> line = new ArrayList<>(columns.size());
                for (Column<T> c : columns) {
                    line.add(Text.cell(c.value().apply(row)));
                }
                cells.add(line);
            }
            TableRenderer.render(out, headers, cells, right);
        }
        out.flush();
    }

    /** The rows as a JSON array of objects with the columns' keys. */
    static <T> void writeJson(Writer out, List<T> rows, List<Column<T>> columns) {
        List<Map<String, Object>> list = new ArrayList<>(rows.size());
        for (T row : rows) {
            list.add(map(row, columns));
        }
        JsonOut.write(out, list);
    }

    /** The rows as CSV with a header row of the columns' keys; {@code excel}: ';', BOM, CRLF. */
    static <T> void writeCsv(Writer out, List<T> rows, List<Column<T>> columns, boolean excel) {
        try (CsvOut w = excel ? CsvOut.excel(out) : CsvOut.plain(out)) {
            w.row(columns.stream().map(Column::key).toList());
            for (T row : rows) {
                List<Object> cells = new ArrayList<>(columns.size());
                for (Column<T> c : columns) {
                    cells.add(c.value().apply(row));
                }
                w.row(cells);
            }
        }
    }

    static <T> Map<String, Object> map(T row, List<Column<T>> columns) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Column<T> c : columns) {
            m.put(c.key(), c.value().apply(row));
        }
        return m;
    }
}
