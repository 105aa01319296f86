package org.coursekit.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.coursekit.domain.Certificate;

/** The certificate register and its revisions. */
public final class CertificateRepository {
    private static final String SELECT = """
            SELECT c.*, r.revision, r.file, r.sha256 FROM certificate c
            JOIN certificate_revision r ON r.certificate_id = c.id
              AND r.revision = (SELECT MAX(revision) FROM certificate_revision WHERE certificate_id = c.id)
            """;

    private final Sql sql;

    CertificateRepository(Sql sql) {
        this.sql = sql;
    }

    /** Registers a new certificate with revision 1 (its PDF not yet written); returns its id. */
    public long insert(String courseId, long participantId, int seq, String serial, String code, String fullName,
                       String firstName, String lastName, String form, Map<String, String> values,
                       java.time.LocalDate issuedOn, String file) {
        long id = sql.insert("""
                INSERT INTO certificate (course_id, participant_id, seq, serial, code, full_name, first_name, last_name,
                    form, texts, issued_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                courseId, participantId, seq, serial, code, fullName, firstName, lastName, form, encode(values), issuedOn);
        sql.update("INSERT INTO certificate_revision (certificate_id, revision, file, created_at) VALUES (?, 1, ?, ?)",
                id, file, Instant.now().toString());
        return id;
    }

    /** Starts a new revision (same serial and code) with a new snapshot; returns its number. */
    public int newRevision(long id, String fullName, Map<String, String> values, java.time.LocalDate issuedOn, String file) {
        int next = (int) sql.count("SELECT MAX(revision) + 1 FROM certificate_revision WHERE certificate_id = ?", id);
        sql.update("UPDATE certificate SET full_name = ?, texts = ?, issued_on = ? WHERE id = ?",
                fullName, encode(values), issuedOn, id);
        sql.update("INSERT INTO certificate_revision (certificate_id, revision, file, created_at) VALUES (?, ?, ?, ?)",
                id, next, file, Instant.now().toString());
        return next;
    }

    public void written(long id, int revision, String sha256) {
        sql.update("UPDATE certificate_revision SET sha256 = ? WHERE certificate_id = ? AND revision = ?",
                sha256, id, revision);
    }

    public int maxSeq(String courseId) {
        return (int) sql.count("SELECT COALESCE(MAX(seq), 0) FROM certificate WHERE course_id = ?", courseId);
    }

    public boolean existsFor(String courseId, long participantId) {
        return sql.count("SELECT COUNT(*) FROM certificate WHERE course_id = ? AND participant_id = ?", courseId,
                participantId) > 0;
    }

    public boolean codeExists(String code) {
        return sql.count("SELECT COUNT(*) FROM certificate WHERE code = ?", code) > 0;
    }

    public long countForCourse(String courseId) {
        return sql.count("SELECT COUNT(*) FROM certificate WHERE course_id = ?", courseId);
    }

    public List<Certificate> list(String courseId) {
        return sql.list(SELECT + " WHERE (? IS NULL OR c.course_id = ?) ORDER BY c.course_id, c.seq",
                CertificateRepository::certificate, courseId, courseId);
    }

    public Optional<Certificate> bySerial(String serial) {
        return sql.one(SELECT + " WHERE c.serial = ?", CertificateRepository::certificate, serial);
    }

    public Optional<Certificate> byCode(String code) {
        return sql.one(SELECT + " WHERE c.code = ?", CertificateRepository::certificate, code);
    }

    /** The certificate one of whose revisions has this hash, and that revision's number. */
    public Optional<Map.Entry<Certificate, Integer>> byHash(String sha256) {
        return sql.one("SELECT certificate_id, revision FROM certificate_revision WHERE sha256 = ?",
                rs -> Map.entry(rs.getLong(1), rs.getInt(2)), sha256)
                .flatMap(e -> sql.one(SELECT + " WHERE c.id = ?", CertificateRepository::certificate, e.getKey())
                        .map(c -> Map.entry(c, e.getValue())));
    }

    /** The holder of these certificates was erased: serial, course, date and hashes stay, the name goes. */
    public void anonymise(long participantId) {
        for (Certificate c : sql.list(SELECT + " WHERE c.participant_id = ?", CertificateRepository::certificate, participantId)) {
            Map<String, String> values = new TreeMap<>(c.values());
            for (String k : List.of("fullName", "firstName", "lastName", "qualification")) {
                values.remove(k);
            }
            sql.update("UPDATE certificate SET full_name = '(erased)', first_name = '', last_name = '', form = NULL, "
                    + "texts = ? WHERE id = ?", encode(values), c.id());
            sql.update("UPDATE certificate_revision SET file = ? WHERE certificate_id = ?", c.serial() + ".pdf", c.id());
        }
    }

    public List<Certificate> ofParticipant(long participantId) {
        return sql.list(SELECT + " WHERE c.participant_id = ? ORDER BY c.id", CertificateRepository::certificate, participantId);
    }

    public void revoke(long id, String reason) {
        sql.update("UPDATE certificate SET status = 'revoked', revoked_at = ?, revoke_reason = ? WHERE id = ?",
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), reason, id);
    }

    static Certificate certificate(ResultSet rs) throws SQLException {
        long pid = rs.getLong("participant_id");
        Long participantId = rs.wasNull() ? null : pid;
        return new Certificate(rs.getLong("id"), rs.getString("course_id"), participantId, rs.getInt("seq"),
                rs.getString("serial"), rs.getString("code"), rs.getString("full_name"), decode(rs.getString("texts")),
                Sql.date(rs, "issued_on"), Certificate.Status.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("revoked_at"), rs.getString("revoke_reason"), rs.getInt("revision"), rs.getString("file"),
                rs.getString("sha256"));
    }

    /** The snapshot as Java properties text (the JDK escapes everything; no JSON needed in the store). */
    static String encode(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // drop the timestamp comment line so that equal snapshots are equal text
        return w.toString().lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }

    static Map<String, String> decode(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k));
        }
        return m;
    }
}
