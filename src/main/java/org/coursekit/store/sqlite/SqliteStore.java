package org.coursekit.store.sqlite;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.coursekit.domain.Conflict;
import org.coursekit.domain.FileError;
import org.coursekit.domain.NotFound;
import org.coursekit.domain.StoreError;
import org.coursekit.store.CertificateRepository;
import org.coursekit.store.JdbcStore;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * The SQLite engine: the file (opening, pragmas, schema migrations with a backup first), how
 * transactions begin, error classification, surrogate keys, online backup, erasure and integrity
 * check. Everything of coursekit that is SQLite's own lives here and in {@code db/sqlite/}.
 */
public final class SqliteStore extends JdbcStore {
    /** Migrations in order; file {@code db/sqlite/NAME} holds the SQL taking version i to i+1. */
    static final List<String> MIGRATIONS = List.of(
            "V001__courses_participants.sql",
            "V002__attendance.sql",
            "V003__certificates.sql",
            "V004__calendar_reminders.sql",
            "V005__audit_erasure.sql",
            "V006__audit_subjects.sql",
            "V007__organisations.sql",
            "V008__projects.sql",
            "V009__site_keys.sql");
    public static final int SCHEMA_VERSION = MIGRATIONS.size();
    private static final int BUSY_TIMEOUT_MS = busyTimeout();

    private final Path path;
    private int migratedFrom;

    private SqliteStore(Path path, Connection connection, Clock clock) {
        super(connection, clock);
        this.path = path;
    }

    public Path path() {
        return path;
    }

    @Override
    public String name() {
        return path.toString();
    }

    /** The file next to the database, {@code DB.NAME.lock}, locked by this process. */
    @Override
    public Lock lock(String name, String what) {
        return BatchFileLock.acquire(path.resolveSibling(path.getFileName() + "." + name + ".lock"), what);
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    @Override
    public int migratedFrom() {
        return migratedFrom;
    }

    @Override
    public String migrationBackup() {
        return migratedFrom == 0 ? null : backupPathFor(path, migratedFrom).toString();
    }

    /** Creates a new database file (mode 0600) with the current schema. */
    public static SqliteStore create(Path path, Clock clock) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            try {   // its folder too, owner only: the database holds personal data
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (IOException | UnsupportedOperationException e) {
                throw new FileError(e, "db.cannotCreateFolder", path, parent, e.getMessage());
            }
        }
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new Conflict("db.exists", path);
        } catch (UnsupportedOperationException e) {
            try {
                Files.createFile(path);
            } catch (IOException ex) {
                throw new FileError(ex, "db.cannotCreate", path, ex.getMessage());
            }
        } catch (IOException e) {
            throw new FileError(e, "db.cannotCreate", path, e.getMessage());
        }
        try {
            SqliteStore db = new SqliteStore(path, connect(path), clock);
            db.exec("PRAGMA journal_mode=WAL");
            db.migrate(0);
            return db;
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // the original failure is what matters
            }
            throw e;
        }
    }

    /** Opens an existing database, migrating an older schema after a backup copy. */
    public static SqliteStore open(Path path, Clock clock) {
        if (!Files.isRegularFile(path)) {
            throw new NotFound("db.missing", path);
        }
        Connection c = connect(path);
        SqliteStore db = new SqliteStore(path, c, clock);
        try {
            int version = db.userVersion();
            if (version == SCHEMA_VERSION) {
                db.walIfNot();
                return db;
            }
            if (version > SCHEMA_VERSION) {
                throw new StoreError(null, "db.newer", path, version, SCHEMA_VERSION);
            }
            if (version == 0) {
                throw new StoreError(null, "db.notCoursekit", path);
            }
            if (!db.schemaIs(version)) {
                throw new StoreError(null, "db.schemaMismatch", path, version);
            }
            db.copyTo(backupPathFor(path, version), backupPathFor(path, version).toAbsolutePath(), true);
            db.migrate(version);
            db.migratedFrom = version;
            db.walIfNot();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public static Path backupPathFor(Path db, int version) {
        return db.resolveSibling(db.getFileName() + ".bak-v" + version);
    }

    /** The copies made before migrations ({@link #backupPathFor}) that lie next to this database, by name. */
    @Override
    public List<Path> migrationBackups() {
        Path abs = path.toAbsolutePath();
        String prefix = abs.getFileName() + ".bak-v";
        try (var files = Files.list(abs.getParent())) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(prefix) && n.length() > prefix.length()
                        && n.substring(prefix.length()).chars().allMatch(Character::isDigit) && Files.isRegularFile(f);
            }).sorted().toList();
        } catch (IOException e) {
            throw new FileError(e, "file.cannotRead", abs.getParent(), e.getMessage());
        }
    }

    /**
     * Whether the tables and columns are those of schema {@code version}: all of them there, and none
     * that a later migration adds (e.g. after {@code PRAGMA user_version} was set back by hand).
     */
    private boolean schemaIs(int version) {
        Set<String> expected = columnsOfVersion(version);
        Set<String> later = new HashSet<>(columnsOfVersion(SCHEMA_VERSION));
        later.removeAll(expected);
        Set<String> actual = columns(connection());
        return actual.containsAll(expected) && Collections.disjoint(actual, later);
    }

    /** "table.column" of every table of schema {@code version}, built in memory from the migrations. */
    private static Set<String> columnsOfVersion(int version) {
        awaitWarmUp();     // after the first connection: its failure was reported there
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite::memory:", new Properties());
             Statement s = c.createStatement()) {
            for (int v = 0; v < version; v++) {
                for (String sql : statements(MIGRATIONS.get(v))) {
                    s.execute(sql);
                }
            }
            return columns(c);
        } catch (SQLException e) {
            throw new IllegalStateException("migrations up to version " + version + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> columns(Connection c) {
        Set<String> out = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
                        + "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%'")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "." + rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQLite: " + e.getMessage(), e);
        }
        return out;
    }

    /** The background start of the driver ({@link #warmUp}), or null. */
    private static Thread warmUp;
    /** Why the background start failed (the native library, say), for the first connection to report; or null. */
    private static Throwable warmUpFailure;

    /**
     * Starts loading the SQLite driver in a background thread (its classes, the native library, the
     * logging and date format it sets up, an in-memory connection), so that this overlaps with the
     * parsing of the command line: half of the time before a command can read its database. Once
     * per process; the first connection waits for it to end, and fails as it failed (the driver
     * loads its native library only once: a second try would fail differently). Touches no file.
     */
    public static synchronized void warmUp() {
        if (warmUp != null) {
            return;
        }
        warmUp = new Thread(() -> {
            try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite::memory:", new Properties());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                rs.next();
            } catch (SQLException | RuntimeException | LinkageError e) {
                synchronized (SqliteStore.class) {
                    warmUpFailure = e;      // the first connection reports it
                }
            }
        }, "coursekit-sqlite-start");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * Waits for {@link #warmUp} (no two threads initialise the driver's classes at once); returns
     * its failure once, or null.
     */
    private static Throwable awaitWarmUp() {
        Thread t;
        synchronized (SqliteStore.class) {
            t = warmUp;
        }
        if (t == null) {
            return null;
        }
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (SqliteStore.class) {
            Throwable failure = warmUpFailure;
            warmUpFailure = null;
            return failure;
        }
    }

    /** Throws the failure of {@link #warmUp}, if any, as the connection to {@code path} would have. */
    private static void failAsTheWarmUp(Path path) {
        Throwable failure = awaitWarmUp();
        if (failure instanceof SQLException e) {
            throw translate(e, path);
        } else if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        }
    }

    private static Connection connect(Path path) {
        failAsTheWarmUp(path);
        Properties p = new Properties();
        p.setProperty("foreign_keys", "true");
        p.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
        p.setProperty("synchronous", "FULL");
        p.setProperty("secure_delete", "true");     // deleted content is overwritten, not left in free space
        try {
            return new org.sqlite.JDBC().connect("jdbc:sqlite:" + path.toAbsolutePath(), p);
        } catch (SQLException e) {
            throw translate(e, path);
        }
    }

    private static int busyTimeout() {
        String env = System.getenv("COURSEKIT_BUSY_TIMEOUT_MS");
        try {
            return env == null ? 10_000 : Integer.parseInt(env);
        } catch (NumberFormatException e) {
            return 10_000;
        }
    }

    int userVersion() {
        return (int) queryLong("PRAGMA user_version");
    }

    /** Applies the migrations after {@code from} in one immediate transaction. */
    void migrate(int from) {
        migrateTo(from, SCHEMA_VERSION);
    }

    /**
     * Foreign keys are off while the migrations run (SQLite's way of changing a table: a rebuilt
     * table is dropped and its copy renamed, and a column with a reference gets a default), and
     * checked before the commit: a migration that leaves a broken reference is rolled back.
     */
    void migrateTo(int from, int to) {
        exec("PRAGMA foreign_keys = OFF");      // only outside a transaction does SQLite take it
        boolean done = false;
        try {
            write(tx -> {
                int current = userVersion();     // another process may have migrated meanwhile
                for (int v = Math.max(from, current); v < to; v++) {
                    for (String sql : statements(MIGRATIONS.get(v))) {
                        exec(sql);
                    }
                }
                if (current < to) {
                    if (queryLong("SELECT COUNT(*) FROM pragma_foreign_key_check") > 0) {
                        throw new StoreError(null, "db.migration.foreignKeys", path, to);
                    }
                    exec("PRAGMA user_version = " + to);
                }
                return null;
            });
            done = true;
        } finally {
            try {
                exec("PRAGMA foreign_keys = ON");
            } catch (RuntimeException e) {
                if (done) {
                    throw e;
                }
                // the migration's own failure is what matters; the connection is closed with it
            }
        }
    }

    /** The statements of one of {@link #MIGRATIONS}. */
    protected static List<String> statements(String resource) {
        return JdbcStore.statements("/db/sqlite/" + resource);
    }

    /** Surrogate keys after the highest one: the caller holds the write lock. */
    @Override
    protected long firstNewId(String table, int count) {
        return queryLong("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table);
    }

    /**
     * A JDBC transaction (auto-commit off: sqlite-jdbc then stops wrapping every statement in its
     * own begin/commit probe), begun {@code IMMEDIATE} for writes (the write lock up front, so
     * concurrent writers wait for the busy timeout instead of failing half-way) and
     * {@code DEFERRED} for reads.
     */
    @Override
    protected void begin(boolean write) throws SQLException {
        SQLiteConnection c = (SQLiteConnection) connection();
        c.getConnectionConfig().setTransactionMode(
                write ? SQLiteConfig.TransactionMode.IMMEDIATE : SQLiteConfig.TransactionMode.DEFERRED);
        c.setAutoCommit(false);
    }

    @Override
    protected void commit() throws SQLException {
        SQLiteConnection c = (SQLiteConnection) connection();
        // sqlite-jdbc begins the next transaction right after a commit: a deferred one takes no lock
        c.getConnectionConfig().setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        c.commit();
    }

    @Override
    protected void rollback() throws SQLException {
        SQLiteConnection c = (SQLiteConnection) connection();
        c.getConnectionConfig().setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        c.rollback();
    }

    /**
     * Writes a consistent copy of the database to {@code target} (mode 0600), safe while other
     * processes write: VACUUM INTO a fresh file next to the target, then an atomic rename.
     */
    @Override
    public void backupTo(Path target, boolean replace) {
        refuseOwnFile(target);
        Path real = realPath(target);
        if (Files.exists(real) && !Files.isRegularFile(real)) {
            throw new FileError(null, "db.backup.notAFile", target);
        }
        copyTo(target, real, replace);
    }

    private void copyTo(Path target, Path abs, boolean replace) {
        if (!replace && Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new Conflict("db.backup.exists", target);
        }
        Path folder = abs.getParent();
        if (!Files.isDirectory(folder)) {
            try {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (IOException | UnsupportedOperationException e) {
                throw new FileError(e, "file.cannotCreateFolder", target, folder, e.getMessage());
            }
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(folder, ".coursekit-backup-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (var st = connection().prepareStatement("VACUUM INTO ?")) {
                st.setString(1, tmp.toString());
                st.execute();
            }
            if (replace) {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            }
            tmp = null;
        } catch (IOException e) {
            throw new FileError(e, "file.cannotWrite", target, e.getMessage());
        } catch (SQLException e) {
            throw backupFailure(e, target, path);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort clean-up of our own temporary file
                }
            }
        }
    }

    /**
     * What a failed VACUUM INTO means: writing the backup failed (a full disk, an I/O error, a folder
     * not writable) names the backup, exit 6; only the database's own troubles (busy, damaged) name it.
     */
    static RuntimeException backupFailure(SQLException e, Path target, Path db) {
        SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(e.getErrorCode() & 0xFF);
        return switch (code) {
            case SQLITE_FULL -> new FileError(e, "db.backup.full", target);
            case SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM -> new FileError(e, "file.cannotWrite", target,
                    e.getMessage());
            default -> translate(e, db);
        };
    }

    /**
     * Refuses (exit 5) to let anything be written onto this database or the files that belong to it:
     * the database itself (also through a symbolic or hard link), its {@code -wal}, {@code -shm} and
     * {@code -journal}, the batch locks {@code DB.issue-COURSE.lock} and the backups {@code DB.bak-vN}
     * made before migrations. Every file coursekit writes ({@code --output}, {@code --merged},
     * {@code db backup}) is checked here first.
     */
    @Override
    public void refuseOwnFile(Path target) {
        Path real = realPath(target);
        Path folder = real.getParent();
        String name = real.getFileName() == null ? "" : real.getFileName().toString();
        Path given = path.toAbsolutePath().normalize();
        Path actual = realPath(path);
        for (Path db : List.of(given, actual)) {
            if (folder != null && folder.equals(realPath(db.getParent())) && ownName(name, db.getFileName().toString())) {
                throw new Conflict("file.ownFile", target, path);
            }
        }
        if (!Files.exists(real)) {
            return;
        }
        // another name for one of them: a hard link
        try {
            List<Path> own = new ArrayList<>();
            for (Path db : List.of(given, actual)) {
                String base = db.getFileName().toString();
                for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                    own.add(db.resolveSibling(base + suffix));
                }
            }
            Object links = Files.getAttribute(real, "unix:nlink");
            if (links instanceof Integer n && n > 1) {
                for (Path db : List.of(given, actual)) {
                    String base = db.getFileName().toString();
                    try (var files = Files.newDirectoryStream(db.toAbsolutePath().getParent(),
                            f -> ownName(f.getFileName().toString(), base))) {
                        files.forEach(own::add);
                    }
                }
            }
            for (Path f : own) {
                if (Files.exists(f) && Files.isSameFile(f, real)) {
                    throw new Conflict("file.ownFile", target, path);
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // what cannot be compared is not one of ours by name; the checks above stand
        }
    }

    /** {@code DB}, {@code DB-wal}, {@code DB-shm}, {@code DB-journal}, {@code DB.issue-COURSE.lock}, {@code DB.bak-vN}. */
    private static boolean ownName(String name, String db) {
        if (!name.startsWith(db)) {
            return false;
        }
        String rest = name.substring(db.length());
        return rest.isEmpty() || rest.equals("-wal") || rest.equals("-shm") || rest.equals("-journal")
                || rest.startsWith(".issue-") && rest.endsWith(".lock") || rest.matches("\\.bak-v\\d+");
    }

    /** The path a write to {@code p} lands on: links followed, also a dangling one; the folder's real path. */
    static Path realPath(Path p) {
        Path abs = p.toAbsolutePath();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            // not there (yet), or a link to nowhere
        }
        try {
            for (int i = 0; i < 40 && Files.isSymbolicLink(abs); i++) {
                abs = abs.resolveSibling(Files.readSymbolicLink(abs));
            }
            Path folder = abs.getParent();
            return folder == null ? abs : folder.toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            return abs.normalize();
        }
    }

    /**
     * Runs {@code work}, which erases personal data, in a write transaction so that no file coursekit
     * made for this database keeps the erased values, even when the process is killed right after the
     * commit:
     * <ul>
     * <li>the database leaves WAL mode first (which checkpoints and deletes the write-ahead log), so
     * that the commit itself overwrites the main file, {@code secure_delete} zeroing what is freed;
     * the rollback journal holding the old pages is deleted at the commit;</li>
     * <li>before the commit, every erased person (ids marked erased, earlier ones too) is erased from
     * the migration backups next to the database as well ({@link #migrationBackups});</li>
     * <li>after it, the file is rebuilt (VACUUM) and WAL mode restored.</li>
     * </ul>
     * Leaving WAL mode needs the database to itself: while another connection has it open, this waits
     * up to the busy timeout, then fails (exit 7) without erasing anything.
     */
    @Override
    public <T> T erase(Work<T> work) {
        journalMode("delete");
        try {
            T result = write(tx -> {
                T r = work.run(tx);
                List<Long> erased = tx.participants().erasedIds();
                for (Path backup : migrationBackups()) {
                    eraseFromBackup(backup, erased);
                }
                return r;
            });
            Integer halt = Integer.getInteger("coursekit.test.haltAfterEraseCommit");
            if (halt != null) {     // tests only: a kill right after the commit (no clean-up, connection left open)
                Runtime.getRuntime().halt(halt);
            }
            exec("VACUUM");
            return result;
        } finally {
            try {
                journalMode("wal");
            } catch (RuntimeException e) {
                // still in rollback mode, which is correct but slower; the next open switches back to WAL
            }
        }
    }

    /** Sets the journal mode, waiting up to the busy timeout while other connections prevent it. */
    private void journalMode(String mode) {
        long deadline = System.nanoTime() + BUSY_TIMEOUT_MS * 1_000_000L;
        while (true) {
            try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode=" + mode)) {
                if (rs.next() && mode.equalsIgnoreCase(rs.getString(1))) {
                    return;
                }
            } catch (SQLException e) {
                RuntimeException t = translate(e, path);
                if (!(t instanceof StoreError) || !"db.busy".equals(((StoreError) t).msg().key())) {
                    throw t;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new StoreError(null, "db.erase.busy", path);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreError(null, "db.erase.busy", path);
            }
        }
    }

    /** Back to WAL mode when a killed erase left the database in rollback mode; best effort. */
    private void walIfNot() {
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            if (rs.next() && !"wal".equalsIgnoreCase(rs.getString(1))) {
                s.execute("PRAGMA journal_mode=WAL");
            }
        } catch (SQLException e) {
            // a read-only file, or busy: it works in rollback mode too
        }
    }

    /**
     * Erases the people {@code ids} from a migration backup, an older schema: what
     * {@link ParticipantRepository#erase} and {@link CertificateRepository#anonymise} clear, as far as
     * the backup has those columns; then rebuilds it (VACUUM) in rollback mode, leaving no journal.
     */
    private static void eraseFromBackup(Path backup, List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        String in = " IN (" + String.join(",", ids.stream().map(String::valueOf).toList()) + ")";
        try (Connection c = connect(backup); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=DELETE");
            Set<String> columns = columns(c);
            c.setAutoCommit(false);
            eraseColumns(s, columns, "participant", "id" + in, "first_name = '(erased)'", "last_name = ''",
                    "email = NULL", "email_key = NULL", "phone = NULL", "form = NULL", "birth_date = NULL", "note = NULL");
            eraseColumns(s, columns, "enrolment", "participant_id" + in, "reason = NULL");
            eraseColumns(s, columns, "project", "participant_id" + in, "participant_id = NULL", "note = NULL");
            eraseColumns(s, columns, "certificate", "participant_id" + in,
                    "full_name = '(erased)'", "first_name = ''", "last_name = ''", "form = NULL");
            if (columns.contains(String.join(".", "certificate", "texts"))) {
                List<Object[]> texts = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT id, texts FROM certificate WHERE participant_id" + in)) {
                    while (rs.next()) {
                        texts.add(new Object[] {rs.getLong(1), rs.getString(2)});
                    }
                }
                try (var ps = c.prepareStatement("UPDATE certificate SET texts = ? WHERE id = ?")) {
                    for (Object[] t : texts) {
                        ps.setString(1, CertificateRepository.encode(
                                CertificateRepository.withoutHolder(CertificateRepository.decode((String) t[1]))));
                        ps.setLong(2, (Long) t[0]);
                        ps.executeUpdate();
                    }
                }
            }
            if (columns.contains(String.join(".", "certificate_revision", "file"))) {
                s.executeUpdate("UPDATE certificate_revision SET file = (SELECT serial FROM certificate c "
                        + "WHERE c.id = certificate_id) || '.pdf' WHERE certificate_id IN "
                        + "(SELECT id FROM certificate WHERE participant_id" + in + ")");
            }
            c.commit();
            c.setAutoCommit(true);
            s.execute("VACUUM");
        } catch (SQLException e) {
            throw new FileError(e, "db.backup.cannotErase", backup, e.getMessage());
        }
    }

    private static void eraseColumns(Statement s, Set<String> columns, String table, String where,
            String... assignments) throws SQLException {
        List<String> set = new ArrayList<>();
        for (String a : assignments) {
            if (columns.contains(table + "." + a.substring(0, a.indexOf(' ')))) {
                set.add(a);
            }
        }
        if (!set.isEmpty()) {
            s.executeUpdate("UPDATE " + table + " SET " + String.join(", ", set) + " WHERE " + where);
        }
    }

    /** Integrity and foreign-key problems, empty when the database is sound. */
    @Override
    public List<String> check() {
        List<String> problems = new ArrayList<>();
        try (Statement s = connection().createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                while (rs.next()) {
                    String r = rs.getString(1);
                    if (!"ok".equals(r)) {
                        problems.add("integrity: " + r);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                while (rs.next()) {
                    problems.add("foreign key: table " + rs.getString(1) + " row " + rs.getLong(2)
                            + " refers to a missing row of " + rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw translate(e, path);
        }
        int v = userVersion();
        if (v != SCHEMA_VERSION) {
            problems.add("schema version " + v + ", expected " + SCHEMA_VERSION);
        }
        return problems;
    }

    @Override
    protected RuntimeException translate(SQLException e) {
        return translate(e, path);
    }

    /** Maps SQLite failures to exit code 7 where they concern the database; others are bugs. */
    static RuntimeException translate(SQLException e, Path path) {
        SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(e.getErrorCode() & 0xFF);
        return switch (code) {
            case SQLITE_BUSY, SQLITE_LOCKED -> new StoreError(e, "db.busy", path);
            case SQLITE_CORRUPT, SQLITE_NOTADB -> new StoreError(e, "db.corrupt", path);
            case SQLITE_CANTOPEN -> new StoreError(e, "db.cantOpen", path);
            case SQLITE_READONLY -> new StoreError(e, "db.readOnly", path);
            case SQLITE_FULL, SQLITE_IOERR -> new StoreError(e, "db.io", path, e.getMessage());
            default -> new IllegalStateException("SQLite: " + e.getMessage(), e);
        };
    }

    @Override
    public void close() {
        try {
            if (connection() instanceof SQLiteConnection sc && !sc.isClosed()) {
                sc.close();
            } else {
                connection().close();
            }
        } catch (SQLException ignored) {
            // closing a connection we no longer use
        }
    }
}
