package org.coursekit.store.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.coursekit.domain.Conflict;
import org.coursekit.domain.NotFound;
import org.coursekit.domain.StoreError;
import org.coursekit.store.JdbcStore;
import org.postgresql.util.PSQLException;

/**
 * The PostgreSQL engine: connecting (libpq URI, password from {@code PGPASSWORD} or
 * {@code ~/.pgpass}), schema migrations ({@code db/postgresql/}, the version in table
 * {@code coursekit_schema}), how transactions begin, error classification, surrogate keys, batch
 * locks, erasure and the check. Everything of coursekit that is PostgreSQL's own lives here and in
 * {@code db/postgresql/}.
 *
 * <p>Write transactions take turns as on SQLite ({@code BEGIN IMMEDIATE}): each begins with the
 * transaction-level advisory lock {@link #WRITE_LOCK}, waiting at most the busy timeout, and then
 * reads committed data, so that what it counts (the next serial, the next session number) is never
 * counted by another writer at the same time. Read transactions see one snapshot (REPEATABLE READ).
 */
public final class PostgresStore extends JdbcStore {
    /** Migrations in order, the same versions as SQLite's; file {@code db/postgresql/NAME} takes version i to i+1. */
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
    /** The advisory lock every write transaction holds ("coursekit" in ASCII, shortened to 8 bytes). */
    static final long WRITE_LOCK = 0x636f757273656b69L;
    /** The first key of the session advisory locks of {@link #lock} (the second is the name's hash). */
    static final int BATCH_LOCK_CLASS = 0x636b;
    /** The tables whose rows an erasure overwrites: their old row versions are vacuumed after it. */
    static final List<String> ERASED_TABLES = List.of("participant", "enrolment", "certificate", "certificate_revision", "project");
    /** Why a user of the register but its admin cannot vacuum (the server's own words for it). */
    private static final String OWNER_ONLY = "only the table or database owner can vacuum it";
    /** The tables with participants' personal columns, which a coordinator may not read (db/postgresql/V007). */
    private static final java.util.regex.Pattern PERSONAL =
            java.util.regex.Pattern.compile("permission denied for table (participant|enrolment|certificate|certificate_revision)$");

    private final PgAddress address;
    private int migratedFrom;
    /** Whether the user is not the tables' owner (the admin), and so sees only the rows of their grants. */
    private boolean restricted;
    /**
     * How long a write waits for a lock and an erasure for older snapshots ({@link #awaitOlderSnapshots}):
     * COURSEKIT_BUSY_TIMEOUT_MS of the command's environment, else 10 s.
     */
    private final int busyTimeoutMs;
    /** Whether the user is a coordinator, who reads the certificate register without the holders' names. */
    private boolean coordinator;

    private PostgresStore(PgAddress address, Connection connection, Clock clock, Map<String, String> env) {
        super(connection, clock);
        this.address = address;
        this.busyTimeoutMs = busyTimeout(env);
    }

    /** Connects to the database {@code spec} names and creates coursekit's schema there; refuses one that has it. */
    public static PostgresStore create(String spec, Clock clock, Map<String, String> env) {
        PgAddress a = PgAddress.parse(spec, env);
        PostgresStore db = new PostgresStore(a, connect(a, env), clock, env);
        try {
            db.write(tx -> {
                if (db.has("coursekit_schema") || db.has("course")) {
                    throw new Conflict("db.pg.exists", db.name());
                }
                db.exec("CREATE TABLE coursekit_schema (version INTEGER NOT NULL)");
                db.exec("INSERT INTO coursekit_schema (version) VALUES (0)");
                db.migrateInTransaction();
                return null;
            });
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Connects to an existing coursekit database, migrating an older schema (in one transaction). */
    public static PostgresStore open(String spec, Clock clock, Map<String, String> env) {
        PgAddress a = PgAddress.parse(spec, env);
        PostgresStore db = new PostgresStore(a, connect(a, env), clock, env);
        try {
            int version = db.read(tx -> {
                int v = db.has("coursekit_schema") ? db.version() : db.hasTables() ? -1 : -2;
                if (v > 0) {    // in the same transaction: who the user is in the register
                    db.restricted = db.queryLong("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()"
                            + " AND tablename = 'course' AND tableowner <> current_user") > 0;
                    db.coordinator = db.restricted && db.has("register_grant") && db.queryLong("SELECT COUNT(*)"
                            + " FROM register_grant WHERE pguser = current_user AND role = 'coordinator'") > 0;
                }
                return v;
            });
            if (version == -2) {    // an empty database, as a missing SQLite file: create one with init
                throw new NotFound("db.missing", db.name());
            }
            if (version < 0) {
                throw new StoreError(null, "db.pg.notCoursekit", db.name());
            }
            if (version > SCHEMA_VERSION) {
                throw new StoreError(null, "db.newer", db.name(), version, SCHEMA_VERSION);
            }
            if (version < SCHEMA_VERSION) {
                db.write(tx -> {
                    db.migrateInTransaction();
                    return null;
                });
                db.migratedFrom = version;
            }
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Connection connect(PgAddress a, Map<String, String> env) {
        Properties p = new Properties();
        p.setProperty("user", a.user());
        PgPass.password(a, env).ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", a.params().getOrDefault("application_name", "coursekit"));
        p.setProperty("connectTimeout", a.params().getOrDefault("connect_timeout", "10"));
        for (String k : List.of("sslmode", "sslrootcert", "sslcert", "sslkey")) {
            if (a.params().containsKey(k)) {
                p.setProperty(k, a.params().get(k));
            }
        }
        if (!a.params().containsKey("sslmode")) {
            p.setProperty("sslmode", "prefer");
        }
        try {
            Connection c = new org.postgresql.Driver().connect(a.jdbcUrl(), p);
            if (c == null) {
                throw new StoreError(null, "db.pg.cantConnect", a.given(), a.jdbcUrl());
            }
            return c;
        } catch (SQLException e) {
            throw translate(e, a.given());
        }
    }

    /** COURSEKIT_BUSY_TIMEOUT_MS of {@code environment}, else 10 s. */
    private static int busyTimeout(Map<String, String> environment) {
        String env = environment.get("COURSEKIT_BUSY_TIMEOUT_MS");
        try {
            return env == null ? 10_000 : Integer.parseInt(env);
        } catch (NumberFormatException e) {
            return 10_000;
        }
    }

    @Override
    public String name() {
        return address.given();
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    @Override
    public int migratedFrom() {
        return migratedFrom;
    }

    /** No copy: a migration is one transaction, which PostgreSQL undoes whole when it fails. */
    @Override
    public String migrationBackup() {
        return null;
    }

    @Override
    public List<Path> migrationBackups() {
        return List.of();
    }

    /** Nothing coursekit writes can be a file of this database: the server keeps its files itself. */
    @Override
    public void refuseOwnFile(Path target) {
        // nothing to refuse
    }

    /** {@code db backup} copies SQLite files; a PostgreSQL database is backed up with pg_dump. */
    @Override
    public void backupTo(Path target, boolean replace) {
        throw new StoreError(null, "db.pg.backup", name(), address.database());
    }

    /**
     * A session advisory lock: held until {@link Lock#close()} or until the connection ends, also
     * when the process is killed (the server then drops its session).
     */
    @Override
    public Lock lock(String name, String what) {
        try (PreparedStatement ps = connection().prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            ps.setInt(1, BATCH_LOCK_CLASS);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    throw new Conflict("batch.running", what);
                }
            }
        } catch (SQLException e) {
            throw translate(e);
        }
        return () -> {
            try (PreparedStatement ps = connection().prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
                ps.setInt(1, BATCH_LOCK_CLASS);
                ps.setString(2, name);
                ps.execute();
            } catch (SQLException e) {
                // the lock goes with the connection anyway
            }
        };
    }

    private boolean has(String table) {
        try (PreparedStatement ps = connection().prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Whether the current schema has any table (then it is someone else's database). */
    private boolean hasTables() {
        return queryLong("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()") > 0;
    }

    private int version() {
        return (int) queryLong("SELECT MAX(version) FROM coursekit_schema");
    }

    /** Applies the migrations after the recorded version; inside a write transaction (another process may have migrated meanwhile). */
    private void migrateInTransaction() {
        int current = version();
        for (int v = current; v < SCHEMA_VERSION; v++) {
            for (String sql : migration(MIGRATIONS.get(v))) {
                exec(sql);
            }
        }
        if (current < SCHEMA_VERSION) {
            exec("UPDATE coursekit_schema SET version = " + SCHEMA_VERSION);
        }
    }

    /** The statements of one of {@link #MIGRATIONS}. */
    static List<String> migration(String name) {
        return statements("/db/postgresql/" + name);
    }

    @Override
    protected void begin(boolean write) throws SQLException {
        connection().setAutoCommit(false);
        try (Statement s = connection().createStatement()) {
            if (write) {
                s.execute("SET LOCAL lock_timeout = " + busyTimeoutMs);
                s.execute("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
            } else {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
        }
    }

    /** The tables an organiser reads and writes (the rows of their organisations: db/postgresql/V007). */
    static final List<String> ORGANISER_TABLES = List.of("course", "course_trainer", "course_signatory", "session",
            "participant", "enrolment", "attendance", "certificate", "certificate_revision", "reminder_log", "audit",
            "audit_participant", "project", "site_key");
    /** What every user with a grant reads whole (their own grants only, by row-level security). */
    static final List<String> READ_TABLES = List.of("coursekit_schema", "meta", "organisation", "register_grant");
    /**
     * What a coordinator reads: every organisation's rows, of these tables only these columns (null: all);
     * never participants' names, e-mail addresses, phone numbers, birth dates, notes, withdrawal reasons,
     * nor the names on certificates and their files.
     */
    static final Map<String, String> COORDINATOR_COLUMNS = coordinatorColumns();

    private static Map<String, String> coordinatorColumns() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String t : List.of("course", "course_trainer", "course_signatory", "session", "attendance", "reminder_log",
                "audit", "audit_participant")) {
            m.put(t, null);
        }
        m.put("participant", "id, organisation, form, created_at, updated_at, erased_at");
        m.put("enrolment", "course_id, participant_id, status, since, enrolled_at, updated_at");
        m.put("certificate", "id, course_id, participant_id, seq, serial, code, form, issued_on, status, revoked_at, revoke_reason");
        m.put("certificate_revision", "certificate_id, revision, sha256, created_at");
        m.put("project", "id, participant_id, course_id, title, since, created_at");
        return m;
    }

    @Override
    public void grant(String user, String organisation, String role) {
        write(tx -> {
            if (queryLong("SELECT COUNT(*) FROM organisation WHERE id = " + literal(organisation)) == 0) {
                throw new NotFound("organisation.notFound", organisation);
            }
            if (queryLong("SELECT COUNT(*) FROM pg_roles WHERE rolname = " + literal(user)) == 0) {
                throw new NotFound("db.grant.noUser", user, name());
            }
            if (queryLong("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'course'"
                    + " AND tableowner = " + literal(user)) > 0) {
                throw new Conflict("db.grant.admin", user);
            }
            if (queryLong("SELECT COUNT(*) FROM register_grant WHERE pguser = " + literal(user) + " AND role <> "
                    + literal(role)) > 0) {
                throw new Conflict("db.grant.otherRole", user, role);
            }
            exec("INSERT INTO register_grant (pguser, organisation, role, granted_at) VALUES (" + literal(user) + ", "
                    + literal(organisation) + ", " + literal(role) + ", " + literal(now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                    + ") ON CONFLICT (pguser, organisation) DO NOTHING");
            privileges(user, role);
            return null;
        });
    }

    /** The user's privileges on the tables, as their role needs them (granted to the user: roles are the cluster's). */
    private void privileges(String user, String role) {
        String u = ident(user);
        String schema = ident(queryText("SELECT current_schema()"));
        revokeAll(u, schema);
        exec("GRANT SELECT ON " + String.join(", ", READ_TABLES) + " TO " + u);
        if (role.equals("organiser")) {
            exec("GRANT SELECT, INSERT, UPDATE, DELETE ON " + String.join(", ", ORGANISER_TABLES) + " TO " + u);
            exec("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + u);
        } else {
            for (Map.Entry<String, String> t : COORDINATOR_COLUMNS.entrySet()) {
                exec("GRANT SELECT " + (t.getValue() == null ? "" : "(" + t.getValue() + ") ") + "ON " + t.getKey() + " TO " + u);
            }
        }
    }

    private void revokeAll(String u, String schema) {
        List<String> all = new ArrayList<>(READ_TABLES);
        all.addAll(ORGANISER_TABLES);
        exec("REVOKE ALL ON " + String.join(", ", all) + " FROM " + u);
        for (Map.Entry<String, String> t : COORDINATOR_COLUMNS.entrySet()) {
            if (t.getValue() != null) {
                exec("REVOKE SELECT (" + t.getValue() + ") ON " + t.getKey() + " FROM " + u);
            }
        }
        exec("REVOKE ALL ON ALL SEQUENCES IN SCHEMA " + schema + " FROM " + u);
    }

    @Override
    public boolean revoke(String user, String organisation) {
        return write(tx -> {
            long n = queryLong("WITH d AS (DELETE FROM register_grant WHERE pguser = " + literal(user) + " AND organisation = "
                    + literal(organisation) + " RETURNING 1) SELECT COUNT(*) FROM d");
            if (n > 0 && queryLong("SELECT COUNT(*) FROM register_grant WHERE pguser = " + literal(user)) == 0
                    && queryLong("SELECT COUNT(*) FROM pg_roles WHERE rolname = " + literal(user)) > 0) {
                revokeAll(ident(user), ident(queryText("SELECT current_schema()")));
            }
            return n > 0;
        });
    }

    @Override
    public List<org.coursekit.domain.RegisterGrant> grants() {
        return read(tx -> {
            List<org.coursekit.domain.RegisterGrant> out = new ArrayList<>();
            try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT pguser, organisation, role, granted_at FROM register_grant ORDER BY pguser, organisation")) {
                while (rs.next()) {
                    out.add(new org.coursekit.domain.RegisterGrant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            } catch (SQLException e) {
                throw translate(e);
            }
            return out;
        });
    }

    private String literal(String value) {
        return queryText("SELECT quote_literal(" + "'" + value.replace("'", "''") + "')");
    }

    private String ident(String name) {
        return queryText("SELECT quote_ident(" + literal(name) + ")");
    }

    private String queryText(String sql) {
        try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /**
     * For a coordinator the register without what names the holder (no column privilege: db grant):
     * name, printed values and file name come back empty.
     */
    @Override
    protected String certificateSelect() {
        if (!coordinator) {
            return super.certificateSelect();
        }
        return """
                SELECT c.id, c.course_id, c.participant_id, c.seq, c.serial, c.code, '' AS full_name, '' AS first_name,
                    '' AS last_name, c.form, '' AS texts, c.issued_on, c.status, c.revoked_at, c.revoke_reason,
                    r.revision, '' AS file, r.sha256, r.created_at AS revised_at FROM certificate c
                JOIN certificate_revision r ON r.certificate_id = c.id
                  AND r.revision = (SELECT MAX(revision) FROM certificate_revision WHERE certificate_id = c.id)
                """;
    }

    /** Every organisation's certificates, whatever rows the user sees (db/postgresql/V007: it runs as the owner). */
    @Override
    protected String verifiable(String by) {
        return "SELECT * FROM coursekit_verifiable('" + by + "', ?)";
    }

    @Override
    protected String reportPeople() {
        return "SELECT id, form, birth_date, age_group FROM coursekit_report_people(?, ?)";
    }

    @Override
    protected String revisionByHash() {
        return "SELECT * FROM coursekit_revision_by_hash(?)";
    }

    /**
     * Surrogate keys after the highest one: the caller holds the write lock. The column's identity
     * sequence is moved on past them, so that a row inserted later without an id gets the next one.
     */
    @Override
    protected long firstNewId(String table, int count) {
        // MAX(id) counts only the rows the user sees (row-level security): the sequence knows the others'
        long first = queryLong("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table);
        if (count > 0) {    // a sequence cannot be set to 0; no keys taken, nothing to move
            first = Math.max(first, queryLong("SELECT nextval(pg_get_serial_sequence('" + table + "', 'id'))"));
            queryLong("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), " + (first + count - 1) + ")");
        }
        return first;
    }

    /**
     * Runs {@code work}, which erases personal data, as a write transaction; after the commit, the
     * old versions of the overwritten rows (which PostgreSQL keeps until they are vacuumed) are
     * removed: {@code VACUUM FULL} rewrites the tables {@link #ERASED_TABLES} and their indexes
     * into new files; then the planner's statistics of those tables, which sample their values, are
     * made anew ({@code ANALYZE}) and the old ones vacuumed from {@code pg_statistic} (which needs
     * the database's owner; PostgreSQL only warns otherwise). What the server's write-ahead log, its
     * archive and base backups hold is the administrator's (README, "Personal data").
     */
    @Override
    public <T> T erase(Work<T> work) {
        T result = write(work);
        Integer halt = Integer.getInteger("coursekit.test.haltAfterEraseCommit");
        if (halt != null) {     // tests only: a kill right after the commit (no clean-up, connection left open)
            Runtime.getRuntime().halt(halt);
        }
        if (restricted) {   // PostgreSQL skips (with a mere warning) the tables of another owner: say so, the admin's to run
            throw new StoreError(null, "db.pg.erase.vacuum", name(), OWNER_ONLY, String.join(", ", ERASED_TABLES));
        }
        try (Statement s = connection().createStatement()) {
            s.execute("SET lock_timeout = " + busyTimeoutMs);
            // the planner's statistics sample the columns' values (names, e-mail addresses): anew, and the old ones vacuumed
            s.execute("ANALYZE " + String.join(", ", ERASED_TABLES));
            awaitOlderSnapshots(s);
            s.execute("VACUUM (FULL) " + String.join(", ", ERASED_TABLES));
            s.execute("VACUUM (FULL) pg_catalog.pg_statistic");     // a warning only, not an error, for a user who may not
            s.execute("RESET lock_timeout");
        } catch (SQLException e) {
            throw new StoreError(e, "db.pg.erase.vacuum", name(), reason(e), String.join(", ", ERASED_TABLES));
        }
        return result;
    }

    /**
     * Waits until no other session of this database holds a snapshot taken before now: PostgreSQL
     * keeps every row version such a snapshot may see, and VACUUM FULL copies them into the new
     * files (a report or a backup running since before the erasure; also any connection that was
     * starting anywhere on the server at its commit). A moment first, so that a connection
     * starting now is listed once it has started. Throws, naming the session, when one still
     * holds it after the busy timeout; without the right to see other roles' sessions
     * ({@code pg_read_all_stats}) their snapshots are not seen, and not waited for.
     */
    private void awaitOlderSnapshots(Statement s) throws SQLException {
        java.sql.Timestamp now;
        try (ResultSet rs = s.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            now = rs.getTimestamp(1);
        }
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(busyTimeoutMs);
        long pause = 100;
        while (true) {
            if (!pause(pause)) {
                return;     // interrupted: the vacuum goes ahead at once
            }
            pause = Math.min(pause * 2, 500);
            try (var ps = connection().prepareStatement("""
                    SELECT pid, xact_start FROM pg_stat_activity
                    WHERE pid <> pg_backend_pid() AND backend_xmin IS NOT NULL AND xact_start < ?
                      AND (datname = current_database() OR datid IS NULL)
                    ORDER BY xact_start LIMIT 1""")) {
                ps.setTimestamp(1, now);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                    if (System.nanoTime() > end) {
                        throw new StoreError(null, "db.pg.erase.held", name(), rs.getInt(1),
                                rs.getTimestamp(2).toInstant().toString(), String.join(", ", ERASED_TABLES));
                    }
                }
            }
        }
    }

    /** Sleeps {@code ms}; false if interrupted (the interrupt kept). */
    private static boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The schema version and coursekit's tables; PostgreSQL itself keeps pages and foreign keys sound. */
    @Override
    public List<String> check() {
        return read(tx -> {
            List<String> problems = new ArrayList<>();
            int v = version();
            if (v != SCHEMA_VERSION) {
                problems.add("schema version " + v + ", expected " + SCHEMA_VERSION);
            }
            for (String table : List.of("course", "course_trainer", "course_signatory", "session", "participant",
                    "enrolment", "attendance", "certificate", "certificate_revision", "meta", "reminder_log", "audit",
                    "audit_participant", "organisation", "register_grant", "project", "site_key")) {
                if (!has(table)) {
                    problems.add("table " + table + " is missing");
                }
            }
            problems.addAll(foreignKeysNotValidated());
            return problems;
        });
    }

    /** Foreign keys someone turned off or left unvalidated (ALTER TABLE … NOT VALID). */
    private List<String> foreignKeysNotValidated() {
        List<String> out = new ArrayList<>();
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("""
                SELECT conrelid::regclass::text, conname FROM pg_constraint
                WHERE contype = 'f' AND NOT convalidated AND connamespace = current_schema()::regnamespace
                ORDER BY 1, 2""")) {
            while (rs.next()) {
                out.add("foreign key: " + rs.getString(2) + " of table " + rs.getString(1) + " is not validated");
            }
        } catch (SQLException e) {
            throw translate(e);
        }
        return out;
    }

    @Override
    protected RuntimeException translate(SQLException e) {
        if (restricted && "23505".equals(e.getSQLState())) {   // a key of a row the user does not see (another organisation's)
            String detail = e instanceof PSQLException p && p.getServerErrorMessage() != null
                    ? p.getServerErrorMessage().getDetail() : null;    // "Key (id)=(le-2018) already exists."
            return new Conflict("db.pg.taken", name(), detail != null ? detail : reason(e));
        }
        return translate(e, name());
    }

    /** The server's (or the driver's) reason, without PostgreSQL's severity prefix. */
    static String reason(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getMessage() != null) {
            return p.getServerErrorMessage().getMessage();
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * Maps PostgreSQL failures (by SQLSTATE) to exit code 7 where they concern the database: the
     * server cannot be reached, refuses the login, the database is missing, a lock waited too long,
     * the disk is full, a permission is missing. Others (e.g. a violated constraint) are bugs, as on SQLite.
     */
    static RuntimeException translate(SQLException e, String name) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String reason = reason(e);
        if (state.startsWith("28") || state.equals("08004") && reason.contains("password")) {
            return new StoreError(e, "db.pg.login", name, reason);
        }
        if (state.startsWith("08") || state.equals("3D000") || state.startsWith("57P")) {
            return new StoreError(e, "db.pg.cantConnect", name, reason);
        }
        return switch (state) {
            case "55P03", "40P01", "40001" -> new StoreError(e, "db.busy", name);
            // a coordinator's query of participants' personal columns (column privileges, db grant)
            case "42501" -> PERSONAL.matcher(reason).find() ? new NotFound("db.pg.personal", name, reason)
                    : reason.contains("row-level security") ? new NotFound("db.pg.notYours", name, reason)
                    : new StoreError(e, "db.pg.denied", name, reason);
            case "25006" -> new StoreError(e, "db.pg.denied", name, reason);
            default -> state.startsWith("53") || state.startsWith("58") || state.startsWith("XX")
                    ? new StoreError(e, "db.io", name, reason)
                    : new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
        };
    }

    @Override
    public void close() {
        try {
            connection().close();
        } catch (SQLException ignored) {
            // closing a connection we no longer use
        }
    }
}
