package org.coursekit.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coursekit.domain.Attendance;
import org.coursekit.domain.AttendanceChange;
import org.coursekit.domain.AttendanceStatus;
import org.coursekit.domain.Conflict;
import org.coursekit.domain.Course;
import org.coursekit.domain.CoursekitException;
import org.coursekit.domain.Eligibility;
import org.coursekit.domain.EligibilityRules;
import org.coursekit.domain.Enrolment;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.Msg;
import org.coursekit.domain.Names;
import org.coursekit.domain.NotFound;
import org.coursekit.domain.Participant;
import org.coursekit.domain.Session;
import org.coursekit.domain.SessionRef;
import org.coursekit.i18n.Documents;
import org.coursekit.io.AtomicFile;
import org.coursekit.io.CsvInput;
import org.coursekit.render.Fonts;
import org.coursekit.render.SignInSheet;
import org.coursekit.store.AttendanceRepository;
import org.coursekit.store.AuditLog;
import org.coursekit.store.Store;
import org.coursekit.store.Tx;

/** Recording who came, and where everyone stands with respect to the certificate. */
public final class AttendanceService {
    /** What {@code attend record} did: the session, how many of each status, how many changed. */
    public record Recorded(Session session, Map<AttendanceStatus, Integer> counts, int changed,
                           List<AttendanceChange> replaced) {
    }

    /** What {@link #clear} removed. */
    public record Cleared(Session session, int removed) {
    }

    /** One line of {@code attend list}. */
    public record Line(Participant participant, Session session, AttendanceStatus status) {
    }

    /** One participant's row of the report: their records by session number and their eligibility. */
    public record Row(Participant participant, Enrolment enrolment, Map<Integer, AttendanceStatus> records,
                      Eligibility eligibility) {
    }

    /** The participants × sessions matrix with everyone's eligibility. */
    public record Report(Course course, List<Session> sessions, List<Row> rows, LocalDateTime asOf) {
    }

    /** What {@code sheet} wrote: the session and how many people are on the list. */
    public record Sheet(Session session, int people) {
    }

    /**
     * Writes the sign-in sheet of a session: everyone holding a place and enrolled by the session's
     * date, by name, in {@code language} (null: the course's).
     */
    public Sheet sheet(String courseId, String sessionRef, Path output, String language) {
        Session s = session(courseId, sessionRef);
        Course course = db.read(tx -> CourseService.course(tx, courseId));
        List<Participant> people = new ArrayList<>();
        for (Enrolled e : enrolled(courseId)) {
            if (e.enrolment().since() == null || !s.date().isBefore(e.enrolment().since())) {
                people.add(e.participant());
            }
        }
        Fonts.requirePrintable(people, SignInSheet::missingGlyph);
        Documents text = new Documents(language != null ? language : course.language());
        AtomicFile.write(output, db::refuseOwnFile, out -> SignInSheet.write(out, course, s, people, text));
        return new Sheet(s, people.size());
    }

    /** A participant in the course's enrolled list, for sheets. */
    public record Enrolled(Participant participant, Enrolment enrolment) {
    }

    private final Store db;
    private final Clock clock;

    public AttendanceService(Store db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    private LocalDateTime now(Course c) {
        return LocalDateTime.now(clock.withZone(c.timezone()));
    }

    /**
     * Records statuses for one session. With {@code allPresent}, everyone enrolled for the
     * session who is not named in {@code named} is recorded present.
     */
    public Recorded record(String courseId, String sessionRef, boolean allPresent,
                           Map<AttendanceStatus, List<String>> named) {
        return db.write(tx -> {
            Course course = CourseService.course(tx, courseId);
            Session session = resolveSession(tx, course, sessionRef);
            Map<Long, Enrolment> enrolments = enrolments(tx, courseId);
            Map<Long, AttendanceStatus> chosen = new LinkedHashMap<>();
            List<CoursekitException> refused = new ArrayList<>();
            for (var e : named.entrySet()) {
                for (String ref : e.getValue()) {
                    try {
                        Participant p = ParticipantService.resolve(tx, ref, course.organisation());
                        requireEnrolled(enrolments, p, ref, course);
                        AttendanceStatus before = chosen.put(p.id(), e.getKey());
                        if (before != null && before != e.getKey()) {
                            throw new InvalidData("attend.twice", ref, before.id(), e.getKey().id());
                        }
                    } catch (NotFound | Conflict | InvalidData x) {
                        refused.add(x);
                    }
                }
            }
            if (!refused.isEmpty()) {
                throw refusedPeople(refused, session, course);
            }
            if (allPresent) {
                for (Enrolment e : enrolments.values()) {
                    if (e.status().holdsPlace() && (e.since() == null || !session.date().isBefore(e.since()))) {
                        chosen.putIfAbsent(e.participantId(), AttendanceStatus.PRESENT);
                    }
                }
            }
            List<Attendance> records = new ArrayList<>();
            Map<AttendanceStatus, Integer> counts = new EnumMap<>(AttendanceStatus.class);
            for (var e : chosen.entrySet()) {
                records.add(new Attendance(e.getKey(), session.number(), e.getValue()));
                counts.merge(e.getValue(), 1, Integer::sum);
            }
            List<AttendanceChange> replaced = new ArrayList<>(tx.attendance().record(courseId, records));
            replaced.sort(java.util.Comparator.comparingLong(AttendanceChange::participantId));
            tx.audit().add(auditOf(courseId, "attendance.recorded", "session " + session.number(), records, replaced));
            return new Recorded(session, counts, replaced.size(), List.copyOf(replaced));
        });
    }

    /**
     * Removes the records of one session (to undo a mistaken {@code attend record}): all of them, or
     * with {@code refs} only those of these people (ids or e-mail addresses; each must exist).
     * Audited as {@code attendance.cleared}, people by id.
     */
    public Cleared clear(String courseId, String sessionRef, List<String> refs) {
        return db.write(tx -> {
            Course course = CourseService.course(tx, courseId);
            // also a cancelled session: its records may predate the cancellation
            Session session = SessionRef.parse(sessionRef).resolve(courseId, tx.courses().sessions(courseId), now(course));
            List<Long> ids = null;
            if (refs != null && !refs.isEmpty()) {
                ids = new ArrayList<>();
                for (String ref : refs) {
                    ids.add(ParticipantService.resolve(tx, ref, course.organisation()).id());
                }
            }
            int removed = tx.attendance().clear(courseId, session.number(), ids);
            tx.audit().add(new AuditLog.Entry(courseId, "attendance.cleared", "session " + session.number(),
                    removed + " record(s)" + (ids == null ? "" : "; participants " + ids.stream().distinct()
                            .map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))),
                    null, ids == null ? List.of() : ids.stream().distinct().toList()));
            return new Cleared(session, removed);
        });
    }

    /** Imports attendance from a CSV file (participant, session, status); all or nothing. Returns the records. */
    public int importCsv(Path file, String courseId) {
        db.read(tx -> CourseService.course(tx, courseId));
        try (CsvInput.Records table = CsvInput.open(file, "auto", "auto")) {
            return importRecords(file, courseId, table);
        }
    }

    /** Reads the rows as they are stored: memory grows with the records kept, not with the file. */
    private int importRecords(Path file, String courseId, CsvInput.Records table) {
        int[] col = attendanceColumns(table);
        return db.write(tx -> {
            Course course = CourseService.course(tx, courseId);
            List<Session> sessions = tx.courses().sessions(courseId);
            Map<Long, Enrolment> enrolments = enrolments(tx, courseId);
            LocalDateTime now = now(course);
            List<Msg> problems = new ArrayList<>();
            List<Attendance> records = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            int problemCount = 0;
            for (CsvInput.Row row = table.next(); row != null; row = table.next()) {
                if (problems.size() > ParticipantImport.MAX_LISTED) {
                    problemCount += problems.size() - ParticipantImport.MAX_LISTED;    // counted, not kept
                    problems.subList(ParticipantImport.MAX_LISTED, problems.size()).clear();
                }
                if (row.isBlank()) {
                    continue;
                }
                int before = problems.size();
                String pRef = cell(row, col[0]);
                String sRef = cell(row, col[1]);
                String stText = cell(row, col[2]);
                Participant p = null;
                Session s = null;
                AttendanceStatus st = null;
                try {
                    if (pRef.isEmpty()) {
                        throw new InvalidData("field.blank", table.header().get(col[0]));
                    }
                    p = ParticipantService.resolve(tx, pRef, course.organisation());
                    requireEnrolled(enrolments, p, pRef, course);
                } catch (CoursekitException e) {
                    problems.add(Msg.of("at.fileLine", file, row.line(), e.msg()));
                }
                try {
                    if (sRef.isEmpty()) {
                        throw new InvalidData("field.blank", table.header().get(col[1]));
                    }
                    s = SessionRef.parse(sRef).resolve(courseId, sessions, now);
                    if (s.cancelled()) {
                        throw new Conflict("attend.cancelled", s.number(), courseId);
                    }
                } catch (CoursekitException e) {
                    problems.add(Msg.of("at.fileLine", file, row.line(), e.msg()));
                }
                try {
                    st = AttendanceStatus.parse(stText);
                } catch (IllegalArgumentException e) {
                    problems.add(Msg.of("at.fileLine", file, row.line(),
                            Msg.of("field.attendanceStatus", table.header().get(col[2]), stText)));
                }
                if (problems.size() == before) {
                    Integer earlier = seen.putIfAbsent(p.id() + "/" + s.number(), row.line());
                    if (earlier != null) {
                        problems.add(Msg.of("at.fileLine", file, row.line(), Msg.of("attend.import.twice", earlier)));
                    } else {
                        records.add(new Attendance(p.id(), s.number(), st));
                    }
                }
            }
            if (!problems.isEmpty()) {
                problemCount += problems.size();
                throw new InvalidData(Msg.of("import.invalid", file, problemCount), problems, problemCount);
            }
            List<AttendanceChange> changed = tx.attendance().record(courseId, records);
            tx.audit().add(auditOf(courseId, "attendance.imported", null, records, changed));
            return records.size();
        });
    }

    /** The audit entry of a recording: how many records, the changes, and whom they changed. */
    private static AuditLog.Entry auditOf(String courseId, String action, String subject, List<Attendance> records,
                                          List<AttendanceChange> changed) {
        String detail = records.size() + " record(s)" + (changed.isEmpty() ? ""
                : "; changed: " + String.join("; ", changed.stream().map(AttendanceChange::text).toList()));
        return new AuditLog.Entry(courseId, action, subject, detail, null,
                changed.stream().map(AttendanceChange::participantId).toList());
    }

    private static String cell(CsvInput.Row row, int i) {
        return i < row.cells().size() ? row.cells().get(i) : "";
    }

    private static int[] attendanceColumns(CsvInput.Records table) {
        int[] col = {-1, -1, -1};
        for (int i = 0; i < table.header().size(); i++) {
            String h = ParticipantImport.normalise(table.header().get(i));
            int which = switch (h) {
                case "participant", "teilnehmer", "teilnehmerin", "teilnehmende", "person", "email", "id",
                     "participantid" -> 0;
                case "session", "sitzung", "termin", "kursabend", "datum", "date", "number" -> 1;
                case "status", "anwesenheit", "attendance" -> 2;
                default -> -1;
            };
            if (which >= 0 && col[which] < 0) {
                col[which] = i;
            }
        }
        List<Msg> problems = new ArrayList<>();
        String[] names = {"participant/Teilnehmer", "session/Sitzung", "status/Anwesenheit"};
        for (int k = 0; k < 3; k++) {
            if (col[k] < 0) {
                problems.add(Msg.of("at.fileLine", table.file(), table.headerLine(), Msg.of("csv.header.missing", names[k])));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidData(Msg.of("csv.header.invalid", table.file()), problems);
        }
        return col;
    }

    public List<Line> list(String courseId, String sessionRef) {
        return db.read(tx -> {
            Course course = CourseService.course(tx, courseId);
            List<Session> sessions = tx.courses().sessions(courseId);
            int number = sessionRef == null ? 0
                    : SessionRef.parse(sessionRef).resolve(courseId, sessions, now(course)).number();
            Map<Integer, Session> byNumber = new HashMap<>();
            sessions.forEach(s -> byNumber.put(s.number(), s));
            Map<Long, Participant> people = new HashMap<>();
            List<Line> lines = new ArrayList<>();
            for (Attendance a : tx.attendance().list(courseId, number)) {
                Participant p = people.computeIfAbsent(a.participantId(), id -> tx.participants().find(id).orElseThrow());
                lines.add(new Line(p, byNumber.get(a.session()), a.status()));
            }
            Comparator<Participant> byName = Names.byName();
            lines.sort(Comparator.comparing((Line l) -> l.session().date()).thenComparing(l -> l.session().start())
                    .thenComparing(Line::participant, byName));
            return lines;
        });
    }

    /** Everyone enrolled (or completed) with their records and eligibility at {@code asOfDate} (end of that day; null: now). */
    public Report report(String courseId, LocalDate asOfDate) {
        return db.read(tx -> {
            Course course = CourseService.course(tx, courseId);
            LocalDateTime asOf = asOfDate == null ? now(course) : LocalDateTime.of(asOfDate, LocalTime.MAX);
            List<Session> sessions = tx.courses().sessions(courseId);
            Map<Long, Map<Integer, AttendanceStatus>> byPerson = new HashMap<>();
            for (Attendance a : tx.attendance().list(courseId, 0)) {
                byPerson.computeIfAbsent(a.participantId(), k -> new HashMap<>()).put(a.session(), a.status());
            }
            Map<Long, EligibilityRules.CertificateState> certificates = new HashMap<>();
            for (var c : tx.certificates().list(courseId)) {
                if (c.participantId() != null && !c.pending()) {
                    certificates.put(c.participantId(), c.status() == org.coursekit.domain.Certificate.Status.REVOKED
                            ? EligibilityRules.CertificateState.REVOKED : EligibilityRules.CertificateState.ISSUED);
                }
            }
            List<Row> rows = new ArrayList<>();
            for (Enrolled e : enrolled(tx, courseId)) {
                Map<Integer, AttendanceStatus> records = byPerson.getOrDefault(e.participant().id(), Map.of());
                Eligibility el = EligibilityRules.evaluate(e.participant().id(), sessions, course.minAttendance(),
                        e.enrolment().since(), records, asOf,
                        certificates.getOrDefault(e.participant().id(), EligibilityRules.CertificateState.NONE));
                rows.add(new Row(e.participant(), e.enrolment(), records, el));
            }
            return new Report(course, sessions, rows, asOf);
        });
    }

    /** The participants holding a place in the course, by name. */
    public List<Enrolled> enrolled(String courseId) {
        return db.read(tx -> {
            CourseService.course(tx, courseId);
            return enrolled(tx, courseId);
        });
    }

    private static List<Enrolled> enrolled(Tx tx, String courseId) {
        List<Enrolled> out = new ArrayList<>();
        for (Enrolment e : tx.participants().courseEnrolments(courseId)) {
            if (e.status().holdsPlace()) {
                out.add(new Enrolled(tx.participants().find(e.participantId()).orElseThrow(), e));
            }
        }
        Comparator<Participant> byName = Names.byName();
        out.sort(Comparator.comparing(Enrolled::participant, byName));
        return out;
    }

    private Session resolveSession(Tx tx, Course course, String ref) {
        Session s = SessionRef.parse(ref).resolve(course.id(), tx.courses().sessions(course.id()), now(course));
        if (s.cancelled()) {
            throw new Conflict("attend.cancelled", s.number(), course.id());
        }
        return s;
    }

    /** Resolves a session for reading (sheets, lists): cancelled sessions allowed. */
    public Session session(String courseId, String ref) {
        return db.read(tx -> {
            Course course = CourseService.course(tx, courseId);
            return SessionRef.parse(ref).resolve(courseId, tx.courses().sessions(courseId), now(course));
        });
    }

    private static Map<Long, Enrolment> enrolments(Tx tx, String courseId) {
        Map<Long, Enrolment> m = new HashMap<>();
        for (Enrolment e : tx.participants().courseEnrolments(courseId)) {
            m.put(e.participantId(), e);
        }
        return m;
    }

    /**
     * Everyone named who cannot be recorded, in one error: the single problem as it is, several under
     * one summary: not found (exit 3) if anyone is unknown, else as the first problem (5 not enrolled, 4 invalid).
     */
    private static CoursekitException refusedPeople(List<CoursekitException> refused, Session session, Course course) {
        CoursekitException first = refused.get(0);
        if (refused.size() == 1) {
            return first;
        }
        Msg summary = Msg.of("attend.refused", refused.size(), session.number(), course.id());
        List<Msg> details = refused.stream().map(CoursekitException::msg).toList();
        if (refused.stream().anyMatch(NotFound.class::isInstance)) {
            return new NotFound(summary, details);
        }
        return first instanceof Conflict ? new Conflict(summary, details) : new InvalidData(summary, details);
    }

    private static void requireEnrolled(Map<Long, Enrolment> enrolments, Participant p, String ref, Course course) {
        Enrolment e = enrolments.get(p.id());
        if (e == null || !e.status().holdsPlace()) {
            throw new Conflict("attend.notEnrolled", ref, course.id(), e == null ? "-" : e.status().id());
        }
    }
}
