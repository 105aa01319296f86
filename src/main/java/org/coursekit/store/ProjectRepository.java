package org.coursekit.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.coursekit.domain.Project;

/** The projects alumni started or joined. */
public final class ProjectRepository {
    private final Sql sql;

    ProjectRepository(Sql sql) {
        this.sql = sql;
    }

    /** Stores a new project; returns its id. */
    public long insert(Project p) {
        return sql.insert("INSERT INTO project (participant_id, course_id, title, since, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                p.participantId(), p.courseId(), p.title(), p.since(), p.note(), sql.now().toString());
    }

    public Optional<Project> find(long id) {
        return sql.one("SELECT * FROM project WHERE id = ?", ProjectRepository::project, id);
    }

    public void delete(long id) {
        sql.update("DELETE FROM project WHERE id = ?", id);
    }

    /** All projects, or those that came of a course, by id. */
    public List<Project> list(String courseId) {
        return courseId == null
                ? sql.list("SELECT * FROM project ORDER BY id", ProjectRepository::project)
                : sql.list("SELECT * FROM project WHERE course_id = ? ORDER BY id", ProjectRepository::project, courseId);
    }

    /** The projects that came of a course, without their notes (what the programme report reads). */
    public List<Project> unnamed(String courseId) {
        return sql.list("SELECT id, participant_id, course_id, title, since, NULL AS note FROM project WHERE course_id = ?"
                + " ORDER BY id", ProjectRepository::project, courseId);
    }

    /** A person's projects, by id. */
    public List<Project> ofParticipant(long participantId) {
        return sql.list("SELECT * FROM project WHERE participant_id = ? ORDER BY id", ProjectRepository::project,
                participantId);
    }

    /** Erasure: the person's projects stay, without them and without the note about them. */
    public void unname(long participantId) {
        sql.update("UPDATE project SET participant_id = NULL, note = NULL WHERE participant_id = ?", participantId);
    }

    static Project project(ResultSet rs) throws SQLException {
        long pid = rs.getLong("participant_id");
        Long participant = rs.wasNull() ? null : pid;
        return new Project(rs.getLong("id"), participant, rs.getString("course_id"), rs.getString("title"),
                Sql.date(rs, "since"), rs.getString("note"));
    }
}
