package org.coursekit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coursekit.app.AttendanceService;
import org.coursekit.domain.AttendanceStatus;
import org.coursekit.domain.Session;
import org.coursekit.io.CsvOut;
import org.coursekit.io.JsonOut;
import org.coursekit.render.TableRenderer;
import org.coursekit.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "attend", mixinStandardHelpOptions = true,
        description = {"Sign-in sheets, recording who came, and the attendance report.",
            "SESSION is its number, its date (2018-03-06 or 06.03.2018), 'today' or 'next'.",
            "REFS are participant ids or e-mail addresses, comma-separated."},
        synopsisSubcommandLabel = "COMMAND")
final class AttendCommand extends Base.Group {

    static AttendanceService service(Base cmd, Store db) {
        return new AttendanceService(db, cmd.root().clock());
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = {"Record who came to a session. Recording again overwrites a person's status.",
                "Statuses: present, late (counts as attended), excused and absent (do not count).",
                "Only participants enrolled in the course (or who completed it) can be recorded."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit attend record bm-2018 --session=today --all-present \\", "      --absent=7,12 --late=kaethe@example.org",
                "  coursekit attend record bm-2018 --session=3 --excused=5"})
    static final class Record extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", description = "The course id.")
        String courseId;
        @Option(names = "--session", required = true, paramLabel = "SESSION", description = "Number, date, 'today' or 'next'.")
        String session;
        @Option(names = "--all-present", description = "Everyone enrolled is present, except those named in the other options.")
        boolean allPresent;
        @Option(names = "--present", paramLabel = "REFS", split = ",", description = "Present.")
        List<String> present = new ArrayList<>();
        @Option(names = "--late", paramLabel = "REFS", split = ",", description = "Came late (counts as attended).")
        List<String> late = new ArrayList<>();
        @Option(names = "--excused", paramLabel = "REFS", split = ",", description = "Excused (does not count as attended).")
        List<String> excused = new ArrayList<>();
        @Option(names = "--absent", paramLabel = "REFS", split = ",", description = "Absent.")
        List<String> absent = new ArrayList<>();

        @Override
        protected int run(Store db) {
            if (!allPresent && present.isEmpty() && late.isEmpty() && excused.isEmpty() && absent.isEmpty()) {
                throw usage("attend.record.nothing");
            }
            Map<AttendanceStatus, List<String>> named = new EnumMap<>(AttendanceStatus.class);
            named.put(AttendanceStatus.PRESENT, clean(present));
            named.put(AttendanceStatus.LATE, clean(late));
            named.put(AttendanceStatus.EXCUSED, clean(excused));
            named.put(AttendanceStatus.ABSENT, clean(absent));
            AttendanceService.Recorded r = service(this, db).record(courseId, session, allPresent, named);
            info("attend.recorded", r.session().number(), courseId, r.session().date(),
                    r.counts().getOrDefault(AttendanceStatus.PRESENT, 0), r.counts().getOrDefault(AttendanceStatus.LATE, 0),
                    r.counts().getOrDefault(AttendanceStatus.EXCUSED, 0), r.counts().getOrDefault(AttendanceStatus.ABSENT, 0),
                    r.changed());
            if (!r.replaced().isEmpty()) {
                List<String> items = new ArrayList<>();
                for (var c : r.replaced()) {
                    items.add(msg("attend.replaced.item", c.participantId(), c.from(), c.to()));
                }
                info("attend.replaced", r.session().number(), r.replaced().size(), String.join("; ", items));
            }
            return ExitCodes.OK;
        }

        private static List<String> clean(List<String> refs) {
            return refs.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = {"Remove the attendance records of a session, to undo a mistaken 'attend record'.",
                "All of them, or with --only those of these people. The session is then unrecorded for them."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit attend clear bm-2018 --session=3", "  coursekit attend clear bm-2018 --session=3 --only=7,kaethe@example.org"})
    static final class Clear extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", description = "The course id.")
        String courseId;
        @Option(names = "--session", required = true, paramLabel = "SESSION", description = "Number, date, 'today' or 'next'.")
        String session;
        @Option(names = "--only", paramLabel = "REFS", split = ",", description = "Only these participants (ids or e-mail addresses).")
        List<String> only = new ArrayList<>();

        @Override
        protected int run(Store db) {
            AttendanceService.Cleared r = service(this, db).clear(courseId, session, Record.clean(only));
            info("attend.cleared", r.session().number(), courseId, r.session().date(), r.removed());
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Record attendance from a CSV file, all or nothing.",
                "Columns: participant (id or e-mail; also Teilnehmer), session (number or date; also Sitzung, Termin),",
                "status (present, late, excused, absent; also anwesend, verspätet, entschuldigt, abwesend)."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit attend import anwesenheit.csv --course=bm-2018"})
    static final class Import extends Base.WithDb {
        @Parameters(paramLabel = "FILE.csv", description = "The CSV file.")
        Path file;
        @Option(names = "--course", required = true, paramLabel = "COURSE", description = "The course.")
        String course;

        @Override
        protected int run(Store db) {
            int n = service(this, db).importCsv(file, course);
            info("attend.imported", file, n, course);
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the attendance records of a course, or of one session.",
            footerHeading = "%nExamples:%n", footer = {"  coursekit attend list bm-2018 --session=3", "  coursekit attend list bm-2018 --csv"})
    static final class ListRecords extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", description = "The course id.")
        String courseId;
        @Option(names = "--session", paramLabel = "SESSION", description = "Only this session.")
        String session;
        @Mixin
        OutputOptions output = new OutputOptions();

        @Override
        protected int run(Store db) {
            List<AttendanceService.Line> lines = service(this, db).list(courseId, session);
            output.print(this, lines, List.of(
                    Column.num("participantId", l -> l.participant().id()),
                    Column.of("firstName", l -> l.participant().firstName()),
                    Column.of("lastName", l -> l.participant().lastName()),
                    Column.of("email", l -> l.participant().email()),
                    Column.num("session", l -> l.session().number()),
                    Column.of("date", l -> l.session().date()),
                    Column.of("status", l -> l.status().id())));
            return ExitCodes.OK;
        }
    }

    @Command(name = "sheet", mixinStandardHelpOptions = true,
            description = {"Write a printable A4 sign-in sheet (PDF) for a session.",
                "Course, session, date, time, place, one row per enrolled participant (by last name) with a box to sign. In the course's language."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit attend sheet bm-2018 --session=next --output=anwesenheit.pdf"})
    static final class Sheet extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", description = "The course id.")
        String courseId;
        @Option(names = "--session", required = true, paramLabel = "SESSION", description = "Number, date, 'today' or 'next'.")
        String session;
        @Option(names = "--output", required = true, paramLabel = "FILE.pdf", description = "Where to write the PDF.")
        Path output;

        @Override
        protected int run(Store db) {
            AttendanceService.Sheet s = service(this, db).sheet(courseId, session, output,
                    root().lang == null ? null : root().lang.name());
            info("attend.sheet.written", output, s.session().number(), s.people());
            return ExitCodes.OK;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"The participants × sessions matrix: who came when.",
                "Attended of held counted sessions, percentage and certificate status.",
                "Marks: x present, L late, e excused, - absent, ? not recorded, c cancelled."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit attend report bm-2018", "  coursekit attend report bm-2018 --csv > bericht.csv"})
    static final class Report extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", description = "The course id.")
        String courseId;
        @Option(names = "--as-of", paramLabel = "DATE", description = "Evaluate as at the end of this day (default: now).")
        String asOf;
        @Mixin
        OutputOptions output = new OutputOptions();

        @Override
        protected int run(Store db) {
            AttendanceService.Report r = service(this, db).report(courseId, OptionValues.date("--as-of", asOf));
            if (output.json()) {
                List<Object> rows = new ArrayList<>();
                for (AttendanceService.Row row : r.rows()) {
                    Map<String, Object> m = new LinkedHashMap<>(CertifyCommand.eligibilityFields(this, row));
                    Map<String, Object> sessions = new LinkedHashMap<>();
                    for (Session s : r.sessions()) {
                        AttendanceStatus st = row.records().get(s.number());
                        sessions.put(Integer.toString(s.number()), st == null ? null : st.id());
                    }
                    m.put("sessions", sessions);
                    rows.add(m);
                }
                JsonOut.write(out(), rows);
                return ExitCodes.OK;
            }
            List<String> headers = new ArrayList<>(List.of(msg("column.participantId"), msg("column.lastName"),
                    msg("column.firstName")));
            List<String> keys = new ArrayList<>(List.of("participantId", "lastName", "firstName"));
            for (Session s : r.sessions()) {
                headers.add(Integer.toString(s.number()));
                keys.add("s" + s.number());
            }
            headers.addAll(List.of(msg("column.attended"), msg("column.percent"), msg("column.status")));
            // attended of held, and that as the percentage: one base, as in --json (planned ones are still to come)
            // CSV columns are stable: "counted" (held and planned) stays where it was; "held" and
            // "planned" are added at the end. The table shows attended of held, the percentage's base.
            keys.addAll(List.of("attended", "counted", "percent", "status", "held", "planned"));
            List<List<String>> cells = new ArrayList<>();
            for (AttendanceService.Row row : r.rows()) {
                List<String> line = new ArrayList<>();
                line.add(Long.toString(row.participant().id()));
                line.add(row.participant().lastName());
                line.add(row.participant().firstName());
                for (Session s : r.sessions()) {
                    line.add(mark(r, row, s));
                }
                var e = row.eligibility();
                if (output.csv()) {
                    line.add(Integer.toString(e.attended()));
                    line.add(Integer.toString(e.held() + e.planned()));
                } else {
                    line.add(e.attended() + "/" + e.held());
                }
                line.add(e.percent() == null ? "" : e.percent() + (output.csv() ? "" : "%"));
                line.add(e.status().id());
                if (output.csv()) {
                    line.add(Integer.toString(e.held()));
                    line.add(Integer.toString(e.planned()));
                }
                cells.add(line);
            }
            if (output.csv()) {
                try (CsvOut w = CsvOut.plain(out())) {
                    w.row(keys);
                    for (List<String> line : cells) {
                        w.row(line);
                    }
                }
            } else {
                boolean[] right = new boolean[headers.size()];
                right[0] = true;
                Arrays.fill(right, 3, headers.size() - 1, true);
                TableRenderer.render(out(), headers, cells, right);
            }
            out().flush();
            return ExitCodes.OK;
        }

        private static String mark(AttendanceService.Report r, AttendanceService.Row row, Session s) {
            if (s.cancelled()) {
                return "c";
            }
            if (row.enrolment().since() != null && s.date().isBefore(row.enrolment().since())) {
                return "";
            }
            AttendanceStatus st = row.records().get(s.number());
            if (st == null) {
                return row.eligibility().unrecorded().contains(s.number()) ? "?" : "";
            }
            return switch (st) {
                case PRESENT -> "x";
                case LATE -> "L";
                case EXCUSED -> "e";
                case ABSENT -> "-";
            };
        }
    }
}
