package org.coursekit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.coursekit.cli.Cli;
import org.coursekit.cli.CliResult;
import org.coursekit.domain.Certificate;
import org.coursekit.domain.CertificateTemplate;
import org.coursekit.domain.Placeholder;
import org.coursekit.store.Store;
import org.coursekit.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one list of placeholders ({@link Placeholder}): templates are checked against it, certificates filled from it. */
class CertificatePlaceholdersTest {
    static final String COURSE = """
            {
              "id": "ph-2018", "title": "Platzhalterkurs", "organiser": "Stadt Teststadt",
              "location": "Rathaus, 71254 Ditzingen", "timezone": "Europe/Berlin", "language": "de",
              "certificate": {
                "minAttendance": 1, "roleTitle": {"x": "Mentor*in"},
                "signatories": [{"name": "Erika Muster", "role": "Bürgermeisterin"}],
                "footer": "Ein Testprojekt", "verifyUrl": "https://example.org/z?code={code}"
              },
              "sessions": [
                {"date": "2018-03-06", "start": "18:30", "end": "21:30", "title": "Erster Abend"},
                {"date": "2018-03-13", "start": "18:30", "end": "21:30", "title": "Zweiter Abend"}
              ]
            }
            """;

    /** The placeholders templates could use before the list was one (the old {@code PLACEHOLDERS}): none is lost. */
    static final List<String> KNOWN_BEFORE = List.of("attended", "certificateTitle", "code", "counted", "courseId",
            "courseTitle", "dateRange", "firstName", "footer", "fullName", "issueDate", "lastName", "organiser", "place",
            "qualification", "role", "serial", "topics", "verifyUrl");

    @TempDir
    Path dir;

    private Cli course() throws Exception {
        Cli cli = new Cli(dir).init().clock(Cli.at(2018, 6, 1, 12, 0));
        Path json = dir.resolve("course.json");
        Files.writeString(json, COURSE, StandardCharsets.UTF_8);
        cli.run("course", "create", "--from=" + json).ok();
        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, "first_name,last_name,email\nKäthe,Köhler,k@mail.example\n", StandardCharsets.UTF_8);
        cli.run("participant", "import", csv.toString(), "--course=ph-2018").ok();
        cli.run("attend", "record", "ph-2018", "--session=1", "--all-present").ok();
        cli.run("attend", "record", "ph-2018", "--session=2", "--all-present").ok();
        return cli;
    }

    /** The default template with one block's text replaced. */
    private Path template(Cli cli, String name, String text) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode t = (ObjectNode) json.readTree(cli.raw("--lang=en", "certify", "template").ok().out());
        ((ObjectNode) t.get("blocks").get(2)).put("text", text);
        Path file = dir.resolve(name);
        Files.writeString(file, json.writeValueAsString(t));
        return file;
    }

    @Test
    void everyPlaceholderTheRegistryDeclaresGetsAValue() throws Exception {
        assertThat(CertificateTemplate.PLACEHOLDERS).containsExactlyInAnyOrderElementsOf(Placeholder.keys());
        assertThat(Placeholder.keys()).containsAll(KNOWN_BEFORE);

        Cli cli = course();
        String all = Placeholder.keys().stream().map(k -> "{{" + k + "}}").collect(Collectors.joining(" "));
        Path every = template(cli, "every.json", all);
        Path out = dir.resolve("out");
        cli.run("certify", "issue", "ph-2018", "--output=" + out, "--template=" + every).ok();

        List<Certificate> issued;
        try (Store db = Stores.open(cli.db().toString(), Cli.at(2018, 6, 1, 12, 0))) {
            issued = new CertificateRegister(db).list("ph-2018");
        }
        assertThat(issued).hasSize(1);
        var values = issued.get(0).values();
        for (Placeholder p : Placeholder.values()) {
            assertThat(values).as(p.key()).containsKey(p.key());
            assertThat(values.get(p.key())).as(p.key()).isNotNull();
        }
        // the people's own and the course's, as a certificate shows them
        assertThat(values).containsEntry("fullName", "Käthe Köhler").containsEntry("role", "Mentor*in")
                .containsEntry("courseTitle", "Platzhalterkurs").containsEntry("place", "Ditzingen")
                .containsEntry("topics", "Erster Abend, Zweiter Abend").containsEntry("attended", "2")
                .containsEntry("counted", "2").containsEntry("signatory.1.name", "Erika Muster")
                .containsEntry("qr", values.get("verifyUrl"));
        assertThat(values.get("verifyUrl")).isEqualTo("https://example.org/z?code=" + values.get("code"));
    }

    @Test
    void readmeNamesEveryPlaceholder() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String list = readme.substring(readme.indexOf("Placeholders: `{{"));
        list = list.substring(0, list.indexOf("\n\n"));
        for (String key : Placeholder.keys()) {
            assertThat(list).as(key).contains("`{{" + key + "}}`");
        }
    }

    @Test
    void templateWithUnknownPlaceholderIsStillRefused() throws Exception {
        Cli cli = course();
        Path unknown = template(cli, "unknown.json", "{{nickName}}");
        Path out = dir.resolve("out");
        CliResult r = cli.run("--lang=en", "certify", "issue", "ph-2018", "--output=" + out, "--template=" + unknown).expect(4);
        assertThat(r.err()).contains("unknown.json").contains("unknown placeholder {{nickName}} (known: "
                + String.join(", ", Placeholder.keys().stream().sorted().toList()) + ")");
        assertThat(out).doesNotExist();
    }
}
