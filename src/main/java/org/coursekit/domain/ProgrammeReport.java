package org.coursekit.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The programme report's figures of a course and their totals, for the organiser's annual report
 * and the funder. Pure arithmetic on what the store holds; the definitions are the README's:
 * <ul>
 * <li>{@code enrolled}: everyone ever enrolled (enrolled, completed, withdrawn; not the waiting list);</li>
 * <li>{@code certified}: those with a valid certificate of the course;</li>
 * <li>{@code sessionsHeld}: sessions of every kind, not cancelled, started by the report's time;</li>
 * <li>{@code attendanceBySession}: each held counted session, {@code expected} the people enrolled
 * then (not withdrawn, enrolled since that date), {@code attended} those of them present or late;</li>
 * <li>{@code followupAttendance}: certified alumni present (or late) at a held follow-up meeting, each once;</li>
 * <li>groups by form and by age at the course's first session, of everyone enrolled.</li>
 * </ul>
 * A person enrolled in two courses counts in both (the totals count enrolments).
 */
public final class ProgrammeReport {
    /** Groups smaller than this (but not empty) are shown as "&lt;3" unless exact counts are asked for. */
    public static final int SMALL = 3;
    public static final List<String> FORMS = List.of("f", "m", "x", "unknown");
    public static final List<String> AGE_GROUPS = List.of("under30", "30to49", "50to64", "65plus", "unknown");

    private ProgrammeReport() {
    }

    /** One held counted session. */
    public record SessionFigures(int session, LocalDate date, String title, int attended, int expected) {
    }

    /** One project that came of a course: how many (former) participants started or joined it. */
    public record ProjectFigures(String title, LocalDate since, int people) {
    }

    /**
     * A course's figures, or the totals ({@code id} null; {@code courses} how many courses they sum).
     * {@code firstDate}/{@code lastDate}: the first and last session not cancelled.
     */
    public record Figures(String id, String title, String organisation, String organiser, String language, Integer year,
                          LocalDate firstDate, LocalDate lastDate, int courses,
                          int sessionsHeld, int sessionsCancelled, int enrolled, int withdrawn, int certified,
                          List<SessionFigures> attendanceBySession, int attended, int expected,
                          int followupMeetings, int followupAttendance,
                          Map<String, Integer> byForm, Map<String, Integer> byAgeGroup, List<ProjectFigures> projects) {

        /** Enrolled and not withdrawn. */
        public int active() {
            return enrolled - withdrawn;
        }

        /** certified ÷ enrolled, 3 decimals; null when nobody enrolled. */
        public BigDecimal certificationRate() {
            return rate(certified, enrolled);
        }

        /** Σ attended ÷ Σ expected over the held counted sessions, 3 decimals; null without any. */
        public BigDecimal meanAttendanceRate() {
            return rate(attended, expected);
        }
    }

    /** The whole report: each course's figures (by first session), the totals, and the time it was made for. */
    public record Report(List<Figures> courses, Figures totals, LocalDate asOf) {
    }

    /** Whether a count is a small group that is shown as "&lt;3" (1 or 2; 0 is not a group). */
    public static boolean small(int count) {
        return count > 0 && count < SMALL;
    }

    static BigDecimal rate(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 3, RoundingMode.HALF_UP);
    }

    /** The age group of someone born on {@code born} at {@code on}. */
    /** The date of a course's first session that is not cancelled (the date age groups are counted at); null when none. */
    public static LocalDate firstDate(List<Session> sessions) {
        LocalDate first = null;
        for (Session s : sessions) {
            if (!s.cancelled() && (first == null || s.date().isBefore(first))) {
                first = s.date();
            }
        }
        return first;
    }

    public static String ageGroup(LocalDate born, LocalDate on) {
        if (born == null || on == null || born.isAfter(on)) {
            return "unknown";
        }
        int age = Period.between(born, on).getYears();
        return age < 30 ? "under30" : age < 50 ? "30to49" : age < 65 ? "50to64" : "65plus";
    }

    /**
     * The figures of one course as of {@code now} (in the course's time zone). {@code people}: the
     * participants by id (at least those enrolled); {@code certified}: who holds a valid certificate.
     */
    public static Figures of(Course course, String organisation, List<Session> sessions, List<Enrolment> enrolments,
                             Map<Long, ReportPerson> people, List<Attendance> attendance, Set<Long> certified,
                             List<Project> projects, LocalDateTime now) {
        LocalDate first = null;
        LocalDate last = null;
        int held = 0;
        int cancelled = 0;
        for (Session s : sessions) {
            if (s.cancelled()) {
                cancelled++;
                continue;
            }
            first = first == null || s.date().isBefore(first) ? s.date() : first;
            last = last == null || s.date().isAfter(last) ? s.date() : last;
            if (isHeld(s, now)) {
                held++;
            }
        }
        if (first == null) {        // every session cancelled: the course's dates are still those planned
            for (Session s : sessions) {
                first = first == null || s.date().isBefore(first) ? s.date() : first;
                last = last == null || s.date().isAfter(last) ? s.date() : last;
            }
        }
        List<Enrolment> ever = new ArrayList<>();
        int withdrawn = 0;
        for (Enrolment e : enrolments) {
            if (e.status() == EnrolmentStatus.WAITLISTED) {
                continue;
            }
            ever.add(e);
            if (e.status() == EnrolmentStatus.WITHDRAWN) {
                withdrawn++;
            }
        }
        Map<Long, Map<Integer, AttendanceStatus>> byPerson = new HashMap<>();
        for (Attendance a : attendance) {
            byPerson.computeIfAbsent(a.participantId(), k -> new HashMap<>()).put(a.session(), a.status());
        }
        List<SessionFigures> bySession = new ArrayList<>();
        int attendedSum = 0;
        int expectedSum = 0;
        int followups = 0;
        Set<Long> alumniAtFollowups = new HashSet<>();
        List<Session> ordered = new ArrayList<>(sessions);
        ordered.sort(Comparator.comparing(Session::date).thenComparing(Session::start).thenComparingInt(Session::number));
        for (Session s : ordered) {
            if (s.cancelled() || !isHeld(s, now)) {
                continue;
            }
            if (s.kind() == SessionKind.FOLLOWUP) {
                followups++;
                for (long id : certified) {
                    AttendanceStatus st = status(byPerson, id, s.number());
                    if (st != null && st.attended()) {
                        alumniAtFollowups.add(id);
                    }
                }
            }
            if (!s.isCounted()) {
                continue;
            }
            int expected = 0;
            int attended = 0;
            for (Enrolment e : ever) {
                if (e.status() == EnrolmentStatus.WITHDRAWN || (e.since() != null && e.since().isAfter(s.date()))) {
                    continue;
                }
                expected++;
                AttendanceStatus st = status(byPerson, e.participantId(), s.number());
                if (st != null && st.attended()) {
                    attended++;
                }
            }
            bySession.add(new SessionFigures(s.number(), s.date(), s.title(), attended, expected));
            attendedSum += attended;
            expectedSum += expected;
        }
        Map<String, Integer> byForm = zeros(FORMS);
        Map<String, Integer> byAge = zeros(AGE_GROUPS);
        for (Enrolment e : ever) {
            ReportPerson p = people.get(e.participantId());
            Form form = p == null ? null : p.form();
            byForm.merge(form == null ? "unknown" : form.code(), 1, Integer::sum);
            byAge.merge(p == null ? "unknown" : p.ageGroup(), 1, Integer::sum);
        }
        return new Figures(course.id(), course.title(), organisation, course.organiser(), course.language(),
                first == null ? null : first.getYear(), first, last, 1, held, cancelled, ever.size(), withdrawn,
                certified.size(), List.copyOf(bySession), attendedSum, expectedSum, followups, alumniAtFollowups.size(),
                byForm, byAge, projects(projects));
    }

    private static AttendanceStatus status(Map<Long, Map<Integer, AttendanceStatus>> byPerson, long id, int session) {
        Map<Integer, AttendanceStatus> m = byPerson.get(id);
        return m == null ? null : m.get(session);
    }

    /** Started by {@code now}: the same rule as the certificate's ("held once it has started"). */
    static boolean isHeld(Session s, LocalDateTime now) {
        return !LocalDateTime.of(s.date(), s.start()).isAfter(now);
    }

    private static Map<String, Integer> zeros(List<String> keys) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String k : keys) {
            m.put(k, 0);
        }
        return m;
    }

    /** Projects by title (the same title is one project), each with the earliest date and how many people. */
    private static List<ProjectFigures> projects(Collection<Project> projects) {
        Map<String, ProjectFigures> byTitle = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Project p : projects) {
            byTitle.merge(p.title(), new ProjectFigures(p.title(), p.since(), 1), ProgrammeReport::merge);
        }
        return List.copyOf(byTitle.values());
    }

    private static ProjectFigures merge(ProjectFigures a, ProjectFigures b) {
        LocalDate since = a.since() == null ? b.since() : b.since() == null || a.since().isBefore(b.since()) ? a.since() : b.since();
        return new ProjectFigures(a.title(), since, a.people() + b.people());
    }

    /** The totals of {@code courses}: every count summed, rates of the sums, projects merged by title. */
    public static Figures totals(List<Figures> courses) {
        int held = 0;
        int cancelled = 0;
        int enrolled = 0;
        int withdrawn = 0;
        int certified = 0;
        int attended = 0;
        int expected = 0;
        int followups = 0;
        int alumni = 0;
        LocalDate first = null;
        LocalDate last = null;
        Map<String, Integer> byForm = zeros(FORMS);
        Map<String, Integer> byAge = zeros(AGE_GROUPS);
        Map<String, ProjectFigures> projects = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Figures f : courses) {
            held += f.sessionsHeld();
            cancelled += f.sessionsCancelled();
            enrolled += f.enrolled();
            withdrawn += f.withdrawn();
            certified += f.certified();
            attended += f.attended();
            expected += f.expected();
            followups += f.followupMeetings();
            alumni += f.followupAttendance();
            f.byForm().forEach((k, v) -> byForm.merge(k, v, Integer::sum));
            f.byAgeGroup().forEach((k, v) -> byAge.merge(k, v, Integer::sum));
            for (ProjectFigures p : f.projects()) {
                projects.merge(p.title(), p, ProgrammeReport::merge);
            }
            if (f.firstDate() != null) {
                first = first == null || f.firstDate().isBefore(first) ? f.firstDate() : first;
                last = last == null || f.lastDate().isAfter(last) ? f.lastDate() : last;
            }
        }
        return new Figures(null, null, null, null, null, null, first, last, courses.size(), held, cancelled, enrolled,
                withdrawn, certified, List.of(), attended, expected, followups, alumni, byForm, byAge,
                List.copyOf(projects.values()));
    }
}
