package org.coursekit.store;

import java.util.List;

import org.coursekit.domain.Organisation;

/** The organisations; every course and every participant belongs to one. */
public final class OrganisationRepository {
    private final Sql sql;

    OrganisationRepository(Sql sql) {
        this.sql = sql;
    }

    public boolean exists(String id) {
        return sql.count("SELECT COUNT(*) FROM organisation WHERE id = ?", id) > 0;
    }

    public void insert(String id, String name) {
        sql.update("INSERT INTO organisation (id, name, created_at) VALUES (?, ?, ?)", id, name, sql.now().toString());
    }

    /** Ids of the people of {@code from} whose e-mail address someone of {@code to} has too. */
    public List<Long> sharedAddresses(String from, String to) {
        return sql.list("""
                SELECT a.id FROM participant a JOIN participant b ON b.email_key = a.email_key
                WHERE a.organisation = ? AND b.organisation = ? ORDER BY a.id""", rs -> rs.getLong(1), from, to);
    }

    /** Moves every course and person of {@code from} into {@code to}; returns {courses, people} moved. */
    public long[] move(String from, String to) {
        long courses = sql.update("UPDATE course SET organisation = ? WHERE organisation = ?", to, from);
        long people = sql.update("UPDATE participant SET organisation = ?, updated_at = ? WHERE organisation = ?",
                to, sql.now().toString(), from);
        return new long[] {courses, people};
    }

    /** All organisations by id, with how many courses and participants each has. */
    public List<Organisation> list() {
        return sql.list("""
                SELECT o.id, o.name,
                    (SELECT COUNT(*) FROM course c WHERE c.organisation = o.id) AS n_courses,
                    (SELECT COUNT(*) FROM participant p WHERE p.organisation = o.id) AS n_participants
                FROM organisation o ORDER BY o.id""",
                rs -> new Organisation(rs.getString("id"), rs.getString("name"), rs.getLong("n_courses"),
                        rs.getLong("n_participants")));
    }
}
