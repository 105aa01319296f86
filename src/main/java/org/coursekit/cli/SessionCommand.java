package org.coursekit.cli;

import java.util.List;

import org.coursekit.app.CourseService;
import org.coursekit.domain.Course;
import org.coursekit.domain.Session;
import org.coursekit.domain.SessionKind;
import org.coursekit.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "session", mixinStandardHelpOptions = true,
        description = {"Add, list, change, cancel and remove a course's sessions.",
            "SESSION is its number, its date (2018-03-06 or 06.03.2018), 'today' or 'next'."},
        synopsisSubcommandLabel = "COMMAND")
final class SessionCommand extends Base.Group {

    /** The columns of a session in JSON and CSV (stable keys). */
    static List<Column<Session>> columns(Course c) {
        return List.of(
                Column.num("number", Session::number),
                Column.of("date", Session::date),
                Column.of("start", Session::start),
                Column.of("end", Session::end),
                Column.of("title", Session::title),
                Column.of("kind", s -> s.kind().id()),
                Column.of("counts", Session::counts),
                Column.of("required", Session::required),
                Column.of("cancelled", Session::cancelled),
                Column.of("location", s -> s.location() != null ? s.location() : c.location()));
    }

    /** The columns of the session table: readable words instead of true/false. */
    static List<Column<Session>> tableColumns(Base cmd, Course c) {
        return List.of(
                Column.num("number", Session::number),
                Column.of("date", Session::date),
                Column.of("weekday", s -> CourseCommand.weekday(cmd, s)),
                Column.of("start", Session::start),
                Column.of("end", Session::end),
                Column.of("title", Session::title),
                Column.of("kind", s -> s.kind().id()),
                Column.of("notes", s -> notes(cmd, s)),
                Column.of("location", s -> s.location() != null ? s.location() : ""));
    }

    private static String notes(Base cmd, Session s) {
        StringBuilder sb = new StringBuilder();
        if (s.cancelled()) {
            sb.append(cmd.msg("session.flag.cancelled"));
        } else if (!s.counts()) {
            sb.append(cmd.msg("session.flag.notCounted"));
        }
        if (s.required()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(cmd.msg("session.flag.required"));
        }
        return sb.toString();
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a session to a course; prints its number.",
                "Kinds info and followup do not count towards the certificate unless --counted."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit course session add bm-2018 --date=06.03.2018 --start=18:30 \\",
                "      --end=21:30 --title=\"Projektmanagement I\"",
                "  coursekit course session add bm-2018 --date=2018-04-14 --start=10:00 \\", "      --end=16:00 --title=Ideenwerkstatt --kind=workshop --required"})
    static final class Add extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", description = "The course id.")
        String courseId;
        @Option(names = "--date", required = true, paramLabel = "DATE", description = "2018-03-06 or 06.03.2018.")
        String date;
        @Option(names = "--start", required = true, paramLabel = "HH:MM", description = "Start time, e.g. 19:30.")
        String start;
        @Option(names = "--end", required = true, paramLabel = "HH:MM", description = "End time, e.g. 21:00.")
        String end;
        @Option(names = "--title", required = true, paramLabel = "TEXT", description = "What the session is about.")
        String title;
        @Mixin
        SessionOptions options = new SessionOptions();
        @Option(names = "--required", description = "Must be attended for the certificate.")
        boolean required;

        @Override
        protected int run(Store db) {
            SessionKind k = options.kind == null ? SessionKind.MODULE : options.kind;
            String t = OptionValues.requiredText("--title", title);
            Session s = new Session(0, OptionValues.date("--date", date), OptionValues.time("--start", start),
                    OptionValues.time("--end", end), t, k, options.counts(k.countsByDefault()),
                    required, false, OptionValues.text("--location", options.location));
            Session added = CourseCommand.service(this, db).addSession(courseId, s);
            info("session.added", added.number(), courseId, added.date());
            CourseCommand.warnIfRuleExceedsSessions(this, db, courseId);
            out().println(added.number());
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a course's sessions with their numbers.",
            footerHeading = "%nExamples:%n", footer = {"  coursekit course session list bm-2018 --csv"})
    static final class ListSessions extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", description = "The course id.")
        String courseId;

        @Mixin
        OutputOptions output = new OutputOptions();

        @Override
        protected int run(Store db) {
            CourseService service = CourseCommand.service(this, db);
            Course c = service.show(courseId).course();
            List<Session> sessions = service.sessions(courseId);
            output.print(this, sessions, output.structured() ? columns(c) : tableColumns(this, c));
            return ExitCodes.OK;
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "Change a session. Options not given stay as they are; the number stays.",
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit course session edit bm-2018 3 --date=13.03.2018",
                "  coursekit course session edit bm-2018 next --location=\"Rathaus, Sitzungssaal\""})
    static final class Edit extends Base.WithDb {
        @Parameters(index = "0", paramLabel = "COURSE", description = "The course id.")
        String courseId;
        @Parameters(index = "1", paramLabel = "SESSION", description = "Number, date, 'today' or 'next'.")
        String session;
        @Option(names = "--date", paramLabel = "DATE", description = "2018-03-06 or 06.03.2018.")
        String date;
        @Option(names = "--start", paramLabel = "HH:MM", description = "Start time.")
        String start;
        @Option(names = "--end", paramLabel = "HH:MM", description = "End time.")
        String end;
        @Option(names = "--title", paramLabel = "TEXT", description = "What the session is about.")
        String title;
        @Mixin
        SessionOptions options = new SessionOptions();
        @ArgGroup(exclusive = true)
        Requirement requirement;

        /** --required or --not-required, at most one. */
        static final class Requirement {
            @Option(names = "--required", description = "Must be attended for the certificate.")
            boolean required;
            @Option(names = "--not-required", description = "Need not be attended.")
            boolean notRequired;
        }

        @Override
        protected int run(Store db) {
            if (date == null && start == null && end == null && title == null && options.nothingGiven() && requirement == null) {
                throw usage("edit.nothing");
            }
            var newDate = OptionValues.date("--date", date);
            var newStart = OptionValues.time("--start", start);
            var newEnd = OptionValues.time("--end", end);
            String newTitle = OptionValues.text("--title", title);
            SessionKind newKind = options.kind;
            String location = options.location;
            String newLocation = OptionValues.text("--location", location);
            Session s = CourseCommand.service(this, db).editSession(courseId, session, old -> new Session(old.number(),
                    newDate != null ? newDate : old.date(),
                    newStart != null ? newStart : old.start(),
                    newEnd != null ? newEnd : old.end(),
                    newTitle != null ? newTitle : old.title(),
                    newKind != null ? newKind : old.kind(),
                    options.counts(old.counts()),
                    requirement == null ? old.required() : requirement.required,
                    old.cancelled(),
                    location != null ? newLocation : old.location()));
            info("session.edited", s.number(), courseId);
            CourseCommand.warnIfRuleExceedsSessions(this, db, courseId);
            return ExitCodes.OK;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a session: it stays in the list, marked cancelled, and no longer counts.",
            footerHeading = "%nExamples:%n", footer = {"  coursekit course session cancel bm-2018 2018-03-13"})
    static final class Cancel extends Base.WithDb {
        @Parameters(index = "0", paramLabel = "COURSE", description = "The course id.")
        String courseId;
        @Parameters(index = "1", paramLabel = "SESSION", description = "Number, date, 'today' or 'next'.")
        String session;

        @Override
        protected int run(Store db) {
            Session s = CourseCommand.service(this, db).cancelSession(courseId, session);
            info("session.cancelled", s.number(), courseId, s.date());
            CourseCommand.warnIfRuleExceedsSessions(this, db, courseId);
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Remove a session for good (its number is not reused).",
                "Refused once attendance is recorded for it: cancel it instead."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit course session remove bm-2018 12"})
    static final class Remove extends Base.WithDb {
        @Parameters(index = "0", paramLabel = "COURSE", description = "The course id.")
        String courseId;
        @Parameters(index = "1", paramLabel = "SESSION", description = "Number, date, 'today' or 'next'.")
        String session;

        @Override
        protected int run(Store db) {
            Session s = CourseCommand.service(this, db).removeSession(courseId, session);
            info("session.removed", s.number(), courseId, s.date());
            CourseCommand.warnIfRuleExceedsSessions(this, db, courseId);
            return ExitCodes.OK;
        }
    }

    /** The options that {@code add} and {@code edit} share (add's required ones stay with it). */
    static final class SessionOptions {
        @Option(names = "--kind", paramLabel = "KIND", completionCandidates = Kinds.class,
                description = "One of: ${COMPLETION-CANDIDATES} (default for a new session: module).")
        SessionKind kind;
        @Option(names = "--location", paramLabel = "TEXT", description = "Where, if not at the course's location ('' for the course's).")
        String location;
        @ArgGroup(exclusive = true)
        Counting counting;

        /** --counted or --not-counted, at most one. */
        static final class Counting {
            @Option(names = "--counted", description = "Counts towards the certificate (a new session does unless of kind info or followup).")
            boolean counted;
            @Option(names = "--not-counted", description = "Does not count towards the certificate.")
            boolean notCounted;
        }

        /** Whether the session counts: as --counted or --not-counted say, else {@code otherwise}. */
        boolean counts(boolean otherwise) {
            return counting == null ? otherwise : counting.counted;
        }

        boolean nothingGiven() {
            return kind == null && location == null && counting == null;
        }
    }

    /** Completion candidates for --kind. */
    static final class Kinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(SessionKind.values()).map(SessionKind::id).iterator();
        }
    }
}
