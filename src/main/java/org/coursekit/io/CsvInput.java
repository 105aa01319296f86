package org.coursekit.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
     * large file uses. The file is decoded as it is read, so memory does not grow with its size:
     * a NUL byte (a binary file, {@code /dev/zero}), bytes that are not in the file's encoding and a
     * record longer than {@link #MAX_RECORD_CHARS} are invalid data naming the file and line.
     */
    public static Records open(Path file, String delimiter, String encoding) {
        Source source = new Source(file, InputFile.open(file), encoding);
        try {
            return records(file, source, delimiter);
        } catch (RuntimeException | Error e) {
            source.close();
            throw e;
        }
    }

    /** The longest record (line, or lines of one quoted field) read: far more than any real one. */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    /** A file's records after its header, one at a time; closed at the end of the file or by {@link #close()}. */
    public static final class Records implements AutoCloseable {
        private final Path file;
        private final CharSource source;
        private final char delimiter;
        private final List<String> header;
        private final int headerLine;
        private final Lexer lexer;

        private Records(Path file, CharSource source, char delimiter, List<String> header, Lexer lexer) {
            this.file = file;
            this.source = source;
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

        /** The file's encoding; when detected, as far as read (a file is UTF-8 until a byte says otherwise). */
        public Charset charset() {
            return source.charset();
        }

        public char delimiter() {
            return delimiter;
        }

        public List<String> header() {
            return header;
        }

        /** Characters read so far (of the decoded text, header included): with the file's size, an estimate of its rows. */
        public long charsRead() {
            return lexer.charsRead();
        }

        /** The next row, or null after the last; {@link InvalidData} naming the line for malformed CSV. */
        public Row next() {
            try {
                List<String> cells = lexer.next();
                if (cells == null) {
                    source.close();
                    return null;
                }
                return new Row(lexer.recordLine, cells);
            } catch (RuntimeException | Error e) {
                source.close();
                throw e;
            }
        }

        Table all() {
            try {
                List<Row> rows = new ArrayList<>();
                for (Row r = next(); r != null; r = next()) {
                    rows.add(r);
                }
                return new Table(file, charset(), delimiter, header, rows);
            } finally {
                close();
            }
        }

        @Override
        public void close() {
            source.close();
        }
    }

    /** Where the lexer gets its text: a decoded file, or a string for tests. */
    private interface CharSource {
        /** Like {@link java.io.Reader#read(char[], int, int)}: at least one character, or -1 at the end. */
        int read(char[] dst, int off, int len);

        Charset charset();

        default void close() {
        }
    }

    /**
     * Decodes a file as it is read, counting lines so that a problem can be named by line and column.
     * With {@code --encoding=auto} and no byte-order mark, the file is read as UTF-8; if a byte that is
     * not UTF-8 comes before any other non-ASCII character, it is read as Windows-1252 from there on
     * (the same for what came before); after a UTF-8 character it is a mistake in the file.
     */
    private static final class Source implements CharSource {
        private final Path file;
        private final InputStream in;
        private final byte[] bytes = new byte[1 << 16];
        private final ByteBuffer buf = ByteBuffer.wrap(bytes).limit(0);
        private Charset charset;
        private CharsetDecoder decoder;
        private boolean detecting;
        private boolean sawNonAscii;
        private boolean inputEnded;
        private boolean done;
        private boolean closed;
        /** Characters delivered so far, the current line, where it starts and where the last CR was. */
        private long chars;
        private int line = 1;
        private long lineStart;
        private long lastCr = -2;

        Source(Path file, InputStream in, String encoding) {
            this.file = file;
            this.in = in;
            try {
                while (buf.limit() < 3 && readBytes()) {
                    // enough for a byte-order mark
                }
                String enc = encoding == null ? "auto" : encoding.toLowerCase(Locale.ROOT);
                Charset bom = null;
                int skip = 0;
                if (starts(0xEF, 0xBB, 0xBF)) {
                    bom = StandardCharsets.UTF_8;
                    skip = 3;
                } else if (starts(0xFF, 0xFE)) {
                    bom = StandardCharsets.UTF_16LE;
                    skip = 2;
                } else if (starts(0xFE, 0xFF)) {
                    bom = StandardCharsets.UTF_16BE;
                    skip = 2;
                }
                Charset cs;
                switch (enc) {
                    case "auto" -> cs = bom;
                    case "utf-8", "utf8" -> cs = bom == null ? StandardCharsets.UTF_8 : bom;
                    case "windows-1252", "cp1252", "latin1", "iso-8859-1" -> {
                        cs = WINDOWS_1252;
                        skip = 0;
                    }
                    default -> throw new InvalidData("csv.encoding.unknown", encoding);
                }
                buf.position(skip);
                detecting = cs == null;
                use(cs == null ? StandardCharsets.UTF_8 : cs);
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }

        private boolean starts(int... b) {
            if (buf.limit() < b.length) {
                return false;
            }
            for (int i = 0; i < b.length; i++) {
                if ((bytes[i] & 0xFF) != b[i]) {
                    return false;
                }
            }
            return true;
        }

        private void use(Charset cs) {
            charset = cs;
            decoder = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        @Override
        public Charset charset() {
            return charset;
        }

        /** Reads more bytes after those not yet decoded; false at the end of the file. */
        private boolean readBytes() {
            if (inputEnded) {
                return false;
            }
            buf.compact();
            try {
                int n = in.read(bytes, buf.position(), buf.remaining());
                if (n < 0) {
                    inputEnded = true;
                } else {
                    buf.position(buf.position() + n);
                }
            } catch (IOException e) {
                throw new FileError(e, "file.cannotRead", file, e.getMessage());
            } finally {
                buf.flip();
            }
            return !inputEnded;
        }

        @Override
        public int read(char[] dst, int off, int len) {
            if (done) {
                return -1;
            }
            CharBuffer out = CharBuffer.wrap(dst, off, len);
            while (true) {
                int before = out.position();
                boolean last = inputEnded;
                CoderResult r = decoder.decode(buf, out, last);
                scan(dst, before, out.position());
                if (r.isError()) {
                    if (detecting && !sawNonAscii) {
                        detecting = false;  // only ASCII so far, which Windows-1252 reads alike
                        use(WINDOWS_1252);
                        continue;
                    }
                    throw new InvalidData(Msg.of("csv.invalid", file), List.of(Msg.of("at.fileLineColumn", file, line,
                            chars - lineStart + 1, Msg.of("csv.encoding.invalid", charset.name(),
                                    InputFile.hex(bytes, buf.position(), r.length())))));
                }
                if (r.isUnderflow() && last) {
                    decoder.flush(out);     // nothing for these charsets
                    done = true;
                    close();
                }
                if (out.position() > off) {
                    return out.position() - off;
                }
                if (done) {
                    return -1;
                }
                if (r.isUnderflow()) {
                    readBytes();            // at the end, the next round decodes what is left as the last input
                }
            }
        }

        /** Counts the lines of freshly decoded characters; refuses a NUL. */
        private void scan(char[] a, int from, int to) {
            long at = chars - from;
            for (int i = from; i < to; i++) {
                char c = a[i];
                if (c <= '\r') {
                    if (c == '\n') {
                        if (lastCr != at + i - 1) {
                            line++;
                        }
                        lineStart = at + i + 1;
                    } else if (c == '\r') {
                        line++;
                        lastCr = at + i;
                        lineStart = at + i + 1;
                    } else if (c == 0) {
                        chars = at + i;
                        throw new InvalidData(Msg.of("csv.invalid", file), List.of(Msg.of("at.fileLineColumn", file,
                                line, chars - lineStart + 1, Msg.of("csv.binary"))));
                    }
                } else if (c > 0x7F) {
                    sawNonAscii = true;
                }
            }
            chars = at + to;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                try {
                    in.close();
                } catch (IOException e) {
                    // nothing was written
                }
            }
        }
    }

    /** Text in hand, for tests of the lexer: handed over at most {@code piece} characters at a time. */
    private record StringSource(String text, Charset charset, int piece, int[] pos) implements CharSource {
        @Override
        public int read(char[] dst, int off, int len) {
            int n = Math.min(Math.min(len, piece), text.length() - pos[0]);
            if (n <= 0) {
                return -1;
            }
            text.getChars(pos[0], pos[0] + n, dst, off);
            pos[0] += n;
            return n;
        }
    }

    static Table parse(Path file, String text, Charset charset, String delimiterOption) {
        return parse(file, text, charset, delimiterOption, 1 << 16, Integer.MAX_VALUE);
    }

    /** As read from a file, with a buffer of {@code capacity} characters at first, refilled {@code piece} at a time. */
    static Table parse(Path file, String text, Charset charset, String delimiterOption, int capacity, int piece) {
        return records(file, new StringSource(text, charset, piece, new int[1]), delimiterOption, capacity).all();
    }

    private static Records records(Path file, CharSource source, String delimiterOption) {
        return records(file, source, delimiterOption, 1 << 16);
    }

    private static Records records(Path file, CharSource source, String delimiterOption, int capacity) {
        Lexer lexer = new Lexer(file, source, capacity);
        lexer.prime();
        char delimiter = delimiter(file, CharBuffer.wrap(lexer.buf, 0, lexer.end), delimiterOption);
        lexer.delimiter = delimiter;
        List<String> header = lexer.next();
        if (header == null) {
            throw new InvalidData("csv.empty", file);
        }
        return new Records(file, source, delimiter, header, lexer);
    }

    /**
     * Splits the text into records the way Commons CSV's RFC 4180 format does with empty lines
     * ignored (a property test holds the two equal), in one pass over a buffer refilled from the
     * source: a quoted field may hold delimiters, line breaks and doubled quotes; a quote inside
     * an unquoted field is an ordinary character; whitespace may follow a closing quote. Cells come
     * out stripped and with our own exports' formula neutralisation undone. The buffer keeps only the
     * field in hand, and a record may not grow beyond {@link #MAX_RECORD_CHARS}.
     */
    private static final class Lexer {
        private final Path file;
        private final CharSource source;
        char delimiter;
        char[] buf;
        int end;
        private int pos;
        /** The start of what the buffer must keep when refilled: the field in hand. */
        private int mark;
        /** Characters before {@code buf[0]}, and the position of the record in hand's first one. */
        private long base;
        private long recordStart;
        private boolean eof;
        private int line = 1;
        private int width = 8;
        /** The physical line on which the record last returned by {@link #next()} starts. */
        int recordLine;

        Lexer(Path file, CharSource source, int capacity) {
            this.file = file;
            this.source = source;
            this.buf = new char[capacity];
        }

        long charsRead() {
            return base + pos;
        }

        /** Fills the first buffer, for guessing the delimiter from the header. */
        void prime() {
            while (end < buf.length / 2 && fill()) {
                // more
            }
        }

        /** Reads more text after {@code end}, keeping {@code buf[mark..]}; false at the end of the text. */
        private boolean fill() {
            if (eof) {
                return false;
            }
            if (base + end - recordStart > MAX_RECORD_CHARS) {
                throw new InvalidData(Msg.of("csv.invalid", file),
                        List.of(Msg.of("at.fileLine", file, recordLine, Msg.of("csv.tooLong", MAX_RECORD_CHARS >> 20))));
            }
            if (mark > 0) {
                System.arraycopy(buf, mark, buf, 0, end - mark);
                pos -= mark;
                end -= mark;
                base += mark;
                mark = 0;
            }
            if (buf.length - end < 2) {        // room for two characters at least (a surrogate pair)
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = source.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
                return false;
            }
            end += n;
            return true;
        }

        /** Whether {@code buf[pos]} exists, reading more if needed ({@code buf[mark..]} kept). */
        private boolean has() {
            return pos < end || fill();
        }

        /** The next record's cells, or null at the end of the text. */
        List<String> next() {
            while (true) {                  // empty lines do not count as records
                mark = pos;
                recordStart = base + pos;
                recordLine = line;
                if (!has()) {
                    return null;
                }
                char c = buf[pos];
                if (c == '\n') {
                    pos++;
                } else if (c == '\r') {
                    pos++;
                    mark = pos;
                    if (has() && buf[pos] == '\n') {
                        pos++;
                    }
                } else {
                    break;
                }
                line++;
            }
            List<String> cells = new ArrayList<>(width);
            while (true) {
                mark = pos;
                String value = has() && buf[pos] == '"' ? quoted() : plain();
                cells.add(unneutralise(value.strip()));
                mark = pos;
                if (!has()) {
                    break;
                }
                char c = buf[pos++];
                if (c == delimiter) {
                    continue;
                }
                if (c == '\r') {
                    mark = pos;
                    if (has() && buf[pos] == '\n') {
                        pos++;
                    }
                }
                line++;
                break;
            }
            width = cells.size();
            return cells;
        }

        /** An unquoted field: up to the delimiter or the end of the line. */
        private String plain() {
            char d = delimiter;
            while (true) {
                char[] b = buf;
                int p = pos;
                int e = end;
                while (p < e) {
                    char c = b[p];
                    if (c == d || c == '\n' || c == '\r') {
                        pos = p;
                        return new String(b, mark, p - mark);
                    }
                    p++;
                }
                pos = p;
                if (!fill()) {
                    return new String(buf, mark, pos - mark);
                }
            }
        }

        /** A quoted field, {@code pos} at its opening quote; afterwards at the delimiter or line end. */
        private String quoted() {
            int opened = line;
            mark = ++pos;
            StringBuilder doubled = null;
            String value;
            while (true) {
                if (!has()) {
                    throw malformed(opened, Msg.of("csv.unclosedQuote"));
                }
                char c = buf[pos];
                if (c == '"') {
                    if (pos + 1 >= end) {
                        fill();
                    }
                    if (pos + 1 < end && buf[pos + 1] == '"') {
                        if (doubled == null) {
                            doubled = new StringBuilder();
                        }
                        doubled.append(buf, mark, pos + 1 - mark);
                        pos += 2;
                        mark = pos;
                        continue;
                    }
                    value = doubled == null ? new String(buf, mark, pos - mark)
                            : doubled.append(buf, mark, pos - mark).toString();
                    pos++;
                    break;
                }
                if (c == '\r' || (c == '\n' && (pos == mark || buf[pos - 1] != '\r'))) {
                    line++;
                }
                pos++;
            }
            mark = pos;
            while (has()) {
                char c = buf[pos];
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

    static char delimiter(Path file, CharSequence text, String option) {
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
