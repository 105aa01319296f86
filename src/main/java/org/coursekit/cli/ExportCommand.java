package org.coursekit.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.coursekit.app.AttendanceService;
import org.coursekit.app.CertificateService;
import org.coursekit.app.ExportService;
import org.coursekit.app.ParticipantService;
import org.coursekit.app.ReportService;
import org.coursekit.domain.FileError;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.Msg;
import org.coursekit.domain.ParticipantRow;
import org.coursekit.domain.Values;
import org.coursekit.i18n.Documents;
import org.coursekit.io.AtomicFile;
import org.coursekit.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Lists for spreadsheets, calendars, and reminders for cron.",
            "Everything goes to stdout, or atomically to --output=FILE (never a partial file).",
            "CSV cells starting with = + - @, tab or CR are prefixed with ' against formula injection."},
        synopsisSubcommandLabel = "COMMAND")
final class ExportCommand extends Base.Group {

    /** --format, --excel and --output of the list exports. */
    static final class ListOptions {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", converter = ExportFormat.OfLists.class,
                completionCandidates = ExportFormat.OfLists.class,
                description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        ExportFormat format;
        @Option(names = "--excel", description = "CSV for German spreadsheet programs: ';', UTF-8 BOM, CRLF.")
        boolean excel;
        @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
        Path output;

        <T> void write(Base cmd, Store db, List<T> rows, List<Column<T>> columns) {
            refuseExcelUnlessItApplies(cmd, format, excel);
            emit(cmd, db, output, w -> format.writeRows(w, rows, columns, excel));
        }
    }

    /** {@code --excel} with a format other than CSV: a usage error. */
    static void refuseExcelUnlessItApplies(Base cmd, ExportFormat format, boolean excel) {
        if (excel && !format.excel()) {
            throw cmd.usage("usage.exclusive", "--excel", "--format=" + format.name());
        }
    }

    /** Writes to stdout, or atomically to {@code output} (never onto the database's files). */
    static void emit(Base cmd, Store db, Path output, Consumer<Writer> body) {
        if (output == null) {
            PrintWriter out = cmd.out();
            body.accept(out);
            out.flush();
        } else {
            AtomicFile.writeText(output, db::refuseOwnFile, body);
            cmd.info("file.written", output);
        }
    }

    @Command(name = "participants", mixinStandardHelpOptions = true,
            description = {"The participants of a course with their enrolment status.",
                "The CSV can be imported again with 'participant import'. --format=pdf writes a printable A4 list",
                "of those enrolled (by last name, in the course's language), with e-mail and phone only with --contact."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit export participants bm-2018 --excel --output=teilnehmende.csv",
                "  coursekit export participants bm-2018 --format=pdf --output=teilnehmende.pdf",
                "  coursekit export participants bm-2018 --format=pdf --contact \\", "      --output=kontakte.pdf"})
    static final class Participants extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", description = "The course id.")
        String courseId;
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", converter = ExportFormat.OfParticipants.class,
                completionCandidates = ExportFormat.OfParticipants.class,
                description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); pdf is a printable list and needs --output.")
        ExportFormat format;
        @Option(names = "--excel", description = "CSV for German spreadsheet programs: ';', UTF-8 BOM, CRLF.")
        boolean excel;
        @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
        Path output;
        @Option(names = "--contact", description = "With --format=pdf: also e-mail and phone (for the trainer; default: names only, a handout).")
        boolean contact;

        @Override
        protected int run(Store db) {
            ParticipantService service = new ParticipantService(db, root().clock());
            if (format == ExportFormat.pdf) {
                refuseExcelUnlessItApplies(this, format, excel);
                if (output == null) {
                    throw usage("usage.needs", "--format=pdf", "--output=FILE.pdf");
                }
                int n = service.listPdf(courseId, output, contact, root().lang == null ? null : root().lang.name());
                info("export.participants.pdf.written", output, n);
                return ExitCodes.OK;
            }
            if (contact) {
                throw usage("usage.needs", "--contact", "--format=pdf");
            }
            ListOptions options = new ListOptions();
            options.format = format;
            options.excel = excel;
            options.output = output;
            List<ParticipantRow> rows = service.list(courseId, null);
            List<Column<ParticipantRow>> cols = new ArrayList<>(ParticipantCommand.columns(false));
            cols.add(Column.of("note", r -> r.participant().note()));
            cols.add(Column.of("status", r -> r.status().id()));
            options.write(this, db, rows, cols);
            return ExitCodes.OK;
        }
    }

    @Command(name = "attendance", mixinStandardHelpOptions = true,
            description = {"Every attendance record of a course, one row per participant and session.",
                "The CSV can be imported again with 'attend import'."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit export attendance bm-2018 --excel --output=anwesenheit.csv"})
    static final class Attendance extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", description = "The course id.")
        String courseId;
        @Mixin
        ListOptions options = new ListOptions();

        @Override
        protected int run(Store db) {
            options.write(this, db, new AttendanceService(db, root().clock()).list(courseId, null), List.of(
                    Column.<AttendanceService.Line>of("participant", l -> l.participant().email() != null
                            ? l.participant().email() : Long.toString(l.participant().id())),
                    Column.of("participantId", l -> l.participant().id()),
                    Column.of("firstName", l -> l.participant().firstName()),
                    Column.of("lastName", l -> l.participant().lastName()),
                    Column.of("session", l -> l.session().number()),
                    Column.of("date", l -> l.session().date()),
                    Column.of("title", l -> l.session().title()),
                    Column.of("status", l -> l.status().id())));
            return ExitCodes.OK;
        }
    }

    @Command(name = "certificates", mixinStandardHelpOptions = true,
            description = "The certificate register, of one course or of all.",
            footerHeading = "%nExamples:%n", footer = {"  coursekit export certificates bm-2018 --format=json"})
    static final class Certificates extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", arity = "0..1", description = "Only this course.")
        String courseId;
        @Mixin
        ListOptions options = new ListOptions();

        @Override
        protected int run(Store db) {
            options.write(this, db, new CertificateService(db, root().clock()).list(courseId), CertifyCommand.registerColumns());
            return ExitCodes.OK;
        }
    }

    @Command(name = "calendar", mixinStandardHelpOptions = true,
            description = {"The course's sessions as an iCalendar file (RFC 5545), one event per session.",
                "Cancelled ones are marked cancelled. Events keep their UID, so importing again updates them."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit export calendar bm-2018 --output=bm-2018.ics"})
    static final class Calendar extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", description = "The course id.")
        String courseId;
        @Option(names = "--output", paramLabel = "FILE.ics", description = "Write to FILE (atomically) instead of stdout.")
        Path output;

        @Override
        protected int run(Store db) {
            String ics = new ExportService(db, root().clock()).calendar(courseId);
            emit(this, db, output, w -> write(w, ics));
            return ExitCodes.OK;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"The programme report for the annual report and the funder, per course and in total.",
                "Sessions held and cancelled, enrolled, withdrawn, certified, the rates, attendance per session,",
                "follow-up meetings with the alumni who came, participants by form and age group, alumni projects.",
                "pdf has a title page, a page per course and charts, in the courses' language (needs --output).",
                "Groups of 1 or 2 people are shown as <3 (JSON: the text \"<3\"; exact counts with --exact)."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit export report --year=2018 --format=pdf --output=bericht-2018.pdf",
                "  coursekit export report --course=bm-2018 --format=csv --excel \\", "      --output=bericht.csv",
                "  coursekit export report --format=json --exact"})
    static final class Report extends Base.WithDb {
        @Option(names = "--course", paramLabel = "COURSE", split = ",",
                description = "Only these courses (repeat the option or separate with commas; default: all).")
        List<String> courses = new ArrayList<>();
        @Option(names = "--org", paramLabel = "ORG", description = "Only the courses of this organisation.")
        String org;
        @Option(names = "--year", paramLabel = "YYYY", description = "Only the courses whose first session is in this year.")
        String year;
        @Option(names = "--format", required = true, paramLabel = "FORMAT", converter = ExportFormat.OfReport.class,
                completionCandidates = ExportFormat.OfReport.class, description = "One of: ${COMPLETION-CANDIDATES}.")
        ExportFormat format;
        @Option(names = "--excel", description = "With csv: for German spreadsheet programs (';', BOM, CRLF, decimal commas).")
        boolean excel;
        @Option(names = "--exact", description = "With json: exact counts also for groups of 1 or 2 (personal data; not for publishing).")
        boolean exact;
        @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout; needed for pdf.")
        Path output;

        @Override
        protected int run(Store db) {
            refuseExcelUnlessItApplies(this, format, excel);
            if (exact && format != ExportFormat.json) {
                throw usage("usage.needs", "--exact", "--format=json");
            }
            if (format == ExportFormat.pdf && output == null) {
                throw usage("usage.needs", "--format=pdf", "--output=FILE.pdf");
            }
            Integer y = year == null ? null : year();
            List<String> ids = new ArrayList<>();
            for (String c : courses) {
                ids.add(OptionValues.courseId("--course", c.strip()));
            }
            ReportService service = new ReportService(db, root().clock());
            org.coursekit.domain.ProgrammeReport.Report report = service.build(ids, OptionValues.text("--org", org), y);
            if (report.courses().isEmpty()) {
                info("report.noCourse");
            }
            ReportOutput writer = new ReportOutput(exact);
            switch (format) {
                case pdf -> {
                    service.writePdf(report, output, root().lang == null ? null : root().lang.name(), y);
                    info("report.pdf.written", output, report.courses().size());
                }
                case csv -> emit(this, db, output, w -> writer.csv(w, report, excel));
                default -> emit(this, db, output, w -> writer.json(w, report));
            }
            return ExitCodes.OK;
        }

        private int year() {
            String y = year.strip();
            if (y.length() != 4 || !y.chars().allMatch(Character::isDigit)) {
                throw OptionValues.invalid("field.year", "--year", year);
            }
            return Integer.parseInt(y);
        }
    }

    static void write(Writer w, String text) {
        try {
            w.write(text);
            w.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Command(name = "reminders", mixinStandardHelpOptions = true,
            description = {"Reminders for cron: one entry per upcoming session and participant within the window.",
                "For everyone enrolled (and certified alumni), never withdrawn or waitlisted ones.",
                "  csv, json  one row per session and person, for mail merge",
                "  ics        the sessions as one calendar",
                "  eml        one e-mail per participant into DIR (--output), ready for 'sendmail -t',",
                "             with each session attached as a calendar file",
                "--once remembers what was exported (per format), so the next run leaves it out.",
                "Nothing to remind: empty output and exit 0."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit export reminders --days=7 --format=eml --output=mails --once",
                "  for m in mails/*.eml; do sendmail -t < \"$m\" && rm \"$m\"; done",
                "  coursekit export reminders --course=bm-2018 --as-of=2018-03-05T08:00 \\", "      --format=csv"})
    static final class Reminders extends Base.WithDb {
        @Option(names = "--course", paramLabel = "COURSE", description = "Only this course (default: all).")
        String courseId;
        @Option(names = "--days", paramLabel = "N", defaultValue = "7", description = "The window: sessions starting within N days (default: ${DEFAULT-VALUE}).")
        int days;
        @Option(names = "--as-of", paramLabel = "DATETIME", description = "'2018-03-05 18:00', 2018-03-05T18:00 or a date: the start of the window (default: now, in each course's time zone).")
        String asOf;
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", converter = ExportFormat.OfReminders.class,
                completionCandidates = ExportFormat.OfReminders.class,
                description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        ExportFormat format;
        @Option(names = "--excel", description = "With csv: for German spreadsheet programs (';', BOM, CRLF).")
        boolean excel;
        @Option(names = "--output", paramLabel = "FILE|DIR", description = "A file (csv, json, ics), or the folder for the e-mails (eml, required).")
        Path output;
        @Option(names = "--once", description = "Leave out what an earlier --once run exported in this format, and remember this run's.")
        boolean once;

        @Override
        protected int run(Store db) {
            if (days < 0) {
                throw usage("export.days", days);
            }
            if (format == ExportFormat.eml && output == null) {
                throw usage("export.emlNeedsDir");
            }
            refuseExcelUnlessItApplies(this, format, excel);
            ExportService service = new ExportService(db, root().clock());
            List<ExportService.Reminder> reminders = service.reminders(courseId, days, dateTime(asOf), once ? format.name() : null);
            switch (format) {
                case eml -> {
                    ExportService.Mailed mailed = service.writeMails(output, reminders,
                            c -> new Documents(root().documentLanguage(c.language())));
                    mailed.withoutEmail().forEach(id -> info("reminders.noEmail", id));
                    reminders = mailed.written();
                }
                case ics -> {
                    String ics = reminders.isEmpty() ? "" : service.calendarOf(reminders);
                    emit(this, db, output, w -> write(w, ics));
                }
                default -> writeRows(db, reminders);
            }
            if (once) {
                service.markExported(format.name(), reminders);
            }
            if (reminders.isEmpty()) {
                info("reminders.none", days);
            } else {
                info("reminders.done", reminders.size());
            }
            return ExitCodes.OK;
        }

        private void writeRows(Store db, List<ExportService.Reminder> reminders) {
            if (reminders.isEmpty()) {
                emit(this, db, output, w -> write(w, ""));
                return;
            }
            Map<String, Documents> texts = new HashMap<>();
            java.util.function.Function<ExportService.Reminder, Documents> text =
                    r -> texts.computeIfAbsent(r.course().language(), l -> new Documents(root().documentLanguage(l)));
            List<Column<ExportService.Reminder>> cols = List.of(
                    Column.of("email", r -> r.participant().email()),
                    Column.of("firstName", r -> r.participant().firstName()),
                    Column.of("lastName", r -> r.participant().lastName()),
                    Column.of("form", r -> r.participant().form() == null ? null : r.participant().form().code()),
                    Column.of("salutation", r -> ExportService.salutation(r.participant(), text.apply(r))),
                    Column.of("courseId", r -> r.course().id()),
                    Column.of("courseTitle", r -> r.course().title()),
                    Column.of("session", r -> r.session().number()),
                    Column.of("date", r -> r.session().date()),
                    Column.of("start", r -> r.session().start()),
                    Column.of("end", r -> r.session().end()),
                    Column.of("title", r -> r.session().title()),
                    Column.of("location", r -> r.session().location() != null ? r.session().location() : r.course().location()));
            emit(this, db, output, w -> format.writeRows(w, reminders, cols, excel));
        }

        static LocalDateTime dateTime(String text) {
            if (text == null) {
                return null;
            }
            String t = text.strip().replace(' ', 'T');
            int tpos = t.indexOf('T');
            String datePart = tpos < 0 ? t : t.substring(0, tpos);
            var date = Values.parseDate(datePart).orElseThrow(() -> OptionValues.invalid("field.dateTime", "--as-of", text));
            if (tpos < 0) {
                return date.atStartOfDay();
            }
            LocalTime time = Values.parseTime(t.substring(tpos + 1)).orElseThrow(
                    () -> OptionValues.invalid("field.dateTime", "--as-of", text));
            return LocalDateTime.of(date, time);
        }
    }
}
