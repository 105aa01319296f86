package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** {@code participant project add|list|remove}: what alumni go on to do, in show, export-data, erase and the audit trail. */
// alone, not in parallel with other classes: on PostgreSQL it checks that a vacuum left no trace in the
// database's files, and a connection starting meanwhile anywhere on the test server holds back what
// a vacuum may remove (seen: "Köhler" still in the files after an erase, with classes in parallel)
@Isolated
@EveryEngine
class ProjectCliTest {
    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir).clock(Cli.at(2018, 9, 1, 12, 0)).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
    }

    @Test
    void projectAddPrintsTheIdAndListShowsIt() {
        CliResult r = cli.run("participant", "project", "add", "kaethe.koehler@post.example", "--title=Repair-Café Ditzingen",
                "--since=15.09.2018", "--course=bm-2018", "--note=Gründungsmitglied").ok();
        assertThat(r.out().strip()).isEqualTo("1");
        cli.run("participant", "project", "add", "2", "--title=Computeria Hirschlanden").ok();

        JsonNode list = cli.run("participant", "project", "list", "--json").ok().json();
        assertThat(list).hasSize(2);
        JsonNode first = list.get(0);
        assertThat(first.get("id").asInt()).isEqualTo(1);
        long kaethe = cli.run("participant", "show", "kaethe.koehler@post.example", "--json").ok().json().get("id").asLong();
        assertThat(first.get("participantId").asLong()).isEqualTo(kaethe);
        assertThat(first.get("courseId").asText()).isEqualTo("bm-2018");
        assertThat(first.get("title").asText()).isEqualTo("Repair-Café Ditzingen");
        assertThat(first.get("since").asText()).isEqualTo("2018-09-15");
        assertThat(first.get("note").asText()).isEqualTo("Gründungsmitglied");
        assertThat(list.get(1).get("courseId").isNull()).isTrue();

        assertThat(cli.run("participant", "project", "list", "--course=bm-2018", "--json").ok().json()).hasSize(1);
        assertThat(cli.run("participant", "project", "list", "--csv").ok().lines().get(0))
                .isEqualTo("id,participantId,courseId,title,since,note");
        String table = cli.run("participant", "project", "list").ok().out();
        assertThat(table).contains("Repair-Café Ditzingen").contains("Computeria Hirschlanden");
        assertThat(table.lines().findFirst().orElseThrow()).contains("ID").contains("Person").contains("Title");
    }

    @Test
    void projectAddRefusesWhatItCannotTake() {
        assertThat(cli.run("participant", "project", "add", "1").expect(2).err()).contains("--title");
        assertThat(cli.run("participant", "project", "add", "1", "--title= ").expect(2).err()).contains("--title");
        cli.run("participant", "project", "add", "999", "--title=Garten").expect(3);
        cli.run("participant", "project", "add", "1", "--title=Garten", "--course=nope-2018").expect(3);
        assertThat(cli.run("participant", "project", "add", "1", "--title=Garten", "--since=31.02.2018").expect(2).err())
                .contains("--since");
        cli.run("participant", "project", "list", "--course=nope-2018").expect(3);
        assertThat(cli.run("participant", "project", "list", "--json").ok().json()).isEmpty();
    }

    @Test
    void projectRemoveDeletesOneAndAnUnknownIdIsNotFound() {
        cli.run("participant", "project", "add", "1", "--title=Repair-Café").ok();
        cli.run("participant", "project", "remove", "1").ok();
        assertThat(cli.run("participant", "project", "list", "--json").ok().json()).isEmpty();
        assertThat(cli.run("participant", "project", "remove", "1").expect(3).err()).contains("1");
        cli.run("participant", "project", "remove", "abc").expect(2);
    }

    @Test
    void projectsAppearInShowAndExportData() {
        cli.run("participant", "project", "add", "1", "--title=Bürgerstiftung Ditzingen", "--since=2018-10-01",
                "--course=bm-2018").ok();
        JsonNode show = cli.run("participant", "show", "1", "--json").ok().json();
        assertThat(show.get("projects")).hasSize(1);
        assertThat(show.get("projects").get(0).get("title").asText()).isEqualTo("Bürgerstiftung Ditzingen");
        assertThat(cli.run("participant", "show", "1").ok().out()).contains("Bürgerstiftung Ditzingen");
        assertThat(cli.run("--lang=de", "participant", "show", "1").ok().out()).contains("Projekt:");

        JsonNode data = cli.run("participant", "export-data", "1").ok().json();
        assertThat(data.get("projects")).hasSize(1);
        assertThat(data.get("projects").get(0).get("since").asText()).isEqualTo("2018-10-01");
        assertThat(data.get("auditTrail").toString()).contains("project.added");
    }

    @Test
    void projectAddAndRemoveAreInTheAuditTrailByIdOnly() {
        cli.run("participant", "project", "add", "1", "--title=Internationaler Garten", "--course=bm-2018",
                "--note=Ansprechpartnerin").ok();
        cli.run("participant", "project", "remove", "1").ok();
        JsonNode log = cli.run("db", "log", "--json").ok().json();
        assertThat(log.toString()).contains("project.added").contains("project.removed").contains("project 1")
                .doesNotContain("Internationaler Garten").doesNotContain("Ansprechpartnerin");
    }

    @Test
    void eraseKeepsTheProjectUnnamedAndLeavesNothingReadable() throws IOException {
        cli.run("participant", "project", "add", "kaethe.koehler@post.example", "--title=Repair-Café Ditzingen",
                "--course=bm-2018", "--note=Kontakt über Zebulon Quaxfeld").ok();
        String kaethe = cli.run("participant", "show", "kaethe.koehler@post.example", "--json").ok().json().get("id").asText();
        cli.run("participant", "erase", "kaethe.koehler@post.example", "--yes").ok();
        assertThat(cli.run("participant", "project", "add", kaethe, "--title=Chor").expect(5).err()).contains(kaethe);
        JsonNode list = cli.run("participant", "project", "list", "--json").ok().json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("title").asText()).isEqualTo("Repair-Café Ditzingen");
        assertThat(list.get(0).get("courseId").asText()).isEqualTo("bm-2018");
        assertThat(list.get(0).get("participantId").isNull()).isTrue();
        assertThat(list.get(0).get("note").isNull()).isTrue();
        assertThat(cli.run("participant", "export-data", kaethe).ok().json().get("projects")).isEmpty();
        StringBuilder bytes = new StringBuilder();
        if (Cli.onPostgres()) {     // the files of the database on the server
            bytes.append(org.coursekit.store.postgres.TestPostgres.get().databaseFilesText(cli.spec()));
        } else {
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().startsWith("test.db")).toList()) {
                    bytes.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(bytes.toString()).doesNotContain("Zebulon Quaxfeld").contains("Repair-Caf");
    }

    @Test
    void purgeKeepsTheProjectUnnamedToo() {
        cli.run("participant", "project", "add", "1", "--title=Computeria", "--note=Zebulon").ok();
        cli.clock(Cli.at(2025, 1, 1, 12, 0)).run("db", "purge", "--before=2020-01-01", "--yes").ok();
        JsonNode list = cli.run("participant", "project", "list", "--json").ok().json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("participantId").isNull()).isTrue();
        assertThat(list.get(0).get("note").isNull()).isTrue();
    }

    @Test
    void eraseAlsoUnnamesTheProjectInACopyMadeBeforeAMigration() throws IOException {
        Cli.sqliteOnly("the copies FILE.bak-vN made before a migration are SQLite's");
        cli.run("participant", "project", "add", "kaethe.koehler@post.example", "--title=Repair-Café Ditzingen",
                "--note=Kontakt über Zebulon Quaxfeld").ok();
        // a copy of this schema as a later migration would leave it next to the database
        cli.run("db", "backup", dir.resolve("copy.db").toString()).ok();
        Path backup = dir.resolve("test.db.bak-v" + org.coursekit.store.sqlite.SqliteStore.SCHEMA_VERSION);
        Files.move(dir.resolve("copy.db"), backup);
        assertThat(new String(Files.readAllBytes(backup), StandardCharsets.UTF_8)).contains("Zebulon Quaxfeld");
        cli.run("participant", "erase", "kaethe.koehler@post.example", "--yes").ok();
        String bytes = new String(Files.readAllBytes(backup), StandardCharsets.UTF_8);
        assertThat(bytes).doesNotContain("Zebulon Quaxfeld").contains("Repair-Caf");
    }
}
