package org.coursekit.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.coursekit.domain.FileError;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.Msg;
import org.coursekit.domain.NotFound;

/** Reading the files users give: missing is "not found" (exit 3), unreadable an I/O error (exit 6). */
final class InputFile {
    private InputFile() {
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NotFound("file.notFound", file);
        } catch (IOException e) {
            throw new FileError(e, "file.cannotRead", file, e.getMessage());
        }
    }

    /** Parses JSON; malformed JSON is invalid data naming file, line and column under {@code summaryKey}. */
    static JsonNode json(Path file, byte[] bytes, String summaryKey) {
        try {
            return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(bytes);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new InvalidData(Msg.of(summaryKey, file), List.of(Msg.of("at.fileLineColumn", file,
                    loc == null ? 1 : loc.getLineNr(), loc == null ? 1 : loc.getColumnNr(), Msg.of("json.malformed", why))), e);
        } catch (IOException e) {
            throw new FileError(e, "file.cannotRead", file, e.getMessage());
        }
    }
}
