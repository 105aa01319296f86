package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Global options, init, the database location, db backup/check, streams and exit codes. */
@EveryEngine
class GlobalCliTest {
    @TempDir
    Path dir;

    Cli cli() {
        return new Cli(dir);
    }

    @Test
    void messagesTakeTheirLanguageFromTheFirstLocaleVariableThatNamesOne() {
        // the launcher sets LC_ALL=C.UTF-8 when the user's UTF-8 locale is not installed, keeping it in LC_MESSAGES
        assertThat(cli().env("LC_ALL", "C.UTF-8").env("LC_MESSAGES", "de_DE.UTF-8").run("course", "show", "x")
                .expect(3).err()).contains("keine Datenbank");
        assertThat(cli().env("LC_ALL", "POSIX").env("LANG", "de_DE.UTF-8").run("course", "show", "x")
                .expect(3).err()).contains("keine Datenbank");
        assertThat(cli().env("LC_ALL", "en_GB.UTF-8").env("LANG", "de_DE.UTF-8").run("course", "show", "x")
                .expect(3).err()).contains("no database");
    }

    @Test
    void initPrintsPathAndRefusesSecondTime() throws Exception {
        Cli cli = cli();
        CliResult r = cli.run("init").ok();
        assertThat(r.out()).isEqualTo(cli.db().toAbsolutePath() + "\n");
        assertThat(r.err()).contains("created database");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.db()))).isEqualTo("rw-------");

        byte[] before = Files.readAllBytes(cli.db());
        r = cli.run("init").expect(5);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: ").contains(cli.db().toString()).contains("exists already");
        assertThat(Files.readAllBytes(cli.db())).isEqualTo(before);
    }

    @Test
    void initInAFolderThatCannotBeCreatedNamesIt() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("kurse"), "a file, not a folder");
        CliResult r = cli().raw("--db=" + dir.resolve("kurse/x.db"), "init").expect(6);
        assertThat(r.err()).contains("kurse");
    }

    @ParameterizedTest
    @ValueSource(strings = {"course list", "course show bm-2018", "participant list", "db check", "db backup x.db",
        "course create --from=examples/ditzingen-2018/course.json", "participant add --first=A --last=B",
        "course session list bm-2018"})
    void everyCommandNeedsADatabase(String command) {
        Cli cli = cli();
        CliResult r = cli.run(command.split(" ")).expect(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("no database at " + cli.spec()).contains("coursekit init");
        if (!Cli.onPostgres()) {
            assertThat(cli.db()).doesNotExist();
        }
    }

    @Test
    void environmentVariableNamesTheDatabase() {
        Path fromEnv = dir.resolve("env.db");
        Cli cli = cli().env("COURSEKIT_DB", fromEnv.toString());
        assertThat(cli.raw("init").ok().out()).isEqualTo(fromEnv.toAbsolutePath() + "\n");
        assertThat(fromEnv).exists();
        cli.raw("course", "create", "--from=" + Cli.COURSE_JSON).ok();
        assertThat(cli.raw("course", "list", "--json").ok().json()).hasSize(1);
    }

    @Test
    void dbOptionWinsOverEnvironment() {
        Path fromEnv = dir.resolve("env.db");
        Path fromOption = dir.resolve("option.db");
        Cli cli = cli().env("COURSEKIT_DB", fromEnv.toString());
        cli.raw("--db=" + fromOption, "init").ok();
        assertThat(fromOption).exists();
        assertThat(fromEnv).doesNotExist();
        // also when given after the command (inherited option)
        CliResult r = cli.raw("course", "list", "--db=" + fromOption).ok();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void version() {
        CliResult r = cli().raw("--version").ok();
        assertThat(r.out()).startsWith("coursekit ");
        assertThat(r.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "course --help", "course session add --help", "participant import --help",
        "db --help", "init --help"})
    void helpGoesToStdout(String args) {
        CliResult r = cli().raw(args.split(" ")).ok();
        assertThat(r.out()).contains("Usage: coursekit");
        assertThat(r.err()).isEmpty();
    }

    /** The German help texts are read only when help is asked for: however it is asked for, it is German. */
    @ParameterizedTest
    @ValueSource(strings = {"--help", "-qh", "course --help", "course list -h", "participant import --help"})
    void germanHelpIsGermanHoweverItIsAskedFor(String args) {
        List<String> a = new java.util.ArrayList<>(List.of("--lang=de"));
        a.addAll(List.of(args.split(" ")));
        String out = cli().raw(a.toArray(String[]::new)).ok().out();
        assertThat(out).contains("Aufruf: coursekit", "Optionen:", "Diese Hilfe anzeigen und beenden.").doesNotContain("Usage:");
    }

    @Test
    void aGermanCommandWithoutHelpRunsAsBefore() {
        Cli cli = cli().env("LANG", "de_DE.UTF-8").init();
        assertThat(cli.run("course", "list").ok().out()).contains("Titel");
        assertThat(cli.run("course", "frobnicate").expect(2).err()).contains("frobnicate");
    }

    @Test
    void topLevelHelpListsCommandsAndExitCodes() {
        String out = cli().raw("--help").ok().out();
        assertThat(out).contains("init", "db", "course", "participant", "Exit codes:", "COURSEKIT_DB");
    }

    @Test
    void usageErrorsExitTwo() {
        Cli cli = cli().init();
        CliResult r = cli.run("--frobnicate", "course", "list").expect(2);
        assertThat(r.err()).containsIgnoringCase("unknown option").contains("--frobnicate");
        assertThat(r.out()).isEmpty();
        assertThat(cli.run("course", "list", "--colour").expect(2).err()).contains("--colour");
        assertThat(cli.run("course", "frobnicate").expect(2).err()).contains("frobnicate");
        assertThat(cli.run("course").expect(2).err()).contains("missing command");
        assertThat(cli.raw().expect(2).err()).contains("missing command");
        assertThat(cli.run("course", "list", "--json", "--csv").expect(2).err()).contains("--json", "--csv");
        assertThat(cli.run("course", "show").expect(2).err()).contains("COURSE");
        assertThat(cli.run("--lang=fr", "course", "list").expect(2).err()).contains("fr");
    }

    @Test
    void quietSilencesMessagesButNotDataOrErrors() {
        Cli cli = cli();
        CliResult r = cli.run("--quiet", "init").ok();
        assertThat(r.out()).isNotEmpty();
        assertThat(r.err()).isEmpty();
        r = cli.run("-q", "course", "create", "--from=" + Cli.COURSE_JSON).ok();
        assertThat(r.out()).isEqualTo("bm-2018\n");
        assertThat(r.err()).isEmpty();
        r = cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018", "--quiet").ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(cli.run("-q", "course", "session", "add", "bm-2018", "--date=2018-07-01", "--start=10:00",
                "--end=12:00", "--title=Extra").ok().err()).isEmpty();
        // errors still show
        assertThat(cli.run("-q", "course", "show", "nope-2018").expect(3).err()).contains("nope-2018");
    }

    @Test
    void errorsAreOneOrTwoPlainLinesAndDebugAddsTheTrace() {
        Cli cli = cli().init();
        CliResult r = cli.run("course", "show", "nope-2018").expect(3);
        assertThat(r.err().lines()).hasSizeBetween(1, 2);
        assertThat(r.err()).startsWith("error: ").contains("nope-2018").contains("coursekit course list");
        r = cli.run("--debug", "course", "show", "nope-2018").expect(3);
        assertThat(r.err()).contains("\tat org.coursekit");
    }

    @Test
    void dbBackupAndCheck() throws Exception {
        Cli.sqliteOnly("db backup copies the SQLite file; on PostgreSQL it names pg_dump (PostgresCliTest)");
        Cli cli = cli().withExampleCourse();
        Path copy = dir.resolve("backup.db");
        CliResult r = cli.run("db", "backup", copy.toString()).ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("backup written to");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        assertThat(cli.run("db", "backup", copy.toString()).expect(5).err()).contains("--force");
        cli.run("db", "backup", copy.toString(), "--force").ok();
        // the copy is a working database with the course
        assertThat(cli.raw("--db=" + copy, "course", "list", "--json").ok().json().get(0).get("id").asText())
                .isEqualTo("bm-2018");

        r = cli.run("db", "check").ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("sound");
    }

    @Test
    void newerSchemaExitsSevenAndTouchesNothing() throws Exception {
        Cli cli = cli().init();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + cli.db()); var s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        byte[] before = Files.readAllBytes(cli.db());
        CliResult r = cli.run("course", "list").expect(7);
        assertThat(r.err()).contains("newer").contains("99");
        assertThat(Files.readAllBytes(cli.db())).isEqualTo(before);
    }

    @Test
    void aUserVersionSetBackExitsSevenNamingTheMismatchAndTouchesNothing() throws Exception {
        Cli cli = cli().init();
        cli.run("course", "create", "--from=" + Cli.COURSE_JSON).ok();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + cli.db()); var s = c.createStatement()) {
            s.execute("PRAGMA user_version = 2");
        }
        byte[] before = Files.readAllBytes(cli.db());
        CliResult r = cli.run("course", "list").expect(7);
        assertThat(r.err()).contains(cli.db().toString()).contains("does not match its recorded version 2")
                .contains("Restore a backup").doesNotContain("Exception");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(Files.readAllBytes(cli.db())).isEqualTo(before);
        try (var files = Files.list(cli.dir())) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains(".bak"));
        }
        // the same the second time: no backup spam
        cli.run("course", "list").expect(7);
        try (var files = Files.list(cli.dir())) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains(".bak"));
        }
    }

    @Test
    void notADatabaseExitsSeven() throws Exception {
        Cli cli = cli();
        Files.writeString(cli.db(), "Vorname;Nachname\n".repeat(100));
        CliResult r = cli.run("course", "list").expect(7);
        assertThat(r.err()).contains(cli.db().toString());
    }

    @Test
    void aPostgresqlAddressWithAPasswordIsRefusedWithoutShowingIt() {
        Cli cli = cli();
        CliResult r = cli.raw("--db=postgresql://kurse:geheim@db.example/coursekit", "course", "list").expect(2);
        assertThat(r.err()).contains("contains a password").contains("PGPASSWORD").doesNotContain("geheim");
        cli.raw("--db=postgres://kurse:geheim@db.example/coursekit", "init").expect(2);
        assertThat(cli.dir().resolve("postgres:")).doesNotExist();
        // one slash too few is a mistyped address, not a file called "postgresql:/…"
        assertThat(cli.raw("--db=postgresql:/db.example/coursekit", "init").expect(2).err()).contains("two slashes");
        assertThat(Path.of("postgresql:")).as("relative to the working folder").doesNotExist();
    }
}
