package org.coursekit.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * RFC 4180 CSV output with Commons CSV. Every cell that a spreadsheet would take for a formula
 * (starting with {@code = + - @}, tab or CR) is prefixed with {@code '} (OWASP CSV injection).
 * {@link #excel} is the dialect German spreadsheet programs open directly: {@code ;}, BOM, CRLF.
 */
public final class CsvOut implements AutoCloseable {
    private final CSVPrinter printer;

    private CsvOut(Appendable out, boolean excel) {
        CSVFormat f = excel
                ? CSVFormat.RFC4180.builder().setDelimiter(';').setRecordSeparator("\r\n").get()
                : CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
        try {
            if (excel) {
                out.append('\uFEFF');
            }
            this.printer = new CSVPrinter(out, f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CsvOut plain(Appendable out) {
        return new CsvOut(out, false);
    }

    public static CsvOut excel(Appendable out) {
        return new CsvOut(out, true);
    }

    public void row(List<?> cells) {
        try {
            for (Object c : cells) {
                printer.print(neutralise(Text.cell(c)));
            }
            printer.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean needsNeutralising(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    public static String neutralise(String s) {
        return needsNeutralising(s) ? "'" + s : s;
    }

    @Override
    public void close() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
