package org.coursekit.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.coursekit.domain.Enrolment;
import org.coursekit.domain.EnrolmentStatus;
import org.coursekit.domain.Form;
import org.coursekit.domain.Participant;
import org.coursekit.domain.ParticipantRow;
import org.coursekit.domain.Values;

/** Participants and their enrolments. */
public final class ParticipantRepository {
    private static final String INSERT = """
            INSERT INTO participant (first_name, last_name, email, email_key, phone, form, birth_date, note,
                created_at, updated_at, organisation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String UPDATE = """
            UPDATE participant SET first_name = ?, last_name = ?, email = ?, email_key = ?, phone = ?, form = ?,
                birth_date = ?, note = ?, updated_at = ? WHERE id = ?""";

    private final Sql sql;
    /** When the people of {@link #insertAll} in this transaction were added: one instant for one import. */
    private String batchNow;

    ParticipantRepository(Sql sql) {
        this.sql = sql;
    }

    /** Inserts a person of organisation {@code org}; returns the new id. */
    public long insert(Participant p, String org) {
        String now = sql.now().toString();
        return sql.insert(INSERT, p.firstName(), p.lastName(), p.email(), Values.emailKey(p.email()), p.phone(),
                p.form(), p.birthDate(), p.note(), now, now, org);
    }

    /**
     * Inserts many participants as one batch; returns their ids in order. The ids are assigned here
     * (after the highest one) instead of being asked for row by row: the caller holds the write lock.
     * Everyone inserted so in one transaction gets the same creation time.
     */
    public long[] insertAll(List<Participant> people, String org) {
        long next = sql.firstNewId("participant", people.size());
        long[] ids = new long[people.size()];
        List<Object[]> rows = new ArrayList<>(people.size());
        for (int i = 0; i < ids.length; i++) {
            Participant p = people.get(i);
            ids[i] = next + i;
            rows.add(new Object[] {ids[i], p.firstName(), p.lastName(), p.email(), Values.emailKey(p.email()), p.phone(),
                p.form(), p.birthDate(), p.note()});
        }
        if (batchNow == null) {
            batchNow = sql.now().toString();
        }
        String now = batchNow;
        sql.insertRows("""
                INSERT INTO participant (id, first_name, last_name, email, email_key, phone, form, birth_date, note,
                    created_at, updated_at, organisation) VALUES\s""", new Object[] {now, now, org}, rows);
        return ids;
    }

    /**
     * Enrols many participants at once (status enrolled, whole course), except those with an
     * enrolment in it already (any status); returns how many were enrolled.
     */
    public int enrolAll(String courseId, List<Long> ids) {
        List<Object[]> rows = new ArrayList<>(ids.size());
        for (long id : ids) {
            rows.add(new Object[] {id});
        }
        return sql.insertMany("INSERT INTO enrolment (course_id, participant_id, status, enrolled_at, updated_at) VALUES ",
                "(?1, #0, 'enrolled', ?2, ?2)", " ON CONFLICT (course_id, participant_id) DO NOTHING",
                new Object[] {courseId, sql.now().toString()}, rows);
    }

    public void update(Participant p) {
        sql.update(UPDATE, p.firstName(), p.lastName(), p.email(), Values.emailKey(p.email()), p.phone(), p.form(),
                p.birthDate(), p.note(), sql.now().toString(), p.id());
    }

    public Optional<Participant> find(long id) {
        return sql.one("SELECT * FROM participant WHERE id = ?", ParticipantRepository::participant, id);
    }

    /** The person of organisation {@code org} with this e-mail address (any case). */
    public Optional<Participant> findByEmail(String org, String email) {
        return sql.one("SELECT * FROM participant WHERE organisation = ? AND email_key = ?",
                ParticipantRepository::participant, org, Values.emailKey(email));
    }

    /** Everyone with this e-mail address (any case), one per organisation at most, by id. */
    public List<Participant> withEmail(String email) {
        return sql.list("SELECT * FROM participant WHERE email_key = ? ORDER BY id", ParticipantRepository::participant,
                Values.emailKey(email));
    }

    /** The organisation a person belongs to; null for an unknown id. */
    public String organisationOf(long id) {
        return sql.one("SELECT organisation FROM participant WHERE id = ?", rs -> rs.getString(1), id).orElse(null);
    }

    /** Moves a person to another organisation (one without courses of theirs yet). */
    public void moveTo(long id, String org) {
        sql.update("UPDATE participant SET organisation = ?, updated_at = ? WHERE id = ?", org, sql.now().toString(), id);
    }

    /** Whether anyone of organisation {@code org} has an e-mail address. */
    public boolean anyWithEmail(String org) {
        return sql.count("SELECT COUNT(*) FROM (SELECT 1 FROM participant WHERE organisation = ? AND email_key IS NOT NULL"
                + " LIMIT 1) AS one", org) > 0;
    }

    /** Ids of the participants of organisation {@code org} with one of these e-mail keys, by key. */
    public Map<String, Long> idsByEmailKey(String org, List<String> keys) {
        Map<String, Long> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        Object[] params = new Object[keys.size() + 1];
        params[0] = org;
        StringBuilder in = new StringBuilder("SELECT email_key, id FROM participant WHERE organisation = ? AND email_key IN (");
        for (int i = 0; i < keys.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
            params[i + 1] = keys.get(i);
        }
        sql.list(in.append(')').toString(), rs -> {
            out.put(rs.getString(1), rs.getLong(2));
            return null;
        }, params);
        return out;
    }

    /** All participants, or those of a course (optionally with one status), by name. */
    public List<ParticipantRow> list(String courseId, EnrolmentStatus status) {
        if (courseId == null) {
            return sql.list("SELECT * FROM participant ORDER BY last_name, first_name, id",
                    rs -> new ParticipantRow(participant(rs), null));
        }
        String select = """
                SELECT p.*, e.status AS enrolment_status FROM participant p
                JOIN enrolment e ON e.participant_id = p.id
                WHERE e.course_id = ?%s
                ORDER BY p.last_name, p.first_name, p.id""";
        Sql.RowMapper<ParticipantRow> row =
                rs -> new ParticipantRow(participant(rs), EnrolmentStatus.parse(rs.getString("enrolment_status")));
        // no "? IS NULL OR": an untyped null parameter is not valid SQL for every engine
        return status == null ? sql.list(select.formatted(""), row, courseId)
                : sql.list(select.formatted(" AND e.status = ?"), row, courseId, status);
    }

    // --- enrolments ---------------------------------------------------------------------------

    public Optional<Enrolment> enrolment(String courseId, long participantId) {
        return sql.one("SELECT * FROM enrolment WHERE course_id = ? AND participant_id = ?",
                ParticipantRepository::enrolment, courseId, participantId);
    }

    /** All enrolments of a course. */
    public List<Enrolment> courseEnrolments(String courseId) {
        return sql.list("SELECT * FROM enrolment WHERE course_id = ? ORDER BY participant_id", ParticipantRepository::enrolment,
                courseId);
    }

    /** The enrolments of a course without their reasons (what the programme report reads). */
    public List<Enrolment> enrolmentStatuses(String courseId) {
        return sql.list("SELECT participant_id, course_id, status, since, NULL AS reason FROM enrolment WHERE course_id = ?"
                + " ORDER BY participant_id", ParticipantRepository::enrolment, courseId);
    }

    /**
     * Form and age group at {@code on} of everyone ever enrolled in a course, for the programme
     * report (on the register through a function that never returns a birth date: {@code JdbcStore.reportPeople}).
     */
    public List<org.coursekit.domain.ReportPerson> reportPeople(String courseId, LocalDate on) {
        return sql.list(sql.reportPeople(), rs -> {
            String form = rs.getString("form");
            String group = rs.getString("age_group");
            return new org.coursekit.domain.ReportPerson(rs.getLong("id"), form == null ? null : Form.parse(form).orElse(null),
                    group != null ? group : org.coursekit.domain.ProgrammeReport.ageGroup(Sql.date(rs, "birth_date"), on));
        }, courseId, on == null ? null : on.toString());
    }

    public List<Enrolment> enrolments(long participantId) {
        return sql.list("""
                SELECT e.* FROM enrolment e JOIN course c ON c.id = e.course_id
                WHERE e.participant_id = ? ORDER BY e.enrolled_at, c.id""",
                ParticipantRepository::enrolment, participantId);
    }

    /** Participants holding a place (enrolled or completed). */
    public long placesTaken(String courseId) {
        return sql.count("SELECT COUNT(*) FROM enrolment WHERE course_id = ? AND status IN ('enrolled', 'completed')",
                courseId);
    }

    public void saveEnrolment(Enrolment e) {
        String now = sql.now().toString();
        sql.update("""
                INSERT INTO enrolment (course_id, participant_id, status, since, reason, enrolled_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (course_id, participant_id) DO UPDATE SET
                    status = excluded.status, since = excluded.since, reason = excluded.reason,
                    updated_at = excluded.updated_at""",
                e.courseId(), e.participantId(), e.status(), e.since(), e.reason(), now, now);
    }

    /** Removes a person's personal data for good; the row (its id) stays so that counts stay right. */
    public void erase(long id) {
        sql.update("""
                UPDATE participant SET first_name = '(erased)', last_name = '', email = NULL, email_key = NULL,
                    phone = NULL, form = NULL, birth_date = NULL, note = NULL, updated_at = ?, erased_at = ?
                WHERE id = ?""", sql.now().toString(), sql.now().toString(), id);
        sql.update("UPDATE enrolment SET reason = NULL WHERE participant_id = ?", id);
    }

    public boolean isErased(long id) {
        return sql.count("SELECT COUNT(*) FROM participant WHERE id = ? AND erased_at IS NOT NULL", id) > 0;
    }

    /**
     * Participants not yet erased whose last course ended before {@code date} (by its last session),
     * and those without any course who were added before it.
     */
    /** The ids of everyone erased so far. */
    public List<Long> erasedIds() {
        return sql.list("SELECT id FROM participant WHERE erased_at IS NOT NULL", rs -> rs.getLong(1));
    }

    public List<Long> inactiveSince(java.time.LocalDate date) {
        return sql.list("""
                SELECT p.id FROM participant p WHERE p.erased_at IS NULL AND (
                    (EXISTS (SELECT 1 FROM enrolment e WHERE e.participant_id = p.id)
                     AND NOT EXISTS (SELECT 1 FROM enrolment e JOIN session s ON s.course_id = e.course_id
                                     WHERE e.participant_id = p.id AND s.date >= ?)
                     AND NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.participant_id = p.id
                                     AND NOT EXISTS (SELECT 1 FROM session s WHERE s.course_id = e.course_id)))
                    OR (NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.participant_id = p.id) AND p.created_at < ?))
                ORDER BY p.id""", rs -> rs.getLong(1), date, date.toString());
    }

    public void setStatus(String courseId, long participantId, EnrolmentStatus status) {
        sql.update("UPDATE enrolment SET status = ?, updated_at = ? WHERE course_id = ? AND participant_id = ?",
                status, sql.now().toString(), courseId, participantId);
    }

    static Participant participant(ResultSet rs) throws SQLException {
        String form = rs.getString("form");
        return new Participant(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("email"), rs.getString("phone"), form == null ? null : Form.parse(form).orElse(null),
                Sql.date(rs, "birth_date"), rs.getString("note"));
    }

    /** {@link #reportPeople}: two parameters, the course and the date (unused here: the age is counted in Java). */
    static final String REPORT_PEOPLE = "SELECT p.id, p.form, p.birth_date, NULL AS age_group FROM participant p"
            + " JOIN enrolment e ON e.participant_id = p.id WHERE e.course_id = ? AND (? IS NULL OR 1 = 1) ORDER BY p.id";

    static Enrolment enrolment(ResultSet rs) throws SQLException {
        LocalDate since = Sql.date(rs, "since");
        return new Enrolment(rs.getLong("participant_id"), rs.getString("course_id"),
                EnrolmentStatus.parse(rs.getString("status")), since, rs.getString("reason"));
    }
}
