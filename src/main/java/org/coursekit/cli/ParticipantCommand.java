package org.coursekit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coursekit.app.ParticipantService;
import org.coursekit.domain.Enrolment;
import org.coursekit.domain.EnrolmentStatus;
import org.coursekit.domain.Participant;
import org.coursekit.domain.ParticipantRow;
import org.coursekit.io.CsvOut;
import org.coursekit.io.JsonOut;
import org.coursekit.render.TableRenderer;
import org.coursekit.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "participant", mixinStandardHelpOptions = true,
        description = {"Add, import, list and change participants; enrol them in courses.",
            "REF is a participant's numeric id or e-mail address."},
        synopsisSubcommandLabel = "COMMAND")
final class ParticipantCommand extends Base.Group {

    static ParticipantService service(Base cmd, Store db) {
        return new ParticipantService(db, cmd.root().clock());
    }

    static final class PersonOptions {
        @Option(names = "--first", paramLabel = "NAME", description = "First name.")
        String first;
        @Option(names = "--last", paramLabel = "NAME", description = "Last name.")
        String last;
        @Option(names = "--email", paramLabel = "EMAIL", description = "E-mail address (unique; can be used as REF).")
        String email;
        @Option(names = "--phone", paramLabel = "PHONE", description = "Phone number.")
        String phone;
        @Option(names = "--form", paramLabel = "f|m|x", completionCandidates = Forms.class,
                description = "'Guten Tag First Last' (x), Frau (f) or Herr (m): the form of address.")
        String form;
        @Option(names = "--birth-date", paramLabel = "DATE", description = "1961-03-14 or 14.03.1961.")
        String birthDate;
        @Option(names = "--note", paramLabel = "TEXT", description = "A note for the organisers.")
        String note;

        boolean isEmpty() {
            return first == null && last == null && email == null && phone == null && form == null && birthDate == null
                    && note == null;
        }

        /** Applies the given options; an empty value ('') clears an optional field. */
        Participant applyTo(Participant p) {
            return new Participant(p.id(),
                    first != null ? OptionValues.text("--first", first) : p.firstName(),
                    last != null ? OptionValues.text("--last", last) : p.lastName(),
                    email != null ? OptionValues.text("--email", email) : p.email(),
                    phone != null ? OptionValues.text("--phone", phone) : p.phone(),
                    form != null ? OptionValues.form("--form", form) : p.form(),
                    birthDate != null ? (birthDate.isBlank() ? null : OptionValues.date("--birth-date", birthDate)) : p.birthDate(),
                    note != null ? OptionValues.text("--note", note, true) : p.note());
        }
    }

    static final class Forms implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("f", "m", "x").iterator();
        }
    }

    static final class Statuses implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(EnrolmentStatus.values()).map(EnrolmentStatus::id).iterator();
        }
    }

    static List<Column<ParticipantRow>> columns(boolean withStatus) {
        List<Column<ParticipantRow>> cols = new ArrayList<>(List.of(
                Column.num("id", r -> r.participant().id()),
                Column.of("firstName", r -> r.participant().firstName()),
                Column.of("lastName", r -> r.participant().lastName()),
                Column.of("email", r -> r.participant().email()),
                Column.of("phone", r -> r.participant().phone()),
                Column.of("form", r -> r.participant().form() == null ? null : r.participant().form().code()),
                Column.of("birthDate", r -> r.participant().birthDate())));
        if (withStatus) {
            cols.add(Column.of("status", r -> r.status().id()));
        }
        return cols;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a participant and print the new id.",
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit participant add --first=Käthe --last=Köhler \\", "      --email=kaethe@example.org --form=f --course=bm-2018"})
    static final class Add extends Base.WithDb {
        @Mixin
        PersonOptions person = new PersonOptions();

        @Option(names = "--course", paramLabel = "COURSE", description = "Also enrol in this course.")
        String course;

        @Override
        protected int run(Store db) {
            if (person.first == null || person.last == null) {
                throw usage("participant.add.needNames");
            }
            Participant p = person.applyTo(new Participant(0, null, null, null, null, null, null, null));
            long id = service(this, db).add(p, course);
            info(course == null ? "participant.added" : "participant.addedEnrolled", id, course);
            out().println(id);
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import participants from a CSV file, all or nothing.",
                "Headers in English or German, any case: first_name/Vorname, last_name/Nachname, email/E-Mail,",
                "phone/Telefon, form/Anrede (Frau, Herr, divers), birth_date/Geburtsdatum, note/Bemerkung.",
                "Encoding (UTF-8 or Windows-1252) and delimiter (, ; tab) are detected.",
                "A duplicate is the same e-mail address (any case). Every bad row is reported as FILE:LINE."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit participant import teilnehmer.csv --course=bm-2018 --dry-run",
                "  coursekit participant import teilnehmer.csv --course=bm-2018 \\", "      --on-duplicate=update"})
    static final class Import extends Base.WithDb {
        @Parameters(paramLabel = "FILE.csv", description = "The CSV file.")
        Path file;
        @Option(names = "--course", paramLabel = "COURSE", description = "Enrol everyone in the file in this course.")
        String course;
        @Option(names = "--delimiter", paramLabel = "auto|,|;|tab", defaultValue = "auto",
                converter = Delimiter.Converter.class, description = "Field delimiter (default: ${DEFAULT-VALUE}).")
        Delimiter delimiter;
        @Option(names = "--encoding", paramLabel = "auto|utf-8|windows-1252", defaultValue = "auto",
                converter = Encoding.Converter.class, description = "Character encoding (default: ${DEFAULT-VALUE}).")
        Encoding encoding;
        @Option(names = "--on-duplicate", paramLabel = "fail|skip|update", defaultValue = "fail",
                completionCandidates = OnDuplicates.class,
                description = "When an e-mail address is already known: fail (exit 5, nothing imported), skip the row, "
                        + "or update the person with the row's non-empty cells (default: ${DEFAULT-VALUE}).")
        ParticipantService.OnDuplicate onDuplicate;
        @Option(names = "--ignore-unknown-columns", description = "Ignore columns that are not known instead of refusing the file.")
        boolean ignoreUnknown;
        @Option(names = "--dry-run", description = "Check everything and report what would happen; change nothing.")
        boolean dryRun;

        @Override
        protected int run(Store db) {
            Progress progress = new Progress(this);
            ParticipantService.ImportResult r;
            try {
                r = service(this, db).importCsv(file, course, delimiter.toString(), encoding.toString(), onDuplicate, ignoreUnknown, dryRun,
                        rows -> progress.count("progress.rows", rows));
            } finally {
                progress.done();
            }
            String delim = r.delimiter() == '\t' ? "tab" : String.valueOf(r.delimiter());
            info(dryRun ? "import.summary.dryRun" : "import.summary", file, r.rows(), r.created(), r.updated(),
                    r.skipped(), r.enrolled(), r.encoding(), delim);
            return ExitCodes.OK;
        }
    }

    /** An option value with several spellings: the first is what help and completion show ({@code toString()}). */
    interface Spelt {
        List<String> names();

        /** The constant of {@code type} one of whose names is {@code value} (any case); else a usage error listing the first names. */
        static <E extends Enum<E> & Spelt> E of(Class<E> type, String value) {
            for (E e : type.getEnumConstants()) {
                if (e.names().contains(value.toLowerCase(java.util.Locale.ROOT))) {
                    return e;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(value);
        }
    }

    /** --delimiter of the CSV import. */
    enum Delimiter implements Spelt {
        AUTO("auto"), COMMA(",", "comma"), SEMICOLON(";", "semicolon"), TAB("tab", "\t", "\\t");

        private final List<String> names;

        Delimiter(String... names) {
            this.names = List.of(names);
        }

        @Override
        public List<String> names() {
            return names;
        }

        @Override
        public String toString() {
            return names.get(0);
        }

        static final class Converter implements picocli.CommandLine.ITypeConverter<Delimiter> {
            @Override
            public Delimiter convert(String value) {
                return Spelt.of(Delimiter.class, value);
            }
        }
    }

    /** --encoding of the CSV import. */
    enum Encoding implements Spelt {
        AUTO("auto"), UTF_8("utf-8", "utf8"), WINDOWS_1252("windows-1252", "cp1252", "latin1", "iso-8859-1");

        private final List<String> names;

        Encoding(String... names) {
            this.names = List.of(names);
        }

        @Override
        public List<String> names() {
            return names;
        }

        @Override
        public String toString() {
            return names.get(0);
        }

        static final class Converter implements picocli.CommandLine.ITypeConverter<Encoding> {
            @Override
            public Encoding convert(String value) {
                return Spelt.of(Encoding.class, value);
            }
        }
    }

    /** --on-duplicate's values as users type them. */
    static final class OnDuplicates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(ParticipantService.OnDuplicate.values())
                    .map(d -> d.name().toLowerCase(java.util.Locale.ROOT)).iterator();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List participants, all or those of a course (with their enrolment status).",
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit participant list --course=bm-2018", "  coursekit participant list --course=bm-2018 --status=waitlisted --csv"})
    static final class ListParticipants extends Base.WithDb {
        @Option(names = "--course", paramLabel = "COURSE", description = "Only participants of this course.")
        String course;
        @Option(names = "--status", paramLabel = "STATUS", completionCandidates = Statuses.class,
                description = "With --course: only this status (${COMPLETION-CANDIDATES}).")
        EnrolmentStatus status;
        @Mixin
        OutputOptions output = new OutputOptions();

        @Override
        protected int run(Store db) {
            if (status != null && course == null) {
                throw usage("participant.list.statusNeedsCourse");
            }
            List<ParticipantRow> rows = service(this, db).list(course, status);
            output.print(this, rows, columns(course != null));
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a participant with their enrolments.",
            footerHeading = "%nExamples:%n", footer = {"  coursekit participant show kaethe@example.org"})
    static final class Show extends Base.WithDb {
        @Parameters(paramLabel = "REF", description = "Id or e-mail address.")
        String ref;
        @Mixin
        OutputOptions output = new OutputOptions();

        @Override
        protected int run(Store db) {
            ParticipantService.Details d = service(this, db).show(ref);
            Participant p = d.participant();
            List<Column<ParticipantRow>> cols = columns(false);
            ParticipantRow row = new ParticipantRow(p, null);
            if (output.json()) {
                Map<String, Object> m = new LinkedHashMap<>(OutputOptions.map(row, cols));
                m.put("note", p.note());
                m.put("enrolments", PersonalDataJson.enrolments(d.enrolments()));
                m.put("organisation", d.organisation());
                JsonOut.write(out(), m);
                return ExitCodes.OK;
            }
            if (output.csv()) {
                try (CsvOut w = CsvOut.plain(out())) {
                    w.row(cols.stream().map(Column::key).toList());
                    w.row(cols.stream().map(c -> c.value().apply(row)).toList());
                }
                out().flush();
                return ExitCodes.OK;
            }
            line("column.id", p.id());
            line("label.name", p.fullName());
            line("column.email", p.email());
            line("column.phone", p.phone());
            line("column.form", p.form() == null ? null : p.form().code());
            line("column.birthDate", p.birthDate());
            line("label.note", p.note());
            line("label.organisation", d.organisation());
            for (Enrolment e : d.enrolments()) {
                String extra = e.since() != null ? " " + msg("participant.since", e.since()) : "";
                extra += e.reason() != null ? " (" + e.reason() + ")" : "";
                line("label.course", e.courseId() + ": " + e.status().id() + extra);
            }
            out().flush();
            return ExitCodes.OK;
        }

        /** A detail line; a note's further lines indented below it, each shown as a table cell is. */
        private void line(String key, Object value) {
            if (value != null) {
                String label = msg(key) + ":";
                String indent = " ".repeat(Math.max(1, 12 - label.length()));
                for (String l : String.valueOf(value).split("\\R", -1)) {
                    out().println(label + indent + TableRenderer.clean(l));
                    label = " ".repeat(label.length());
                }
            }
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "Change a participant. Options not given stay; '' clears an optional field.",
            footerHeading = "%nExamples:%n", footer = {"  coursekit participant edit 7 --email=neu@example.org --phone=''"})
    static final class Edit extends Base.WithDb {
        @Parameters(paramLabel = "REF", description = "Id or e-mail address.")
        String ref;
        @Mixin
        PersonOptions person = new PersonOptions();

        @Override
        protected int run(Store db) {
            if (person.isEmpty()) {
                throw usage("edit.nothing");
            }
            Participant p = service(this, db).edit(ref, person::applyTo);
            info("participant.edited", p.id());
            return ExitCodes.OK;
        }
    }

    @Command(name = "enrol", mixinStandardHelpOptions = true,
            description = {"Enrol a participant in a course.",
                "Past the course's capacity only with --waitlist (then on the waiting list).",
                "--since=DATE: a late enrolment; sessions before DATE are neither attended nor missed."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit participant enrol 7 --course=bm-2018", "  coursekit participant enrol eike@example.org --course=bm-2018 \\", "      --since=06.03.2018"})
    static final class Enrol extends Base.WithDb {
        @Parameters(paramLabel = "REF", description = "Id or e-mail address.")
        String ref;
        @Option(names = "--course", required = true, paramLabel = "COURSE", description = "The course.")
        String course;
        @Option(names = "--waitlist", description = "Put on the waiting list when the course is full.")
        boolean waitlist;
        @Option(names = "--since", paramLabel = "DATE", description = "Enrolled from this date on (late enrolment).")
        String since;

        @Override
        protected int run(Store db) {
            EnrolmentStatus s = service(this, db).enrol(ref, course, waitlist, OptionValues.date("--since", since));
            info(s == EnrolmentStatus.WAITLISTED ? "enrol.waitlisted" : "enrol.done", ref, course);
            return ExitCodes.OK;
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true, description = "Withdraw a participant from a course (kept, marked withdrawn).",
            footerHeading = "%nExamples:%n", footer = {"  coursekit participant withdraw 7 --course=bm-2018 --reason=\"moved away\""})
    static final class Withdraw extends Base.WithDb {
        @Parameters(paramLabel = "REF", description = "Id or e-mail address.")
        String ref;
        @Option(names = "--course", required = true, paramLabel = "COURSE", description = "The course.")
        String course;
        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept with the enrolment).")
        String reason;

        @Override
        protected int run(Store db) {
            service(this, db).withdraw(ref, course, OptionValues.text("--reason", reason));
            info("withdraw.done", ref, course);
            return ExitCodes.OK;
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = {"Right to erasure: remove a person's personal data for good.",
                "Name, e-mail, phone, birth date and note go, also from the database file's free space and write-ahead log, and from the",
                "copies coursekit made before migrations (FILE.bak-vN). Attendance stays counted but anonymous;",
                "issued certificates stay in the register with serial, course, date and hash and still verify,",
                "the holder shown as erased. Copies you made (db backup) are not touched: delete or replace them.",
                "Needs the database to itself for a moment: waits for other coursekit processes (busy timeout).",
                "Asks first (y/N) on a terminal; without one (scripts, cron) it needs --yes."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit participant erase kaethe@example.org",
                "  coursekit participant erase 14 --yes"})
    static final class Erase extends Base.WithDb {
        @Parameters(paramLabel = "REF", description = "Id or e-mail address.")
        String ref;
        @Option(names = "--yes", description = "Do not ask; needed without a terminal.")
        boolean yes;

        @Override
        public Integer call() {
            needYesOrTerminal(yes);
            return super.call();
        }

        @Override
        protected int run(Store db) {
            var privacy = new org.coursekit.app.PrivacyService(db);
            var person = privacy.eraseCandidate(ref);
            if (!confirmed(yes, "erase.confirm", person.id(), person.certificates(), person.courses())) {
                return ExitCodes.OK;
            }
            long id = privacy.erase(person.id());
            info("erase.done", id);
            for (var backup : db.migrationBackups()) {
                info("erase.backupToo", backup);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "export-data", mixinStandardHelpOptions = true,
            description = {"Right of access: everything stored about a person, as JSON.",
                "The record, enrolments, attendance, certificates (with what was printed) and the audit entries about them."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit participant export-data 7 > auskunft.json"})
    static final class ExportData extends Base.WithDb {
        @Parameters(paramLabel = "REF", description = "Id or e-mail address.")
        String ref;

        @Override
        protected int run(Store db) {
            JsonOut.write(out(), PersonalDataJson.of(new org.coursekit.app.PrivacyService(db).exportData(ref)));
            return ExitCodes.OK;
        }
    }
}
