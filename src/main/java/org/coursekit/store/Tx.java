package org.coursekit.store;

/** One open transaction and the repositories that work inside it. */
public final class Tx {
    private final Sql sql;
    private CourseRepository courses;
    private ParticipantRepository participants;
    private AttendanceRepository attendance;
    private CertificateRepository certificates;
    private ReminderLog reminders;
    private AuditLog audit;
    private OrganisationRepository organisations;

    Tx(Sql sql) {
        this.sql = sql;
    }

    Sql sql() {
        return sql;
    }

    public CourseRepository courses() {
        if (courses == null) {
            courses = new CourseRepository(sql);
        }
        return courses;
    }

    public OrganisationRepository organisations() {
        if (organisations == null) {
            organisations = new OrganisationRepository(sql);
        }
        return organisations;
    }

    public AuditLog audit() {
        if (audit == null) {
            audit = new AuditLog(sql);
        }
        return audit;
    }

    public ReminderLog reminders() {
        if (reminders == null) {
            reminders = new ReminderLog(sql);
        }
        return reminders;
    }

    public CertificateRepository certificates() {
        if (certificates == null) {
            certificates = new CertificateRepository(sql);
        }
        return certificates;
    }

    public AttendanceRepository attendance() {
        if (attendance == null) {
            attendance = new AttendanceRepository(sql);
        }
        return attendance;
    }

    public ParticipantRepository participants() {
        if (participants == null) {
            participants = new ParticipantRepository(sql);
        }
        return participants;
    }
}
