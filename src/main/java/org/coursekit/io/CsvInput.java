package org.coursekit.io;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.coursekit.domain.FileError;
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
            return cells.stream().allMatch(String::isEmpty);
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
        byte[] bytes = InputFile.bytes(file);
        Decoded d = decode(file, bytes, encoding);
        return parse(file, d.text(), d.charset(), delimiter);
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
        char delimiter = delimiter(file, text, delimiterOption);
        int[] lineStarts = lineStarts(text);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            var it = parser.iterator();
            while (true) {
                CSVRecord rec;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    rec = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    int line = (int) parser.getCurrentLineNumber();
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    throw new InvalidData(Msg.of("csv.invalid", file),
                            List.of(Msg.of("at.fileLine", file, Math.max(1, line), Msg.of("csv.malformed", cause.getMessage()))), e);
                }
                int line = lineOf(lineStarts, rec.getCharacterPosition());
                List<String> cells = new ArrayList<>(rec.size());
                for (String v : rec) {
                    cells.add(v == null ? "" : unneutralise(v.strip()));
                }
                if (header == null) {
                    header = cells;
                } else {
                    rows.add(new Row(line, cells));
                }
            }
        } catch (IOException e) {
            throw new FileError(e, "file.cannotRead", file, e.getMessage());
        }
        if (header == null) {
            throw new InvalidData("csv.empty", file);
        }
        return new Table(file, charset, delimiter, header, rows);
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
        // Count candidate delimiters outside quotes in the first line (the header).
        int[] counts = new int[3];
        char[] candidates = {';', ',', '\t'};
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
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

    /** Offsets at which physical lines start; CRLF, LF and a lone CR each end a line. */
    static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    static int lineOf(int[] lineStarts, long offset) {
        int i = Arrays.binarySearch(lineStarts, (int) offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }
}
