package org.coursekit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes against one database file: several writers at once lose nothing and never fail
 * with "database is locked"; a large import killed with SIGKILL leaves the old or the new state.
 */
class RobustnessIT {
    static final Path LAUNCHER = Path.of("target", "coursekit").toAbsolutePath();
    static final Path COURSE = Path.of("examples", "ditzingen-2018", "course.json").toAbsolutePath();

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

    Path people(int from, int n, String name) throws IOException {
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
        ok("init");
        ok("course", "create", "--from=" + COURSE);
        ok("course", "edit", "bm-2018", "--capacity=10000");
        ok("participant", "import", people(0, 200, "base.csv").toString(), "--course=bm-2018");
        List<Process> running = new ArrayList<>();
        // an office colleague imports, two trainers record attendance, cron exports reminders
        running.add(ck("participant", "import", people(1000, 3000, "more.csv").toString(), "--course=bm-2018").start());
        for (int s = 2; s <= 11; s++) {
            running.add(ck("attend", "record", "bm-2018", "--session=" + s, "--all-present").start());
        }
        for (int i = 0; i < 4; i++) {
            running.add(ck("export", "reminders", "--course=bm-2018", "--as-of=2018-02-26", "--days=30", "--format=csv").start());
            running.add(ck("participant", "add", "--first=Neu" + i, "--last=Person", "--email=neu" + i + "@example.org",
                    "--course=bm-2018").start());
        }
        for (Process p : running) {
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(err).isZero();
            assertThat(err).doesNotContain("locked").doesNotContain("busy");
        }
        String[] list = run("participant", "list", "--csv");
        assertThat(list[1].lines().count() - 1).isEqualTo(200 + 3000 + 4);
        ok("db", "check");
    }

    @Test
    void aKilledImportLeavesTheOldOrTheNewStateAndCanBeRunAgain() throws Exception {
        ok("init");
        Path big = people(0, 150_000, "big.csv");
        Process p = ck("participant", "import", big.toString()).start();
        Thread.sleep(1200);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        ok("db", "check");
        long n = run("participant", "list", "--csv")[1].lines().count() - 1;
        assertThat(n).isIn(0L, 150_000L);
        if (n == 0) {
            ok("participant", "import", big.toString());
        }
        assertThat(run("participant", "list", "--csv")[1].lines().count() - 1).isEqualTo(150_000);
        ok("db", "check");
    }

    @Test
    void aKilledAttendanceImportLeavesAllOrNothing() throws Exception {
        ok("init");
        ok("course", "create", "--from=" + COURSE);
        ok("course", "edit", "bm-2018", "--capacity=100000");
        ok("participant", "import", people(0, 3000, "p.csv").toString(), "--course=bm-2018");
        StringBuilder sb = new StringBuilder("participant,session,status\n");
        for (int s = 2; s <= 11; s++) {
            for (int i = 0; i < 3000; i++) {
                sb.append("p").append(i).append("@example.org,").append(s).append(i % 7 == 0 ? ",absent\n" : ",present\n");
            }
        }
        Path csv = dir.resolve("a.csv");
        Files.writeString(csv, sb.toString());
        Process p = ck("attend", "import", csv.toString(), "--course=bm-2018").start();
        Thread.sleep(1500);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        ok("db", "check");
        long n = run("attend", "list", "bm-2018", "--csv")[1].lines().count() - 1;
        assertThat(n).isIn(0L, 30_000L);
        ok("attend", "import", csv.toString(), "--course=bm-2018");
        assertThat(run("attend", "list", "bm-2018", "--csv")[1].lines().count() - 1).isEqualTo(30_000);
    }
}
