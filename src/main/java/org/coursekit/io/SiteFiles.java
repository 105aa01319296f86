package org.coursekit.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.coursekit.domain.InvalidData;
import org.coursekit.domain.SiteRecord;

/**
 * The files of the static verification site other than the page: {@code site.json} (the site's
 * salt and iteration count, public) and the JSON inside each encrypted record, padded with spaces
 * to one size so that all records are alike from outside.
 */
public final class SiteFiles {
    /** Characters outside the BMP as four UTF-8 bytes, not as two escapes of six (the budget below counts so). */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The most UTF-8 bytes (as JSON text) of one text field once a record has to be shortened. */
    static final int SHORT_TEXT = 600;
    /** The most revisions a shortened record keeps (the newest). */
    static final int SHORT_REVISIONS = 12;
    public static final int FORMAT = 1;

    private SiteFiles() {
    }

    /** The site's parameters, as in {@code site.json}. */
    public record Site(byte[] salt, int iterations) {
    }

    public static byte[] siteJson(Site site) {
        String text = "{\n  \"format\": " + FORMAT + ",\n  \"salt\": \"" + Base64.getEncoder().encodeToString(site.salt())
                + "\",\n  \"iterations\": " + site.iterations() + "\n}\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Reads {@code site.json} back (exit 4 naming the file when it is not one coursekit wrote). */
    public static Site readSite(Path file, byte[] bytes) {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            if (n != null && n.path("format").asInt() == FORMAT && n.path("salt").isTextual()
                    && n.path("iterations").canConvertToInt() && n.path("iterations").asInt() >= 1) {
                byte[] salt = Base64.getDecoder().decode(n.path("salt").asText());
                if (salt.length >= 16) {
                    return new Site(salt, n.path("iterations").asInt());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidData("publish.badSiteFile", file);
    }

    /**
     * The record as JSON padded with spaces to exactly {@code size} bytes. A record that would not
     * fit has its texts cut (at a character, with "…") and only its newest revisions, marked
     * {@code shortened}; coursekit's limits on stored text make that enough.
     */
    public static byte[] recordPlaintext(SiteRecord r, int size) {
        byte[] json = recordJson(r);
        if (json.length > size) {
            List<SiteRecord.Revision> revs = r.revisions();
            if (revs.size() > SHORT_REVISIONS) {
                revs = revs.subList(revs.size() - SHORT_REVISIONS, revs.size());
            }
            json = recordJson(new SiteRecord(r.status(), cut(r.holder()), cut(r.courseTitle()), cut(r.organiser()),
                    r.issuedOn(), cut(r.serial()), r.revokedAt(), cut(r.revokeReason()), revs, r.currentRevision(), true));
            if (json.length > size) {
                throw new IllegalStateException("a shortened record of " + json.length + " bytes");
            }
        }
        byte[] padded = Arrays.copyOf(json, size);
        Arrays.fill(padded, json.length, size, (byte) ' ');
        return padded;
    }

    static byte[] recordJson(SiteRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeNumberField("v", FORMAT);
            g.writeStringField("status", r.status());
            g.writeStringField("holder", r.holder());
            g.writeStringField("courseTitle", r.courseTitle());
            g.writeStringField("organiser", r.organiser());
            g.writeStringField("issuedOn", r.issuedOn());
            g.writeStringField("serial", r.serial());
            g.writeStringField("revokedAt", r.revokedAt());
            g.writeStringField("revokeReason", r.revokeReason());
            g.writeArrayFieldStart("revisions");
            for (SiteRecord.Revision rev : r.revisions()) {
                g.writeStartObject();
                g.writeNumberField("n", rev.number());
                g.writeStringField("sha256", rev.sha256());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("currentRevision", r.currentRevision());
            g.writeBooleanField("shortened", r.shortened());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The record in a decrypted plaintext, or null when it is not one. */
    public static SiteRecord readRecord(byte[] plaintext) {
        try {
            JsonNode n = MAPPER.readTree(plaintext);
            if (n == null || n.path("v").asInt() != FORMAT) {
                return null;
            }
            List<SiteRecord.Revision> revs = new ArrayList<>();
            for (JsonNode rev : n.path("revisions")) {
                revs.add(new SiteRecord.Revision(rev.path("n").asInt(), rev.path("sha256").asText()));
            }
            return new SiteRecord(text(n, "status"), text(n, "holder"), text(n, "courseTitle"), text(n, "organiser"),
                    text(n, "issuedOn"), text(n, "serial"), text(n, "revokedAt"), text(n, "revokeReason"), revs,
                    n.path("currentRevision").asInt(), n.path("shortened").asBoolean());
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** {@code s} cut at a character so that it takes at most {@link #SHORT_TEXT} bytes as JSON text. */
    static String cut(String s) {
        if (s == null) {
            return null;
        }
        int bytes = 0;
        int end = 0;
        int budget = jsonBytes(s) <= SHORT_TEXT ? SHORT_TEXT : SHORT_TEXT - 3;   // room for "…"
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = jsonBytes(cp);
            if (bytes + n > budget) {
                return s.substring(0, end) + "…";
            }
            bytes += n;
            i += Character.charCount(cp);
            end = i;
        }
        return s;
    }

    private static int jsonBytes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            n += jsonBytes(s.codePointAt(i));
        }
        return n;
    }

    private static int jsonBytes(int cp) {
        return cp == '"' || cp == '\\' ? 2 : cp < 0x20 ? 6 : cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
}
