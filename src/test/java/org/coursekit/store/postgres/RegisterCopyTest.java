package org.coursekit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.coursekit.cli.Cli;
import org.coursekit.cli.Towns;
import org.coursekit.cli.CliResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db copy} between a town's SQLite file and the register on PostgreSQL, both ways: serials,
 * codes, PDF hashes, revisions and the audit trail kept, a certificate of the file verifying in
 * the register.
 */
class RegisterCopyTest {
    @TempDir
    Path dir;

    private Cli ditzingenFile() throws Exception {
        Cli town = Cli.sqlite(dir, "ditzingen.db").clock(Cli.at(2018, 6, 1, 12, 0)).init();
        Towns.town(town, dir, "ditzingen", "di-2018", "DI-2018", "Käthe Köhler kaethe@mail.example",
                "Jürgen Weiß juergen@mail.example", "Ayşe Yılmaz ayse@mail.example");
        town.run("certify", "revoke", "DI-2018-002", "--reason=issued by mistake").ok();
        town.run("db", "org", "move", "default", "--to=ditzingen").ok();
        return town;
    }

    private Cli registerWithLeonberg() throws Exception {
        Cli reg = Cli.postgres(dir).clock(Cli.at(2018, 6, 1, 12, 0)).init();
        Towns.town(reg, dir, "leonberg", "le-2018", "LE-2018", "Olena Kovalenko olena@mail.example",
                "Käthe Köhler kaethe@mail.example", "Emil Graf emil@mail.example");
        return reg;
    }

    @Test
    void aTownsFileCopiedIntoThePostgresRegisterKeepsSerialsCodesHashesRevisionsAndAuditAndVerifiesThere() throws Exception {
        Cli town = ditzingenFile();
        Cli reg = registerWithLeonberg();
        JsonNode before = town.run("certify", "list", "di-2018", "--json").ok().json();
        JsonNode logBefore = town.run("db", "log", "--course=di-2018", "--json").ok().json();

        CliResult r = town.run("db", "copy", "--to=" + reg.spec()).ok();
        assertThat(r.err()).contains("di-2018", reg.spec());

        JsonNode after = reg.run("certify", "list", "di-2018", "--json").ok().json();
        String[] same = {"serial", "code", "fullName", "issuedAt", "revision", "status", "file", "sha256", "revisedAt"};
        assertThat(Towns.fields(after, same)).isEqualTo(Towns.fields(before, same)).hasSize(3);
        for (JsonNode c : before) {
            CliResult v = reg.run("certify", "verify", c.get("code").asText());
            assertThat(v.exitCode()).isEqualTo(c.get("status").asText().equals("valid") ? 0 : 1);
            Path pdf = dir.resolve("out-di-2018").resolve(c.get("file").asText());
            assertThat(reg.run("certify", "verify", pdf.toString(), "--json").json().get("result").asText())
                    .isEqualTo(c.get("status").asText());
        }
        JsonNode logAfter = reg.run("db", "log", "--course=di-2018", "--json").ok().json();
        assertThat(Towns.fields(logAfter, "at", "user", "action", "subject")).isEqualTo(Towns.fields(logBefore, "at", "user", "action", "subject"));
        assertThat(reg.run("attend", "report", "di-2018", "--json").ok().json().findValuesAsText("attended"))
                .isEqualTo(town.run("attend", "report", "di-2018", "--json").ok().json().findValuesAsText("attended"));
        assertThat(reg.run("db", "org", "list", "--json").ok().json().findValuesAsText("id"))
                .containsExactly("default", "ditzingen", "leonberg");
        assertThat(reg.run("certify", "list", "le-2018", "--json").ok().json()).hasSize(3);
        reg.run("db", "check").ok();
        // a new certificate number continues gap-free in the register
        reg.run("participant", "add", "--first=Neu", "--last=Person", "--email=neu@mail.example", "--course=di-2018").ok();
        reg.run("attend", "record", "di-2018", "--session=1", "--present=neu@mail.example").ok();
        reg.run("attend", "record", "di-2018", "--session=2", "--present=neu@mail.example").ok();
        reg.run("certify", "issue", "di-2018", "--output=" + Files.createDirectories(dir.resolve("reg-out"))).ok();
        assertThat(reg.run("certify", "list", "di-2018", "--json").ok().json().findValuesAsText("serial"))
                .contains("DI-2018-004");
        // and a second copy is refused, naming the course, copying nothing
        assertThat(town.run("db", "copy", "--to=" + reg.spec()).expect(5).err()).contains("di-2018", "nothing was copied");
    }

    @Test
    void oneTownCopiedOutOfThePostgresRegisterIntoAFileHoldsNothingOfAnother() throws Exception {
        Cli town = ditzingenFile();
        Cli reg = registerWithLeonberg();
        town.run("db", "copy", "--to=" + reg.spec()).ok();
        Path file = dir.resolve("out").resolve("ditzingen-2027.db");
        CliResult r = reg.run("db", "copy", "--from=" + reg.spec(), "--to=" + file, "--org=ditzingen").ok();
        assertThat(r.err()).contains("di-2018");
        Cli out = Cli.sqlite(dir.resolve("out"), "ditzingen-2027.db");
        assertThat(out.run("course", "list", "--json").ok().json().findValuesAsText("id")).containsExactly("di-2018");
        assertThat(out.run("participant", "list", "--json").ok().json().findValuesAsText("lastName"))
                .containsExactlyInAnyOrder("Köhler", "Weiß", "Yılmaz");
        String[] same = {"serial", "code", "fullName", "issuedAt", "revision", "status", "file", "sha256", "revisedAt"};
        assertThat(Towns.fields(out.run("certify", "list", "di-2018", "--json").ok().json(), same))
                .isEqualTo(Towns.fields(town.run("certify", "list", "di-2018", "--json").ok().json(), same));
        List<String> logged = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode e : out.run("db", "log", "--limit=1000", "--json").ok().json()) {
            if (!e.get("action").asText().equals("db.copied")) {       // the copy's own entry names no course
                logged.add(e.get("courseId").asText());
            }
        }
        assertThat(logged).isNotEmpty().containsOnly("di-2018");
        out.run("db", "check").ok();
        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("olena@mail.example", "LE-2018", "le-2018", "Stadt leonberg");
    }

    @Test
    void aDbCopyAddressWithAPasswordIsAUsageErrorThatDoesNotRepeatIt() throws Exception {
        Cli town = Cli.sqlite(dir, "town.db").init();
        String withPassword = "postgresql://anna:geheim@127.0.0.1:5432/register";
        CliResult to = town.run("db", "copy", "--to=" + withPassword).expect(2);
        assertThat(to.err()).contains("PGPASSWORD").doesNotContain("geheim");
        CliResult from = town.run("db", "copy", "--from=" + withPassword, "--to=" + dir.resolve("x.db")).expect(2);
        assertThat(from.err()).contains("PGPASSWORD").doesNotContain("geheim");
        assertThat(dir.resolve("x.db")).doesNotExist();
    }
}
