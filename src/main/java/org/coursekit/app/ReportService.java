package org.coursekit.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.coursekit.domain.Course;
import org.coursekit.domain.CourseSummary;
import org.coursekit.domain.ProgrammeReport;
import org.coursekit.domain.ProgrammeReport.Figures;
import org.coursekit.store.Store;
import org.coursekit.store.Tx;

/** The programme report ({@code export report}): per course and in total, as figures or as the funder's PDF. */
public final class ReportService {
    private final Store db;
    private final Clock clock;

    public ReportService(Store db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * The report of the named courses (all when none is named; an unknown one is not found), of
     * those of organisation {@code org} and of those whose first session is in {@code year} (each
     * filter when given), in one consistent snapshot, as of now (the clock).
     */
    public ProgrammeReport.Report build(List<String> courseIds, String org, Integer year) {
        return db.read(tx -> {
            Set<String> wanted = new LinkedHashSet<>(courseIds == null ? List.of() : courseIds);
            for (String id : wanted) {
                CourseService.course(tx, id);
            }
            if (org != null) {
                CourseService.requireOrganisation(tx, org);
            }
            List<Figures> figures = new ArrayList<>();
            for (CourseSummary s : tx.courses().list()) {
                Course c = s.course();
                if (!wanted.isEmpty() && !wanted.contains(c.id())) {
                    continue;
                }
                if (org != null && !org.equals(c.organisation())) {
                    continue;
                }
                Figures f = figures(tx, c);
                if (year != null && !year.equals(f.year())) {
                    continue;
                }
                figures.add(f);
            }
            return new ProgrammeReport.Report(List.copyOf(figures), ProgrammeReport.totals(figures), LocalDate.now(clock));
        });
    }

    private Figures figures(Tx tx, Course c) {
        // only what the report shows: no names, no birth dates (a coordinator of the register reads neither)
        List<org.coursekit.domain.Session> sessions = tx.courses().sessions(c.id());
        Map<Long, org.coursekit.domain.ReportPerson> people = new HashMap<>();
        for (org.coursekit.domain.ReportPerson p : tx.participants().reportPeople(c.id(), ProgrammeReport.firstDate(sessions))) {
            people.put(p.id(), p);
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(c.timezone()));
        return ProgrammeReport.of(c, c.organisation(), sessions, tx.participants().enrolmentStatuses(c.id()),
                people, tx.attendance().list(c.id(), 0), tx.certificates().validHolders(c.id()), tx.projects().unnamed(c.id()), now);
    }

    /**
     * Writes the report as the funder's A4 PDF (title page, a page per course with its charts) in
     * {@code language}: the one given, else the courses' own when they share one, else German.
     */
    public void writePdf(ProgrammeReport.Report report, Path output, String language, Integer year) {
        String lang = language;
        if (lang == null) {
            Set<String> langs = new LinkedHashSet<>();
            report.courses().forEach(f -> langs.add(f.language()));
            lang = langs.size() == 1 ? langs.iterator().next() : "de";
        }
        org.coursekit.i18n.Documents text = new org.coursekit.i18n.Documents(Objects.requireNonNull(lang));
        org.coursekit.io.AtomicFile.write(output, db::refuseOwnFile,
                out -> org.coursekit.render.ProgrammeReportPdf.write(out, report, year, text));
    }
}
