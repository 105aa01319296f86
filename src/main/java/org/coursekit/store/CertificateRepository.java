package org.coursekit.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.coursekit.domain.Certificate;

/** The certificate register and its revisions. */
public final class CertificateRepository {
    static final String SELECT = """
            SELECT c.*, r.revision, r.file, r.sha256, r.created_at AS revised_at FROM certificate c
            JOIN certificate_revision r ON r.certificate_id = c.id
              AND r.revision = (SELECT MAX(revision) FROM certificate_revision WHERE certificate_id = c.id)
            """;

    /** What certify verify reads: {@link #SELECT} with the course's title, found by {@code c.code}, {@code c.serial} or {@code c.id}. */
    static String verifiable(String by) {
        return "SELECT v.* FROM (" + SELECT.replace("FROM certificate c", ", k.title AS course_title FROM certificate c")
                + " JOIN course k ON k.id = c.course_id) v WHERE v." + by + " = ?";
    }

    /** The certificate and revision whose PDF has a SHA-256, for certify verify. */
    static final String REVISION_BY_HASH = "SELECT certificate_id, revision FROM certificate_revision WHERE sha256 = ?";

    private final Sql sql;

    CertificateRepository(Sql sql) {
        this.sql = sql;
    }

    /** A certificate to register: what {@link #insertAll} needs of each. */
    public record New(long participantId, int seq, String serial, String code, String fullName, String firstName,
                      String lastName, String form, Map<String, String> values, java.time.LocalDate issuedOn, String file) {
    }

    /**
     * Registers many certificates (revision 1 each, PDF pending) with multi-row INSERTs; the ids
     * are assigned after the highest one (the caller holds the write lock).
     */
    public void insertAll(String courseId, List<New> all) {
        long next = sql.firstNewId("certificate", all.size());
        List<Object[]> certificates = new java.util.ArrayList<>(all.size());
        List<Object[]> revisions = new java.util.ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            New c = all.get(i);
            certificates.add(new Object[] {next + i, c.participantId(), c.seq(), c.serial(), c.code(), c.fullName(),
                c.firstName(), c.lastName(), c.form(), encode(c.values()), c.issuedOn()});
            revisions.add(new Object[] {next + i, c.file()});
        }
        sql.insertMany("""
                INSERT INTO certificate (id, course_id, participant_id, seq, serial, code, full_name, first_name, last_name,
                    form, texts, issued_on) VALUES\s""", "(#0, ?1, #1, #2, #3, #4, #5, #6, #7, #8, #9, #10)",
                new Object[] {courseId}, certificates);
        sql.insertMany("INSERT INTO certificate_revision (certificate_id, revision, file, created_at) VALUES ",
                "(#0, 1, #1, ?1)", new Object[] {sql.now().toString()}, revisions);
    }

    /** The participants of a course who have a certificate (any status). */
    public java.util.Set<Long> participantsWith(String courseId) {
        return new java.util.HashSet<>(sql.list(
                "SELECT participant_id FROM certificate WHERE course_id = ? AND participant_id IS NOT NULL",
                rs -> rs.getLong(1), courseId));
    }

    /** The holders of a course's valid certificates (not revoked). */
    public java.util.Set<Long> validHolders(String courseId) {
        return new java.util.HashSet<>(sql.list(
                "SELECT participant_id FROM certificate WHERE course_id = ? AND status = 'valid' AND participant_id IS NOT NULL",
                rs -> rs.getLong(1), courseId));
    }

    /** Which of {@code codes} are taken already (asked in groups of 500). */
    public java.util.Set<String> takenCodes(java.util.Collection<String> codes) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        List<String> all = new java.util.ArrayList<>(codes);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> group = all.subList(from, Math.min(from + 500, all.size()));
            String marks = String.join(", ", java.util.Collections.nCopies(group.size(), "?"));
            taken.addAll(sql.list("SELECT code FROM certificate WHERE code IN (" + marks + ")", rs -> rs.getString(1),
                    group.toArray()));
        }
        return taken;
    }

    /** Starts a new revision (same serial and code) with a new snapshot; returns its number. */
    public int newRevision(long id, String fullName, Map<String, String> values, java.time.LocalDate issuedOn, String file) {
        int next = (int) sql.count("SELECT MAX(revision) + 1 FROM certificate_revision WHERE certificate_id = ?", id);
        sql.update("UPDATE certificate SET full_name = ?, texts = ?, issued_on = ? WHERE id = ?",
                fullName, encode(values), issuedOn, id);
        sql.update("INSERT INTO certificate_revision (certificate_id, revision, file, created_at) VALUES (?, ?, ?, ?)",
                id, next, file, sql.now().toString());
        return next;
    }

    /** A revision's file name and the SHA-256 recorded for it (null if its PDF was never written). */
    public record RevisionFile(String file, String sha256) {
    }

    /** The file and hash of one revision of a certificate, if there is that revision. */
    public Optional<RevisionFile> revision(long id, int revision) {
        return sql.one("SELECT file, sha256 FROM certificate_revision WHERE certificate_id = ? AND revision = ?",
                rs -> new RevisionFile(rs.getString(1), rs.getString(2)), id, revision);
    }

    public void written(long id, int revision, String sha256) {
        sql.update("UPDATE certificate_revision SET sha256 = ? WHERE certificate_id = ? AND revision = ?",
                sha256, id, revision);
    }

    public int maxSeq(String courseId) {
        return (int) sql.count("SELECT COALESCE(MAX(seq), 0) FROM certificate WHERE course_id = ?", courseId);
    }

    public long countForCourse(String courseId) {
        return sql.count("SELECT COUNT(*) FROM certificate WHERE course_id = ?", courseId);
    }

    /**
     * The certificates of a course (of all courses for null), in order. The snapshots' keys and
     * the texts they share (course, organiser, dates, signatories) are one string each for the
     * whole list, not one per certificate: a batch of 10,000 holds them all at once.
     */
    public List<Certificate> list(String courseId) {
        Strings shared = new Strings();
        if (courseId == null) {
            return sql.list(sql.certificateSelect() + " ORDER BY c.course_id, c.seq", rs -> certificate(rs, shared));
        }
        return sql.list(sql.certificateSelect() + " WHERE c.course_id = ? ORDER BY c.course_id, c.seq",
                rs -> certificate(rs, shared), courseId);
    }

    /** Equal strings made one while a list is read; at most {@link #MAX} of them (the rest are each certificate's own). */
    private static final class Strings {
        private static final int MAX = 4096;
        private final Map<String, String> seen = new java.util.HashMap<>();

        String of(String s) {
            if (s == null) {
                return null;
            }
            String known = seen.get(s);
            if (known != null) {
                return known;
            }
            if (seen.size() < MAX) {
                seen.put(s, s);
            }
            return s;
        }
    }

    public Optional<Certificate> bySerial(String serial) {
        return sql.one(sql.certificateSelect() + " WHERE c.serial = ?", CertificateRepository::certificate, serial);
    }

    public Optional<Certificate> byCode(String code) {
        return sql.one(sql.certificateSelect() + " WHERE c.code = ?", CertificateRepository::certificate, code);
    }

    /** The certificate one of whose revisions has this hash, and that revision's number. */
    public Optional<Map.Entry<Certificate, Integer>> byHash(String sha256) {
        return sql.one("SELECT certificate_id, revision FROM certificate_revision WHERE sha256 = ?",
                rs -> Map.entry(rs.getLong(1), rs.getInt(2)), sha256)
                .flatMap(e -> sql.one(sql.certificateSelect() + " WHERE c.id = ?", CertificateRepository::certificate, e.getKey())
                        .map(c -> Map.entry(c, e.getValue())));
    }

    /** A written revision of a certificate: its number and the SHA-256 of its PDF. */
    public record RevisionHash(long certificateId, int revision, String sha256) {
    }

    /** Every written revision (with a hash) of the certificates of a course (all with {@code courseId} null), by certificate and number. */
    public List<RevisionHash> revisionHashes(String courseId) {
        String q = "SELECT r.certificate_id, r.revision, r.sha256 FROM certificate_revision r JOIN certificate c ON c.id = r.certificate_id"
                + " WHERE r.sha256 IS NOT NULL" + (courseId == null ? "" : " AND c.course_id = ?") + " ORDER BY r.certificate_id, r.revision";
        Sql.RowMapper<RevisionHash> row = rs -> new RevisionHash(rs.getLong(1), rs.getInt(2), rs.getString(3));
        return courseId == null ? sql.list(q, row) : sql.list(q, row, courseId);
    }

    /** A certificate as certify verify shows it, with its course's title. */
    public record Verifiable(Certificate certificate, String courseTitle) {
    }

    /**
     * The certificate with this code ({@code by} "code"), serial ("serial") or id ("id"), for
     * certify verify: of any organisation, also one whose rows the user does not see otherwise (the
     * engine says how: {@code JdbcStore.verifiable}).
     */
    public Optional<Verifiable> verifiable(String by, String value) {
        return sql.one(sql.verifiable(by), rs -> new Verifiable(certificate(rs), rs.getString("course_title")), value);
    }

    /** The certificate one of whose revisions has this hash, and that revision's number, for certify verify (any organisation's). */
    public Optional<Map.Entry<Verifiable, Integer>> verifiableByHash(String sha256) {
        return sql.one(sql.revisionByHash(), rs -> Map.entry(rs.getLong(1), rs.getInt(2)), sha256)
                .flatMap(e -> verifiable("id", String.valueOf(e.getKey())).map(v -> Map.entry(v, e.getValue())));
    }

    /** A certificate's record name and key on one verification site, as derived from its code (hex both). */
    public record SiteKey(long certificateId, String recordId, String key) {
    }

    /** The keys kept for the site with this salt (hex) and iteration count, by certificate id. */
    public Map<Long, SiteKey> siteKeys(String salt, int iterations) {
        Map<Long, SiteKey> keys = new java.util.HashMap<>();
        for (SiteKey k : sql.list("SELECT certificate_id, record_id, record_key FROM site_key WHERE salt = ? AND iterations = ?",
                rs -> new SiteKey(rs.getLong(1), rs.getString(2), rs.getString(3)), salt, iterations)) {
            keys.put(k.certificateId(), k);
        }
        return keys;
    }

    /** Keeps these keys for the site with this salt and iteration count (a key kept already stays as it is). */
    public void keepSiteKeys(String salt, int iterations, List<SiteKey> keys) {
        java.util.Set<Long> kept = new java.util.HashSet<>(siteKeys(salt, iterations).keySet());   // by another run meanwhile
        List<Object[]> rows = new java.util.ArrayList<>(keys.size());
        for (SiteKey k : keys) {
            if (kept.add(k.certificateId())) {
                rows.add(new Object[] {k.certificateId(), k.recordId(), k.key()});
            }
        }
        sql.insertMany("INSERT INTO site_key (certificate_id, salt, iterations, record_id, record_key) VALUES ",
                "(#0, ?1, ?2, #1, #2)", new Object[] {salt, iterations}, rows);
    }

    /** The holder of these certificates was erased: serial, course, date and hashes stay, the name goes. */
    public void anonymise(long participantId) {
        for (Certificate c : sql.list(sql.certificateSelect() + " WHERE c.participant_id = ?", CertificateRepository::certificate, participantId)) {
            sql.update("UPDATE certificate SET full_name = '(erased)', first_name = '', last_name = '', form = NULL, "
                    + "texts = ? WHERE id = ?", encode(withoutHolder(c.values())), c.id());
            sql.update("UPDATE certificate_revision SET file = ? WHERE certificate_id = ?", c.serial() + ".pdf", c.id());
        }
    }

    /** The printed values without those naming the holder (what an erased person's certificate keeps). */
    public static Map<String, String> withoutHolder(Map<String, String> printed) {
        Map<String, String> values = new TreeMap<>(printed);
        for (String k : List.of("fullName", "firstName", "lastName", "qualification")) {
            values.remove(k);
        }
        return values;
    }

    public List<Certificate> ofParticipant(long participantId) {
        return sql.list(sql.certificateSelect() + " WHERE c.participant_id = ? ORDER BY c.id", CertificateRepository::certificate, participantId);
    }

    public void revoke(long id, String reason) {
        sql.update("UPDATE certificate SET status = 'revoked', revoked_at = ?, revoke_reason = ? WHERE id = ?",
                sql.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), reason, id);
    }

    /** Valid again: the revocation's date and reason go (the audit trail keeps both). */
    public void unrevoke(long id) {
        sql.update("UPDATE certificate SET status = 'valid', revoked_at = NULL, revoke_reason = NULL WHERE id = ?", id);
    }

    static Certificate certificate(ResultSet rs) throws SQLException {
        return certificate(rs, null);
    }

    private static Certificate certificate(ResultSet rs, Strings shared) throws SQLException {
        long pid = rs.getLong("participant_id");
        Long participantId = rs.wasNull() ? null : pid;
        String courseId = rs.getString("course_id");
        return new Certificate(rs.getLong("id"), shared == null ? courseId : shared.of(courseId), participantId, rs.getInt("seq"),
                rs.getString("serial"), rs.getString("code"), rs.getString("full_name"), decode(rs.getString("texts"), shared),
                Sql.date(rs, "issued_on"), Certificate.Status.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("revoked_at"), rs.getString("revoke_reason"), rs.getInt("revision"), rs.getString("file"),
                rs.getString("sha256"), rs.getInt("revision") > 1 ? revisedAt(rs.getString("revised_at")) : null);
    }

    /** When a revision was made, to the second ({@code 2019-09-15T08:00:00Z}). */
    private static String revisedAt(String createdAt) {
        try {
            return java.time.Instant.parse(createdAt).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return createdAt;
        }
    }

    /**
     * The snapshot as Java properties text, keys sorted (equal snapshots are equal text), escaped
     * as {@link Properties#store(java.io.Writer, String)} does, so that {@link #decode} (and any
     * properties reader) reads it back. Written out: a batch encodes one snapshot per certificate.
     */
    public static String encode(Map<String, String> values) {
        StringBuilder sb = new StringBuilder(512);
        for (String key : new java.util.TreeSet<>(values.keySet())) {
            escape(sb, key, true);
            sb.append('=');
            escape(sb, values.get(key), false);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void escape(StringBuilder sb, String s, boolean key) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ' ' -> sb.append(i == 0 || key ? "\\ " : " ");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\f' -> sb.append("\\f");
                case '\\', '=', ':', '#', '!' -> sb.append('\\').append(c);
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    public static Map<String, String> decode(String text) {
        return decode(text, null);
    }

    private static Map<String, String> decode(String text, Strings shared) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(shared == null ? k : shared.of(k), shared == null ? p.getProperty(k) : shared.of(p.getProperty(k)));
        }
        return m;
    }
}
