package org.coursekit.app;

import java.time.LocalDate;
import java.util.List;

import org.coursekit.domain.NotFound;
import org.coursekit.domain.Participant;
import org.coursekit.domain.Project;
import org.coursekit.store.AuditLog;
import org.coursekit.store.Store;

/** What alumni go on to do: the projects (former) participants started or joined after a course. */
public final class ProjectService {
    private final Store db;

    public ProjectService(Store db) {
        this.db = db;
    }

    /** Records a project of the person {@code ref} (and the course that led to it, if given); returns its id. */
    public long add(String ref, String title, LocalDate since, String courseId, String note) {
        return db.write(tx -> {
            Participant p = ParticipantService.resolve(tx, ref);
            if (tx.participants().isErased(p.id())) {
                throw new org.coursekit.domain.Conflict("project.erased", p.id());
            }
            if (courseId != null) {
                CourseService.course(tx, courseId);
            }
            long id = tx.projects().insert(new Project(0, p.id(), courseId, title, since, note));
            tx.audit().add(new AuditLog.Entry(courseId, "project.added", "project " + id, "participant " + p.id(), null,
                    List.of(p.id())));
            return id;
        });
    }

    /** All projects, or those that came of a course (which must exist), by id. */
    public List<Project> list(String courseId) {
        return db.read(tx -> {
            if (courseId != null) {
                CourseService.course(tx, courseId);
            }
            return tx.projects().list(courseId);
        });
    }

    /** Removes a project (a mistake, or it never came about). */
    public Project remove(long id) {
        return db.write(tx -> {
            Project p = tx.projects().find(id).orElseThrow(() -> new NotFound("project.notFound", id));
            tx.projects().delete(id);
            tx.audit().add(new AuditLog.Entry(p.courseId(), "project.removed", "project " + id,
                    p.participantId() == null ? null : "participant " + p.participantId(), null,
                    p.participantId() == null ? List.of() : List.of(p.participantId())));
            return p;
        });
    }
}
