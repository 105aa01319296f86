package org.coursekit.store;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.coursekit.domain.AuditEntry;

/**
 * The audit trail, written in the same transaction as the change it records. What an entry is
 * about is kept in columns (the certificate's {@code serial}, the participants in
 * {@code audit_participant}), so that it is found by them and never by searching the text.
 */
public final class AuditLog {
    private static final String USER = System.getProperty("user.name", "?");
    private static final String PARTICIPANT = "participant ";

    private final Sql sql;

    AuditLog(Sql sql) {
        this.sql = sql;
    }

    /**
     * One entry. {@code serial} is the certificate it is about (or null); {@code participants} every
     * person it concerns, by id.
     */
    public record Entry(String courseId, String action, String subject, String detail, String serial,
                        List<Long> participants) {
        public Entry {
            participants = List.copyOf(participants);
        }

        /**
         * An entry whose subjects follow from its text as coursekit writes it: a serial as the
         * subject of {@code certificate.*}, {@code "participant 7"} as subject or detail.
         */
        public static Entry of(String courseId, String action, String subject, String detail) {
            List<Long> ids = new ArrayList<>(1);
            Long s = participantId(subject);
            Long d = participantId(detail);
            if (s != null) {
                ids.add(s);
            }
            if (d != null && !d.equals(s)) {
                ids.add(d);
            }
            String serial = action.startsWith("certificate.") && s == null ? subject : null;
            return new Entry(courseId, action, subject, detail, serial, ids);
        }
    }

    /** The id in exactly {@code "participant 7"}, else null. */
    private static Long participantId(String text) {
        if (text == null || !text.startsWith(PARTICIPANT) || text.length() == PARTICIPANT.length()
                || text.length() > PARTICIPANT.length() + 18) {
            return null;
        }
        for (int i = PARTICIPANT.length(); i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return null;
            }
        }
        return Long.valueOf(text.substring(PARTICIPANT.length()));
    }

    public void add(String courseId, String action, String subject, String detail) {
        add(Entry.of(courseId, action, subject, detail));
    }

    public void add(Entry e) {
        addAll(List.of(e));
    }

    /** One entry per {@code {subject, detail}} pair, all with the same action (a batch). */
    public void addAll(String courseId, String action, List<String[]> subjectsAndDetails) {
        List<Entry> entries = new ArrayList<>(subjectsAndDetails.size());
        for (String[] sd : subjectsAndDetails) {
            entries.add(Entry.of(courseId, action, sd[0], sd[1]));
        }
        addAll(entries);
    }

    /** The entries in one go, at one time. */
    public void addAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long first = sql.firstNewId("audit", entries.size());
        List<Object[]> rows = new ArrayList<>(entries.size());
        List<Object[]> links = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            long id = first + i;
            rows.add(new Object[] {id, e.courseId(), e.action(), e.subject(), e.detail(), e.serial()});
            for (Long p : new java.util.LinkedHashSet<>(e.participants())) {
                links.add(new Object[] {id, p});
            }
        }
        sql.insertMany("INSERT INTO audit (id, at, os_user, course_id, action, subject, detail, serial) VALUES ",
                "(#0, ?1, ?2, #1, #2, #3, #4, #5)",
                new Object[] {sql.now().truncatedTo(ChronoUnit.SECONDS).toString(), USER}, rows);
        sql.insertMany("INSERT INTO audit_participant (audit_id, participant_id) VALUES ", "(#0, #1)",
                new Object[0], links);
    }

    private static AuditEntry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getString("at"), rs.getString("os_user"), rs.getString("course_id"),
                rs.getString("action"), rs.getString("subject"), rs.getString("detail"));
    }

    /** Entries about one participant (the person they name: erased, certificate holder, attendance changed). */
    public List<AuditEntry> about(long participantId) {
        return sql.list("""
                SELECT a.* FROM audit a WHERE a.id IN (SELECT audit_id FROM audit_participant WHERE participant_id = ?)
                ORDER BY a.id""", AuditLog::entry, participantId);
    }

    /** The newest {@code limit} entries (of one course when given), oldest first. */
    public List<AuditEntry> list(String courseId, int limit) {
        List<AuditEntry> newest = courseId == null
                ? sql.list("SELECT * FROM audit ORDER BY id DESC LIMIT ?", AuditLog::entry, limit)
                : sql.list("SELECT * FROM audit WHERE course_id = ? ORDER BY id DESC LIMIT ?", AuditLog::entry, courseId, limit);
        List<AuditEntry> oldestFirst = new ArrayList<>(newest);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}
