package org.coursekit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.coursekit.cli.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An erase or purge whose process dies right after its commit (the JVM halted by a test hook, as a kill
 * would: no clean-up runs, the connection is never closed) leaves no trace of the people in the files
 * next to the database, without any further command being run.
 */
class EraseCrashIT {
    static final Path LAUNCHER = Path.of("target", "coursekit").toAbsolutePath();
    /** The exit status of the halt the hook performs. */
    static final int HALTED = 86;

    @TempDir
    Path work;

    @BeforeAll
    static void launcherIsBuilt() {
        assertThat(LAUNCHER).as("run 'mvn package' first").isExecutable();
    }

    private int haltAfterCommit(Path db, String... args) throws Exception {
        return run(Map.of("COURSEKIT_JAVA_OPTS", "-Dcoursekit.test.haltAfterEraseCommit=" + HALTED), db, args);
    }

    private int run(Map<String, String> env, Path db, String... args) throws Exception {
        return waitFor(start(env, db, args), args);
    }

    private Process start(Map<String, String> env, Path db, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "--db=" + db));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectOutput(work.resolve("out.log").toFile()).redirectError(work.resolve("err.log").toFile());
        pb.environment().remove("COURSEKIT_DB");
        pb.environment().remove("LANG");
        pb.environment().remove("LC_ALL");
        pb.environment().putAll(env);
        return pb.start();
    }

    private static int waitFor(Process p, String... args) throws Exception {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("coursekit " + String.join(" ", args) + " did not finish within 120 s");
        }
        return p.exitValue();
    }

    /** Every file next to the database whose name starts with the database's, as text. */
    private String databaseFiles(Path db) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(db.getParent())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(db.getFileName().toString())).toList()) {
                byte[] b = Files.readAllBytes(f);
                sb.append(f.getFileName()).append('\n');
                sb.append(new String(b, StandardCharsets.ISO_8859_1)).append(new String(b, StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }

    private Cli exampleCourse() {
        Cli cli = new Cli(work).clock(Cli.at(2018, 5, 1, 12, 0)).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        return cli;
    }

    @Test
    void anEraseKilledRightAfterItsCommitLeavesNoTraceInTheDatabaseFiles() throws Exception {
        Cli cli = exampleCourse();
        assertThat(databaseFiles(cli.db())).contains("Köhler").contains("kaethe.koehler").contains("Vegetarisch");

        assertThat(haltAfterCommit(cli.db(), "participant", "erase", "kaethe.koehler@post.example", "--yes"))
                .as(Files.readString(work.resolve("err.log"))).isEqualTo(HALTED);

        assertThat(databaseFiles(cli.db())).doesNotContain("Köhler").doesNotContain("kaethe.koehler")
                .doesNotContain("Vegetarisch").doesNotContain("07156 23456");
        // the erase was committed, and the database is sound and usable
        assertThat(cli.run("participant", "erase", "2", "--yes").expect(5).err()).contains("already");
        cli.run("db", "check").ok();
        assertThat(cli.run("participant", "list", "--csv").ok().out()).contains("(erased)").contains("juergen.weiss");
        // and back in WAL mode, so that a cron job and a trainer's shell can share it again
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + cli.db()); var s = c.createStatement();
             var rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void anEraseWaitsForTheDatabaseToItselfAndOtherwiseGivesUpWithExitSevenErasingNothing() throws Exception {
        Cli cli = exampleCourse();
        Map<String, String> shortWait = Map.of("COURSEKIT_BUSY_TIMEOUT_MS", "500");
        try (var other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + cli.db()); var s = other.createStatement()) {
            s.executeQuery("SELECT count(*) FROM participant").close();     // another program has it open
            assertThat(run(shortWait, cli.db(), "participant", "erase", "kaethe.koehler@post.example", "--yes")).isEqualTo(7);
            assertThat(Files.readString(work.resolve("err.log"))).contains(cli.db().toString())
                    .contains("open in another program").contains("Nothing was erased").doesNotContain("Köhler");
            assertThat(cli.run("participant", "show", "kaethe.koehler@post.example").ok().out()).contains("Köhler");

            // the other closes while the erase waits: the erase goes ahead
            Process p = start(Map.of("COURSEKIT_BUSY_TIMEOUT_MS", "20000"), cli.db(), "participant", "erase",
                    "kaethe.koehler@post.example", "--yes");
            Thread.sleep(1500);
            other.close();
            assertThat(waitFor(p)).as(Files.readString(work.resolve("err.log"))).isZero();
        }
        assertThat(databaseFiles(cli.db())).doesNotContain("Köhler").doesNotContain("kaethe.koehler");
        cli.run("db", "check").ok();
    }

    @Test
    void aPurgeKilledRightAfterItsCommitLeavesNoTraceInTheDatabaseFiles() throws Exception {
        Cli cli = exampleCourse();
        assertThat(haltAfterCommit(cli.db(), "db", "purge", "--before=2019-01-01", "--yes"))
                .as(Files.readString(work.resolve("err.log"))).isEqualTo(HALTED);
        assertThat(databaseFiles(cli.db())).doesNotContain("Köhler").doesNotContain("kaethe.koehler")
                .doesNotContain("Vegetarisch").doesNotContain("juergen.weiss").doesNotContain("@post.example");
        cli.run("db", "check").ok();
    }
}
