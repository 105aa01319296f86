package org.coursekit.store;

import java.time.temporal.ChronoUnit;
import java.util.List;

import org.coursekit.domain.AuditEntry;

/** The audit trail, written in the same transaction as the change it records. */
public final class AuditLog {
    private static final String USER = System.getProperty("user.name", "?");

    private final Sql sql;

    AuditLog(Sql sql) {
        this.sql = sql;
    }

    public void add(String courseId, String action, String subject, String detail) {
        sql.update("INSERT INTO audit (at, os_user, course_id, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)",
                sql.now().truncatedTo(ChronoUnit.SECONDS).toString(), USER, courseId, action, subject, detail);
    }

    /** One entry per {@code {subject, detail}} pair, all with the same action (a batch). */
    public void addAll(String courseId, String action, List<String[]> subjectsAndDetails) {
        List<Object[]> rows = new java.util.ArrayList<>(subjectsAndDetails.size());
        for (String[] sd : subjectsAndDetails) {
            rows.add(new Object[] {sd[0], sd[1]});
        }
        sql.insertMany("INSERT INTO audit (at, os_user, course_id, action, subject, detail) VALUES ",
                "(?1, ?2, ?3, ?4, #0, #1)",
                new Object[] {sql.now().truncatedTo(ChronoUnit.SECONDS).toString(), USER, courseId, action}, rows);
    }

    /** Entries about one participant (their id as subject, or named in the details). */
    public List<AuditEntry> about(long participantId) {
        return sql.list("""
                SELECT * FROM audit WHERE subject = ? OR detail = ? OR detail LIKE ? OR detail LIKE ? ORDER BY id""",
                rs -> new AuditEntry(rs.getLong("id"), rs.getString("at"), rs.getString("os_user"), rs.getString("course_id"),
                        rs.getString("action"), rs.getString("subject"), rs.getString("detail")),
                "participant " + participantId, "participant " + participantId,
                "%participant " + participantId + ",%", "%participant " + participantId + ";%");
    }

    /** The newest {@code limit} entries (of one course when given), oldest first. */
    public List<AuditEntry> list(String courseId, int limit) {
        Sql.RowMapper<AuditEntry> entry =
                rs -> new AuditEntry(rs.getLong("id"), rs.getString("at"), rs.getString("os_user"), rs.getString("course_id"),
                        rs.getString("action"), rs.getString("subject"), rs.getString("detail"));
        List<AuditEntry> newest = courseId == null
                ? sql.list("SELECT * FROM audit ORDER BY id DESC LIMIT ?", entry, limit)
                : sql.list("SELECT * FROM audit WHERE course_id = ? ORDER BY id DESC LIMIT ?", entry, courseId, limit);
        List<AuditEntry> oldestFirst = new java.util.ArrayList<>(newest);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}
