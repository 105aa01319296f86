package org.coursekit.app;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.coursekit.domain.Attendance;
import org.coursekit.domain.AttendanceStatus;
import org.coursekit.domain.AuditEntry;
import org.coursekit.domain.Certificate;
import org.coursekit.domain.Conflict;
import org.coursekit.domain.Enrolment;
import org.coursekit.domain.Participant;
import org.coursekit.store.AuditLog;
import org.coursekit.store.Store;
import org.coursekit.store.Tx;

/** The rights of the people in the database: access, erasure, and retention; the audit trail. */
public final class PrivacyService {
    private final Store db;

    public PrivacyService(Store db) {
        this.db = db;
    }

    /**
     * Erases a person's personal data for good: the record keeps only its id (attendance stays
     * counted, anonymously), certificates stay in the register without the name, and neither the
     * database files nor the migration backups next to it keep anything of the old values
     * ({@link org.coursekit.store.Store#erase}).
     */
    public long erase(String ref) {
        long id = db.read(tx -> notErased(tx, ParticipantService.resolve(tx, ref).id()));
        return erase(id);
    }

    /** What erasing would concern, for the question before it: the id, how many certificates and courses. */
    public record EraseCandidate(long id, int certificates, int courses) {
    }

    /** The person {@code ref} names, not erased yet (else a conflict), with their certificates and courses counted. */
    public EraseCandidate eraseCandidate(String ref) {
        return db.read(tx -> {
            long id = notErased(tx, ParticipantService.resolve(tx, ref).id());
            int courses = (int) tx.participants().enrolments(id).stream()
                    .filter(e -> e.status() != org.coursekit.domain.EnrolmentStatus.WITHDRAWN).count();
            return new EraseCandidate(id, tx.certificates().ofParticipant(id).size(), courses);
        });
    }

    /** {@link #erase(String)} of a participant by id. */
    public long erase(long id) {
        return db.erase(tx -> {
            eraseOne(tx, notErased(tx, id), "participant.erased");
            return id;
        });
    }

    private static long notErased(Tx tx, long id) {
        if (tx.participants().isErased(id)) {
            throw new Conflict("erase.already", id);
        }
        return id;
    }

    private static void eraseOne(Tx tx, long id, String action) {
        tx.participants().erase(id);
        tx.certificates().anonymise(id);
        tx.projects().unname(id);
        tx.audit().add(new AuditLog.Entry(null, action, "participant " + id, null, null, List.of(id)));
    }

    /** Who {@code purge --before=date} would anonymise (ids). */
    public List<Participant> purgeCandidates(LocalDate before) {
        return db.read(tx -> {
            List<Participant> out = new ArrayList<>();
            for (long id : tx.participants().inactiveSince(before)) {
                out.add(tx.participants().find(id).orElseThrow());
            }
            return out;
        });
    }

    /** Anonymises everyone whose last course ended before {@code before}; returns how many. */
    public int purge(LocalDate before) {
        if (purgeCandidates(before).isEmpty()) {
            return 0;       // nothing to erase: the nightly run neither waits for the database to itself nor rebuilds it
        }
        return db.erase(tx -> {
            List<Long> ids = tx.participants().inactiveSince(before);
            for (long id : ids) {
                eraseOne(tx, id, "participant.purged");
            }
            return ids.size();
        });
    }

    /** One attendance record of a person, with its session's date (null when the session is gone). */
    public record AttendanceLine(String courseId, int session, LocalDate date, AttendanceStatus status) {
    }

    /** Everything stored about a person (right of access). */
    public record PersonalData(Participant participant, List<Enrolment> enrolments, List<AttendanceLine> attendance,
                               List<Certificate> certificates, List<org.coursekit.domain.Project> projects,
                               List<AuditEntry> auditTrail) {
    }

    /** Everything stored about a person (right of access). */
    public PersonalData exportData(String ref) {
        return db.read(tx -> {
            Participant p = ParticipantService.resolve(tx, ref);
            List<Enrolment> enrolments = tx.participants().enrolments(p.id());
            List<AttendanceLine> attendance = new ArrayList<>();
            for (Enrolment e : enrolments) {
                var sessions = tx.courses().sessions(e.courseId());
                for (Attendance a : tx.attendance().list(e.courseId(), 0)) {
                    if (a.participantId() != p.id()) {
                        continue;
                    }
                    LocalDate date = sessions.stream().filter(s -> s.number() == a.session()).findFirst()
                            .map(s -> s.date()).orElse(null);
                    attendance.add(new AttendanceLine(e.courseId(), a.session(), date, a.status()));
                }
            }
            return new PersonalData(p, enrolments, attendance, tx.certificates().ofParticipant(p.id()),
                    tx.projects().ofParticipant(p.id()), tx.audit().about(p.id()));
        });
    }

    public List<AuditEntry> log(String courseId, int limit) {
        return db.read(tx -> {
            if (courseId != null) {
                CourseService.course(tx, courseId);
            }
            return tx.audit().list(courseId, limit);
        });
    }
}
