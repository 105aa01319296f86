package org.coursekit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.coursekit.cli.Cli;
import org.coursekit.cli.CliResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * What only PostgreSQL has: the URI, passwords, a server that is down or refuses the login, the
 * schema version in the database, db backup, and what erase leaves in the server's files.
 */
// alone, not in parallel with other classes: on PostgreSQL it checks that a vacuum left no trace in the
// database's files, and a connection starting meanwhile anywhere on the test server holds back what
// a vacuum may remove (seen: "Köhler" still in the files after an erase, with classes in parallel)
@Isolated
class PostgresCliTest {
    @TempDir
    Path dir;

    private final TestPostgres pg = TestPostgres.get();

    private Cli cli() {
        return Cli.postgres(dir);
    }

    private static String database(Cli cli) {
        return cli.spec().substring(cli.spec().lastIndexOf('/') + 1);
    }

    @Test
    void aPasswordInTheDbUriIsAUsageErrorThatDoesNotRepeatIt() {
        CliResult r = cli().raw("--db=postgresql://anna:geheim@127.0.0.1:" + pg.port() + "/x", "course", "list").expect(2);
        assertThat(r.err()).contains("PGPASSWORD").contains("~/.pgpass").doesNotContain("geheim");
        cli().raw("--db=postgresql://anna@127.0.0.1:" + pg.port() + "/x?password=geheim", "init").expect(2);
    }

    @Test
    void aServerThatIsDownIsExit7WithTheReason() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliResult r = cli().raw("--db=postgresql://coursekit@127.0.0.1:" + port + "/register", "course", "list").expect(7);
        assertThat(r.err()).contains("cannot connect to the PostgreSQL database postgresql://coursekit@127.0.0.1:" + port)
                .contains("refused");
    }

    @Test
    void aRefusedLoginIsExit7WithTheServersReason() {
        String db = pg.createDatabase();
        String uri = pg.uri(TestPostgres.PASSWORD_USER, db);
        Cli cli = cli().env("PGPASSFILE", dir.resolve("none").toString());
        CliResult wrong = cli.env("PGPASSWORD", "wrong").raw("--db=" + uri, "init").expect(7);
        assertThat(wrong.err()).contains("PostgreSQL refused the login").contains("password authentication failed");
        CliResult none = cli.env("PGPASSWORD", "").raw("--db=" + uri, "init").expect(7);
        assertThat(none.err()).contains("PostgreSQL refused the login").contains("password");
    }

    @Test
    void thePasswordComesFromPgpassOrPgpassword() throws Exception {
        String db = pg.createDatabase();
        String uri = pg.uri(TestPostgres.PASSWORD_USER, db);
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + pg.port() + ":" + db + ":" + TestPostgres.PASSWORD_USER + ":"
                + TestPostgres.PASSWORD + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Cli cli = cli().env("PGPASSFILE", pgpass.toString());
        assertThat(cli.raw("--db=" + uri, "init").ok().out().strip()).isEqualTo(uri);
        cli.raw("--db=" + uri, "course", "list").ok();
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(cli.raw("--db=" + uri, "course", "list").expect(7).err()).contains("chmod 600");
        cli.env("PGPASSWORD", TestPostgres.PASSWORD).env("PGPASSFILE", dir.resolve("none").toString())
                .raw("--db=" + uri, "course", "list").ok();
    }

    @Test
    void aCertificateBatchWhileAnotherHoldsTheCoursesLockIsRefusedAndRunsWhenItIsGone() throws Exception {
        Cli cli = cli().withExampleCourse();
        Path out = dir.resolve("certs");
        try (org.coursekit.store.Store other = org.coursekit.store.Stores.open(cli.spec(), Cli.at(2018, 6, 1, 12, 0),
                java.util.Map.of("PGPASSFILE", dir.resolve("none").toString()));
             org.coursekit.store.Store.Lock held = other.lock("issue-bm-2018", "bm-2018")) {
            assertThat(cli.run("certify", "issue", "bm-2018", "--output=" + out).expect(5).err()).contains("bm-2018");
        }
        cli.run("certify", "issue", "bm-2018", "--output=" + out).ok();
    }

    /** firstNewId of no rows moved the identity sequence to 0, which PostgreSQL refuses. */
    @Test
    void aBatchWithNobodyDueIssuesNothingAndSucceeds() {
        Cli cli = cli().withExampleCourse();
        assertThat(cli.run("certify", "issue", "bm-2018", "--output=" + dir.resolve("certs")).ok().err()).contains("issued 0");
    }

    @Test
    void aMissingDatabaseIsExit7WithTheServersReason() {
        CliResult r = cli().raw("--db=" + pg.uri(TestPostgres.SUPERUSER, "no_such_db"), "course", "list").expect(7);
        assertThat(r.err()).contains("no_such_db").contains("does not exist");
    }

    @Test
    void initTwiceIsAConflictAndADatabaseWithoutSchemaIsNotCoursekits() {
        Cli cli = cli();
        assertThat(cli.run("course", "list").expect(3).err()).contains("no database at " + cli.spec())
                .contains("coursekit init");
        Cli other = cli();
        pg.sql(database(other), "CREATE TABLE invoices (id INTEGER)");
        assertThat(other.run("course", "list").expect(7).err()).contains("is not a coursekit database");
        cli.init();
        assertThat(cli.run("init").expect(5).err()).contains("holds coursekit tables already");
    }

    /** A register of schema version 5 (with audit entries in the old text form) is migrated when opened, in one transaction. */
    @Test
    void anOlderSchemaIsMigratedWhenOpenedAndItsAuditEntriesGetTheirSubjects() throws Exception {
        String db = pg.createDatabase();
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE coursekit_schema (version INTEGER NOT NULL)");
            s.execute("INSERT INTO coursekit_schema (version) VALUES (5)");
            for (String m : PostgresStore.MIGRATIONS.subList(0, 5)) {
                for (String sql : PostgresStore.migration(m)) {
                    s.execute(sql);
                }
            }
            s.execute("INSERT INTO audit (id, at, os_user, action, subject, detail) VALUES "
                    + "(1, 'x', 'u', 'participant.erased', 'participant 7', NULL), "
                    + "(2, 'x', 'u', 'attendance.recorded', 'session 3', "
                    + "'2 record(s); changed: participant 5, session 3: present -> absent; participant 8, session 3: absent -> late'), "
                    + "(3, 'x', 'u', 'certificate.revoked', 'BM-2018-001', 'Irrtum')");
        }
        Cli cli = cli();
        CliResult r = cli.raw("--db=" + pg.uri(TestPostgres.SUPERUSER, db), "course", "list").ok();
        assertThat(r.err()).contains("from schema version 5 to " + PostgresStore.SCHEMA_VERSION).contains("one transaction");
        List<String> links = new ArrayList<>();
        try (Connection c = pg.connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT audit_id || ':' || participant_id FROM audit_participant ORDER BY 1")) {
            while (rs.next()) {
                links.add(rs.getString(1));
            }
        }
        assertThat(links).containsExactly("1:7", "2:5", "2:8");
        cli.raw("--db=" + pg.uri(TestPostgres.SUPERUSER, db), "db", "check").ok();
        assertThat(cli.raw("--db=" + pg.uri(TestPostgres.SUPERUSER, db), "db", "log", "--json").ok().out()).contains("BM-2018-001");
    }

    @Test
    void aNewerSchemaIsRefusedWithExit7() {
        Cli cli = cli().init();
        pg.sql(database(cli), "UPDATE coursekit_schema SET version = 99");
        assertThat(cli.run("course", "list").expect(7).err()).contains("schema version 99");
    }

    @Test
    void dbCheckNamesAMissingTableAndAnUnvalidatedForeignKey() {
        Cli cli = cli().withExampleCourse();
        cli.run("db", "check").ok();
        pg.sql(database(cli), "DROP TABLE reminder_log",
                "ALTER TABLE enrolment DROP CONSTRAINT enrolment_participant_id_fkey",
                "ALTER TABLE enrolment ADD CONSTRAINT enrolment_participant_id_fkey FOREIGN KEY (participant_id) "
                        + "REFERENCES participant(id) NOT VALID");
        CliResult r = cli.run("db", "check").expect(7);
        assertThat(r.out()).contains("table reminder_log is missing").contains("enrolment_participant_id_fkey");
    }

    @Test
    void dbBackupPointsToPgDump() {
        Cli cli = cli().init();
        assertThat(cli.run("db", "backup", dir.resolve("b.db").toString()).expect(7).err()).contains("pg_dump");
        assertThat(dir.resolve("b.db")).doesNotExist();
        cli.run("db", "check").ok();
    }

    @Test
    void everyTextColumnIsComparedBytewiseAsOnSqlite() throws Exception {
        Cli cli = cli().init();
        List<String> notC = new ArrayList<>();
        try (Connection c = pg.connect(database(cli)); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT table_name || '.' || column_name, collation_name FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type = 'text'""")) {
            while (rs.next()) {
                if (!"C".equals(rs.getString(2))) {
                    notC.add(rs.getString(1));
                }
            }
        }
        assertThat(notC).isEmpty();
    }

    @Test
    void anErasedPersonsEmailIsInNoFileOfTheirTablesAfterErase() throws Exception {
        Cli cli = cli().withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        String email = "ayse.yilmaz@mail.example";
        String db = database(cli);
        assertThat(filesContaining(db, email)).isNotEmpty();
        cli.run("participant", "erase", email, "--yes").ok();
        assertThat(filesContaining(db, email)).isEmpty();
    }

    /**
     * A session that took its snapshot before the erase committed (a report, a backup, also a
     * connection starting anywhere on the server at that moment) keeps the old row versions alive,
     * and VACUUM FULL copies them into the new files: the erase waits for it, then vacuums.
     */
    @Test
    void anEraseWaitsForASnapshotTakenBeforeItAndLeavesNoTrace() throws Exception {
        Cli cli = withParticipants();
        String email = "ayse.yilmaz@mail.example";
        String db = database(cli);
        try (Connection other = snapshotHolder(db)) {
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                    other.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            cli.run("participant", "erase", email, "--yes").ok();
            release.join();
        }
        assertThat(filesContaining(db, email)).isEmpty();
        assertThat(pg.databaseFilesText(cli.spec())).doesNotContain(email).doesNotContain("Yilmaz");
    }

    /** One that keeps its snapshot beyond the wait: the erase is committed, and the message says what is left to do. */
    @Test
    void anEraseThatCannotWaitForAnOlderSnapshotSaysWhatIsLeft() throws Exception {
        Cli cli = withParticipants();
        String email = "ayse.yilmaz@mail.example";
        try (Connection other = snapshotHolder(database(cli))) {
            CliResult r = cli.env("COURSEKIT_BUSY_TIMEOUT_MS", "300").run("participant", "erase", email, "--yes").expect(7);
            assertThat(r.err()).contains("erasure is committed").contains("VACUUM (FULL) participant")
                    .contains("another session").doesNotContain("Yilmaz");
            other.rollback();
        }
        cli.run("participant", "show", email).expect(3);
    }

    /** The example course with the participants of the example CSV. */
    private Cli withParticipants() {
        Cli cli = cli().withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        return cli;
    }

    /** A session of {@code db} holding a snapshot from now on (repeatable read, no lock on any table) until it rolls back. */
    private Connection snapshotHolder(String db) throws Exception {
        Connection c = pg.connect(db);
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1").close();
        }
        return c;
    }

    /** The planner's statistics (pg_statistic) held every e-mail address of an analysed table after the erase. */
    @Test
    void anErasedPersonIsNotKeptInThePlannersStatistics() throws Exception {
        Cli cli = cli().withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        String email = "ayse.yilmaz@mail.example";
        pg.sql(database(cli), "ANALYZE participant");     // as autovacuum does once enough rows changed
        assertThat(pg.databaseFilesText(cli.spec())).contains(email);
        cli.run("participant", "erase", email, "--yes").ok();
        assertThat(pg.databaseFilesText(cli.spec())).doesNotContain(email).doesNotContain("Yilmaz");
    }

    /** The files of the tables erase overwrites and of their indexes that hold {@code text}, after a checkpoint. */
    private List<String> filesContaining(String db, String text) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
            List<String> files = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    SELECT pg_relation_filepath(c.oid) FROM pg_class c
                    WHERE c.relname IN ('participant', 'enrolment', 'certificate', 'certificate_revision')
                       OR c.oid IN (SELECT indexrelid FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                                    WHERE t.relname IN ('participant', 'enrolment', 'certificate', 'certificate_revision'))""")) {
                while (rs.next()) {
                    files.add(rs.getString(1));
                }
            }
            byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (String f : files) {
                try (Stream<Path> segments = Files.list(pg.dataDir().resolve(f).getParent())) {
                    for (Path seg : (Iterable<Path>) segments::iterator) {
                        String n = seg.getFileName().toString();
                        String base = Path.of(f).getFileName().toString();
                        if ((n.equals(base) || n.startsWith(base + ".")) && contains(Files.readAllBytes(seg), needle)) {
                            hits.add(f + " (" + n + ")");
                        }
                    }
                }
            }
        }
        return hits;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
