package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db copy}: a town's database into another one (the register) and one organisation's data
 * out again, in one transaction, with every id renumbered; SQLite to SQLite here.
 */
@EveryEngine
class DbCopyCliTest {
    @TempDir
    Path dir;

    /** {@link Towns#town} in a database made first when it is missing. */
    private void town(Cli cli, String org, String course, String prefix, String... people) throws Exception {
        if (!Files.exists(cli.db())) {
            cli.init();
        }
        Towns.town(cli, dir, org, course, prefix, people);
    }

    private Cli ditzingen() throws Exception {
        Cli cli = new Cli(dir, "ditzingen.db").clock(Cli.at(2018, 6, 1, 12, 0));
        town(cli, "ditzingen", "di-2018", "DI-2018", "Käthe Köhler kaethe@mail.example", "Jürgen Weiß juergen@mail.example",
                "Ayşe Yılmaz ayse@mail.example");
        cli.run("certify", "revoke", "DI-2018-002", "--reason=issued by mistake").ok();
        return cli;
    }

    /** The register, already holding another town's course, people (one with an address Ditzingen has too) and certificates. */
    private Cli register() throws Exception {
        Cli cli = new Cli(dir, "register.db").clock(Cli.at(2018, 6, 1, 12, 0));
        town(cli, "leonberg", "le-2018", "LE-2018", "Olena Kovalenko olena@mail.example", "Nikos Papadopoulos nikos@mail.example",
                "Käthe Köhler kaethe@mail.example", "Emil Graf emil@mail.example");
        return cli;
    }

    @Test
    void aTownsDatabaseCopiedIntoTheRegisterKeepsSerialsCodesHashesAndAuditAndItsCertificatesVerifyThere() throws Exception {
        Cli town = ditzingen();
        Cli reg = register();
        JsonNode before = town.run("certify", "list", "di-2018", "--json").ok().json();
        JsonNode logBefore = town.run("db", "log", "--course=di-2018", "--json").ok().json();

        CliResult r = town.run("db", "copy", "--to=" + reg.db()).ok();
        assertThat(r.err()).contains("di-2018", reg.db().toString());

        JsonNode after = reg.run("certify", "list", "di-2018", "--json").ok().json();
        String[] same = {"serial", "code", "fullName", "issuedAt", "revision", "status", "file", "sha256", "revisedAt"};
        assertThat(Towns.fields(after, same)).isEqualTo(Towns.fields(before, same)).hasSize(3);
        // ids are the register's: after Leonberg's four people
        assertThat(Towns.fields(after, "participantId")).doesNotContainAnyElementsOf(Towns.fields(before, "participantId"));
        for (JsonNode c : before) {
            CliResult v = reg.run("certify", "verify", c.get("code").asText());
            assertThat(v.exitCode()).isEqualTo(c.get("status").asText().equals("valid") ? 0 : 1);
            Path pdf = dir.resolve("out-di-2018").resolve(c.get("file").asText());
            assertThat(reg.run("certify", "verify", pdf.toString(), "--json").json().get("result").asText())
                    .isEqualTo(c.get("status").asText());
        }
        JsonNode logAfter = reg.run("db", "log", "--course=di-2018", "--json").ok().json();
        assertThat(Towns.fields(logAfter, "at", "user", "action", "subject")).isEqualTo(Towns.fields(logBefore, "at", "user", "action", "subject"));
        // the ids the entries name are the register's ids of the same people
        JsonNode people = reg.run("participant", "list", "--course=di-2018", "--json").ok().json();
        JsonNode kaethe = null;
        for (JsonNode p : people) {
            if (p.get("lastName").asText().equals("Köhler")) {
                kaethe = p;
            }
        }
        JsonNode data = reg.run("participant", "export-data", kaethe.get("id").asText()).ok().json();
        assertThat(data.get("auditTrail").findValuesAsText("action")).contains("certificate.issued", "attendance.recorded");
        assertThat(data.get("auditTrail").findValuesAsText("detail")).contains("participant " + kaethe.get("id").asText());
        assertThat(reg.run("attend", "report", "di-2018", "--json").ok().json().findValuesAsText("attended"))
                .isEqualTo(town.run("attend", "report", "di-2018", "--json").ok().json().findValuesAsText("attended"));
        assertThat(reg.run("course", "show", "di-2018", "--json").ok().json().get("organisation").asText()).isEqualTo("ditzingen");
        // Leonberg's course is untouched
        assertThat(reg.run("certify", "list", "le-2018", "--json").ok().json()).hasSize(4);
        reg.run("db", "check").ok();
    }

    @Test
    void aSecondCopyIsRefusedWithExit5NamingTheCourseAndSerialsAndChangesNothing() throws Exception {
        Cli town = ditzingen();
        Cli reg = register();
        town.run("db", "copy", "--to=" + reg.db()).ok();
        String[] listings = {"course list --json", "participant list --json", "db log --limit=1000 --json",
            "certify list di-2018 --json", "db org list --json"};
        List<String> before = new ArrayList<>();
        for (String l : listings) {
            before.add(reg.run(l.split(" ")).ok().out());
        }
        CliResult r = town.run("db", "copy", "--to=" + reg.db()).expect(5);
        assertThat(r.err()).contains("di-2018", "DI-2018-001", "nothing was copied");
        for (int i = 0; i < listings.length; i++) {
            assertThat(reg.run(listings[i].split(" ")).ok().out()).as(listings[i]).isEqualTo(before.get(i));
        }
    }

    @Test
    void oneOrganisationCopiedOutOfTheRegisterIntoANewFileHoldsNothingOfAnother() throws Exception {
        Cli reg = register();
        town(reg, "ditzingen", "di-2018", "DI-2018", "Käthe Köhler kaethe@mail.example", "Jürgen Weiß juergen@mail.example");
        Path file = dir.resolve("out").resolve("leonberg.db");
        CliResult r = reg.run("db", "copy", "--from=" + reg.db(), "--to=" + file, "--org=leonberg").ok();
        assertThat(r.err()).contains("le-2018");
        assertThat(file).exists();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        Cli out = new Cli(dir.resolve("out"), "leonberg.db");
        assertThat(out.run("course", "list", "--json").ok().json().findValuesAsText("id")).containsExactly("le-2018");
        assertThat(out.run("participant", "list", "--json").ok().json().findValuesAsText("lastName"))
                .containsExactlyInAnyOrder("Kovalenko", "Papadopoulos", "Köhler", "Graf");
        assertThat(out.run("db", "org", "list", "--json").ok().json().findValuesAsText("id")).doesNotContain("ditzingen");
        JsonNode log = out.run("db", "log", "--limit=1000", "--json").ok().json();
        assertThat(log.get(log.size() - 1).get("action").asText()).isEqualTo("db.copied");
        assertThat(log.get(log.size() - 1).get("detail").asText()).contains(reg.db().toString(), "le-2018", "4 participant(s)");
        List<String> courses = new ArrayList<>();
        for (int i = 0; i < log.size() - 1; i++) {
            courses.add(log.get(i).get("courseId").asText());
        }
        assertThat(courses).containsOnly("le-2018");
        assertThat(out.run("certify", "list", "le-2018", "--json").ok().json()).hasSize(4);
        out.run("db", "check").ok();
        // nothing of Ditzingen's anywhere in the file
        byte[] bytes = Files.readAllBytes(file);
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("juergen@mail.example", "DI-2018", "di-2018", "Stadt ditzingen");
        // and back: the file's data into a new file again, and once more refused
        reg.run("db", "copy", "--from=" + file, "--to=" + dir.resolve("again.db")).ok();
        assertThat(reg.run("db", "copy", "--from=" + file, "--to=" + reg.db()).expect(5).err()).contains("le-2018");
    }

    @Test
    void anUnknownOrganisationOrTheDatabaseItselfIsRefusedAndNoFileIsLeft() throws Exception {
        Cli town = ditzingen();
        Path file = dir.resolve("new.db");
        CliResult r = town.run("db", "copy", "--to=" + file, "--org=nirgendwo").expect(3);
        assertThat(r.err()).contains("nirgendwo");
        assertThat(file).doesNotExist();
        assertThat(dir.resolve("new.db-wal")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith(".coursekit"));
        }
        assertThat(town.run("db", "copy", "--to=" + town.db()).expect(5).err()).contains(town.db().toString());
        assertThat(town.run("db", "copy").expect(2).err()).contains("--to");
    }

    @Test
    void aPersonWhoseAddressTheSameOrganisationHasThereAlreadyRefusesTheCopyNamedByIdOnly() throws Exception {
        Cli one = new Cli(dir, "one.db").init();
        Cli two = new Cli(dir, "two.db").init();
        one.run("participant", "add", "--first=A", "--last=B", "--email=same@mail.example").ok();
        two.run("participant", "add", "--first=C", "--last=D", "--email=other@mail.example").ok();
        String id = two.run("participant", "add", "--first=A", "--last=B", "--email=Same@mail.example").ok().out().strip();
        CliResult r = two.run("db", "copy", "--to=" + one.db()).expect(5);
        assertThat(r.err()).contains("participant " + id, "default", "nothing was copied").doesNotContain("same@mail.example");
        assertThat(one.run("participant", "list", "--json").ok().json()).hasSize(1);
        // the same people as another organisation's are welcome
        two.run("db", "org", "add", "zwei", "--name=Zwei").ok();
        two.run("db", "org", "move", "default", "--to=zwei").ok();
        two.run("db", "copy", "--to=" + one.db()).ok();
        assertThat(one.run("participant", "list", "--json").ok().json()).hasSize(3);
        assertThat(one.run("db", "org", "list", "--json").ok().json().findValuesAsText("id")).containsExactly("default", "zwei");
    }
}
