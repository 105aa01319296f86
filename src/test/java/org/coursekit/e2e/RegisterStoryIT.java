package org.coursekit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.coursekit.cli.Cli;
import org.coursekit.store.postgres.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register's story with real coursekit processes (README, "Running a register for many towns"):
 * a state body's admin (not a superuser) inits a register on PostgreSQL, adds two towns, grants a
 * trainer of each, copies one town's SQLite file in, and both trainers work at once, each seeing
 * only their own town; a certificate of the file verifies in the register for the other town. The
 * town's file is made in this JVM (some twenty processes would only cost time), up to the copy.
 */
class RegisterStoryIT {
    static final Path LAUNCHER = Path.of("target", "coursekit").toAbsolutePath();
    static final Path EXAMPLE = Path.of("examples", "ditzingen-2018").toAbsolutePath();

    @TempDir
    Path dir;

    private ProcessBuilder ck(String db, String... args) {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "--db=" + db));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.remove("COURSEKIT_DB");
        env.remove("LANG");
        env.remove("LC_ALL");
        env.put("PGPASSFILE", dir.resolve("no.pgpass").toString());
        return pb;
    }

    private String ok(String db, String... args) throws Exception {
        String[] r = PostgresRobustnessIT.finish(ck(db, args).start());
        assertThat(r[0]).as("%s: %s", String.join(" ", args), r[2]).isEqualTo("0");
        return r[1];
    }

    private static Path people(Path dir, String name, String town, int n) throws IOException {
        StringBuilder sb = new StringBuilder("first_name,last_name,email\n");
        for (int i = 0; i < n; i++) {
            sb.append("Vorname").append(i).append(",Nach").append(town).append(i).append(",p").append(i).append('@')
                    .append(town).append(".example\n");
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    @Test
    void aStateBodyRunsARegisterOfTwoTownsWhoseTrainersWorkAtOnceEachSeeingOnlyTheirOwn() throws Exception {
        TestPostgres pg = TestPostgres.get();
        Cli inThisJvm = Cli.postgres(dir);     // the register's database, for what is checked in this JVM
        String database = inThisJvm.spec().substring(inThisJvm.spec().lastIndexOf('/') + 1);
        String suffix = database.substring(database.lastIndexOf('_') + 1);
        String admin = "land_admin_" + suffix;
        String di = "trainer_ditzingen_" + suffix;
        String le = "trainer_leonberg_" + suffix;
        pg.admin("CREATE ROLE " + admin + " LOGIN", "CREATE ROLE " + di + " LOGIN", "CREATE ROLE " + le + " LOGIN");
        pg.admin("ALTER DATABASE " + database + " OWNER TO " + admin);
        String register = pg.uri(admin, database);

        // the state body's admin sets up the register
        ok(register, "init");
        ok(register, "db", "org", "add", "ditzingen", "--name=Stadt Ditzingen");
        ok(register, "db", "org", "add", "leonberg", "--name=Stadt Leonberg");
        ok(register, "db", "grant", di, "--org=ditzingen", "--role=organiser");
        ok(register, "db", "grant", le, "--org=leonberg", "--role=organiser");
        assertThat(new ObjectMapper().readTree(ok(register, "db", "grants", "--json")).findValuesAsText("user"))
                .containsExactly(di, le);

        // Ditzingen's own file: the 2018 course, certified, then moved into the register (by a process)
        Cli town = Cli.sqlite(dir, "ditzingen.db").clock(Clock.systemUTC());
        town.run("init").ok();
        town.run("course", "create", "--from=" + EXAMPLE.resolve("course.json")).ok();
        town.run("participant", "import", EXAMPLE.resolve("participants.csv").toString(), "--course=bm-2018").ok();
        for (int s = 1; s <= 12; s++) {
            town.run("attend", "record", "bm-2018", "--session=" + s, "--all-present").ok();
        }
        town.run("certify", "issue", "bm-2018", "--output=" + Files.createDirectories(dir.resolve("zertifikate"))).ok();
        JsonNode certs = town.run("certify", "list", "bm-2018", "--json").ok().json();
        assertThat(certs.size()).isGreaterThan(5);
        town.run("db", "org", "add", "ditzingen", "--name=Stadt Ditzingen").ok();
        town.run("db", "org", "move", "default", "--to=ditzingen").ok();
        ok(town.spec(), "db", "copy", "--to=" + register);

        // Leonberg's trainer starts a course of their own in the register
        String asDi = pg.uri(di, database);
        String asLe = pg.uri(le, database);
        ok(asLe, "course", "create", "le-2026", "--title=Kurs Leonberg", "--organisation=leonberg", "--min-attendance=1");
        ok(asLe, "course", "session", "add", "le-2026", "--date=2026-03-03", "--start=18:00", "--end=21:00", "--title=Abend");
        ok(asDi, "course", "edit", "bm-2018", "--capacity=100");
        ok(asDi, "course", "session", "add", "bm-2018", "--date=2018-07-10", "--start=18:00", "--end=21:00",
                "--title=Nachtreffen 2", "--kind=followup");

        // both trainers at once: imports and attendance in parallel processes
        Path morDi = people(dir, "di-more.csv", "di", 40);
        Path morLe = people(dir, "le-more.csv", "le", 40);
        List<Process> running = new ArrayList<>();
        List<String> what = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            if (round == 0) {
                running.add(ck(asDi, "participant", "import", morDi.toString(), "--course=bm-2018").start());
                what.add("ditzingen import");
                running.add(ck(asLe, "participant", "import", morLe.toString(), "--course=le-2026").start());
                what.add("leonberg import");
            } else {
                running.add(ck(asDi, "attend", "record", "bm-2018", "--session=13", "--all-present").start());
                what.add("ditzingen attendance");
                running.add(ck(asLe, "attend", "record", "le-2026", "--session=1", "--all-present").start());
                what.add("leonberg attendance");
            }
            for (int i = running.size() - 2; i < running.size(); i++) {
                String[] r = PostgresRobustnessIT.finish(running.get(i));
                assertThat(r[0]).as("%s: %s", what.get(i), r[2]).isEqualTo("0");
            }
        }
        ok(asLe, "certify", "issue", "le-2026", "--output=" + Files.createDirectories(dir.resolve("le-out")));

        ObjectMapper json = new ObjectMapper();
        List<String> diCourses = json.readTree(ok(asDi, "course", "list", "--json")).findValuesAsText("id");
        List<String> leCourses = json.readTree(ok(asLe, "course", "list", "--json")).findValuesAsText("id");
        assertThat(diCourses).containsExactly("bm-2018");
        assertThat(leCourses).containsExactly("le-2026");
        List<String> diPeople = json.readTree(ok(asDi, "participant", "list", "--json")).findValuesAsText("email");
        List<String> lePeople = json.readTree(ok(asLe, "participant", "list", "--json")).findValuesAsText("email");
        assertThat(diPeople).hasSize(certs.size() + 40).noneMatch(e -> e.endsWith("@le.example"));
        assertThat(lePeople).hasSize(40).allMatch(e -> e.endsWith("@le.example"));
        assertThat(PostgresRobustnessIT.finish(ck(asLe, "course", "show", "bm-2018").start())[0]).isEqualTo("3");
        assertThat(PostgresRobustnessIT.finish(ck(asDi, "participant", "show", lePeople.get(0)).start())[0]).isEqualTo("3");
        // Ditzingen's certificates, issued in its file, verify in the register for Leonberg's trainer too:
        // the first by a process, all in this JVM (as the same login role, trusted as the processes are)
        JsonNode first = certs.get(0);
        assertThat(ok(asLe, "certify", "verify", first.get("code").asText())).contains(first.get("serial").asText());
        Cli leonberg = inThisJvm.as(le, "not asked for");
        for (JsonNode c : certs) {
            assertThat(leonberg.run("certify", "verify", c.get("code").asText()).ok().out()).contains(c.get("serial").asText());
        }
        assertThat(json.readTree(ok(register, "certify", "list", "le-2026", "--json")).findValuesAsText("serial"))
                .hasSize(40).doesNotHaveDuplicates();
        ok(register, "db", "check");
    }
}
