package org.coursekit.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coursekit.domain.Certificate;
import org.coursekit.domain.Course;
import org.coursekit.domain.CourseSummary;
import org.coursekit.domain.Enrolment;
import org.coursekit.domain.EnrolmentStatus;
import org.coursekit.domain.SessionKind;
import org.coursekit.domain.Form;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.Msg;
import org.coursekit.domain.Names;
import org.coursekit.domain.Participant;
import org.coursekit.domain.Session;
import org.coursekit.i18n.Documents;
import org.coursekit.io.AtomicFile;
import org.coursekit.io.CalendarFile;
import org.coursekit.io.MailFile;
import org.coursekit.store.Store;
import org.coursekit.store.ReminderLog;

/** Calendars and reminders: what the nightly cron job exports. */
public final class ExportService {
    /** One (upcoming session, participant) pair. */
    public record Reminder(Course course, Session session, Participant participant) {
    }

    private final Store db;
    private final Clock clock;

    public ExportService(Store db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The course's calendar: every session, cancelled ones marked as such. */
    public String calendar(String courseId) {
        return db.read(tx -> {
            Course c = CourseService.course(tx, courseId);
            return CalendarFile.write(c, tx.courses().sessions(courseId), tx.courses().sessionRevisions(courseId),
                    tx.courses().instanceId(), Instant.now(clock));
        });
    }

    /**
     * Reminders for sessions starting within {@code days} days after {@code asOf} (a local date-time
     * in each course's time zone; null: now), for everyone enrolled, and for follow-up meetings also
     * those who completed the course and hold a valid certificate of it (not a revoked one); never
     * withdrawn or waitlisted people.
     * With {@code onceFormat}, those already exported in that format are left out.
     */
    public List<Reminder> reminders(String courseId, int days, LocalDateTime asOf, String onceFormat) {
        return db.read(tx -> {
            List<Course> courses = new ArrayList<>();
            if (courseId != null) {
                courses.add(CourseService.course(tx, courseId));
            } else {
                for (CourseSummary s : tx.courses().list()) {
                    courses.add(s.course());
                }
            }
            Set<String> done = onceFormat == null ? Set.of() : tx.reminders().exported(onceFormat);
            Map<Long, Participant> people = new HashMap<>();
            List<Reminder> out = new ArrayList<>();
            for (Course c : courses) {
                LocalDateTime from = asOf != null ? asOf : LocalDateTime.now(clock.withZone(c.timezone()));
                LocalDateTime to = from.plusDays(days);
                List<Enrolment> enrolments = tx.participants().courseEnrolments(c.id());
                // certified alumni: a valid certificate of the course; a revoked one does not count
                Set<Long> certified = new java.util.HashSet<>();
                for (Certificate cert : tx.certificates().list(c.id())) {
                    if (cert.status() == Certificate.Status.VALID && cert.participantId() != null) {
                        certified.add(cert.participantId());
                    }
                }
                for (Session s : tx.courses().sessions(c.id())) {
                    LocalDateTime start = LocalDateTime.of(s.date(), s.start());
                    if (s.cancelled() || start.isBefore(from) || !start.isBefore(to)) {
                        continue;
                    }
                    List<Reminder> forSession = new ArrayList<>();
                    for (Enrolment e : enrolments) {
                        // enrolled people; those who completed the course (certified alumni) for follow-up meetings
                        boolean invited = e.status() == EnrolmentStatus.ENROLLED
                                || (e.status() == EnrolmentStatus.COMPLETED && s.kind() == SessionKind.FOLLOWUP
                                        && certified.contains(e.participantId()));
                        if (!invited || (e.since() != null && s.date().isBefore(e.since()))
                                || done.contains(ReminderLog.key(c.id(), s.number(), e.participantId()))) {
                            continue;
                        }
                        Participant p = people.computeIfAbsent(e.participantId(), id -> tx.participants().find(id).orElseThrow());
                        forSession.add(new Reminder(c, s, p));
                    }
                    Comparator<Participant> byName = Names.byName();
                    forSession.sort(Comparator.comparing(Reminder::participant, byName));
                    out.addAll(forSession);
                }
            }
            return out;
        });
    }

    /** Remembers these reminders as exported in {@code format} (for --once). */
    public void markExported(String format, List<Reminder> reminders) {
        if (reminders.isEmpty()) {
            return;
        }
        db.write(tx -> {
            List<Object[]> entries = new ArrayList<>();
            for (Reminder r : reminders) {
                entries.add(new Object[] {r.course().id(), r.session().number(), r.participant().id()});
            }
            tx.reminders().add(format, entries);
            return null;
        });
    }

    /** One calendar with the sessions of these reminders (each once). */
    public String calendarOf(List<Reminder> reminders) {
        return db.read(tx -> {
            Map<String, Course> courses = new LinkedHashMap<>();
            Map<String, List<Session>> sessions = new LinkedHashMap<>();
            for (Reminder r : reminders) {
                courses.putIfAbsent(r.course().id(), r.course());
                List<Session> list = sessions.computeIfAbsent(r.course().id(), k -> new ArrayList<>());
                if (!list.contains(r.session())) {
                    list.add(r.session());
                }
            }
            StringBuilder all = new StringBuilder();
            String instance = tx.courses().instanceId();
            List<String> events = new ArrayList<>();
            for (var e : sessions.entrySet()) {
                Course c = courses.get(e.getKey());
                events.add(CalendarFile.write(c, e.getValue(), tx.courses().sessionRevisions(c.id()), instance, Instant.now(clock)));
            }
            return CalendarFile.merge(events);
        });
    }

    /** The salutation line for a person in a language: "Liebe Frau Köhler", "Guten Tag Eike Bär". */
    public static String salutation(Participant p, Documents text) {
        Form f = p.form() == null ? Form.X : p.form();
        return text.get("mail.salutation." + f.code(), p.firstName(), p.lastName());
    }

    /** What {@link #writeMails} did: the reminders sent as e-mails, and the participants left out for want of an address. */
    public record Mailed(List<Reminder> written, List<Long> withoutEmail) {
    }

    /**
     * One {@code .eml} per participant into {@code folder} (created if missing), for the reminders
     * of people with an e-mail address; a course without a contact address to send from is invalid
     * data. A file onto the database itself is refused.
     */
    public Mailed writeMails(Path folder, List<Reminder> reminders, java.util.function.Function<Course, Documents> texts) {
        AtomicFile.ensureFolder(folder, folder);
        List<Reminder> sendable = new ArrayList<>();
        List<Long> withoutEmail = new ArrayList<>();
        for (Reminder r : reminders) {
            if (r.participant().email() == null) {
                withoutEmail.add(r.participant().id());
            } else if (r.course().contact().email() == null) {
                throw new InvalidData(Msg.of("option.invalid", "contact.email"),
                        List.of(Msg.of("reminders.noSender", "contact.email", r.course().id())));
            } else {
                sendable.add(r);
            }
        }
        for (MailFile.Mail m : mails(sendable, texts)) {
            String name = m.messageId().substring(1, m.messageId().indexOf('@')) + ".eml";
            AtomicFile.writeInto(folder, name, db::refuseOwnFile, out -> MailFile.write(out, m), true);
        }
        return new Mailed(sendable, withoutEmail);
    }

    /** One e-mail per participant with all of their reminders; {@code text} in the course's language. */
    public List<MailFile.Mail> mails(List<Reminder> reminders, java.util.function.Function<Course, Documents> texts) {
        return db.read(tx -> {
            String instance = tx.courses().instanceId();
            Map<String, List<Reminder>> byPerson = new LinkedHashMap<>();
            for (Reminder r : reminders) {
                if (r.participant().email() != null) {
                    byPerson.computeIfAbsent(r.course().id() + "/" + r.participant().id(), k -> new ArrayList<>()).add(r);
                }
            }
            List<MailFile.Mail> mails = new ArrayList<>();
            Instant now = Instant.now(clock);
            for (List<Reminder> list : byPerson.values()) {
                Course c = list.get(0).course();
                Participant p = list.get(0).participant();
                Documents text = texts.apply(c);
                Map<Integer, Integer> revisions = tx.courses().sessionRevisions(c.id());
                StringBuilder body = new StringBuilder();
                body.append(salutation(p, text)).append(",\n\n");
                body.append(text.get(list.size() == 1 ? "mail.intro.one" : "mail.intro.many", c.title())).append("\n\n");
                List<MailFile.Attachment> attachments = new ArrayList<>();
                for (Reminder r : list) {
                    Session s = r.session();
                    body.append("  ").append(text.get("mail.session", s.number(), s.title())).append('\n');
                    body.append("  ").append(text.get("mail.when", text.weekdayDate(s.date()), text.time(s.start()),
                            text.time(s.end()))).append('\n');
                    String where = s.location() != null ? s.location() : c.location();
                    if (where != null) {
                        body.append("  ").append(text.get("mail.where", where)).append('\n');
                    }
                    body.append('\n');
                    attachments.add(new MailFile.Attachment(c.id() + "-" + s.number() + ".ics",
                            CalendarFile.write(c, List.of(s), revisions, instance, now)));
                }
                body.append(text.get(list.size() == 1 ? "mail.attached.one" : "mail.attached.many")).append("\n\n");
                body.append(text.get("mail.closing")).append("\n\n");
                body.append(text.get("mail.regards")).append('\n');
                String sender = c.contact().name() != null ? c.contact().name() : c.organiser();
                if (sender != null) {
                    body.append(sender).append('\n');
                }
                if (c.contact().phone() != null) {
                    body.append(c.contact().phone()).append('\n');
                }
                Session first = list.get(0).session();
                String subject = list.size() == 1
                        ? text.get("mail.subject.one", c.title(), first.title(), text.weekdayDate(first.date()))
                        : text.get("mail.subject.many", c.title(), list.size(), text.weekdayDate(first.date()));
                String domain = c.contact().email().substring(c.contact().email().indexOf('@') + 1);
                String messageId = "<reminder." + c.id() + "." + first.number() + "." + p.id() + "."
                        + now.toEpochMilli() + "." + instance + "@" + domain + ">";
                mails.add(new MailFile.Mail(sender, c.contact().email(), p.fullName(), p.email(), subject,
                        body.toString(), attachments, now, messageId));
            }
            return mails;
        });
    }
}
