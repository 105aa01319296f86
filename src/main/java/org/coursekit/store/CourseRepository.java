package org.coursekit.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.coursekit.domain.CertificateSettings;
import org.coursekit.domain.Contact;
import org.coursekit.domain.Course;
import org.coursekit.domain.CourseSummary;
import org.coursekit.domain.Form;
import org.coursekit.domain.MinAttendance;
import org.coursekit.domain.Session;
import org.coursekit.domain.SessionKind;
import org.coursekit.domain.Signatory;

/** Courses, their trainers, signatories and sessions. */
public final class CourseRepository {
    private final Sql sql;

    CourseRepository(Sql sql) {
        this.sql = sql;
    }

    public boolean exists(String id) {
        return sql.count("SELECT COUNT(*) FROM course WHERE id = ?", id) > 0;
    }

    public void insert(Course c) {
        sql.update("""
                INSERT INTO course (id, title, created_at, timezone, language, min_attendance, organisation)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                c.id(), c.title(), sql.now().toString(), c.zoneId(), c.language(), c.minAttendance().toString(),
                c.organisation());
        update(c);
    }

    /** Writes every field of {@code c} but its organisation, which a course keeps (the course must exist). */
    public void update(Course c) {
        CertificateSettings cs = c.certificate();
        sql.update("""
                UPDATE course SET title = ?, organiser = ?, location = ?, timezone = ?, language = ?, capacity = ?,
                    min_attendance = ?, contact_name = ?, contact_email = ?, contact_phone = ?, cert_title = ?,
                    role_title_f = ?, role_title_m = ?, role_title_x = ?, serial_prefix = ?, footer = ?,
                    verify_url = ?, template = ?
                WHERE id = ?""",
                c.title(), c.organiser(), c.location(), c.zoneId(), c.language(), c.capacity(),
                c.minAttendance().toString(), c.contact().name(), c.contact().email(), c.contact().phone(), cs.title(),
                cs.roleTitle().get(Form.F), cs.roleTitle().get(Form.M), cs.roleTitle().get(Form.X), cs.serialPrefix(),
                cs.footer(), cs.verifyUrl(), cs.template(), c.id());
        sql.update("DELETE FROM course_trainer WHERE course_id = ?", c.id());
        for (int i = 0; i < c.trainers().size(); i++) {
            sql.update("INSERT INTO course_trainer (course_id, position, name) VALUES (?, ?, ?)", c.id(), i, c.trainers().get(i));
        }
        sql.update("DELETE FROM course_signatory WHERE course_id = ?", c.id());
        for (int i = 0; i < cs.signatories().size(); i++) {
            Signatory s = cs.signatories().get(i);
            sql.update("INSERT INTO course_signatory (course_id, position, name, role, image) VALUES (?, ?, ?, ?, ?)",
                    c.id(), i, s.name(), s.role(), s.image());
        }
    }

    public Optional<Course> find(String id) {
        return sql.one("SELECT * FROM course WHERE id = ?", this::course, id);
    }

    public List<CourseSummary> list() {
        return sql.list("""
                SELECT * FROM (SELECT c.*,
                    (SELECT COUNT(*) FROM session s WHERE s.course_id = c.id) AS n_sessions,
                    (SELECT MIN(date) FROM session s WHERE s.course_id = c.id) AS first_date,
                    (SELECT MAX(date) FROM session s WHERE s.course_id = c.id) AS last_date,
                    (SELECT COUNT(*) FROM enrolment e WHERE e.course_id = c.id
                        AND e.status IN ('enrolled', 'completed')) AS n_enrolled
                FROM course c) listed
                ORDER BY first_date IS NULL, first_date, id""",
                rs -> new CourseSummary(course(rs), rs.getInt("n_sessions"), Sql.date(rs, "first_date"),
                        Sql.date(rs, "last_date"), rs.getInt("n_enrolled")));
    }

    public void delete(String id) {
        sql.update("DELETE FROM course WHERE id = ?", id);
    }

    private Course course(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        Map<Form, String> roles = new EnumMap<>(Form.class);
        putIfPresent(roles, Form.F, rs.getString("role_title_f"));
        putIfPresent(roles, Form.M, rs.getString("role_title_m"));
        putIfPresent(roles, Form.X, rs.getString("role_title_x"));
        CertificateSettings cs = new CertificateSettings(rs.getString("cert_title"), roles, rs.getString("serial_prefix"),
                signatories(id), rs.getString("footer"), rs.getString("verify_url"), rs.getString("template"));
        int cap = rs.getInt("capacity");
        Integer capacity = rs.wasNull() ? null : cap;
        return new Course(id, rs.getString("title"), rs.getString("organiser"), rs.getString("location"),
                rs.getString("timezone"), rs.getString("language"), capacity,
                MinAttendance.parse(rs.getString("min_attendance")), trainers(id),
                new Contact(rs.getString("contact_name"), rs.getString("contact_email"), rs.getString("contact_phone")), cs,
                rs.getString("organisation"));
    }

    private static void putIfPresent(Map<Form, String> map, Form f, String v) {
        if (v != null) {
            map.put(f, v);
        }
    }

    private List<String> trainers(String courseId) {
        return sql.list("SELECT name FROM course_trainer WHERE course_id = ? ORDER BY position", rs -> rs.getString(1), courseId);
    }

    private List<Signatory> signatories(String courseId) {
        return sql.list("SELECT name, role, image FROM course_signatory WHERE course_id = ? ORDER BY position",
                rs -> new Signatory(rs.getString(1), rs.getString(2), rs.getString(3)), courseId);
    }

    // --- sessions ---------------------------------------------------------------------------

    /** Sessions of a course, by date and start time. */
    public List<Session> sessions(String courseId) {
        return sql.list("SELECT * FROM session WHERE course_id = ? ORDER BY date, start, number", CourseRepository::session, courseId);
    }

    /**
     * Stores a session. A number of 0 means "the next free number" (numbers are never reused);
     * an explicit number must be unused. Returns the number.
     */
    public int insertSession(String courseId, Session s) {
        int next = (int) sql.count("SELECT next_session FROM course WHERE id = ?", courseId);
        int number = s.number() > 0 ? s.number() : next;
        sql.update("""
                INSERT INTO session (course_id, number, date, start, "end", title, kind, counts, required, cancelled, location)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                courseId, number, s.date(), s.start(), s.end(), s.title(), s.kind(), s.counts(), s.required(),
                s.cancelled(), s.location());
        sql.update("UPDATE course SET next_session = ? WHERE id = ?", Math.max(next, number + 1), courseId);
        return number;
    }

    public void updateSession(String courseId, Session s) {
        sql.update("""
                UPDATE session SET date = ?, start = ?, "end" = ?, title = ?, kind = ?, counts = ?, required = ?,
                    cancelled = ?, location = ?, revision = revision + 1
                WHERE course_id = ? AND number = ?""",
                s.date(), s.start(), s.end(), s.title(), s.kind(), s.counts(), s.required(), s.cancelled(), s.location(),
                courseId, s.number());
    }

    /** How often each session was changed (the calendar's SEQUENCE), by number. */
    public java.util.Map<Integer, Integer> sessionRevisions(String courseId) {
        java.util.Map<Integer, Integer> m = new java.util.HashMap<>();
        sql.list("SELECT number, revision FROM session WHERE course_id = ?", rs -> m.put(rs.getInt(1), rs.getInt(2)), courseId);
        return m;
    }

    /** This database's id, part of every calendar UID. */
    public String instanceId() {
        return sql.one("SELECT value FROM meta WHERE key = 'instance'", rs -> rs.getString(1)).orElse("coursekit");
    }

    public void deleteSession(String courseId, int number) {
        sql.update("DELETE FROM session WHERE course_id = ? AND number = ?", courseId, number);
    }

    /** Attendance records of a course (all sessions), or of one session when {@code number > 0}. */
    public long attendanceCount(String courseId, int number) {
        return sql.count("""
                SELECT COUNT(*) FROM attendance a JOIN session s ON s.id = a.session_id
                WHERE s.course_id = ? AND (? = 0 OR s.number = ?)""", courseId, number, number);
    }

    public long enrolmentCount(String courseId) {
        return sql.count("SELECT COUNT(*) FROM enrolment WHERE course_id = ?", courseId);
    }

    static Session session(ResultSet rs) throws SQLException {
        return new Session(rs.getInt("number"), Sql.date(rs, "date"), Sql.time(rs, "start"), Sql.time(rs, "end"),
                rs.getString("title"), SessionKind.parse(rs.getString("kind")), rs.getInt("counts") == 1,
                rs.getInt("required") == 1, rs.getInt("cancelled") == 1, rs.getString("location"));
    }

}
