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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.coursekit.domain.FileError;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.Msg;
import org.coursekit.domain.NotFound;

/**
 * Reading the files users give: missing is "not found" (exit 3), unreadable an I/O error (exit 6).
 * Whole-file reads are limited in size, so that a wrong file (a disk image, {@code /dev/zero}, a
 * pipe that never ends) is refused at once instead of filling the memory.
 */
final class InputFile {
    /** The most a course file or a certificate template may hold: far more than any real one. */
    static final int MAX_JSON_BYTES = 4 << 20;

    private InputFile() {
    }

    /**
     * Jackson's mapper, made on the first JSON file: a CSV import reads its file through this class
     * too, and should not load Jackson's few hundred classes for it (nor the launcher's everyday
     * class cache hold them).
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Opens a file for reading, with the same errors as {@link #bytes}. */
    static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new NotFound("file.notFound", file);
        } catch (IOException e) {
            throw new FileError(e, "file.cannotRead", file, e.getMessage());
        }
    }

    /** The whole file, refused (exit 4) beyond {@code limit} bytes after reading at most one byte more. */
    static byte[] bytes(Path file, int limit) {
        try (InputStream in = open(file)) {
            byte[] b = in.readNBytes(limit + 1);
            if (b.length > limit) {
                throw new InvalidData("file.tooLarge", file, limit >> 20);
            }
            return b;
        } catch (IOException e) {
            throw new FileError(e, "file.cannotRead", file, e.getMessage());
        }
    }

    /**
     * Parses JSON strictly: malformed JSON, bytes that are not UTF-8 (or UTF-16 after its byte-order
     * mark), a lone surrogate such as {@code "\ud800"} and a name given twice in one object are
     * invalid data naming file, line and column under {@code summaryKey}.
     */
    static JsonNode json(Path file, byte[] bytes, String summaryKey) {
        String text = decodeJson(file, bytes, summaryKey);
        try {
            check(file, text, summaryKey);
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new InvalidData(Msg.of(summaryKey, file), List.of(Msg.of("at.fileLineColumn", file,
                    loc == null ? 1 : loc.getLineNr(), loc == null ? 1 : loc.getColumnNr(), Msg.of("json.malformed", why))), e);
        } catch (IOException e) {
            throw new FileError(e, "file.cannotRead", file, e.getMessage());
        }
    }

    /** The text of a JSON file: UTF-8, or UTF-16 after a byte-order mark; a leading BOM is dropped. */
    private static String decodeJson(Path file, byte[] bytes, String summaryKey) {
        int offset = 0;
        Charset cs = StandardCharsets.UTF_8;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            offset = 3;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            offset = 2;
            cs = StandardCharsets.UTF_16LE;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            offset = 2;
            cs = StandardCharsets.UTF_16BE;
        }
        CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = dec.decode(in, out, true);
        if (r.isUnderflow()) {
            r = dec.flush(out);
        }
        if (r.isError()) {
            int[] lc = lineColumn(out.array(), out.position());
            String bad = hex(bytes, in.position(), r.length());
            throw new InvalidData(Msg.of(summaryKey, file), List.of(Msg.of("at.fileLineColumn", file, lc[0], lc[1],
                    Msg.of("json.encoding", cs.name(), bad))));
        }
        out.flip();
        return out.toString();
    }

    /** Walks the tokens for what Jackson lets pass: names given twice in an object, lone surrogates. */
    private static void check(Path file, String text, String summaryKey) throws IOException {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(text)) {
            Deque<Set<String>> names = new ArrayDeque<>();
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_OBJECT -> names.push(new HashSet<>());
                    case END_OBJECT -> names.pop();
                    case FIELD_NAME -> {
                        String name = p.currentName();
                        lone(file, p, name, summaryKey);
                        if (!names.isEmpty() && !names.peek().add(name)) {
                            throw invalid(file, p.currentTokenLocation(), summaryKey, Msg.of("json.duplicate", name));
                        }
                    }
                    case VALUE_STRING -> lone(file, p, p.getText(), summaryKey);
                    default -> { }
                }
            }
        }
    }

    private static void lone(Path file, JsonParser p, String s, String summaryKey) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid(file, p.currentTokenLocation(), summaryKey,
                        Msg.of("json.loneSurrogate", HexFormat.of().withUpperCase().toHexDigits(c)));
            }
        }
    }

    private static InvalidData invalid(Path file, JsonLocation loc, String summaryKey, Msg problem) {
        return new InvalidData(Msg.of(summaryKey, file),
                List.of(Msg.of("at.fileLineColumn", file, loc.getLineNr(), loc.getColumnNr(), problem)));
    }

    /** The line and column (both from 1) after {@code n} characters, counting CRLF, LF and CR as line ends. */
    static int[] lineColumn(char[] text, int n) {
        int line = 1;
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= n || text[i + 1] != '\n'))) {
                line++;
                start = i + 1;
            }
        }
        return new int[] {line, n - start + 1};
    }

    /** Bytes as {@code 0xED 0xA0}, at most four of them. */
    static String hex(byte[] bytes, int from, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(bytes.length, from + Math.max(1, Math.min(length, 4))); i++) {
            sb.append(sb.isEmpty() ? "" : " ").append(String.format("0x%02X", bytes[i] & 0xFF));
        }
        return sb.toString();
    }
}
