package org.coursekit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.coursekit.domain.CoursekitException;
import org.coursekit.domain.Msg;
import org.coursekit.i18n.Messages;
import org.coursekit.i18n.Texts;
import org.coursekit.store.Stores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code coursekit}: the global options and the subcommands. */
@Command(name = "coursekit",
        mixinStandardHelpOptions = true,
        versionProvider = CoursekitCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Organise training courses that lead to a certificate.",
            "Courses with sessions, participants, attendance and certificates, kept in one SQLite file.",
            "",
            "Database: --db, else the environment variable COURSEKIT_DB, else ./coursekit.db."},
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:success",
            " 1:a negative answer (verify: not valid; check --strict: someone not eligible)",
            " 2:usage error: unknown option, missing or malformed argument or option value",
            " 3:not found: database, course, session, participant, certificate, organisation, input file",
            " 4:invalid input data (CSV, JSON, template, a field's rule); nothing was changed",
            " 5:conflict: duplicate, or the current state forbids it",
            " 6:I/O error on a file other than the database, or on standard output",
            " 7:database busy after the timeout, corrupt, or of a newer schema",
            "70:internal error (a bug, or out of memory); run again with --debug for the trace"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  coursekit init",
            "  coursekit course create --from=course.json",
            "  coursekit participant import teilnehmer.csv --course=bm-2018"})
public final class CoursekitCommand implements Runnable {
    @Option(names = "--db", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The database file, or postgresql://[USER@]HOST[:PORT]/DBNAME (default: $COURSEKIT_DB, else coursekit.db in the current folder).")
    String db;

    @Option(names = "--lang", paramLabel = "de|en", scope = ScopeType.INHERIT,
            description = "Language of messages and documents (default: the system's for messages, the course's for documents).")
    Lang lang;

    /** The languages of messages and documents. */
    enum Lang { de, en }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print nothing but data and errors.")
    boolean quiet;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Add stack traces to error output.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;
    private final Messages messages;
    private Terminal terminal = Terminal.NONE;

    CoursekitCommand(Map<String, String> env, Clock clock, Messages messages) {
        this.env = env;
        this.clock = clock;
        this.messages = messages;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), messages.get("usage.missingCommand"));
    }

    /**
     * The database as given (--db, else COURSEKIT_DB, else coursekit.db): a file, or a PostgreSQL URI;
     * a URI that cannot be used as given (a password in it) is a usage error.
     */
    String dbSpec() {
        String fromEnv = env.get("COURSEKIT_DB");
        return usableDb(db != null ? db : fromEnv != null && !fromEnv.isBlank() ? fromEnv : "coursekit.db");
    }

    /** {@code spec} when it can be used as a database (--db, db copy --to/--from); else a usage error (exit 2). */
    String usableDb(String given) {
        Optional<Msg> problem = Stores.usageProblem(given);
        if (problem.isPresent()) {
            throw new CommandLine.ParameterException(spec.commandLine(), messages.get(problem.get().key(), problem.get().args()));
        }
        return given;
    }

    /** The environment coursekit was started with (PGPASSWORD and the like for the database). */
    Map<String, String> env() {
        return env;
    }

    /** The language of generated documents: --lang if given, else the course's. */
    String documentLanguage(String courseLanguage) {
        return lang != null ? lang.name() : courseLanguage;
    }

    boolean quiet() {
        return quiet;
    }

    Clock clock() {
        return clock;
    }

    Messages messages() {
        return messages;
    }

    Terminal terminal() {
        return terminal;
    }

    /** Builds the command line, runs it, and maps every failure to its exit code in one place. */
    public static int execute(PrintWriter out, PrintWriter err, Terminal terminal, Map<String, String> env, Clock clock,
            String... args) {
        String command = commandOf(args);
        if (opensDatabase(command, args)) {
            Stores.warmUp(dbOf(args, env));     // the database driver starts while picocli builds its model
        }
        Messages messages = new Messages(Messages.choose(langOf(args, env)));
        CommandLine cl = build(env, clock, messages, command, CommandIndex.get(), false);
        CoursekitCommand root = cl.getCommand();
        root.terminal = terminal;
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            List<String> lines = UsageErrors.describe(ex, messages);
            e.println(messages.get("error.prefix", lines.get(0)));
            for (String line : lines.subList(1, lines.size())) {
                e.println(line);
            }
            e.println(messages.get("usage.hint", ex.getCommandLine().getCommandSpec().qualifiedName()));
            e.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            report(e, messages, ex, root.debug);
            if (ExitCodes.known(ex) instanceof BadOption) {
                e.println(messages.get("usage.hint", commandLine.getCommandSpec().qualifiedName()));
                e.flush();
            }
            return ExitCodes.of(ex);
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (Error ex) {   // picocli passes only Exceptions to the handler; out of memory is reported plainly too
            report(err, messages, ex, root.debug);
            code = ExitCodes.of(ex);
        }
        // PrintWriter keeps write errors to itself: a full disk or /dev/full behind stdout would
        // otherwise end with exit 0 and the data cut off
        if (out.checkError()) {
            if (!(out instanceof StandardOutput s && s.pipeClosed())) {   // | head: the reader left on purpose
                err.println(messages.get("error.prefix", messages.get("error.stdout")));
            }
            if (code == ExitCodes.OK || code == ExitCodes.NEGATIVE) {
                code = ExitCodes.FILE_IO;
            }
        }
        err.flush();
        return code;
    }

    /**
     * The picocli features coursekit does not use, switched off before picocli starts: each would
     * cost start-up time on every run. No Groovy closures in annotations (picocli looks for the class
     * {@code groovy.lang.Closure} in every jar), and no converters for the {@code java.time} and
     * {@code java.sql} types, which picocli makes by reflection for every command line: no option has
     * such a type ({@code MetaTest} checks). Values set by the user (-D) are kept.
     */
    static final String NO_CONVERTERS = "java\\.(time|sql)\\..*";
    /**
     * What picocli is told not to make: those, and its converter for {@link java.nio.file.Path}, which
     * calls {@code Paths.get} by reflection (on Java 18 and later the first reflective call generates
     * method-handle classes at run time, a few milliseconds that the AOT cache does not keep); coursekit
     * registers {@code Path.of} instead ({@link #build}). Those are all the converters picocli makes
     * by reflection, and it asks only about them, so one short pattern says it: picocli compiles the
     * pattern anew for each of its 19 names in every command line it makes (three for
     * {@code course list}), and {@code NO_CONVERTERS} | {@code java\.nio\.file\.Path} took
     * 2 ms of a start to compile 57 times, interpreted.
     */
    static final String EXCLUDED_CONVERTERS = "java\\..*";

    static {
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", EXCLUDED_CONVERTERS);
        }
    }

    /** The top-level commands, in the order help lists them. */
    private static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        m.put("init", InitCommand.class);
        m.put("db", DbCommand.class);
        m.put("course", CourseCommand.class);
        m.put("participant", ParticipantCommand.class);
        m.put("attend", AttendCommand.class);
        m.put("certify", CertifyCommand.class);
        m.put("export", ExportCommand.class);
        m.put("completion", CompletionCommand.class);
        return m;
    }

    /** Each group command's subcommands (kept here, not in the annotations, so that they load on demand). */
    private static final Map<Class<?>, List<Class<?>>> GROUPS = groups();

    private static Map<Class<?>, List<Class<?>>> groups() {
        Map<Class<?>, List<Class<?>>> m = new java.util.HashMap<>();
        m.put(AttendCommand.class, List.of(AttendCommand.Record.class, AttendCommand.Clear.class, AttendCommand.Import.class, AttendCommand.ListRecords.class, AttendCommand.Sheet.class, AttendCommand.Report.class));
        m.put(CertifyCommand.class, List.of(CertifyCommand.Check.class, CertifyIssue.class, CertifyCommand.ListRegister.class, CertifyCommand.Verify.class, CertifyCommand.Publish.class, CertifyCommand.Revoke.class, CertifyCommand.Unrevoke.class, CertifyCommand.Template.class));
        m.put(CourseCommand.class, List.of(CourseCommand.Create.class, CourseCommand.ListCourses.class, CourseCommand.Show.class, CourseCommand.Edit.class, CourseCommand.Delete.class, CourseCommand.Export.class, SessionCommand.class));
        m.put(DbCommand.class, List.of(DbCommand.Backup.class, DbCommand.Check.class, DbCommand.Copy.class, DbCommand.Grant.class, DbCommand.Grants.class, DbCommand.Log.class, DbCommand.Org.class, DbCommand.Purge.class, DbCommand.Revoke.class));
        m.put(DbCommand.Org.class, List.of(DbCommand.OrgAdd.class, DbCommand.OrgList.class, DbCommand.OrgMove.class));
        m.put(ExportCommand.class, List.of(ExportCommand.Participants.class, ExportCommand.Attendance.class, ExportCommand.Certificates.class, ExportCommand.Calendar.class, ExportCommand.Reminders.class, ExportCommand.Report.class));
        m.put(ParticipantCommand.class, List.of(ParticipantCommand.Add.class, ParticipantCommand.Import.class, ParticipantCommand.ListParticipants.class, ParticipantCommand.Show.class, ParticipantCommand.Edit.class, ParticipantCommand.Enrol.class, ParticipantCommand.Withdraw.class, ParticipantCommand.Erase.class, ParticipantCommand.ExportData.class, ProjectCommand.class));
        m.put(ProjectCommand.class, List.of(ProjectCommand.Add.class, ProjectCommand.ListProjects.class, ProjectCommand.Remove.class));
        m.put(SessionCommand.class, List.of(SessionCommand.Add.class, SessionCommand.ListSessions.class, SessionCommand.Edit.class, SessionCommand.Cancel.class, SessionCommand.Remove.class));
        return m;
    }

    /** The whole command tree (also used by the completion script and the tests). */
    static CommandLine build(Map<String, String> env, Clock clock, Messages messages) {
        return build(env, clock, messages, null);
    }

    /**
     * The command tree; with {@code only}, just that top-level command under the root. Building
     * picocli's model of every command costs more start-up time than most commands take to run,
     * so a command line that names its command gets only that branch. The models come from the
     * command index the build writes ({@link CommandIndex}), else from the annotations.
     */
    static CommandLine build(Map<String, String> env, Clock clock, Messages messages, String only) {
        return build(env, clock, messages, only, CommandIndex.get());
    }

    /** {@link #build(Map, Clock, Messages, String)} with this index; null: from the annotations. */
    static CommandLine build(Map<String, String> env, Clock clock, Messages messages, String only, CommandIndex index) {
        return build(env, clock, messages, only, index, true);
    }

    /**
     * As above; {@code whole} for the tree with every help text (the tests, the completion scripts).
     * Without it, as a command line needs it: below the commands {@code only} names just one more
     * level, what their help lists and a mistyped subcommand is compared with ({@code coursekit --help}
     * builds the eight top-level commands, not all 80), and the help texts of another language than
     * English are read only when the parsed command line asks for help.
     */
    static CommandLine build(Map<String, String> env, Clock clock, Messages messages, String only, CommandIndex index,
            boolean whole) {
        CoursekitCommand root = new CoursekitCommand(env, clock, messages);
        CommandLine.IFactory factory = CommandLine.defaultFactory();
        CommandLine cl = new CommandLine(model(index, root, factory), factory);
        java.util.Deque<String> path = new java.util.ArrayDeque<>(only == null ? List.of() : List.of(only.split(" ")));
        String top = path.poll();
        for (Map.Entry<String, Class<?>> e : COMMANDS.entrySet()) {
            if (top == null || top.equals(e.getKey())) {
                cl.addSubcommand(e.getKey(), model(index, e.getValue(), cl.getFactory()));
                if (top != null || whole) {
                    addChildren(cl.getSubcommands().get(e.getKey()), e.getValue(), path, index, whole);
                }
            }
        }
        cl.registerConverter(java.nio.file.Path.class, java.nio.file.Path::of);   // for the whole tree as built
        if (whole) {
            helpTexts(cl, messages);
        } else {
            // the help texts only where help is shown: reading the German ones took 4-6 ms of every German command
            cl.setExecutionStrategy(parsed -> {
                if (helpRequested(parsed)) {
                    helpTexts(cl, messages);
                }
                return new CommandLine.RunLast().execute(parsed);
            });
        }
        Map<String, CommandLine.IHelpSectionRenderer> sections = new java.util.LinkedHashMap<>(cl.getHelpSectionMap());
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpParagraphs::description);
        cl.setHelpSectionMap(sections);     // for the whole tree as built
        return cl;
    }

    /** The help texts in the language of {@code messages} for the whole tree {@code cl} (English: the annotations'). */
    static void helpTexts(CommandLine cl, Messages messages) {
        if (!messages.locale().getLanguage().equals("en")) {
            // the bundle ResourceBundle.getBundle would find (Help_de over Help), read the quick way (Texts)
            cl.setResourceBundle(Texts.resource("/org/coursekit/cli/Help_" + messages.locale().getLanguage() + ".properties")
                    .bundle(Texts.resource("/org/coursekit/cli/Help.properties").bundle(null)));
        }
    }

    /** Whether a command of the parsed command line asks for its help (-h, --help, also among clustered flags). */
    static boolean helpRequested(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    /** The model of a command object or class from the index; the object or class itself (for picocli to read) without. */
    private static Object model(CommandIndex index, Object command, CommandLine.IFactory factory) {
        if (index != null) {
            try {
                return command instanceof Class<?> c ? index.spec(c, factory) : index.spec(command, factory);
            } catch (CommandIndex.Missing stale) {
                // a class compiled after the index was written: its annotations say it
            }
        }
        return command;
    }

    private static String nameOf(CommandIndex index, Class<?> c) {
        if (index != null) {
            try {
                return index.name(c);
            } catch (CommandIndex.Missing stale) {
                // below
            }
        }
        return c.getAnnotation(Command.class).name();
    }

    /**
     * Adds a group's subcommands: only the one {@code path} names, or all when it names none of them
     * (and, if {@code whole}, theirs).
     */
    private static void addChildren(CommandLine parent, Class<?> group, java.util.Deque<String> path, CommandIndex index,
            boolean whole) {
        List<Class<?>> children = GROUPS.get(group);
        if (children == null) {
            return;
        }
        String want = path.poll();
        Class<?> match = null;
        for (Class<?> c : children) {
            if (nameOf(index, c).equals(want)) {
                match = c;
            }
        }
        for (Class<?> c : match != null ? List.of(match) : children) {
            String name = nameOf(index, c);
            parent.addSubcommand(name, model(index, c, parent.getFactory()));
            if (match != null || whole) {
                addChildren(parent.getSubcommands().get(name), c, match != null ? path : new java.util.ArrayDeque<>(), index, whole);
            }
        }
    }

    /** Every command class of the tree, the root first (for {@link CommandIndexWriter}). */
    static List<Class<?>> commandClasses() {
        List<Class<?>> all = new java.util.ArrayList<>();
        all.add(CoursekitCommand.class);
        for (Class<?> c : COMMANDS.values()) {
            addWithChildren(all, c);
        }
        return all;
    }

    private static void addWithChildren(List<Class<?>> all, Class<?> c) {
        all.add(c);
        for (Class<?> child : GROUPS.getOrDefault(c, List.of())) {
            addWithChildren(all, child);
        }
    }

    /**
     * One failure on stderr: our own exception's message (also when wrapped), an {@code Error} such
     * as running out of memory in one plain line; the trace only with {@code --debug}.
     */
    static void report(PrintWriter e, Messages messages, Throwable ex, boolean debug) {
        Throwable known = ExitCodes.known(ex);
        Throwable oom = ExitCodes.find(ex, c -> c instanceof OutOfMemoryError);
        if (known instanceof CoursekitException ce) {
            e.println(messages.get("error.prefix", messages.render(ce.msg())));
            List<Msg> details = ce.details();
            int shown = Math.min(details.size(), 50);
            for (int i = 0; i < shown; i++) {
                e.println("  " + messages.render(details.get(i)));
            }
            if (ce.detailCount() > shown) {
                e.println("  " + messages.get("error.more", ce.detailCount() - shown));
            }
        } else if (known != null) {
            e.println(messages.get("error.prefix", known.getMessage()));
        } else if (oom != null) {
            e.println(messages.get("error.outOfMemory", oom.getMessage() == null ? "" : oom.getMessage()));
        } else {
            e.println(messages.get("error.internal", ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage().lines().findFirst().orElse(""))));
        }
        if (debug) {
            ex.printStackTrace(e);
        }
        e.flush();
    }

    /**
     * The command path a command line names ("course session add"): the leading words before the
     * first option, or null when it names no top-level command (help, a typo: build everything).
     */
    static String commandOf(String[] args) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--db") || a.equals("--lang")) {
                i++;
            } else if (a.startsWith("-")) {
                if (path.length() > 0) {
                    break;
                }
            } else if (path.length() == 0 && !COMMANDS.containsKey(a)) {
                return null;
            } else if (path.length() > 0 && path.toString().split(" ").length >= 3) {
                break;
            } else {
                path.append(path.length() == 0 ? "" : " ").append(a);
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    /**
     * Whether the command line will most likely open the database: it names a command (not
     * completion) and asks for no help or version. A guess for {@link Stores#warmUp} only.
     */
    static boolean opensDatabase(String command, String[] args) {
        if (command == null || command.startsWith("completion")) {
            return false;
        }
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return false;
            }
        }
        return true;
    }

    /** The database a command line names, as {@link #dbSpec} finds it, without parsing (for {@link Stores#warmUp}). */
    static String dbOf(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
            if (args[i].startsWith("--db=")) {
                return args[i].substring("--db=".length());
            }
            if (args[i].equals("--db") && i + 1 < args.length) {
                return args[i + 1];
            }
        }
        String fromEnv = env.get("COURSEKIT_DB");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : "coursekit.db";
    }

    /** The language must be known before parsing, so that help and parse errors use it too. */
    static String langOf(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--lang=")) {
                return args[i].substring("--lang=".length());
            }
            if (args[i].equals("--lang") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].equals("--")) {
                break;
            }
        }
        for (String name : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String v = env.get(name);
            boolean noLanguage = v == null || v.equals("C") || v.startsWith("C.") || v.equals("POSIX");
            if (!noLanguage && v.length() >= 2) {
                return v.substring(0, 2);
            }
        }
        return null;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CoursekitCommand.class.getPackage().getImplementationVersion();
            return new String[] {"coursekit " + (v == null ? "(development build)" : v),
                "Java " + System.getProperty("java.version") + ", " + System.getProperty("java.vm.name")};
        }
    }
}
