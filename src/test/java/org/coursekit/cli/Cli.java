package org.coursekit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.coursekit.Main;
import org.coursekit.store.postgres.TestPostgres;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs coursekit in-process, as a user would from a shell: with {@code --db=DIR/test.db}, a fixed
 * environment (no LANG, COURSEKIT_DB empty) and a fixed clock (2018-03-01 12:00 in Berlin unless
 * changed). Every run without {@code --debug} is checked to print no stack trace.
 *
 * <p>In the PostgreSQL run of an {@link EveryEngine} class (the CLI tests run on both engines) the
 * database is instead a fresh database on the test PostgreSQL ({@link TestPostgres}), one per Cli:
 * {@code --db=postgresql://coursekit@127.0.0.1:PORT/ck_…}. A test that asks for the SQLite file
 * ({@link #db()}) is about that file and is skipped there, saying so ({@link #sqliteOnly}).
 */
public final class Cli {
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    public static final Path EXAMPLES = Path.of("examples", "ditzingen-2018").toAbsolutePath();
    public static final Path COURSE_JSON = EXAMPLES.resolve("course.json");
    public static final Path PARTICIPANTS_CSV = EXAMPLES.resolve("participants.csv");
    public static final Path PARTICIPANTS_UNICODE_CSV = EXAMPLES.resolve("participants-unicode.csv");

    /** What gives a copied PostgreSQL database an instance id of its own, as {@code init} gives each database. */
    private static final String NEW_INSTANCE = "UPDATE meta SET value = substr(md5(random()::text || clock_timestamp()::text), 1, 16)"
            + " WHERE key = 'instance'";

    private final Path dir;
    private final Path db;
    /** What --db is given: the file, or the PostgreSQL URI. */
    private final String spec;
    /**
     * The name of this Cli's own PostgreSQL database while it is not yet created: it is made on first
     * use, empty, or by {@link #init} as a copy of the database that {@code init} made once.
     */
    private String pending;
    private Clock clock = at(2018, 3, 1, 12, 0);
    private final Map<String, String> env = new HashMap<>(Map.of("COURSEKIT_DB", ""));
    private Terminal terminal = Terminal.NONE;
    private boolean stderrTerminal;

    public Cli(Path dir) {
        this(dir, "test.db");
    }

    public Cli(Path dir, String dbName) {
        this(dir, dbName, TestPostgres.selected());
    }

    /** A Cli on a fresh database of the test PostgreSQL, whichever engine the run selected. */
    public static Cli postgres(Path dir) {
        return new Cli(dir, "test.db", true);
    }

    /**
     * The same PostgreSQL database as this Cli's, as the login role {@code user} with the password
     * {@code password} in PGPASSWORD (a user of the register that db grant gave a role).
     */
    public Cli as(String user, String password) {
        created();
        String database = spec.substring(spec.lastIndexOf('/') + 1);
        Cli other = new Cli(dir, db, TestPostgres.get().uri(user, database));
        other.env.putAll(env);
        other.env.put("PGPASSWORD", password);
        other.clock = clock;
        return other;
    }

    private Cli(Path dir, Path db, String spec) {
        this.dir = dir;
        this.db = db;
        this.spec = spec;
    }

    /** A Cli on the SQLite file {@code dir/dbName}, whichever engine the run selected. */
    public static Cli sqlite(Path dir, String dbName) {
        return new Cli(dir, dbName, false);
    }

    private Cli(Path dir, String dbName, boolean postgres) {
        this.dir = dir;
        this.db = dir.resolve(dbName);
        if (postgres) {
            TestPostgres pg = TestPostgres.get();
            this.pending = pg.newName();
            this.spec = pg.uri(TestPostgres.SUPERUSER, pending);
            env.put("PGPASSFILE", dir.resolve(".pgpass-none").toString());    // not the tester's own ~/.pgpass
        } else {
            this.spec = db.toString();
        }
    }

    /** Whether the tests run against PostgreSQL rather than SQLite files. */
    public static boolean onPostgres() {
        return TestPostgres.selected();
    }

    /** Skips the calling test on PostgreSQL: it is about SQLite's files; {@code why} says what of them. */
    public static void sqliteOnly(String why) {
        Assumptions.assumeFalse(onPostgres(), "SQLite only: " + why);
    }

    public static Clock at(int year, int month, int day, int hour, int minute) {
        return Clock.fixed(LocalDateTime.of(year, month, day, hour, minute).atZone(BERLIN).toInstant(), BERLIN);
    }

    public Cli clock(Clock c) {
        this.clock = c;
        return this;
    }

    /** Runs as if on a terminal whose user types {@code answers} (one line each question), or without one (null). */
    public Cli terminal(String... answers) {
        if (answers == null) {
            terminal = Terminal.NONE;
            return this;
        }
        java.util.Deque<String> lines = new java.util.ArrayDeque<>(Arrays.asList(answers));
        terminal = new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public String readLine() {
                return lines.poll();
            }
        };
        return this;
    }

    /** Runs as if standard error were a terminal (progress lines), or not (the default). */
    public Cli stderrTerminal(boolean on) {
        this.stderrTerminal = on;
        return this;
    }

    public Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Path dir() {
        return dir;
    }

    /** The SQLite file (tests about the file only: skipped on PostgreSQL). */
    public Path db() {
        Assumptions.assumeFalse(spec.startsWith("postgresql:"), "SQLite only: the test looks at the database file "
                + db.getFileName());
        return db;
    }

    /** The database as --db names it: the SQLite file, or the PostgreSQL URI. */
    public String spec() {
        created();
        return spec;
    }

    /** Runs {@code coursekit --db=DB ARGS...}. */
    public CliResult run(String... args) {
        List<String> all = new ArrayList<>();
        all.add("--db=" + spec);
        all.addAll(Arrays.asList(args));
        return raw(all.toArray(String[]::new));
    }

    /** Runs {@code coursekit ARGS...} without adding {@code --db}. */
    public CliResult raw(String... args) {
        created();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            Terminal t = stderrTerminal ? terminal.withStderrTerminal() : terminal;
            code = Main.run(o, e, t, Map.copyOf(env), clock, args);
        }
        CliResult r = new CliResult(code, out.toString(), err.toString());
        if (!Arrays.asList(args).contains("--debug") && r.err().contains("\tat ")) {
            throw new AssertionError("stack trace in stderr without --debug\n" + r);
        }
        return r;
    }

    /**
     * {@code init}, expected to succeed. On PostgreSQL, a database not used yet is instead created as
     * a file copy of one that {@code init} made once in this JVM ({@link TestPostgres#template}: the
     * same tables, policies and rows, and a broken migration fails there), with an instance id of its
     * own as {@code init} gives each database; what {@code init} itself does is tested in
     * PostgresCliTest and GlobalCliTest, which run it.
     */
    public Cli init() {
        if (pending == null) {
            run("init").ok();
            return this;
        }
        createFrom(TestPostgres.get().template(uri -> like(new Cli(dir, db, uri)).run("init").ok()));
        return this;
    }

    /** Creates this Cli's PostgreSQL database (not used yet) as a copy of {@code template}, with an instance id of its own. */
    private void createFrom(String template) {
        TestPostgres pg = TestPostgres.get();
        pg.createDatabase(pending, template);
        pg.sql(pending, NEW_INSTANCE);
        pending = null;
    }

    /**
     * This Cli's database (not used yet) as a copy of the one that {@code build} made once in this JVM
     * under {@code key} (letters, digits and underscores), for the test classes whose every test begins
     * with the same course, participants, certificates: {@code build} is given a Cli on a new, empty
     * database in a folder of its own, as this one's engine and file name, and runs what each test would
     * have run (from {@link #init} on). Then the database is copied here: on SQLite the file, on
     * PostgreSQL as in {@link #init} (a copy of a template database, with an instance id of its own);
     * the files {@code build} wrote into its folder (certificates, say) are copied into {@link #dir}
     * too. A {@code build} that failed fails every later copy.
     */
    public Cli copyOf(String key, java.util.function.Consumer<Cli> build) {
        Built b = BUILT.computeIfAbsent((pending != null ? "pg:" : "sqlite:") + db.getFileName() + ":" + key, k -> new Built());
        try {
            synchronized (b) {
                if (b.failure != null) {
                    throw new IllegalStateException("the database " + key + " to copy could not be made: " + b.failure, b.failure);
                }
                if (b.dir == null) {
                    Path d = java.nio.file.Files.createTempDirectory("coursekit-copyof-" + key + "-");
                    try {
                        if (pending != null) {
                            b.template = TestPostgres.get().template(key, uri -> build.accept(like(new Cli(d, d.resolve(db.getFileName()), uri))));
                        } else {
                            build.accept(like(Cli.sqlite(d, db.getFileName().toString())));
                        }
                    } catch (RuntimeException | Error e) {
                        b.failure = e;
                        throw e;
                    }
                    b.dir = d;
                    removedAtExit(d);
                }
            }
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(b.dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path to = dir.resolve(b.dir.relativize(f).toString());
                    boolean dbFile = f.getParent().equals(b.dir) && f.getFileName().toString().startsWith(db.getFileName().toString());
                    if (java.nio.file.Files.isDirectory(f)) {
                        java.nio.file.Files.createDirectories(to);
                    } else if (!dbFile || pending == null) {
                        java.nio.file.Files.copy(f, to);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (pending != null) {
            createFrom(b.template);
        }
        return this;
    }

    /** {@code other} with this Cli's environment and clock. */
    private Cli like(Cli other) {
        other.env.putAll(env);
        other.clock = clock;
        return other;
    }

    /** A database that {@link #copyOf} made: its folder (and on PostgreSQL its template), or what made it fail. */
    private static final class Built {
        private Path dir;
        private String template;
        private Throwable failure;
    }

    private static final Map<String, Built> BUILT = new java.util.concurrent.ConcurrentHashMap<>();

    private static void removedAtExit(Path d) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(d)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException e) {
                // a temporary folder
            }
        }));
    }

    /** Creates this Cli's PostgreSQL database, empty, if it is not yet. */
    private void created() {
        if (pending != null) {
            TestPostgres.get().createDatabase(pending, null);
            pending = null;
        }
    }

    /** {@code init} and the Ditzingen example course (bm-2018, 12 sessions, capacity 20). */
    public Cli withExampleCourse() {
        init();
        run("course", "create", "--from=" + COURSE_JSON).ok();
        return this;
    }
}
