package org.coursekit.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.coursekit.domain.InvalidData;
import org.coursekit.domain.Msg;

/**
 * Reads the CSV files organisers really have: a German spreadsheet export ({@code ;},
 * Windows-1252, CRLF) as well as UTF-8 with or without BOM, commas or tabs, quoted fields with
 * line breaks. Encoding and delimiter are detected unless forced. Every row keeps the line on
 * which it starts, so that errors can say {@code FILE:LINE}.
 */
public final class CsvInput {
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** One data row: the physical line it starts on and its cells (never null, stripped). */
    public record Row(int line, List<String> cells) {
        public boolean isBlank() {
            for (String c : cells) {
                if (!c.isEmpty()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A parsed file. {@code header} cells are stripped as written. */
    public record Table(Path file, Charset charset, char delimiter, List<String> header, List<Row> rows) {
    }

    private CsvInput() {
    }

    /**
     * @param delimiter {@code auto}, {@code ,}, {@code ;} or {@code tab}
     * @param encoding  {@code auto}, {@code utf-8} or {@code windows-1252}
     */
    public static Table read(Path file, String delimiter, String encoding) {
        return open(file, delimiter, encoding).all();
    }

    /**
     * Opens a file for reading record by record (the header is read at once): what an import of a
     * large file uses, so that besides the file's text only the rows in hand are held in memory.
     */
    public static Records open(Path file, String delimiter, String encoding) {
        byte[] bytes = InputFile.bytes(file);
        Decoded d = decode(file, bytes, encoding);
        return records(file, d.text(), d.charset(), delimiter);
    }

    /** A file's records after its header, one at a time. */
    public static final class Records {
        private final Path file;
        private final Charset charset;
        private final char delimiter;
        private final List<String> header;
        private final int headerLine;
        private final Lexer lexer;

        private Records(Path file, Charset charset, char delimiter, List<String> header, Lexer lexer) {
            this.file = file;
            this.charset = charset;
            this.delimiter = delimiter;
            this.header = header;
            this.headerLine = lexer.recordLine;
            this.lexer = lexer;
        }

        /** The line the header is on (after any blank lines). */
        public int headerLine() {
            return headerLine;
        }

        public Path file() {
            return file;
        }

        public Charset charset() {
            return charset;
        }

        public char delimiter() {
            return delimiter;
        }

        public List<String> header() {
            return header;
        }

        /** The next row, or null after the last; {@link InvalidData} naming the line for malformed CSV. */
        public Row next() {
            List<String> cells = lexer.next();
            return cells == null ? null : new Row(lexer.recordLine, cells);
        }

        Table all() {
            List<Row> rows = new ArrayList<>();
            for (Row r = next(); r != null; r = next()) {
                rows.add(r);
            }
            return new Table(file, charset, delimiter, header, rows);
        }
    }

    record Decoded(String text, Charset charset) {
    }

    static Decoded decode(Path file, byte[] bytes, String encoding) {
        if (bytes.length == 0) {
            throw new InvalidData("csv.empty", file);
        }
        String enc = encoding == null ? "auto" : encoding.toLowerCase(Locale.ROOT);
        int offset = 0;
        Charset cs;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            offset = 3;
            cs = StandardCharsets.UTF_8;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            offset = 2;
            cs = StandardCharsets.UTF_16LE;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            offset = 2;
            cs = StandardCharsets.UTF_16BE;
        } else {
            cs = null;
        }
        switch (enc) {
            case "auto" -> { }
            case "utf-8", "utf8" -> cs = offset == 3 || cs == null ? StandardCharsets.UTF_8 : cs;
            case "windows-1252", "cp1252", "latin1", "iso-8859-1" -> {
                cs = WINDOWS_1252;
                offset = 0;
            }
            default -> throw new InvalidData("csv.encoding.unknown", encoding);
        }
        if (cs == null || cs == StandardCharsets.UTF_8) {
            int nul = indexOf(bytes, (byte) 0);
            if (nul >= 0) {
                throw new InvalidData("csv.binary", file, nul);
            }
        }
        if (cs == null || cs == StandardCharsets.UTF_8) {
            // the fast decoder turns malformed input into U+FFFD: without one, the file is valid UTF-8
            String s = new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8);
            if (s.indexOf('\uFFFD') < 0) {
                return new Decoded(s, StandardCharsets.UTF_8);
            }
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        if (cs == null) {
            try {
                String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buf).toString();
                return new Decoded(s, StandardCharsets.UTF_8);
            } catch (CharacterCodingException e) {
                buf.rewind();
                cs = WINDOWS_1252;
            }
        }
        try {
            String s = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buf).toString();
            return new Decoded(s, cs);
        } catch (CharacterCodingException e) {
            throw new InvalidData("csv.encoding.invalid", file, cs.name());
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static Table parse(Path file, String text, Charset charset, String delimiterOption) {
        return records(file, text, charset, delimiterOption).all();
    }

    private static Records records(Path file, String text, Charset charset, String delimiterOption) {
        char delimiter = delimiter(file, text, delimiterOption);
        Lexer lexer = new Lexer(file, text, delimiter);
        List<String> header = lexer.next();
        if (header == null) {
            throw new InvalidData("csv.empty", file);
        }
        return new Records(file, charset, delimiter, header, lexer);
    }

    /**
     * Splits the text into records the way Commons CSV's RFC 4180 format does with empty lines
     * ignored (a property test holds the two equal), in one pass and without a reader per
     * character: a quoted field may hold delimiters, line breaks and doubled quotes; a quote inside
     * an unquoted field is an ordinary character; whitespace may follow a closing quote. Cells come
     * out stripped and with our own exports' formula neutralisation undone.
     */
    private static final class Lexer {
        private final Path file;
        private final String s;
        private final char delimiter;
        private final int n;
        private int pos;
        private int line = 1;
        private int width = 8;
        /** The physical line on which the record last returned by {@link #next()} starts. */
        int recordLine;

        Lexer(Path file, String s, char delimiter) {
            this.file = file;
            this.s = s;
            this.delimiter = delimiter;
            this.n = s.length();
        }

        /** The next record's cells, or null at the end of the text. */
        List<String> next() {
            while (pos < n) {               // empty lines do not count as records
                char c = s.charAt(pos);
                if (c == '\n') {
                    pos++;
                } else if (c == '\r') {
                    pos++;
                    if (pos < n && s.charAt(pos) == '\n') {
                        pos++;
                    }
                } else {
                    break;
                }
                line++;
            }
            if (pos >= n) {
                return null;
            }
            recordLine = line;
            List<String> cells = new ArrayList<>(width);
            while (true) {
                String value = pos < n && s.charAt(pos) == '"' ? quoted() : plain();
                cells.add(unneutralise(value.strip()));
                if (pos >= n) {
                    break;
                }
                char c = s.charAt(pos++);
                if (c == delimiter) {
                    continue;
                }
                if (c == '\r' && pos < n && s.charAt(pos) == '\n') {
                    pos++;
                }
                line++;
                break;
            }
            width = cells.size();
            return cells;
        }

        /** An unquoted field: up to the delimiter or the end of the line. */
        private String plain() {
            int start = pos;
            while (pos < n) {
                char c = s.charAt(pos);
                if (c == delimiter || c == '\n' || c == '\r') {
                    break;
                }
                pos++;
            }
            return s.substring(start, pos);
        }

        /** A quoted field, {@code pos} at its opening quote; afterwards at the delimiter or line end. */
        private String quoted() {
            int opened = line;
            int start = ++pos;
            StringBuilder doubled = null;
            String value;
            while (true) {
                int q = s.indexOf('"', pos);
                if (q < 0) {
                    throw malformed(opened, Msg.of("csv.unclosedQuote"));
                }
                countLineBreaks(pos, q);
                if (q + 1 < n && s.charAt(q + 1) == '"') {
                    if (doubled == null) {
                        doubled = new StringBuilder();
                    }
                    doubled.append(s, start, q + 1);
                    pos = q + 2;
                    start = pos;
                    continue;
                }
                value = doubled == null ? s.substring(start, q) : doubled.append(s, start, q).toString();
                pos = q + 1;
                break;
            }
            while (pos < n) {
                char c = s.charAt(pos);
                if (c == delimiter || c == '\n' || c == '\r') {
                    break;
                }
                if (!Character.isWhitespace(c)) {
                    throw malformed(line, Msg.of("csv.afterQuote", String.valueOf(c)));
                }
                pos++;
            }
            return value;
        }

        private void countLineBreaks(int from, int to) {
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= n || s.charAt(i + 1) != '\n'))) {
                    line++;
                }
            }
        }

        private InvalidData malformed(int at, Msg problem) {
            return new InvalidData(Msg.of("csv.invalid", file),
                    List.of(Msg.of("at.fileLine", file, at, Msg.of("csv.malformed", problem))));
        }
    }

    /** Undoes the formula neutralisation our own CSV exports apply, so exports re-import as they were. */
    static String unneutralise(String v) {
        if (v.length() >= 2 && v.charAt(0) == '\'' && CsvOut.needsNeutralising(v.substring(1))) {
            return v.substring(1);
        }
        return v;
    }

    static char delimiter(Path file, String text, String option) {
        String opt = option == null ? "auto" : option;
        switch (opt.toLowerCase(Locale.ROOT)) {
            case ",", "comma" -> {
                return ',';
            }
            case ";", "semicolon" -> {
                return ';';
            }
            case "tab", "\t", "\\t" -> {
                return '\t';
            }
            case "auto" -> { }
            default -> throw new InvalidData("csv.delimiter.unknown", option);
        }
        // Count candidate delimiters outside quotes in the first line that is not empty (the header).
        int[] counts = new int[3];
        char[] candidates = {';', ',', '\t'};
        boolean quoted = false;
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
            start++;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int k = 0; k < 3; k++) {
                    if (c == candidates[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 1; // comma when nothing tells otherwise
        for (int k = 0; k < 3; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return candidates[best];
    }
}
