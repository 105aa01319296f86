package org.coursekit.store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which reminders were exported (with --once), so that the next run skips them. */
public final class ReminderLog {
    private final Sql sql;

    ReminderLog(Sql sql) {
        this.sql = sql;
    }

    /** Keys {@code course/session/participant} already exported in this format. */
    public Set<String> exported(String format) {
        return new HashSet<>(sql.list("SELECT course_id, session_number, participant_id FROM reminder_log WHERE format = ?",
                rs -> key(rs.getString(1), rs.getInt(2), rs.getLong(3)), format));
    }

    public void add(String format, List<Object[]> entries) {
        String now = sql.now().toString();
        for (Object[] e : entries) {
            sql.update("""
                    INSERT INTO reminder_log (course_id, session_number, participant_id, format, exported_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", e[0], e[1], e[2], format, now);
        }
    }

    public static String key(String courseId, int session, long participantId) {
        return courseId + "/" + session + "/" + participantId;
    }
}
