package org.coursekit.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.coursekit.domain.Conflict;
import org.coursekit.domain.FileError;
import org.coursekit.domain.NotFound;
import org.coursekit.domain.StoreError;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * The SQLite file: opening (pragmas, schema migrations with a backup first), transactions, online
 * backup and integrity check. All SQL of coursekit lives in this package.
 */
public final class Database implements AutoCloseable {
    /** Migrations in order; file {@code db/NAME} holds the SQL taking version i to i+1. */
    static final List<String> MIGRATIONS = List.of(
            "V001__courses_participants.sql",
            "V002__attendance.sql",
            "V003__certificates.sql",
            "V004__calendar_reminders.sql",
            "V005__audit_erasure.sql");
    public static final int SCHEMA_VERSION = MIGRATIONS.size();
    private static final int BUSY_TIMEOUT_MS = busyTimeout();

    private final Path path;
    private final Connection connection;
    private int migratedFrom;

    private Database(Path path, Connection connection) {
        this.path = path;
        this.connection = connection;
    }

    public Path path() {
        return path;
    }

    /** The schema version this database was migrated from when opened; 0 when it was current. */
    public int migratedFrom() {
        return migratedFrom;
    }

    /** Creates a new database file (mode 0600) with the current schema. */
    public static Database create(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new NotFound("db.folderMissing", path, parent);
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
            Database db = new Database(path, connect(path));
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
    public static Database open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new NotFound("db.missing", path);
        }
        Connection c = connect(path);
        Database db = new Database(path, c);
        try {
            int version = db.userVersion();
            if (version == SCHEMA_VERSION) {
                return db;
            }
            if (version > SCHEMA_VERSION) {
                throw new StoreError(null, "db.newer", path, version, SCHEMA_VERSION);
            }
            if (version == 0) {
                throw new StoreError(null, "db.notCoursekit", path);
            }
            db.copyTo(backupPathFor(path, version), backupPathFor(path, version).toAbsolutePath(), true);
            db.migrate(version);
            db.migratedFrom = version;
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public static Path backupPathFor(Path db, int version) {
        return db.resolveSibling(db.getFileName() + ".bak-v" + version);
    }

    private static Connection connect(Path path) {
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
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw translate(e, path);
        }
    }

    /** Applies the migrations after {@code from} in one immediate transaction. */
    void migrate(int from) {
        migrateTo(from, SCHEMA_VERSION);
    }

    void migrateTo(int from, int to) {
        write(tx -> {
            int current = userVersion();     // another process may have migrated meanwhile
            for (int v = Math.max(from, current); v < to; v++) {
                for (String sql : statements(MIGRATIONS.get(v))) {
                    tx.sql().exec(sql);
                }
            }
            if (current < to) {
                tx.sql().exec("PRAGMA user_version = " + to);
            }
            return null;
        });
    }

    static List<String> statements(String resource) {
        String text;
        try (InputStream in = Database.class.getResourceAsStream("/db/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            sb.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                out.add(sb.toString().strip());
                sb.setLength(0);
            }
        }
        if (!sb.toString().isBlank()) {
            out.add(sb.toString().strip());
        }
        return out;
    }

    /** Work done inside a transaction; gets the transaction's repositories. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx);
    }

    /**
     * Runs {@code work} in a write transaction that takes the write lock up front
     * ({@code BEGIN IMMEDIATE}), so concurrent writers wait (busy timeout) instead of failing
     * half-way. Any exception rolls everything back.
     */
    public <T> T write(Work<T> work) {
        return inTransaction(SQLiteConfig.TransactionMode.IMMEDIATE, work);
    }

    /** Runs {@code work} in a read transaction: one consistent snapshot. */
    public <T> T read(Work<T> work) {
        return inTransaction(SQLiteConfig.TransactionMode.DEFERRED, work);
    }

    /**
     * A JDBC transaction (auto-commit off: sqlite-jdbc then stops wrapping every statement in its
     * own begin/commit probe), begun in {@code mode}; back to auto-commit afterwards, so that no
     * transaction stays open between units of work.
     */
    private <T> T inTransaction(SQLiteConfig.TransactionMode mode, Work<T> work) {
        SQLiteConnection c = (SQLiteConnection) connection;
        boolean done = false;
        Sql sql = new Sql(connection, path);
        try {
            c.getConnectionConfig().setTransactionMode(mode);
            c.setAutoCommit(false);
            T result = work.run(new Tx(sql));
            sql.closeStatements();
            // sqlite-jdbc begins the next transaction right after a commit: a deferred one takes no lock
            c.getConnectionConfig().setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
            c.commit();
            done = true;
            return result;
        } catch (SQLException e) {
            throw translate(e, path);
        } finally {
            sql.closeStatements();
            try {
                if (!done) {
                    c.getConnectionConfig().setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
                    c.rollback();
                }
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the original failure matters; the connection is closed after the command anyway
            }
        }
    }

    private void exec(String sql) {
        new Sql(connection, path).exec(sql);
    }

    /**
     * Writes a consistent copy of the database to {@code target} (mode 0600), safe while other
     * processes write: VACUUM INTO a fresh file next to the target, then an atomic rename. A symbolic
     * link is followed (the file it leads to is replaced); the database's own files are refused
     * ({@link #refuseOwnFile}), and so is anything that is not a plain file.
     */
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
            throw new FileError(new NoSuchFileException(folder.toString()), "file.folderMissing", target, folder);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(folder, ".coursekit-backup-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (var st = connection.prepareStatement("VACUUM INTO ?")) {
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
     * Makes sure nothing deleted or overwritten stays readable in the files: rebuilds the database
     * (VACUUM) and empties the write-ahead log. Used after erasing personal data.
     */
    public void scrub() {
        exec("VACUUM");
        exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    /** Integrity and foreign-key problems, empty when the database is sound. */
    public List<String> check() {
        List<String> problems = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
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
            if (connection instanceof SQLiteConnection sc && !sc.isClosed()) {
                sc.close();
            } else {
                connection.close();
            }
        } catch (SQLException ignored) {
            // closing a connection we no longer use
        }
    }
}
