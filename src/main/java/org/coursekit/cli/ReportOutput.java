package org.coursekit.cli;

import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coursekit.domain.ProgrammeReport;
import org.coursekit.domain.ProgrammeReport.Figures;
import org.coursekit.io.CsvOut;
import org.coursekit.io.JsonOut;

/**
 * The programme report as JSON and CSV (field names and CSV columns are stable). A group of 1 or 2
 * people is personal data: it is shown as the text {@code "<3"}, and a rate made of such a group
 * as null, unless {@code exact} (JSON only).
 */
final class ReportOutput {
    static final String SMALL = "<3";

    private final boolean exact;

    ReportOutput(boolean exact) {
        this.exact = exact;
    }

    /** A count of people: the number, or "&lt;3". */
    Object people(int n) {
        return !exact && ProgrammeReport.small(n) ? SMALL : n;
    }

    /** A rate: null when nobody to divide by, or (unless exact) when either count is a small group. */
    BigDecimal rate(BigDecimal rate, int part, int whole) {
        return !exact && (ProgrammeReport.small(part) || ProgrammeReport.small(whole)) ? null : rate;
    }

    void json(Writer w, ProgrammeReport.Report report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asOf", report.asOf());
        m.put("exact", exact);
        List<Object> courses = new ArrayList<>();
        for (Figures f : report.courses()) {
            courses.add(figures(f));
        }
        m.put("courses", courses);
        m.put("totals", figures(report.totals()));
        JsonOut.write(w, m);
    }

    private Map<String, Object> figures(Figures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (f.id() != null) {
            m.put("id", f.id());
            m.put("title", f.title());
            m.put("organisation", f.organisation());
            m.put("organiser", f.organiser());
            m.put("year", f.year());
        } else {
            m.put("courses", f.courses());
        }
        m.put("firstDate", f.firstDate());
        m.put("lastDate", f.lastDate());
        m.put("sessionsHeld", f.sessionsHeld());
        m.put("sessionsCancelled", f.sessionsCancelled());
        m.put("enrolled", people(f.enrolled()));
        m.put("withdrawn", people(f.withdrawn()));
        m.put("active", people(f.active()));
        m.put("certified", people(f.certified()));
        m.put("certificationRate", rate(f.certificationRate(), f.certified(), f.enrolled()));
        m.put("meanAttendanceRate", rate(f.meanAttendanceRate(), f.attended(), f.expected()));
        if (f.id() != null) {
            List<Object> sessions = new ArrayList<>();
            for (ProgrammeReport.SessionFigures s : f.attendanceBySession()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("session", s.session());
                sm.put("date", s.date());
                sm.put("attended", people(s.attended()));
                sm.put("expected", people(s.expected()));
                sessions.add(sm);
            }
            m.put("attendanceBySession", sessions);
        }
        m.put("followupMeetings", f.followupMeetings());
        m.put("followupAttendance", people(f.followupAttendance()));
        m.put("byForm", groups(f.byForm()));
        m.put("byAgeGroup", groups(f.byAgeGroup()));
        List<Object> projects = new ArrayList<>();
        for (ProgrammeReport.ProjectFigures p : f.projects()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("title", p.title());
            pm.put("since", p.since());
            pm.put("people", people(p.people()));
            projects.add(pm);
        }
        m.put("projects", projects);
        return m;
    }

    private Map<String, Object> groups(Map<String, Integer> counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> m.put(k, people(v)));
        return m;
    }

    /** One row per course and a total row ({@code row}: course or total); {@code excel}: also decimal commas. */
    void csv(Writer w, ProgrammeReport.Report report, boolean excel) {
        try (CsvOut out = excel ? CsvOut.excel(w) : CsvOut.plain(w)) {
            List<Object> head = new ArrayList<>(List.of("row", "id", "title", "organisation", "year", "sessionsHeld",
                    "sessionsCancelled", "enrolled", "withdrawn", "certified", "certificationRate", "meanAttendanceRate",
                    "followupMeetings", "followupAttendance"));
            ProgrammeReport.FORMS.forEach(k -> head.add("byForm." + k));
            ProgrammeReport.AGE_GROUPS.forEach(k -> head.add("byAgeGroup." + k));
            head.add("projects");
            head.add("active");
            out.row(head);
            for (Figures f : report.courses()) {
                out.row(row("course", f, excel));
            }
            out.row(row("total", report.totals(), excel));
        }
    }

    private List<Object> row(String kind, Figures f, boolean excel) {
        List<Object> r = new ArrayList<>(List.of(kind, f.id() == null ? "" : f.id(), f.title() == null ? "" : f.title()));
        r.add(f.organisation());
        r.add(f.year());
        r.add(f.sessionsHeld());
        r.add(f.sessionsCancelled());
        r.add(people(f.enrolled()));
        r.add(people(f.withdrawn()));
        r.add(people(f.certified()));
        r.add(decimal(rate(f.certificationRate(), f.certified(), f.enrolled()), excel));
        r.add(decimal(rate(f.meanAttendanceRate(), f.attended(), f.expected()), excel));
        r.add(f.followupMeetings());
        r.add(people(f.followupAttendance()));
        f.byForm().values().forEach(v -> r.add(people(v)));
        f.byAgeGroup().values().forEach(v -> r.add(people(v)));
        r.add(f.projects().size());
        r.add(people(f.active()));
        return r;
    }

    /** "0.786", or for German spreadsheets "0,786" (which they read as a number). */
    static String decimal(BigDecimal d, boolean excel) {
        if (d == null) {
            return null;
        }
        String s = d.setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
        return excel ? s.replace('.', ',') : s;
    }
}
