package org.coursekit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import org.coursekit.cli.Cli;
import org.coursekit.cli.Towns;
import org.coursekit.cli.CliResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register's access rules, enforced by PostgreSQL: an organiser of one town finds nothing of
 * another town's, a coordinator reads every town's courses but no personal data, certify verify
 * finds every town's certificate; through coursekit and through plain JDBC (as psql would).
 */
class RegisterAccessTest {
    private static final String PASSWORD = "pw-of-a-trainer";

    @TempDir
    Path dir;

    private final TestPostgres pg = TestPostgres.get();
    private Cli admin;
    private Cli trainerA;
    private Cli trainerB;
    private Cli coordinator;
    private String userA;
    private String userB;
    private String userC;

    /** The login roles of the database every test's database is a copy of: roles are the server's, made once. */
    private static String[] roles;

    @BeforeEach
    void twoTownsWithATrainerEachAndACoordinator() throws Exception {
        // every test's database (and the certificates in out-*) is a copy of one made once
        admin = Cli.postgres(dir).clock(Cli.at(2018, 6, 1, 12, 0)).copyOf("register_access", RegisterAccessTest::twoTowns);
        userA = roles[0];
        userB = roles[1];
        userC = roles[2];
        trainerA = admin.as(userA, PASSWORD);
        trainerB = admin.as(userB, PASSWORD);
        coordinator = admin.as(userC, PASSWORD);
    }

    private static void twoTowns(Cli admin) {
        admin.init();
        try {
            Towns.town(admin, admin.dir(), "ditzingen", "di-2018", "DI-2018", "Käthe Köhler kaethe@mail.example",
                    "Jürgen Weiß juergen@mail.example");
            Towns.town(admin, admin.dir(), "leonberg", "le-2018", "LE-2018", "Olena Kovalenko olena@mail.example",
                    "Emil Graf emil@mail.example");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        admin.run("db", "org", "add", "land", "--name=Land").ok();
        String[] made = {"trainer_di", "trainer_le", "coordinator_land"};
        for (String u : made) {
            TestPostgres.get().admin("CREATE ROLE " + u + " LOGIN PASSWORD '" + PASSWORD + "'");
        }
        admin.run("db", "grant", made[0], "--org=ditzingen", "--role=organiser").ok();
        admin.run("db", "grant", made[1], "--org=leonberg", "--role=organiser").ok();
        admin.run("db", "grant", made[2], "--org=land", "--role=coordinator").ok();
        roles = made;
    }

    private Connection jdbc(String user) throws SQLException {
        String spec = admin.spec();
        String database = spec.substring(spec.lastIndexOf('/') + 1);
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", PASSWORD);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + database, p);
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(rs.getString(i)).append('|');
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    /** Every row of Leonberg's, as the admin sees them. */
    private List<String> leonbergDump() throws SQLException {
        try (Connection c = jdbc(TestPostgres.SUPERUSER)) {
            List<String> all = new ArrayList<>();
            for (String q : List.of("SELECT * FROM course WHERE organisation = 'leonberg'",
                    "SELECT * FROM session WHERE course_id = 'le-2018' ORDER BY id",
                    "SELECT * FROM participant WHERE organisation = 'leonberg' ORDER BY id",
                    "SELECT * FROM enrolment WHERE course_id = 'le-2018' ORDER BY participant_id",
                    "SELECT a.* FROM attendance a JOIN session s ON s.id = a.session_id WHERE s.course_id = 'le-2018' ORDER BY 1, 2",
                    "SELECT * FROM certificate WHERE course_id = 'le-2018' ORDER BY id",
                    "SELECT r.* FROM certificate_revision r JOIN certificate c ON c.id = r.certificate_id"
                            + " WHERE c.course_id = 'le-2018' ORDER BY 1, 2",
                    "SELECT * FROM audit WHERE course_id = 'le-2018' ORDER BY id")) {
                all.addAll(rows(c, q));
            }
            return all;
        }
    }

    @Test
    void anOrganiserOfOneTownFindsNoneOfAnotherTownsCourseParticipantSessionOrCertificateAndChangesNothing() throws Exception {
        JsonNode people = admin.run("participant", "list", "--course=le-2018", "--json").ok().json();
        String olena = people.get(0).get("id").asText();
        String email = people.get(0).get("email").asText();
        List<String> before = leonbergDump();
        Path out = Files.createDirectories(dir.resolve("out-a"));
        String[][] attempts = {
            {"course", "show", "le-2018"},
            {"course", "export", "le-2018"},
            {"course", "session", "list", "le-2018"},
            {"course", "session", "add", "le-2018", "--date=01.07.2018", "--start=18:00", "--end=20:00", "--title=X"},
            {"course", "session", "edit", "le-2018", "1", "--title=Anders"},
            {"course", "session", "cancel", "le-2018", "1"},
            {"course", "session", "remove", "le-2018", "1"},
            {"course", "edit", "le-2018", "--title=Anders"},
            {"course", "delete", "le-2018", "--force"},
            {"attend", "clear", "le-2018", "--session=1"},
            {"attend", "list", "le-2018"},
            {"attend", "import", Files.writeString(dir.resolve("att.csv"), "Teilnehmer;Termin;Status\n" + email
                    + ";06.03.2018;abwesend\n").toString(), "--course=le-2018"},
            {"certify", "unrevoke", "LE-2018-001", "--reason=x"},
            {"participant", "show", olena},
            {"participant", "show", email},
            {"participant", "edit", olena, "--phone=0171 1"},
            {"participant", "enrol", olena, "--course=di-2018"},
            {"participant", "withdraw", olena, "--course=le-2018", "--reason=x"},
            {"participant", "export-data", olena},
            {"participant", "erase", olena, "--yes"},
            {"participant", "list", "--course=le-2018"},
            {"attend", "record", "le-2018", "--session=1", "--all-present"},
            {"attend", "report", "le-2018"},
            {"attend", "sheet", "le-2018", "--session=1", "--output=" + out.resolve("s.pdf")},
            {"certify", "check", "le-2018"},
            {"certify", "issue", "le-2018", "--output=" + out},
            {"certify", "list", "le-2018"},
            {"certify", "revoke", "LE-2018-001", "--reason=x"},
            {"export", "participants", "le-2018"},
            {"export", "attendance", "le-2018"},
            {"export", "calendar", "le-2018", "--output=" + out.resolve("c.ics")},
        };
        List<String> wrong = new ArrayList<>();
        for (String[] a : attempts) {
            CliResult r = trainerA.run(a);
            if (r.exitCode() != 3) {
                wrong.add(String.join(" ", a) + " -> " + r.exitCode() + " " + r.err().strip());
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(leonbergDump()).isEqualTo(before);
        // listings leave Leonberg out
        assertThat(trainerA.run("course", "list", "--json").ok().json().findValuesAsText("id")).containsExactly("di-2018");
        assertThat(trainerA.run("participant", "list", "--json").ok().json().findValuesAsText("lastName"))
                .containsExactlyInAnyOrder("Köhler", "Weiß");
        assertThat(trainerA.run("db", "org", "list", "--json").ok().json().findValuesAsText("id")).containsExactly("ditzingen");
        assertThat(trainerA.run("db", "log", "--limit=1000", "--json").ok().json().findValuesAsText("courseId"))
                .containsOnly("di-2018");
        // a course id that another town has is refused, without saying whose
        assertThat(trainerA.run("course", "create", "le-2018", "--title=X", "--organisation=ditzingen").expect(5).err())
                .contains("perhaps in an organisation you do not see", "course_pkey");
        assertThat(trainerA.run("course", "create", "di-2019", "--title=X", "--organisation=leonberg").exitCode()).isIn(3, 7);
    }

    @Test
    void anOrganiserWorksOnTheirOwnTownAsOnTheirOwnFile() throws Exception {
        trainerA.run("course", "session", "add", "di-2018", "--date=2018-07-01", "--start=18:00", "--end=20:00",
                "--title=Nachtreffen", "--kind=followup").ok();
        trainerA.run("participant", "add", "--first=Neu", "--last=Person", "--email=neu@mail.example", "--course=di-2018").ok();
        trainerA.run("attend", "record", "di-2018", "--session=1", "--present=neu@mail.example").ok();
        trainerA.run("attend", "record", "di-2018", "--session=2", "--present=neu@mail.example").ok();
        trainerA.run("certify", "issue", "di-2018", "--output=" + Files.createDirectories(dir.resolve("a"))).ok();
        assertThat(trainerA.run("certify", "list", "di-2018", "--json").ok().json().findValuesAsText("serial"))
                .containsExactly("DI-2018-001", "DI-2018-002", "DI-2018-003");
        assertThat(admin.run("certify", "list", "le-2018", "--json").ok().json()).hasSize(2);
        // someone added without a course would belong to 'default', which is not theirs
        assertThat(trainerA.run("participant", "add", "--first=Ohne", "--last=Kurs", "--email=ohne@mail.example").expect(3).err())
                .contains("no role", "--course", "default");
        assertThat(trainerA.run("--lang=de", "participant", "add", "--first=Ohne", "--last=Kurs", "--email=ohne@mail.example")
                .expect(3).err()).contains("keine Rolle");
    }

    @Test
    void anOrganisersErasureIsCommittedAndTheVacuumIsLeftToTheAdminSayingSo() throws Exception {
        String kaethe = trainerA.run("participant", "list", "--course=di-2018", "--json").ok().json().get(0).get("id").asText();
        CliResult r = trainerA.run("participant", "erase", kaethe, "--yes").expect(7);
        assertThat(r.err()).contains("VACUUM (FULL)", "committed");
        try (Connection c = jdbc(TestPostgres.SUPERUSER)) {
            assertThat(rows(c, "SELECT erased_at IS NOT NULL, email FROM participant WHERE id = " + kaethe)).containsExactly("t|null|");
        }
    }

    @Test
    void twoTrainersOfTwoTownsWorkAtOnceEachSeeingOnlyTheirOwn() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (Object[] t : new Object[][] {{trainerA, "di-2018", "di"}, {trainerB, "le-2018", "le"}}) {
            Cli cli = (Cli) t[0];
            String course = (String) t[1];
            StringBuilder csv = new StringBuilder("first_name,last_name,email\n");
            for (int i = 0; i < 30; i++) {
                csv.append("Vor").append(i).append(",Nach").append(t[2]).append(i).append(",p").append(i).append('@').append(t[2])
                        .append(".example\n");
            }
            Path file = Files.writeString(dir.resolve(t[2] + "-more.csv"), csv);
            threads.add(new Thread(() -> {
                try {
                    cli.run("participant", "import", file.toString(), "--course=" + course).ok();
                    for (int s = 1; s <= 3; s++) {
                        cli.run("attend", "record", course, "--session=" + s, "--all-present").ok();
                    }
                    cli.run("certify", "issue", course, "--output=" + Files.createDirectories(dir.resolve("par-" + course))).ok();
                } catch (Throwable e) {
                    failures.add(course + ": " + e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        assertThat(trainerA.run("participant", "list", "--json").ok().json().findValuesAsText("lastName"))
                .hasSize(32).noneMatch(n -> n.startsWith("Nachle")).doesNotContain("Kovalenko");
        assertThat(trainerB.run("participant", "list", "--json").ok().json().findValuesAsText("lastName"))
                .hasSize(32).noneMatch(n -> n.startsWith("Nachdi")).doesNotContain("Köhler");
        for (String course : List.of("di-2018", "le-2018")) {
            List<String> serials = admin.run("certify", "list", course, "--json").ok().json().findValuesAsText("serial");
            assertThat(serials).hasSize(32).doesNotHaveDuplicates();
            assertThat(serials.get(31)).endsWith("-032");
        }
        admin.run("db", "check").ok();
    }

    @Test
    void anOrganiserTakesTheirOwnTownOutIntoAFileButNotAnothers() throws Exception {
        Path file = dir.resolve("ditzingen-out.db");
        trainerA.run("db", "copy", "--from=" + trainerA.spec(), "--to=" + file, "--org=ditzingen").ok();
        Cli out = Cli.sqlite(dir, "ditzingen-out.db");
        assertThat(out.run("course", "list", "--json").ok().json().findValuesAsText("id")).containsExactly("di-2018");
        assertThat(out.run("participant", "list", "--json").ok().json().findValuesAsText("lastName"))
                .containsExactlyInAnyOrder("Köhler", "Weiß");
        assertThat(out.run("certify", "list", "di-2018", "--json").ok().json()).hasSize(2);
        Path other = dir.resolve("leonberg-out.db");
        assertThat(trainerA.run("db", "copy", "--from=" + trainerA.spec(), "--to=" + other, "--org=leonberg").expect(3).err())
                .contains("leonberg");
        assertThat(other).doesNotExist();
    }

    @Test
    void psqlAsAnOrganiserSeesOnlyTheirTownsRowsAndAsACoordinatorNoPersonalColumns() throws Exception {
        try (Connection a = jdbc(userA)) {
            assertThat(rows(a, "SELECT last_name FROM participant ORDER BY last_name")).containsExactly("Köhler|", "Weiß|");
            assertThat(rows(a, "SELECT id FROM course")).containsExactly("di-2018|");
            assertThat(rows(a, "SELECT DISTINCT course_id FROM certificate")).containsExactly("di-2018|");
            assertThat(rows(a, "SELECT COUNT(*) FROM attendance")).containsExactly("6|");
            assertThat(a.createStatement().executeUpdate("UPDATE participant SET note = 'x' WHERE organisation = 'leonberg'")).isZero();
            assertThatThrownBy(() -> a.createStatement().executeUpdate(
                    "INSERT INTO course (id, title, timezone, language, min_attendance, created_at, organisation)"
                            + " VALUES ('x-1', 'X', 'Europe/Berlin', 'de', '1', 'now', 'leonberg')"))
                    .hasMessageContaining("row-level security");
        }
        try (Connection c = jdbc(userC)) {
            assertThat(rows(c, "SELECT id FROM course ORDER BY id")).containsExactly("di-2018|", "le-2018|");
            assertThat(rows(c, "SELECT COUNT(*), COUNT(form) FROM participant")).containsExactly("4|0|");
            assertThat(rows(c, "SELECT serial, status FROM certificate ORDER BY serial")).hasSize(4);
            for (String q : List.of("SELECT email FROM participant", "SELECT first_name FROM participant",
                    "SELECT last_name, phone, birth_date, note FROM participant", "SELECT * FROM participant",
                    "SELECT full_name FROM certificate", "SELECT reason FROM enrolment")) {
                assertThatThrownBy(() -> rows(c, q)).as(q).hasMessageContaining("permission denied");
            }
            assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE course SET title = 'x'"))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void aCoordinatorListsEveryTownsCoursesButNoPeople() {
        assertThat(coordinator.run("course", "list", "--json").ok().json().findValuesAsText("id"))
                .containsExactly("di-2018", "le-2018");
        coordinator.run("course", "show", "le-2018").ok();
        coordinator.run("course", "session", "list", "le-2018").ok();
        CliResult people = coordinator.run("participant", "list", "--course=le-2018").expect(3);
        assertThat(people.err()).contains("coordinator").doesNotContain("olena");
        String olena = admin.run("participant", "list", "--course=le-2018", "--json").ok().json().get(0).get("id").asText();
        for (String[] a : new String[][] {{"participant", "show", olena}, {"attend", "report", "le-2018"},
            {"attend", "sheet", "le-2018", "--session=1", "--output=" + dir.resolve("s.pdf")}, {"certify", "check", "le-2018"}, {"export", "participants", "le-2018"}}) {
            assertThat(coordinator.run(a).expect(3).err()).as(String.join(" ", a)).contains("coordinator");
        }
        // the certificate register: serials, codes, dates, statuses and hashes, the holders' names empty
        JsonNode register = coordinator.run("certify", "list", "le-2018", "--json").ok().json();
        JsonNode full = admin.run("certify", "list", "le-2018", "--json").ok().json();
        assertThat(register.findValuesAsText("serial")).isEqualTo(full.findValuesAsText("serial")).hasSize(2);
        assertThat(register.findValuesAsText("sha256")).isEqualTo(full.findValuesAsText("sha256"));
        assertThat(register.findValuesAsText("status")).isEqualTo(full.findValuesAsText("status"));
        assertThat(register.findValuesAsText("fullName")).containsOnly("");
        assertThat(coordinator.run("certify", "list").ok().out()).contains("LE-2018-001", "DI-2018-001").doesNotContain("Kovalenko");
        assertThat(coordinator.run("db", "org", "list", "--json").ok().json().findValuesAsText("id"))
                .contains("ditzingen", "leonberg", "land");
        assertThat(coordinator.run("db", "log", "--limit=1000", "--json").ok().json().findValuesAsText("courseId"))
                .contains("di-2018", "le-2018");
        coordinator.run("course", "create", "x-1", "--title=X", "--organisation=land").expect(7);
    }

    @Test
    void aCoordinatorsReportSpansEveryTownWithTheAdminsFiguresAndAnOrganisersOnlyTheirOwn() throws Exception {
        admin.run("participant", "edit", "kaethe@mail.example", "--birth-date=1950-03-01", "--form=f").ok();
        JsonNode all = admin.run("export", "report", "--format=json", "--exact").ok().json();
        assertThat(all.get("courses").findValuesAsText("id")).containsExactly("di-2018", "le-2018");
        assertThat(coordinator.run("export", "report", "--format=json", "--exact").ok().json()).isEqualTo(all);
        assertThat(coordinator.run("export", "report", "--format=csv").ok().out())
                .isEqualTo(admin.run("export", "report", "--format=csv").ok().out());
        coordinator.run("export", "report", "--format=pdf", "--output=" + dir.resolve("land.pdf")).ok();
        JsonNode own = trainerA.run("export", "report", "--format=json", "--exact").ok().json();
        assertThat(own.get("courses").findValuesAsText("id")).containsExactly("di-2018");
        assertThat(own.get("courses").get(0)).isEqualTo(all.get("courses").get(0));
        assertThat(own.get("courses").get(0).get("byAgeGroup").get("65plus").asInt()).isEqualTo(1);
        // the age groups come from a function that never returns a birth date, and only for visible courses
        try (Connection c = jdbc(userC)) {
            assertThat(rows(c, "SELECT birth_date, age_group FROM coursekit_report_people('di-2018', '2018-06-01')"))
                    .contains("null|65plus|").allMatch(r -> r.startsWith("null|"));
        }
        try (Connection b = jdbc(userB)) {
            assertThat(rows(b, "SELECT * FROM coursekit_report_people('di-2018', '2018-06-01')")).isEmpty();
        }
    }

    @Test
    void certifyVerifyFindsEveryTownsCertificateForEveryUser() throws Exception {
        JsonNode certs = admin.run("certify", "list", "le-2018", "--json").ok().json();
        String code = certs.get(0).get("code").asText();
        for (Cli who : List.of(trainerA, trainerB, coordinator)) {
            CliResult v = who.run("certify", "verify", code, "--json").ok();
            assertThat(v.json().get("result").asText()).isEqualTo("valid");
            assertThat(v.out()).contains("LE-2018-001", "Kurs leonberg");
            Path pdf = dir.resolve("out-le-2018").resolve(certs.get(0).get("file").asText());
            assertThat(who.run("certify", "verify", pdf.toString(), "--json").ok().json().get("result").asText()).isEqualTo("valid");
        }
        trainerA.run("certify", "verify", "AAAA-BBBB-CCCC").expect(1);
    }

    @Test
    void grantsAreListedRevokedAndRefusedWhereTheyCannotBe() throws Exception {
        JsonNode grants = admin.run("db", "grants", "--json").ok().json();
        assertThat(grants.findValuesAsText("user")).contains(userA, userB, userC);
        assertThat(trainerA.run("db", "grants", "--json").ok().json().findValuesAsText("user")).containsOnly(userA);
        assertThat(admin.run("db", "grant", userA, "--org=leonberg", "--role=coordinator").expect(5).err()).contains(userA);
        assertThat(admin.run("db", "grant", "nobody_here", "--org=leonberg", "--role=organiser").expect(3).err())
                .contains("nobody_here", "CREATE ROLE");
        admin.run("db", "grant", userA, "--org=nirgendwo", "--role=organiser").expect(3);
        admin.run("db", "grant", userA, "--org=leonberg", "--role=boss").expect(2);
        admin.run("db", "revoke", userB, "--org=leonberg").ok();
        admin.run("db", "revoke", userB, "--org=leonberg").expect(3);
        trainerB.run("course", "list").expect(7);
        try (Connection b = jdbc(userB)) {
            assertThatThrownBy(() -> rows(b, "SELECT * FROM participant")).hasMessageContaining("permission denied");
        }
        Cli file = Cli.sqlite(dir, "town.db").init();
        for (String[] a : new String[][] {{"db", "grant", userA, "--org=default", "--role=organiser"},
            {"db", "revoke", userA, "--org=default"}, {"db", "grants"}}) {
            assertThat(file.run(a).expect(2).err()).contains("PostgreSQL");
        }
    }
}
