package org.coursekit.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.coursekit.domain.Attendance;
import org.coursekit.domain.AttendanceChange;
import org.coursekit.domain.AttendanceStatus;

/** Who came to which session. */
public final class AttendanceRepository {
    private final Sql sql;

    AttendanceRepository(Sql sql) {
        this.sql = sql;
    }

    /** A record that held another status before. */
    public record Change(long participantId, int session, String from, String to) {
        /** As the audit trail shows it: "participant 5, session 3: present -> absent". */
        public String text() {
            return "participant " + participantId + ", session " + session + ": " + from + " -> " + to;
        }
    }

    /** Records (or overwrites) statuses; returns the changes of existing records. */
    public List<AttendanceChange> record(String courseId, List<Attendance> records) {
        String now = sql.now().toString();
        List<AttendanceChange> changed = new java.util.ArrayList<>();
        try (PreparedStatement before = sql.connection().prepareStatement("""
                SELECT a.status FROM attendance a JOIN session s ON s.id = a.session_id
                WHERE s.course_id = ? AND s.number = ? AND a.participant_id = ?""");
             PreparedStatement upsert = sql.connection().prepareStatement("""
                INSERT INTO attendance (session_id, participant_id, status, recorded_at)
                SELECT id, ?, ?, ? FROM session WHERE course_id = ? AND number = ?
                ON CONFLICT (session_id, participant_id) DO UPDATE SET
                    status = excluded.status, recorded_at = excluded.recorded_at""")) {
            for (Attendance a : records) {
                Sql.bind(before, courseId, a.session(), a.participantId());
                try (var rs = before.executeQuery()) {
                    if (rs.next() && !rs.getString(1).equals(a.status().id())) {
                        changed.add(new AttendanceChange(a.participantId(), a.session(), rs.getString(1), a.status().id()));
                    }
                }
                Sql.bind(upsert, a.participantId(), a.status(), now, courseId, a.session());
                upsert.executeUpdate();
            }
        } catch (SQLException e) {
            throw sql.translate(e);
        }
        return changed;
    }

    /**
     * Removes the records of one session: all of them ({@code participantIds} null), or those of
     * these people. Returns how many were removed.
     */
    public int clear(String courseId, int session, List<Long> participantIds) {
        String bySession = "DELETE FROM attendance WHERE session_id = (SELECT id FROM session WHERE course_id = ? AND number = ?)";
        if (participantIds == null) {
            return sql.update(bySession, courseId, session);
        }
        int n = 0;
        for (long id : new java.util.LinkedHashSet<>(participantIds)) {
            n += sql.update(bySession + " AND participant_id = ?", courseId, session, id);
        }
        return n;
    }

    /** All records of a course, or of one session when {@code session > 0}. */
    public List<Attendance> list(String courseId, int session) {
        return sql.list("""
                SELECT a.participant_id, s.number, a.status FROM attendance a JOIN session s ON s.id = a.session_id
                WHERE s.course_id = ? AND (? = 0 OR s.number = ?)
                ORDER BY s.date, s.start, s.number, a.participant_id""",
                rs -> new Attendance(rs.getLong(1), rs.getInt(2), AttendanceStatus.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT))),
                courseId, session, session);
    }
}
