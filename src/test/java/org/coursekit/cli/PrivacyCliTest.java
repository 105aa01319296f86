package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** Right of access, right to erasure, retention, the audit trail, and file modes. */
// alone, not in parallel with other classes: on PostgreSQL it checks that a vacuum left no trace in the
// database's files, and a connection starting meanwhile anywhere on the test server holds back what
// a vacuum may remove (seen: "Köhler" still in the files after an erase, with classes in parallel)
@Isolated
@EveryEngine
class PrivacyCliTest {
    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir).clock(Cli.at(2018, 5, 1, 12, 0));
        cli.init();
        cli.run("course", "create", "--from=" + Cli.COURSE_JSON).ok();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        for (int s = 2; s <= 11; s++) {
            cli.run("attend", "record", "bm-2018", "--session=" + s, "--all-present").ok();
        }
        cli.run("attend", "record", "bm-2018", "--session=3", "--absent=kaethe.koehler@post.example").ok();
    }

    /** Every file of the database (main file, WAL, shared memory) as text, for a byte search. */
    private String databaseBytes() throws IOException {
        if (Cli.onPostgres()) {     // the files of the database on the server
            return org.coursekit.store.postgres.TestPostgres.get().databaseFilesText(cli.spec());
        }
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("test.db")).toList()) {
                byte[] b = Files.readAllBytes(f);
                sb.append(new String(b, StandardCharsets.ISO_8859_1)).append(new String(b, StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }

    @Test
    void exportDataShowsEverythingStoredAboutAPerson() {
        JsonNode d = cli.run("participant", "export-data", "kaethe.koehler@post.example").ok().json();
        assertThat(d.get("participant").get("lastName").asText()).isEqualTo("Köhler");
        assertThat(d.get("participant").get("note").asText()).contains("Vegetarisch");
        assertThat(d.get("enrolments").get(0).get("courseId").asText()).isEqualTo("bm-2018");
        assertThat(d.get("attendance")).hasSize(10);
        assertThat(d.get("auditTrail").toString()).contains("present -> absent");
    }

    @Test
    void exportDataAuditTrailHoldsNoEntryWhoseFreeTextMerelyMentionsThePerson() throws IOException {
        Path certs = Files.createDirectory(dir.resolve("certs"));
        cli.run("certify", "issue", "bm-2018", "--output=" + certs).ok();
        JsonNode register = cli.run("certify", "list", "--json").ok().json();
        String other = null;
        for (JsonNode c : register) {
            if (!c.get("fullName").asText().equals("Käthe Köhler")) {
                other = c.get("serial").asText();
            }
        }
        // someone else's certificate, revoked with a reason that happens to read like the trail's own text
        cli.run("certify", "revoke", other, "--reason=mixed up with participant 2, session 3").ok();
        cli.run("participant", "erase", "12", "--yes").ok();

        JsonNode trail = cli.run("participant", "export-data", "2").ok().json().get("auditTrail");
        assertThat(trail.toString()).contains("participant 2, session 3: present -> absent")
                .doesNotContain("certificate.revoked").doesNotContain("mixed up").doesNotContain("participant.erased");
        assertThat(trail).extracting(e -> e.get("action").asText())
                .containsExactly("attendance.recorded", "certificate.issued");
        // the revocation stays in the course's log, found by its course as before
        assertThat(cli.run("db", "log", "--course=bm-2018", "--limit=1", "--json").ok().json().get(0)
                .get("detail").asText()).isEqualTo("mixed up with participant 2, session 3");
    }

    @Test
    void eraseRemovesEveryTraceFromTheDatabaseFilesButKeepsTheCountsAndTheRegister() throws IOException {
        Path certs = Files.createDirectory(dir.resolve("certs"));
        cli.run("certify", "issue", "bm-2018", "--output=" + certs).ok();
        String code = cli.run("certify", "list", "--json").ok().json().get(6).get("code").asText();
        assertThat(cli.run("certify", "list", "--json").ok().json().get(6).get("fullName").asText()).isEqualTo("Käthe Köhler");
        String countsBefore = cli.run("attend", "report", "bm-2018", "--csv").ok().out().lines()
                .map(l -> l.substring(l.lastIndexOf(",", l.lastIndexOf(",") - 1))).toList().toString();
        assertThat(databaseBytes()).contains("Köhler").contains("kaethe.koehler").contains("Vegetarisch");

        CliResult r = cli.run("participant", "erase", "kaethe.koehler@post.example", "--yes").ok();
        assertThat(r.err()).doesNotContain("Köhler");

        String bytes = databaseBytes();
        assertThat(bytes).doesNotContain("Köhler").doesNotContain("kaethe.koehler").doesNotContain("Vegetarisch")
                .doesNotContain("07156 23456").doesNotContain("1948-11-02");
        // attendance still counted, anonymously
        assertThat(cli.run("attend", "report", "bm-2018", "--csv").ok().out()).contains("(erased)");
        assertThat(cli.run("attend", "report", "bm-2018", "--csv").ok().out().lines().count())
                .isEqualTo(countsBefore.split(", ").length);
        // the certificate still verifies, the holder shown as erased
        CliResult v = cli.run("certify", "verify", code).ok();
        assertThat(v.out()).contains("(erased)").doesNotContain("Köhler");
        // no longer found by e-mail; a second erase of the id is refused
        cli.run("participant", "show", "kaethe.koehler@post.example").expect(3);
        cli.run("participant", "erase", "2", "--yes").expect(5);
        assertThat(cli.run("db", "log", "--json").ok().out()).contains("participant.erased").doesNotContain("Köhler");
        cli.run("db", "check").ok();
    }

    /** Every file in the folder whose name starts with {@code prefix}, as text, for a byte search. */
    private String filesBytes(String prefix) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                byte[] b = Files.readAllBytes(f);
                sb.append(f.getFileName()).append('\n');
                sb.append(new String(b, StandardCharsets.ISO_8859_1)).append(new String(b, StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }

    /**
     * A database as coursekit version 4 of the schema left it (V001 to V004 applied), with Zuzana Überall
     * enrolled (a reason), certified, and one more person; then opened by coursekit, which migrates it
     * and writes {@code old.db.bak-v4}.
     */
    private Cli migratedVersionFourDatabase() throws Exception {
        Path db = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (int v = 1; v <= 4; v++) {
                String name = List.of("V001__courses_participants.sql", "V002__attendance.sql", "V003__certificates.sql",
                        "V004__calendar_reminders.sql").get(v - 1);
                String text = new String(getClass().getResourceAsStream("/db/sqlite/" + name).readAllBytes(), StandardCharsets.UTF_8);
                for (String sql : text.replaceAll("(?m)^\\s*--.*$", "").split(";\\s*\n")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
            }
            s.execute("INSERT INTO course (id, title, timezone, language, min_attendance, created_at) "
                    + "VALUES ('alt-2017', 'Alter Kurs', 'Europe/Berlin', 'de', '80%', '2017-01-01T00:00:00Z')");
            s.execute("INSERT INTO session (course_id, number, date, start, end, title, kind, counts, required) "
                    + "VALUES ('alt-2017', 1, '2017-03-01', '18:30', '21:30', 'Abend', 'module', 1, 1)");
            s.execute("INSERT INTO participant (id, first_name, last_name, email, email_key, phone, birth_date, note, "
                    + "created_at, updated_at) VALUES (1, 'Zuzana', 'Überall', 'zuzana.ueberall@alt.example', "
                    + "'zuzana.ueberall@alt.example', '0711 998877', '1951-07-13', 'Glutenfrei bitte', "
                    + "'2017-01-01T00:00:00Z', '2017-01-01T00:00:00Z')");
            s.execute("INSERT INTO participant (id, first_name, last_name, email, email_key, created_at, updated_at) "
                    + "VALUES (2, 'Bleibt', 'Dabei', 'bleibt@alt.example', 'bleibt@alt.example', "
                    + "'2017-01-01T00:00:00Z', '2017-01-01T00:00:00Z')");
            s.execute("INSERT INTO enrolment (course_id, participant_id, status, reason, enrolled_at, updated_at) "
                    + "VALUES ('alt-2017', 1, 'withdrawn', 'Umzug nach Zwickau-Überallhausen', 'x', 'x')");
            s.execute("INSERT INTO certificate (id, course_id, participant_id, seq, serial, code, full_name, first_name, "
                    + "last_name, texts, issued_on) VALUES (1, 'alt-2017', 1, 1, 'ALT-2017-001', 'ABCDEFGHJK', "
                    + "'Zuzana Überall', 'Zuzana', 'Überall', 'courseTitle=Alter Kurs\nfullName=Zuzana Überall\n', '2017-03-01')");
            s.execute("INSERT INTO certificate_revision (certificate_id, revision, file, created_at) "
                    + "VALUES (1, 1, 'ALT-2017-001_Zuzana_Ueberall.pdf', 'x')");
            s.execute("PRAGMA user_version = 4");
        }
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-------"));
        Cli.sqliteOnly("the copies FILE.bak-vN made before a migration are SQLite's");
        Cli old = new Cli(dir, "old.db").clock(Cli.at(2018, 5, 1, 12, 0));
        assertThat(old.run("participant", "list", "--csv").ok().out()).contains("Überall");
        assertThat(dir.resolve("old.db.bak-v4")).exists();
        assertThat(filesBytes("old.db.bak-v4")).contains("Überall").contains("zuzana.ueberall").contains("Glutenfrei");
        return old;
    }

    private void assertNoTraceOfZuzana() throws IOException {
        assertThat(filesBytes("old.db")).contains("old.db.bak-v4").contains("bleibt@alt.example")
                .doesNotContain("Überall").doesNotContain("berall").doesNotContain("zuzana").doesNotContain("Zuzana")
                .doesNotContain("Glutenfrei").doesNotContain("998877").doesNotContain("1951-07-13");
    }

    @Test
    void eraseAlsoRemovesThePersonFromTheMigrationBackups() throws Exception {
        Cli old = migratedVersionFourDatabase();
        CliResult r = old.run("participant", "erase", "zuzana.ueberall@alt.example", "--yes").ok();
        assertNoTraceOfZuzana();
        assertThat(r.err()).contains("old.db.bak-v4").doesNotContain("Überall");
        // the backup is still a sound database of version 4 with everyone else in it
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("old.db.bak-v4"));
             Statement s = c.createStatement()) {
            var rs = s.executeQuery("PRAGMA user_version");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(4);
            rs = s.executeQuery("SELECT first_name || ' ' || last_name || ' ' || coalesce(email, '') FROM participant ORDER BY id");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("(erased)  ");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("Bleibt Dabei bleibt@alt.example");
            rs = s.executeQuery("SELECT serial || ' ' || texts FROM certificate");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ALT-2017-001 courseTitle=Alter Kurs\n");
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("old.db.bak-v4")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        old.run("db", "check").ok();
    }

    @Test
    void purgeAlsoRemovesThePeopleFromTheMigrationBackups() throws Exception {
        Cli old = migratedVersionFourDatabase();
        old.run("participant", "erase", "bleibt@alt.example", "--yes").ok();   // someone erased before does not stop the purge
        CliResult r = old.run("db", "purge", "--before=2018-01-01", "--yes").ok();
        assertThat(r.err()).contains("anonymised 1 ");
        assertThat(filesBytes("old.db")).doesNotContain("Überall").doesNotContain("zuzana").doesNotContain("Glutenfrei")
                .doesNotContain("bleibt@alt.example");
        assertThat(r.err()).contains("old.db.bak-v4");
    }

    @Test
    void purgeAnonymisesEveryoneWhoseLastCourseEndedBeforeTheDate() {
        CliResult dry = cli.run("db", "purge", "--before=2018-06-01", "--dry-run").ok();
        assertThat(dry.out()).isEmpty();   // the follow-up meeting on 19 June 2018 is still to come
        CliResult list = cli.run("db", "purge", "--before=2019-01-01", "--dry-run").ok();
        assertThat(list.out().lines()).hasSize(16);
        assertThat(cli.run("participant", "list", "--csv").ok().out()).contains("Köhler");
        cli.run("db", "purge", "--before=2019-01-01", "--yes").ok();
        String after = cli.run("participant", "list", "--csv").ok().out();
        assertThat(after).doesNotContain("Köhler").doesNotContain("@");
        assertThat(after.lines()).hasSize(17);
        assertThat(cli.run("db", "log", "--limit=100", "--json").ok().json().toString()).contains("participant.purged");
    }

    /** Issue "The trainer's week", 3: {@code participant erase 14} destroyed a person at once. */
    @Test
    void eraseWithoutYesAndWithoutATerminalIsRefusedAndThePersonStays() {
        CliResult r = cli.run("participant", "erase", "2").expect(2);
        assertThat(r.err()).contains("--yes", "nothing was erased").doesNotContain("Köhler");
        assertThat(cli.run("participant", "show", "2").ok().out()).contains("Köhler");
        r = cli.run("--lang=de", "participant", "erase", "2").expect(2);
        assertThat(r.err()).contains("--yes", "nichts gelöscht");
        assertThat(cli.run("participant", "show", "kaethe.koehler@post.example").ok().out()).contains("Köhler");
        assertThat(cli.run("db", "log", "--json").ok().out()).doesNotContain("participant.erased");
    }

    @Test
    void eraseOnATerminalAsksNamingThePersonByIdAndDeclinedErasesNothing() throws IOException {
        Path certs = Files.createDirectory(dir.resolve("certs"));
        cli.run("certify", "issue", "bm-2018", "--output=" + certs).ok();
        CliResult r = cli.terminal("n").run("participant", "erase", "kaethe.koehler@post.example").ok();
        assertThat(r.err()).contains("participant 2", "1 certificate and", "1 course.", "name, e-mail, phone, birth date, note",
                "(erased)", "[y/N]", "nothing was erased").doesNotContain("Köhler").doesNotContain("erased the personal data");
        assertThat(cli.terminal("").run("participant", "erase", "2").ok().err()).contains("nothing was erased");
        assertThat(cli.terminal().run("participant", "erase", "2").ok().err()).contains("nothing was erased");   // end of input
        assertThat(cli.run("participant", "show", "2").ok().out()).contains("Köhler");

        r = cli.terminal("y").run("participant", "erase", "2").ok();
        assertThat(r.err()).contains("[y/N]", "erased the personal data of participant 2");
        cli.run("participant", "show", "kaethe.koehler@post.example").expect(3);
        // German answers too; an erased person is a conflict before any question
        cli.terminal("ja").run("--lang=de", "participant", "erase", "3").ok();
        assertThat(cli.run("participant", "show", "3").ok().out()).contains("(erased)");
        assertThat(cli.terminal("y").run("participant", "erase", "2").expect(5).err()).doesNotContain("[y/N]");
        // --yes asks nothing, on a terminal too
        assertThat(cli.terminal("n").run("participant", "erase", "4", "--yes").ok().err()).doesNotContain("[y/N]")
                .contains("erased the personal data of participant 4");
    }

    @Test
    void purgeWithoutYesAsksOnATerminalAndIsRefusedWithoutOne() {
        CliResult r = cli.run("db", "purge", "--before=2019-01-01").expect(2);
        assertThat(r.err()).contains("--yes", "nothing was erased");
        assertThat(cli.run("participant", "list", "--csv").ok().out()).contains("Köhler");
        r = cli.terminal("no").run("db", "purge", "--before=2019-01-01").ok();
        assertThat(r.err()).contains("Anonymise 16 participants", "before 2019-01-01", "[y/N]", "nothing was erased");
        assertThat(cli.run("participant", "list", "--csv").ok().out()).contains("Köhler");
        // the dry run needs no --yes
        cli.terminal((String[]) null).run("db", "purge", "--before=2019-01-01", "--dry-run").ok();
        r = cli.terminal("yes").run("db", "purge", "--before=2019-01-01").ok();
        assertThat(r.err()).contains("[y/N]", "anonymised 16 participants");
        assertThat(cli.run("participant", "list", "--csv").ok().out()).doesNotContain("Köhler");
    }

    @Test
    void theStoreStampsItsRecordsByTheInjectedClockNotTheSystemClock() {
        // the set-up ran at 2018-05-01 12:00 in Berlin, 10:00 UTC
        JsonNode log = cli.run("db", "log", "--json").ok().json();
        assertThat(log).isNotEmpty().allSatisfy(e -> assertThat(e.get("at").asText()).isEqualTo("2018-05-01T10:00:00Z"));
    }

    @Test
    void theAuditTrailNamesWhoChangedWhatAndWhen() {
        JsonNode log = cli.run("db", "log", "--course=bm-2018", "--limit=3", "--json").ok().json();
        assertThat(log).hasSize(3);
        JsonNode last = log.get(2);
        assertThat(last.get("action").asText()).isEqualTo("attendance.recorded");
        assertThat(last.get("subject").asText()).isEqualTo("session 3");
        assertThat(last.get("detail").asText()).contains("participant 2, session 3: present -> absent");
        assertThat(last.get("user").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(last.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        cli.run("db", "log", "--limit=0").expect(2);
        cli.run("db", "log", "--course=nope").expect(3);
    }

    @Test
    void databaseBackupsAndExportsAreReadableByTheOwnerOnly() throws IOException {
        Path export = dir.resolve("p.csv");
        cli.run("export", "participants", "bm-2018", "--output=" + export).ok();
        Path backup = dir.resolve("b.db");
        if (!Cli.onPostgres()) {    // the SQLite file and its backup; PostgreSQL keeps its own files
            cli.run("db", "backup", backup.toString()).ok();
        }
        Path certs = Files.createDirectory(dir.resolve("certs"));
        cli.run("certify", "issue", "bm-2018", "--output=" + certs).ok();
        Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(export)).isEqualTo(ownerOnly);
        if (!Cli.onPostgres()) {
            assertThat(Files.getPosixFilePermissions(dir.resolve("test.db"))).isEqualTo(ownerOnly);
            assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(ownerOnly);
        }
        try (var pdfs = Files.list(certs)) {
            for (Path p : pdfs.toList()) {
                assertThat(Files.getPosixFilePermissions(p)).as(p.toString()).isEqualTo(ownerOnly);
            }
        }
    }
}
