package org.coursekit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.coursekit.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Real processes against one database file: several writers at once lose nothing and never fail
 * with "database is locked"; an import killed (the JVM halted by a test hook, as SIGKILL would) right
 * before its commit leaves the old state, right after it the new one.
 */
@ResourceLock(RobustnessIT.MANY_WRITERS)
class RobustnessIT {
    static final Path LAUNCHER = Path.of("target", "coursekit").toAbsolutePath();
    static final Path COURSE = Path.of("examples", "ditzingen-2018", "course.json").toAbsolutePath();
    /** The exit status of the halt the test hooks perform. */
    static final int HALTED = 86;
    /** What this class and PostgresRobustnessIT share: the machine's cores, for their many processes at once. */
    static final String MANY_WRITERS = "many coursekit processes at once";
    /**
     * The size of the large participant import: large enough that SQLite writes some of its rows into
     * the WAL before the commit (its page cache spills), so that a kill before the commit leaves them on disk.
     */
    static final int BIG = 20_000;

    @TempDir
    Path dir;

    ProcessBuilder ck(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.add("--db=" + dir.resolve("c.db"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false);
    }

    String[] run(String... args) throws Exception {
        Process p = ck(args).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String[] {Integer.toString(p.exitValue()), out, err};
    }

    void ok(String... args) throws Exception {
        String[] r = run(args);
        assertThat(r[0]).as("%s: %s", String.join(" ", args), r[2]).isEqualTo("0");
    }

    /**
     * Writers that wait for each other as long as it takes: on a loaded machine (the ITs run in
     * parallel) the last of many can wait longer than the 10 s default; what counts here is that
     * nothing is lost and none fails.
     */
    static ProcessBuilder patient(ProcessBuilder pb) {
        pb.environment().put("COURSEKIT_BUSY_TIMEOUT_MS", "180000");
        return pb;
    }

    /** A step of a test's set-up, run in this JVM (a process each would only cost time), on the same file. */
    void prepare(String... args) {
        Cli.sqlite(dir, "c.db").clock(Clock.systemUTC()).run(args).ok();
    }

    /** What the processes left, read in this JVM on the same file (a process each would only cost time); stdout. */
    String read(String... args) {
        return Cli.sqlite(dir, "c.db").clock(Clock.systemUTC()).run(args).ok().out();
    }

    Path people(int from, int n, String name) throws IOException {
        return people(dir, from, n, name);
    }

    /** People {@code p<from>@example.org} ... in a CSV file {@code name} in {@code dir} (also PostgresRobustnessIT's). */
    static Path people(Path dir, int from, int n, String name) throws IOException {
        StringBuilder sb = new StringBuilder("first_name,last_name,email\n");
        for (int i = from; i < from + n; i++) {
            sb.append("Vorname").append(i).append(",Nachname").append(i).append(",p").append(i).append("@example.org\n");
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void fourProcessesWritingAtOnceLoseNothing() throws Exception {
        prepare("init");
        prepare("course", "create", "--from=" + COURSE);
        prepare("course", "edit", "bm-2018", "--capacity=10000");
        prepare("participant", "import", people(0, 200, "base.csv").toString(), "--course=bm-2018");
        List<Process> running = new ArrayList<>();
        // an office colleague imports, two trainers record attendance, cron exports reminders
        running.add(patient(ck("participant", "import", people(1000, 3000, "more.csv").toString(),
                "--course=bm-2018")).start());
        for (int s = 2; s <= 11; s++) {
            running.add(patient(ck("attend", "record", "bm-2018", "--session=" + s, "--all-present")).start());
        }
        for (int i = 0; i < 4; i++) {
            running.add(patient(ck("export", "reminders", "--course=bm-2018", "--as-of=2018-02-26", "--days=30",
                    "--format=csv")).start());
            running.add(patient(ck("participant", "add", "--first=Neu" + i, "--last=Person", "--email=neu" + i + "@example.org",
                    "--course=bm-2018")).start());
        }
        for (Process p : running) {
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(err).isZero();
            assertThat(err).doesNotContain("locked").doesNotContain("busy");
        }
        assertThat(read("participant", "list", "--csv").lines().count() - 1).isEqualTo(200 + 3000 + 4);
        read("db", "check");
    }

    /** Starts coursekit with a test hook that halts the JVM (as SIGKILL would) right before or after a write's commit. */
    Process halted(String when, String... args) throws Exception {
        ProcessBuilder pb = ck(args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("halted.err").toFile());
        pb.environment().put("COURSEKIT_JAVA_OPTS", "-Dcoursekit.test.halt" + when + "Commit=" + HALTED);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("halted.err"))).isEqualTo(HALTED);
        return p;
    }

    /** The size of the database's WAL file, 0 when there is none. */
    long wal() throws IOException {
        Path wal = dir.resolve("c.db-wal");
        return Files.exists(wal) ? Files.size(wal) : 0;
    }

    long participants() {
        return read("participant", "list", "--csv").lines().count() - 1;
    }

    long attendance() {
        return read("attend", "list", "bm-2018", "--csv").lines().count() - 1;
    }

    @Test
    void anImportKilledJustBeforeItsCommitLeavesTheOldStateAndCanBeRunAgain() throws Exception {
        prepare("init");
        Path big = people(0, BIG, "big.csv");
        assertThat(wal()).as("the WAL before the import").isZero();
        halted("Before", "participant", "import", big.toString());
        assertThat(wal()).as("the WAL after the kill: rows of the open transaction on disk").isPositive();
        read("db", "check");
        assertThat(participants()).isZero();
        ok("participant", "import", big.toString());
        assertThat(participants()).isEqualTo(BIG);
        read("db", "check");
    }

    @Test
    void anImportKilledJustAfterItsCommitLeavesTheNewState() throws Exception {
        prepare("init");
        Path big = people(0, BIG, "big.csv");
        halted("After", "participant", "import", big.toString());
        read("db", "check");
        assertThat(participants()).isEqualTo(BIG);
    }

    /** A course with 3000 people and an attendance CSV of 10 sessions for them all (large enough for the WAL, see {@link #BIG}). */
    Path attendanceFile() throws Exception {
        prepare("init");
        prepare("course", "create", "--from=" + COURSE);
        prepare("course", "edit", "bm-2018", "--capacity=100000");
        prepare("participant", "import", people(0, 3000, "p.csv").toString(), "--course=bm-2018");
        StringBuilder sb = new StringBuilder("participant,session,status\n");
        for (int s = 2; s <= 11; s++) {
            for (int i = 0; i < 3000; i++) {
                sb.append("p").append(i).append("@example.org,").append(s).append(i % 7 == 0 ? ",absent\n" : ",present\n");
            }
        }
        Path csv = dir.resolve("a.csv");
        Files.writeString(csv, sb.toString());
        return csv;
    }

    @Test
    void anAttendanceImportKilledJustBeforeItsCommitLeavesNothingAndCanBeRunAgain() throws Exception {
        Path csv = attendanceFile();
        assertThat(wal()).as("the WAL before the import").isZero();
        halted("Before", "attend", "import", csv.toString(), "--course=bm-2018");
        assertThat(wal()).as("the WAL after the kill: rows of the open transaction on disk").isPositive();
        read("db", "check");
        assertThat(attendance()).isZero();
        ok("attend", "import", csv.toString(), "--course=bm-2018");
        assertThat(attendance()).isEqualTo(30_000);
    }

    @Test
    void anAttendanceImportKilledJustAfterItsCommitLeavesAll() throws Exception {
        Path csv = attendanceFile();
        halted("After", "attend", "import", csv.toString(), "--course=bm-2018");
        read("db", "check");
        assertThat(attendance()).isEqualTo(30_000);
    }
}
