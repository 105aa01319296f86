package org.coursekit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.coursekit.cli.Cli;
import org.coursekit.store.postgres.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Real coursekit processes against one PostgreSQL database of the test server: twenty writers at
 * once lose nothing and number nothing twice or with a gap; an import killed before its commit, or
 * with SIGKILL at any moment, leaves all or nothing and runs again; a server that is down or refuses
 * the login gives exit 7 with the server's reason and no stack trace.
 */
@ResourceLock(RobustnessIT.MANY_WRITERS)
class PostgresRobustnessIT {
    static final Path LAUNCHER = Path.of("target", "coursekit").toAbsolutePath();
    static final Path COURSE = Path.of("examples", "ditzingen-2018", "course.json").toAbsolutePath();
    static final int HALTED = 86;
    static final int BIG = 20_000;

    @TempDir
    Path dir;

    private String db;
    /** The same database in this JVM, for the set-up steps (a process each would only cost time). */
    private Cli cli;

    @BeforeEach
    void database() {
        cli = Cli.postgres(dir).clock(Clock.systemUTC());
        db = cli.spec();
    }

    void prepare(String... args) {
        cli.run(args).ok();
    }

    /** What the writers left, read in this JVM (a process each would only cost time); stdout. */
    String read(String... args) {
        return cli.run(args).ok().out();
    }

    ProcessBuilder ckOn(String spec, String... args) {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "--db=" + spec));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.remove("COURSEKIT_DB");
        env.remove("LANG");
        env.remove("LC_ALL");
        env.remove("PGPASSWORD");
        env.put("PGPASSFILE", dir.resolve("no.pgpass").toString());
        return pb;
    }

    ProcessBuilder ck(String... args) {
        return ckOn(db, args);
    }

    /** One of the writers at once ({@link RobustnessIT#patient}). */
    ProcessBuilder writer(String... args) {
        return RobustnessIT.patient(ck(args));
    }

    /** Exit code, stdout, stderr. */
    static String[] finish(Process p) throws Exception {
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread t = new Thread(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.complete(e.toString());
            }
        });
        t.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("coursekit finished").isTrue();
        return new String[] {Integer.toString(p.exitValue()), out, err.get(60, TimeUnit.SECONDS)};
    }

    String[] run(String... args) throws Exception {
        return finish(ck(args).start());
    }

    String ok(String... args) throws Exception {
        String[] r = run(args);
        assertThat(r[0]).as("%s: %s", String.join(" ", args), r[2]).isEqualTo("0");
        return r[1];
    }

    Path people(int from, int n, String name) throws IOException {
        return RobustnessIT.people(dir, from, n, name);
    }

    /** A course with one counted session that {@code n} people attended: all eligible. */
    void eligibleCourse(String id, int from, int n) throws Exception {
        prepare("course", "create", id, "--title=Kurs " + id, "--language=de", "--capacity=1000", "--min-attendance=1");
        prepare("course", "session", "add", id, "--date=2018-03-06", "--start=18:30", "--end=21:30", "--title=Abend");
        prepare("participant", "import", people(from, n, id + ".csv").toString(), "--course=" + id);
        prepare("attend", "record", id, "--session=1", "--all-present");
    }

    @Test
    void twentyProcessesWritingAtOnceLoseNothingAndNumberNothingTwiceOrWithAGap() throws Exception {
        prepare("init");
        prepare("course", "create", "--from=" + COURSE);
        prepare("course", "edit", "bm-2018", "--capacity=10000");
        prepare("participant", "import", people(0, 100, "base.csv").toString(), "--course=bm-2018");
        eligibleCourse("zert-a", 10_000, 60);
        eligibleCourse("zert-b", 20_000, 60);
        int sessionsBefore = read("course", "session", "list", "bm-2018", "--csv").strip().split("\n").length - 1;
        Path certs = Files.createDirectory(dir.resolve("certs"));

        List<Process> running = new ArrayList<>();
        List<String> what = new ArrayList<>();
        for (int i = 0; i < 8; i++) {       // session numbers: counted under the write lock
            what.add("session add " + i);
            running.add(writer("course", "session", "add", "bm-2018", "--date=2018-07-" + String.format("%02d", i + 1),
                    "--start=18:00", "--end=20:00", "--title=Zusatz " + i).start());
        }
        for (int i = 0; i < 6; i++) {
            what.add("participant add " + i);
            running.add(writer("participant", "add", "--first=Neu" + i, "--last=Person", "--email=neu" + i + "@example.org",
                    "--course=bm-2018").start());
        }
        for (int i = 0; i < 2; i++) {
            what.add("import " + i);
            running.add(writer("participant", "import", people(1000 + i * 500, 500, "more" + i + ".csv").toString(),
                    "--course=bm-2018").start());
        }
        for (String course : List.of("zert-a", "zert-b")) {     // serials: two batches of two courses at once
            what.add("certify issue " + course);
            running.add(writer("certify", "issue", course, "--output=" + certs.resolve(course)).start());
        }
        for (int i = 0; i < 2; i++) {
            what.add("attend record " + i);
            running.add(writer("attend", "record", "bm-2018", "--session=" + (2 + i), "--all-present").start());
        }
        assertThat(running).hasSize(20);
        for (int i = 0; i < running.size(); i++) {
            String[] r = finish(running.get(i));
            assertThat(r[0]).as("%s: %s", what.get(i), r[2]).isEqualTo("0");
            assertThat(r[2]).doesNotContain("busy").doesNotContain("\tat ");
        }

        // nothing lost
        assertThat(read("participant", "list", "--course=bm-2018", "--csv").lines().count() - 1).isEqualTo(100 + 6 + 1000);
        // session numbers: each once, no gap
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode s : new ObjectMapper().readTree(read("course", "session", "list", "bm-2018", "--json"))) {
            numbers.add(s.get("number").asInt());
        }
        assertThat(numbers).hasSize(sessionsBefore + 8).doesNotHaveDuplicates();
        assertThat(numbers.stream().mapToInt(Integer::intValue).max().getAsInt()).isEqualTo(sessionsBefore + 8);
        // serials: each once, 1..60 per course
        for (String course : List.of("zert-a", "zert-b")) {
            Set<String> serials = new HashSet<>();
            for (JsonNode c : new ObjectMapper().readTree(read("certify", "list", course, "--json"))) {
                serials.add(c.get("serial").asText());
            }
            Set<String> expected = new HashSet<>();
            for (int i = 1; i <= 60; i++) {
                expected.add(String.format("%s-%03d", course.toUpperCase(java.util.Locale.ROOT), i));
            }
            assertThat(serials).as(course).isEqualTo(expected);
        }
        // every write is in the audit trail
        String log = read("db", "log", "--limit=1000");
        assertThat(log.lines().filter(l -> l.contains("certificate.issued")).count()).isEqualTo(120);
        assertThat(log.lines().filter(l -> l.contains("attendance.recorded")).count()).isEqualTo(2 + 2);
        read("db", "check");
    }

    @Test
    void anImportKilledBeforeItsCommitLeavesNothingAndRunsAgain() throws Exception {
        prepare("init");
        Path big = people(0, BIG, "big.csv");
        ProcessBuilder pb = ck("participant", "import", big.toString());
        pb.environment().put("COURSEKIT_JAVA_OPTS", "-Dcoursekit.test.haltBeforeCommit=" + HALTED);
        String[] halted = finish(pb.start());
        assertThat(halted[0]).as(halted[2]).isEqualTo(Integer.toString(HALTED));
        read("db", "check");
        assertThat(read("participant", "list", "--csv").lines().count() - 1).isZero();
        ok("participant", "import", big.toString());
        assertThat(read("participant", "list", "--csv").lines().count() - 1).isEqualTo(BIG);
    }

    @Test
    void anImportKilledWithSigkillAtAnyMomentLeavesAllOrNothingAndRunsAgain() throws Exception {
        prepare("init");
        Path big = people(0, BIG, "big.csv");
        Process p = ck("participant", "import", big.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(1500);
        p.descendants().forEach(ProcessHandle::destroyForcibly);    // the JVM under the launcher script
        p.destroyForcibly();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long after = read("participant", "list", "--csv").lines().count() - 1;
        assertThat(after).isIn(0L, (long) BIG);
        read("db", "check");
        if (after == 0) {
            ok("participant", "import", big.toString());
        }
        assertThat(read("participant", "list", "--csv").lines().count() - 1).isEqualTo(BIG);
    }

    @Test
    void aServerThatIsDownOrRefusesTheLoginIsExit7WithItsReasonAndNoStackTrace() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String[] down = finish(ckOn("postgresql://coursekit@127.0.0.1:" + port + "/register", "course", "list").start());
        assertThat(down[0]).isEqualTo("7");
        assertThat(down[2]).contains("cannot connect").contains("refused").doesNotContain("\tat ");

        TestPostgres pg = TestPostgres.get();
        ProcessBuilder pb = ckOn(pg.uri(TestPostgres.PASSWORD_USER, pg.createDatabase()), "init");
        pb.environment().put("PGPASSWORD", "wrong");
        String[] refused = finish(pb.start());
        assertThat(refused[0]).isEqualTo("7");
        assertThat(refused[2]).contains("password authentication failed").doesNotContain("\tat ");
    }
}
