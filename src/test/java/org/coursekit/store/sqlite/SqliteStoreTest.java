package org.coursekit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import org.coursekit.domain.AuditEntry;
import org.coursekit.domain.Conflict;
import org.coursekit.domain.Course;
import org.coursekit.domain.NotFound;
import org.coursekit.domain.StoreError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static Connection jdbc(Path p) throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + p.toAbsolutePath());
    }

    private static int userVersion(Path p) throws Exception {
        try (Connection c = jdbc(p); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean hasTable(Path p, String table) throws Exception {
        try (Connection c = jdbc(p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='" + table + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private static Course course(String id) {
        return new Course(id, "Kurs " + id, null, null, null, null, 12, null, null, null, null, null);
    }

    @Test
    void createMakesPrivateFileWithCurrentSchema() throws Exception {
        Path db = dir.resolve("test.db");
        try (SqliteStore d = SqliteStore.create(db, CLOCK)) {
            assertThat(d.path()).isEqualTo(db);
        }
        assertThat(mode(db)).isEqualTo("rw-------");
        assertThat(userVersion(db)).isEqualTo(SqliteStore.SCHEMA_VERSION);
        assertThat(hasTable(db, "attendance")).isTrue();
    }

    @Test
    void createRefusesExistingFile() throws Exception {
        Path db = dir.resolve("test.db");
        Files.writeString(db, "keep me");
        assertThatThrownBy(() -> SqliteStore.create(db, CLOCK)).isInstanceOf(Conflict.class);
        assertThat(Files.readString(db)).isEqualTo("keep me");
    }

    @Test
    void createInAMissingFolderCreatesTheFolderOwnerOnly() throws Exception {
        Path db = dir.resolve("kurse/2018/test.db");
        SqliteStore.create(db, CLOCK).close();
        assertThat(db).isRegularFile();
        assertThat(java.nio.file.Files.getPosixFilePermissions(db.getParent()))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("kurse")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void openOfMissingFileIsNotFound() {
        Path db = dir.resolve("missing.db");
        assertThatThrownBy(() -> SqliteStore.open(db, CLOCK)).isInstanceOf(NotFound.class);
        assertThat(db).doesNotExist();
    }

    @Test
    void newerSchemaIsRefusedAndNothingTouched() throws Exception {
        Path db = dir.resolve("test.db");
        SqliteStore.create(db, CLOCK).close();
        try (Connection c = jdbc(db); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        byte[] before = Files.readAllBytes(db);
        assertThatThrownBy(() -> SqliteStore.open(db, CLOCK)).isInstanceOf(StoreError.class)
                .satisfies(e -> assertThat(((StoreError) e).msg().key()).isEqualTo("db.newer"));
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        assertThat(userVersion(db)).isEqualTo(99);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".bak"));
        }
    }

    @Test
    void aUserVersionSetBackIsRefusedAsASchemaMismatchWithoutBackupOrChange() throws Exception {
        Path db = dir.resolve("test.db");
        SqliteStore.create(db, CLOCK).close();
        for (int v = 1; v < SqliteStore.SCHEMA_VERSION; v++) {
            try (Connection c = jdbc(db); Statement s = c.createStatement()) {
                s.execute("PRAGMA user_version = " + v);
            }
            byte[] before = Files.readAllBytes(db);
            assertThatThrownBy(() -> SqliteStore.open(db, CLOCK)).as("version " + v).isInstanceOf(StoreError.class)
                    .satisfies(e -> assertThat(((StoreError) e).msg().key()).isEqualTo("db.schemaMismatch"));
            assertThat(Files.readAllBytes(db)).isEqualTo(before);
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".bak"));
            }
        }
    }

    @Test
    void notACoursekitDatabase() throws Exception {
        Path db = dir.resolve("other.db");
        try (Connection c = jdbc(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x)");
        }
        assertThatThrownBy(() -> SqliteStore.open(db, CLOCK)).isInstanceOf(StoreError.class);
    }

    @Test
    void garbageFileIsStoreError() throws Exception {
        Path db = dir.resolve("garbage.db");
        Files.writeString(db, "this is not an SQLite database, just text that is long enough to have a header".repeat(20));
        assertThatThrownBy(() -> SqliteStore.open(db, CLOCK)).isInstanceOf(StoreError.class);
    }

    /** A database as version 1 of coursekit left it: only V001 applied. */
    private Path versionOneDatabase() throws Exception {
        Path db = dir.resolve("old.db");
        try (Connection c = jdbc(db); Statement s = c.createStatement()) {
            for (String sql : SqliteStore.statements(SqliteStore.MIGRATIONS.get(0))) {
                s.execute(sql);
            }
            s.execute("INSERT INTO course (id, title, timezone, language, min_attendance, created_at) "
                    + "VALUES ('alt-2017', 'Alter Kurs', 'Europe/Berlin', 'de', '80%', '2017-01-01T00:00:00Z')");
            s.execute("PRAGMA user_version = 1");
        }
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-------"));
        return db;
    }

    @Test
    void olderSchemaIsMigratedAfterABackup() throws Exception {
        Path db = versionOneDatabase();
        assertThat(hasTable(db, "attendance")).isFalse();
        try (SqliteStore d = SqliteStore.open(db, CLOCK)) {
            assertThat(d.userVersion()).isEqualTo(SqliteStore.SCHEMA_VERSION);
            assertThat(d.read(tx -> tx.courses().find("alt-2017")).isPresent()).isTrue();
        }
        assertThat(userVersion(db)).isEqualTo(SqliteStore.SCHEMA_VERSION);
        assertThat(hasTable(db, "attendance")).isTrue();

        Path backup = dir.resolve("old.db.bak-v1");
        assertThat(backup).isEqualTo(SqliteStore.backupPathFor(db, 1)).exists();
        assertThat(mode(backup)).isEqualTo("rw-------");
        assertThat(userVersion(backup)).isEqualTo(1);
        assertThat(hasTable(backup, "attendance")).isFalse();
        assertThat(hasTable(backup, "course")).isTrue();
    }

    /** The schema as SQLite keeps it (tables, indexes, triggers, views: their SQL), in a stable order. */
    private static java.util.List<String> schema(Path p) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = jdbc(p); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite%' ORDER BY type, name")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " on " + rs.getString(3) + ": " + rs.getString(4));
            }
        }
        return out;
    }

    /** A database of schema {@code version} built from the first {@code version} migration files, as that release made it. */
    private Path databaseOfVersion(int version) throws Exception {
        Path db = dir.resolve("v" + version + ".db");
        try (Connection c = jdbc(db); Statement s = c.createStatement()) {
            for (int v = 0; v < version; v++) {
                for (String sql : SqliteStore.statements(SqliteStore.MIGRATIONS.get(v))) {
                    s.execute(sql);
                }
            }
            s.execute("PRAGMA user_version = " + version);
        }
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-------"));
        return db;
    }

    @Test
    void everyOlderVersionBuiltFromTheMigrationFilesMigratesToTheSchemaOfAFreshDatabase() throws Exception {
        Path fresh = dir.resolve("fresh.db");
        SqliteStore.create(fresh, CLOCK).close();
        java.util.List<String> expected = schema(fresh);
        assertThat(expected).anyMatch(t -> t.startsWith("table attendance "));
        for (int version = 1; version <= SqliteStore.SCHEMA_VERSION; version++) {
            Path db = databaseOfVersion(version);
            assertThat(userVersion(db)).isEqualTo(version);
            try (SqliteStore d = SqliteStore.open(db, CLOCK)) {
                assertThat(d.userVersion()).as("opened from version %d", version).isEqualTo(SqliteStore.SCHEMA_VERSION);
                // running the migrations again is a no-op (another process migrated meanwhile)
                d.migrateTo(version, SqliteStore.SCHEMA_VERSION);
                d.write(tx -> {
                    tx.courses().insert(course("bm-2018"));
                    return null;
                });
            }
            assertThat(schema(db)).as("migrated from version %d", version).isEqualTo(expected);
            assertThat(SqliteStore.backupPathFor(db, version).toFile().exists()).as("backup of version %d", version)
                    .isEqualTo(version < SqliteStore.SCHEMA_VERSION);
        }
    }

    @Test
    void aVersionSixDatabaseKeepsEveryRowAndPutsItsCoursesAndPeopleIntoTheDefaultOrganisation() throws Exception {
        Path db = databaseOfVersion(6);
        try (Connection c = jdbc(db); Statement s = c.createStatement()) {
            s.execute("INSERT INTO course (id, title, timezone, language, min_attendance, created_at) "
                    + "VALUES ('alt-2017', 'Alter Kurs', 'Europe/Berlin', 'de', '80%', '2017-01-01T00:00:00Z')");
            s.execute("INSERT INTO participant (id, first_name, last_name, email, email_key, created_at, updated_at) "
                    + "VALUES (7, 'Käthe', 'Köhler', 'K@example.org', 'k@example.org', 'x', 'x'), "
                    + "(9, 'Jürgen', 'Weiß', NULL, NULL, 'x', 'x')");
            s.execute("INSERT INTO enrolment (course_id, participant_id, status, enrolled_at, updated_at) "
                    + "VALUES ('alt-2017', 7, 'enrolled', 'x', 'x')");
        }
        try (SqliteStore d = SqliteStore.open(db, CLOCK)) {
            assertThat(d.read(tx -> tx.courses().find("alt-2017")).orElseThrow().organisation()).isEqualTo("default");
            String org = d.read(tx -> tx.participants().organisationOf(7));
            assertThat(org).isEqualTo("default");
            long kaethe = d.read(tx -> tx.participants().findByEmail("default", "k@EXAMPLE.org")).orElseThrow().id();
            assertThat(kaethe).isEqualTo(7);
            List<org.coursekit.domain.Enrolment> enrolments = d.read(tx -> tx.participants().enrolments(7));
            assertThat(enrolments).hasSize(1);
            List<org.coursekit.domain.Organisation> orgs = d.read(tx -> tx.organisations().list());
            assertThat(orgs).extracting(o -> o.id() + " " + o.courses() + " " + o.participants())
                    .containsExactly("default 1 2");
            assertThat(d.check()).isEmpty();
            // unique per organisation, no longer across them
            d.write(tx -> {
                tx.organisations().insert("ditzingen", "Stadt Ditzingen");
                return tx.participants().insert(new org.coursekit.domain.Participant(0, "K", "K", "k@example.org", null, null,
                        null, null), "ditzingen");
            });
            assertThatThrownBy(() -> d.write(tx -> tx.participants().insert(new org.coursekit.domain.Participant(0, "K", "K",
                    "k@example.org", null, null, null, null), "default"))).isInstanceOf(RuntimeException.class);
            // foreign keys are on again after the migration
            assertThatThrownBy(() -> d.write(tx -> tx.participants().insert(new org.coursekit.domain.Participant(0, "K", "K",
                    null, null, null, null, null), "nowhere"))).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void auditEntriesOfAnOlderVersionAreFoundByTheirSubjectColumnsNotByTextThatLooksLikeAnId() throws Exception {
        Path db = dir.resolve("v5.db");
        try (Connection c = jdbc(db); Statement s = c.createStatement()) {
            for (int v = 0; v < 5; v++) {
                for (String sql : SqliteStore.statements(SqliteStore.MIGRATIONS.get(v))) {
                    s.execute(sql);
                }
            }
            String head = "INSERT INTO audit (id, at, os_user, course_id, action, subject, detail) VALUES ";
            s.execute(head + "(1, 'x', 'u', 'k-1', 'attendance.recorded', 'session 3', "
                    + "'12 record(s); changed: participant 15, session 3: present -> absent; "
                    + "participant 5, session 3: absent -> late')");
            s.execute(head + "(2, 'x', 'u', 'k-1', 'attendance.imported', NULL, "
                    + "'4 record(s); changed: participant 15, session 4: present -> excused')");
            s.execute(head + "(3, 'x', 'u', 'k-1', 'attendance.recorded', 'session 5', '9 record(s)')");
            s.execute(head + "(4, 'x', 'u', 'k-1', 'certificate.issued', 'K-001', 'participant 15')");
            s.execute(head + "(5, 'x', 'u', 'k-1', 'certificate.issued', 'K-002', 'participant 5')");
            s.execute(head + "(6, 'x', 'u', 'k-1', 'certificate.revoked', 'K-001', 'mixed up with participant 5, sorry')");
            s.execute(head + "(7, 'x', 'u', NULL, 'participant.erased', 'participant 15', NULL)");
            s.execute(head + "(8, 'x', 'u', 'k-2', 'attendance.recorded', 'session 1', "
                    + "'2 record(s); changed: participant 5, session 1: present -> absent')");
            s.execute("PRAGMA user_version = 5");
        }
        try (SqliteStore d = SqliteStore.open(db, CLOCK)) {
            List<AuditEntry> about5 = d.read(tx -> tx.audit().about(5));
            List<AuditEntry> about15 = d.read(tx -> tx.audit().about(15));
            List<AuditEntry> course1 = d.read(tx -> tx.audit().list("k-1", 50));
            List<AuditEntry> course2 = d.read(tx -> tx.audit().list("k-2", 50));
            assertThat(about5).extracting(AuditEntry::id).containsExactly(1L, 5L, 8L);
            assertThat(about15).extracting(AuditEntry::id).containsExactly(1L, 2L, 4L, 7L);
            assertThat(course1).extracting(AuditEntry::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(course2).extracting(AuditEntry::detail)
                    .containsExactly("2 record(s); changed: participant 5, session 1: present -> absent");
        }
        try (Connection c = jdbc(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT group_concat(id || '=' || serial, ' ') FROM audit WHERE serial IS NOT NULL")) {
            assertThat(rs.getString(1)).isEqualTo("4=K-001 5=K-002 6=K-001");
        }
    }

    @Test
    void backupWritesConsistentPrivateCopyAndRefusesToOverwrite() throws Exception {
        Path db = dir.resolve("test.db");
        Path copy = dir.resolve("copy.db");
        try (SqliteStore d = SqliteStore.create(db, CLOCK)) {
            d.write(tx -> {
                tx.courses().insert(course("bm-2018"));
                return null;
            });
            d.backupTo(copy, false);
            assertThat(mode(copy)).isEqualTo("rw-------");
            byte[] first = Files.readAllBytes(copy);

            d.write(tx -> {
                tx.courses().insert(course("zwei-2018"));
                return null;
            });
            assertThatThrownBy(() -> d.backupTo(copy, false)).isInstanceOf(Conflict.class);
            assertThat(Files.readAllBytes(copy)).isEqualTo(first);

            d.backupTo(copy, true);
            assertThat(mode(copy)).isEqualTo("rw-------");
            assertThatThrownBy(() -> d.backupTo(db, true)).isInstanceOf(Conflict.class);
        }
        try (SqliteStore c = SqliteStore.open(copy, CLOCK)) {
            assertThat(c.read(tx -> tx.courses().find("bm-2018")).isPresent()).isTrue();
            assertThat(c.read(tx -> tx.courses().find("zwei-2018")).isPresent()).isTrue();
            assertThat(c.check()).isEmpty();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void checkIsEmptyForSoundDatabase() {
        try (SqliteStore d = SqliteStore.create(dir.resolve("test.db"), CLOCK)) {
            assertThat(d.check()).isEmpty();
        }
    }

    @Test
    void checkReportsBrokenForeignKey() throws Exception {
        Path db = dir.resolve("test.db");
        SqliteStore.create(db, CLOCK).close();
        try (Connection c = jdbc(db); Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = OFF");
            s.execute("INSERT INTO enrolment (course_id, participant_id, status, enrolled_at, updated_at) "
                    + "VALUES ('nope', 42, 'enrolled', 'x', 'x')");
        }
        try (SqliteStore d = SqliteStore.open(db, CLOCK)) {
            assertThat(d.check()).isNotEmpty().allMatch(p -> p.startsWith("foreign key"));
        }
    }

    @Test
    void failedWriteRollsBack() {
        try (SqliteStore d = SqliteStore.create(dir.resolve("test.db"), CLOCK)) {
            assertThatThrownBy(() -> d.write(tx -> {
                tx.courses().insert(course("bm-2018"));
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(d.read(tx -> tx.courses().exists("bm-2018")).booleanValue()).isFalse();
        }
    }

    @Test
    void backupOntoAFullDiskNamesTheBackupNotTheDatabase() throws Exception {
        // what VACUUM INTO reports when the backup's disk is full, or a write to it fails
        Path db = dir.resolve("test.db");
        Path target = dir.resolve("backups").resolve("copy.db");
        for (var code : new org.sqlite.SQLiteErrorCode[] {org.sqlite.SQLiteErrorCode.SQLITE_FULL,
                org.sqlite.SQLiteErrorCode.SQLITE_IOERR_WRITE}) {
            RuntimeException e = SqliteStore.backupFailure(new org.sqlite.SQLiteException("[" + code + "] disk full", code),
                    target, db);
            assertThat(e).isInstanceOf(org.coursekit.domain.FileError.class);
            assertThat(((org.coursekit.domain.FileError) e).msg().args()).contains(target).doesNotContain(db);
        }
        // a busy database is still the database's problem
        RuntimeException busy = SqliteStore.backupFailure(new org.sqlite.SQLiteException("busy",
                org.sqlite.SQLiteErrorCode.SQLITE_BUSY), target, db);
        assertThat(busy).isInstanceOf(StoreError.class);
    }
}
