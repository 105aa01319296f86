package org.coursekit.cli;

import java.nio.file.Path;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coursekit.app.CourseService;
import org.coursekit.domain.Course;
import org.coursekit.domain.CourseSummary;
import org.coursekit.domain.MinAttendance;
import org.coursekit.domain.Msg;
import org.coursekit.domain.Session;
import org.coursekit.io.AtomicFile;
import org.coursekit.io.CourseFile;
import org.coursekit.io.JsonOut;
import org.coursekit.render.TableRenderer;
import org.coursekit.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "course", mixinStandardHelpOptions = true,
        description = "Create, list, show, change and export courses and their sessions.",
        synopsisSubcommandLabel = "COMMAND")
final class CourseCommand extends Base.Group {

    static CourseService service(Base cmd, Store db) {
        return new CourseService(db, cmd.root().clock());
    }

    /** Options that describe a course, shared by create and edit. */
    static final class CourseOptions {
        @Option(names = "--title", paramLabel = "TEXT", description = "The course's title, as printed on documents.")
        String title;
        @Option(names = "--organiser", paramLabel = "TEXT", description = "Who runs the course (printed at the top of certificates).")
        String organiser;
        @Option(names = "--location", paramLabel = "TEXT", description = "Where sessions take place unless a session says otherwise.")
        String location;
        @Option(names = "--language", paramLabel = "de|en", description = "Language of the course's documents (default: de).")
        String language;
        @Option(names = "--timezone", paramLabel = "ZONE", description = "Time zone of the session times (default: Europe/Berlin).")
        String timezone;
        @Option(names = "--capacity", paramLabel = "N", description = "Places in the course; enrolling beyond needs --waitlist.")
        Integer capacity;
        @Option(names = "--min-attendance", paramLabel = "80%|N",
                description = "Attendance a certificate needs: a percentage of the counted sessions or a number of them (default: 80%%).")
        String minAttendance;

        boolean isEmpty() {
            return title == null && organiser == null && location == null && language == null && timezone == null
                    && capacity == null && minAttendance == null;
        }

        Course applyTo(Course c) {
            String t = OptionValues.text("--title", title);
            return new Course(c.id(), t != null ? t : c.title(),
                    organiser != null ? OptionValues.text("--organiser", organiser) : c.organiser(),
                    location != null ? OptionValues.text("--location", location) : c.location(),
                    timezone != null ? OptionValues.zone("--timezone", timezone).getId() : c.zoneId(),
                    language != null ? OptionValues.language("--language", language) : c.language(),
                    capacity != null ? OptionValues.capacity("--capacity", capacity) : c.capacity(),
                    minAttendance != null ? OptionValues.minAttendance("--min-attendance", minAttendance) : c.minAttendance(),
                    c.trainers(), c.contact(), c.certificate(), c.organisation());
        }
    }

    /**
     * A warning on stderr (not an error: sessions may be added later) when the certificate rule asks
     * for more sessions than the course has counted ones, e.g. {@code --min-attendance=80} meant as 80 %.
     */
    static void warnIfRuleExceedsSessions(Base cmd, Course c, List<Session> sessions, boolean fromFile) {
        int counted = (int) sessions.stream().filter(Session::isCounted).count();
        MinAttendance rule = c.minAttendance();
        if (!rule.exceeds(counted)) {
            return;
        }
        Msg has = counted == 0 ? Msg.of("course.rule.counted.none")
                : counted == 1 ? Msg.of("course.rule.counted.one") : Msg.of("course.rule.counted.many", counted);
        String key = rule.value() > 100 ? "course.rule.exceeds" : fromFile ? "course.rule.exceeds.file" : "course.rule.exceeds.option";
        cmd.info(key, rule.value(), c.id(), has);
    }

    /** {@link #warnIfRuleExceedsSessions} for a course in the database. */
    static void warnIfRuleExceedsSessions(Base cmd, Store db, String courseId) {
        CourseService.Details d = service(cmd, db).show(courseId);
        warnIfRuleExceedsSessions(cmd, d.course(), d.sessions(), false);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a course, from a JSON file or from options.",
                "A course file holds a whole course with sessions and rules; from options the course is empty"
                    + " (add sessions with 'course session add').",
                "Prints the course id."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit course create --from=examples/ditzingen-2018/course.json",
                "  coursekit course create erste-hilfe-2026 --title=\"Erste Hilfe\" --capacity=12 \\",
                "      --min-attendance=100%%"})
    static final class Create extends Base.WithDb {
        @Option(names = "--from", paramLabel = "FILE.json", description = "A course file (format: README, 'Course file').")
        Path from;

        @Parameters(paramLabel = "ID", arity = "0..1",
                description = "The new course's id: 2-40 lowercase letters, digits or '-' (e.g. bm-2018).")
        String id;

        @Mixin
        CourseOptions options = new CourseOptions();

        @Option(names = "--organisation", paramLabel = "ORG",
                description = "The organisation the course belongs to (default: default, or the course file's; see: db org list).")
        String organisation;

        @Override
        protected int run(Store db) {
            OptionValues.organisationId("--organisation", organisation);
            CourseFile.Definition def;
            if (from != null) {
                if (id != null || !options.isEmpty()) {
                    throw usage("course.create.fromAndOptions");
                }
                def = CourseFile.read(from);
                if (organisation != null) {
                    def = new CourseFile.Definition(def.course().withOrganisation(organisation), def.sessions());
                }
            } else {
                if (id == null || options.title == null) {
                    throw usage("course.create.needIdAndTitle");
                }
                OptionValues.courseId("ID", id);
                Course blank = new Course(id, "-", null, null, null, null, null, null, null, null, null, organisation);
                def = new CourseFile.Definition(options.applyTo(blank), List.of());
            }
            CourseService.Details d = service(this, db).create(def);
            info("course.created", d.course().id(), d.sessions().size());
            warnIfRuleExceedsSessions(this, d.course(), d.sessions(), from != null);
            out().println(d.course().id());
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the courses with their dates and number of participants.",
            footerHeading = "%nExamples:%n", footer = {"  coursekit course list", "  coursekit course list --json"})
    static final class ListCourses extends Base.WithDb {
        @Mixin
        OutputOptions output = new OutputOptions();

        @Override
        protected int run(Store db) {
            List<CourseSummary> rows = service(this, db).list();
            output.print(this, rows, List.of(
                    Column.of("id", r -> r.course().id()),
                    Column.of("title", r -> r.course().title()),
                    Column.of("firstDate", CourseSummary::firstDate),
                    Column.of("lastDate", CourseSummary::lastDate),
                    Column.num("sessions", CourseSummary::sessions),
                    Column.num("enrolled", CourseSummary::enrolled),
                    Column.num("capacity", r -> r.course().capacity()),
                    Column.of("language", r -> r.course().language()),
                    Column.of("organisation", r -> r.course().organisation())));
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a course: details, certificate rule and the numbered sessions.",
            footerHeading = "%nExamples:%n", footer = {"  coursekit course show bm-2018", "  coursekit course show bm-2018 --json"})
    static final class Show extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", description = "The course id.")
        String courseId;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(Store db) {
            CourseService.Details d = service(this, db).show(courseId);
            Course c = d.course();
            warnIfRuleExceedsSessions(this, c, d.sessions(), false);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", c.id());
                m.put("title", c.title());
                m.put("organiser", c.organiser());
                m.put("organisation", c.organisation());
                m.put("location", c.location());
                m.put("timezone", c.zoneId());
                m.put("language", c.language());
                m.put("capacity", c.capacity());
                m.put("enrolled", d.enrolled());
                // as in the course file: "80%" for a percentage, 8 for a number of sessions
                m.put("minAttendance", c.minAttendance().percent() ? c.minAttendance().toString() : c.minAttendance().value());
                m.put("trainers", c.trainers());
                Map<String, Object> file = CourseFile.toJson(c, List.of());
                m.put("contact", file.get("contact"));
                m.put("certificate", file.get("certificate"));
                List<Object> sessions = new ArrayList<>();
                for (Session s : d.sessions()) {
                    sessions.add(OutputOptions.map(s, SessionCommand.columns(c)));
                }
                m.put("sessions", sessions);
                JsonOut.write(out(), m);
                return ExitCodes.OK;
            }
            printDetails(c, d);
            out().println();
            new OutputOptions().print(this, d.sessions(), SessionCommand.tableColumns(this, c));
            return ExitCodes.OK;
        }

        private void printDetails(Course c, CourseService.Details d) {
            List<String[]> lines = new ArrayList<>();
            lines.add(new String[] {msg("label.course"), c.id() + "  " + c.title()});
            add(lines, "label.organiser", c.organiser());
            add(lines, "label.organisation", c.organisation());
            add(lines, "label.location", c.location());
            add(lines, "label.language", c.language() + ", " + c.zoneId());
            add(lines, "label.capacity", c.capacity() == null
                    ? msg("course.enrolledOnly", d.enrolled())
                    : msg("course.enrolledOf", d.enrolled(), c.capacity()));
            int counted = (int) d.sessions().stream().filter(Session::isCounted).count();
            add(lines, "label.rule", msg("course.rule", c.minAttendance(), c.minAttendance().sessionsNeeded(counted), counted));
            List<String> required = d.sessions().stream().filter(s -> s.required() && !s.cancelled())
                    .map(s -> Integer.toString(s.number())).toList();
            if (!required.isEmpty()) {
                add(lines, "label.required", String.join(", ", required));
            }
            add(lines, "label.certificate", c.certificate().title());
            if (!c.trainers().isEmpty()) {
                add(lines, "label.trainers", String.join(", ", c.trainers()));
            }
            if (!c.contact().isEmpty()) {
                List<String> parts = new ArrayList<>();
                for (String p : new String[] {c.contact().name(), c.contact().email(), c.contact().phone()}) {
                    if (p != null) {
                        parts.add(p);
                    }
                }
                add(lines, "label.contact", String.join(", ", parts));
            }
            int w = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
            for (String[] l : lines) {
                out().println(l[0] + ":" + " ".repeat(w - l[0].length() + 2) + TableRenderer.clean(l[1]));
            }
        }

        private void add(List<String[]> lines, String key, String value) {
            if (value != null) {
                lines.add(new String[] {msg(key), value});
            }
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "Change a course's details. Options not given stay as they are.",
            footerHeading = "%nExamples:%n", footer = {"  coursekit course edit bm-2018 --capacity=24 --min-attendance=8"})
    static final class Edit extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", description = "The course id.")
        String courseId;

        @Mixin
        CourseOptions options = new CourseOptions();

        @Override
        protected int run(Store db) {
            if (options.isEmpty()) {
                throw usage("edit.nothing");
            }
            service(this, db).edit(courseId, options::applyTo);
            info("course.edited", courseId);
            warnIfRuleExceedsSessions(this, db, courseId);
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Delete a course with its sessions and enrolments (participants stay).",
                "Refused once attendance is recorded, unless --force; never once certificates exist."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit course delete test-kurs"})
    static final class Delete extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", description = "The course id.")
        String courseId;

        @Option(names = "--force", description = "Delete even though attendance is recorded.")
        boolean force;

        @Override
        protected int run(Store db) {
            service(this, db).delete(courseId, force);
            info("course.deleted", courseId);
            return ExitCodes.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Print the course file (JSON) that 'course create --from' reads."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit course export bm-2018 > bm-2019.json"})
    static final class Export extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", description = "The course id.")
        String courseId;

        @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
        Path output;

        @Override
        protected int run(Store db) {
            CourseFile.Definition d = service(this, db).export(courseId);
            Map<String, Object> json = CourseFile.toJson(d.course(), d.sessions());
            if (output == null) {
                JsonOut.write(out(), json);
            } else {
                AtomicFile.writeText(output, db::refuseOwnFile, w -> JsonOut.write(w, json));
                info("file.written", output);
            }
            return ExitCodes.OK;
        }
    }

    static String weekday(Base cmd, Session s) {
        return s.date().getDayOfWeek().getDisplayName(TextStyle.SHORT, cmd.root().messages().locale());
    }
}
