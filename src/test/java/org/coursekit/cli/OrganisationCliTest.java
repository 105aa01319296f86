package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Organisations: {@code db org add|list}, a course's organisation, e-mail addresses unique per organisation. */
@EveryEngine
class OrganisationCliTest {
    @TempDir
    Path dir;

    private Cli twoTowns() {
        Cli cli = new Cli(dir).init();
        cli.run("db", "org", "add", "ditzingen", "--name=Stadt Ditzingen").ok();
        cli.run("db", "org", "add", "leonberg", "--name=Stadt Leonberg").ok();
        cli.run("course", "create", "di-2026", "--title=Kurs Ditzingen", "--organisation=ditzingen").ok();
        cli.run("course", "create", "le-2026", "--title=Kurs Leonberg", "--organisation=leonberg").ok();
        return cli;
    }

    @Test
    void organisationsAreAddedListedAndNamedByTheirCourses() {
        Cli cli = twoTowns();
        CliResult list = cli.run("db", "org", "list", "--json").ok();
        JsonNode orgs = list.json();
        assertThat(orgs).hasSize(3);
        assertThat(orgs.get(0).get("id").asText()).isEqualTo("default");
        assertThat(orgs.get(1).get("id").asText()).isEqualTo("ditzingen");
        assertThat(orgs.get(1).get("name").asText()).isEqualTo("Stadt Ditzingen");
        assertThat(orgs.get(1).get("courses").asInt()).isEqualTo(1);
        assertThat(cli.run("db", "org", "list").ok().out()).contains("leonberg", "Stadt Leonberg");

        JsonNode shown = cli.run("course", "show", "di-2026", "--json").ok().json();
        assertThat(shown.get("organisation").asText()).isEqualTo("ditzingen");
        assertThat(cli.run("course", "show", "le-2026").ok().out()).contains("leonberg");
        JsonNode courses = cli.run("course", "list", "--json").ok().json();
        assertThat(courses.findValuesAsText("organisation")).containsExactlyInAnyOrder("ditzingen", "leonberg");
        assertThat(cli.run("course", "list").ok().out()).contains("ditzingen");
    }

    @Test
    void aCourseWithoutOrganisationBelongsToTheDefaultOne() {
        Cli cli = new Cli(dir).withExampleCourse();
        assertThat(cli.run("course", "show", "bm-2018", "--json").ok().json().get("organisation").asText())
                .isEqualTo("default");
        // the course file of a course of the default organisation stays as it was
        assertThat(cli.run("course", "export", "bm-2018").ok().out()).doesNotContain("organisation");
    }

    @Test
    void aCourseOfAnUnknownOrganisationIsRefusedNamingItAndTheWayOut() throws Exception {
        Cli cli = new Cli(dir).init();
        CliResult r = cli.run("course", "create", "k-1", "--title=K", "--organisation=nirgendwo").expect(3);
        assertThat(r.err()).contains("nirgendwo", "db org add nirgendwo");
        Path file = dir.resolve("k.json");
        Files.writeString(file, "{\"id\": \"k-2\", \"title\": \"K\", \"organisation\": \"nirgendwo\"}");
        assertThat(cli.run("course", "create", "--from=" + file).expect(3).err()).contains("nirgendwo");
        assertThat(cli.run("course", "list", "--json").ok().json()).isEmpty();
        assertThat(cli.run("course", "create", "k-3", "--title=K", "--organisation=Not An Id").expect(2).err())
                .contains("--organisation");
    }

    @Test
    void aCourseFileNamesItsOrganisationAndItsExportKeepsIt() throws Exception {
        Cli cli = twoTowns();
        Path file = dir.resolve("k.json");
        Files.writeString(file, "{\"id\": \"k-2\", \"title\": \"K\", \"organisation\": \"leonberg\"}");
        cli.run("course", "create", "--from=" + file).ok();
        JsonNode exported = new CliResult(0, cli.run("course", "export", "k-2").ok().out(), "").json();
        assertThat(exported.get("organisation").asText()).isEqualTo("leonberg");
    }

    @Test
    void anOrganisationIsAddedOnceWithAValidIdAndAName() {
        Cli cli = twoTowns();
        assertThat(cli.run("db", "org", "add", "ditzingen", "--name=Nochmal").expect(5).err()).contains("ditzingen");
        assertThat(cli.run("db", "org", "add", "Ditzingen!", "--name=X").expect(2).err()).contains("Ditzingen!");
        assertThat(cli.run("db", "org", "add", "gerlingen").expect(2).err()).contains("--name");
        assertThat(cli.run("db", "org", "add", "gerlingen", "--name= ").expect(2).err()).contains("--name");
        assertThat(cli.run("db", "org", "list", "--json").ok().json()).hasSize(3);
    }

    @Test
    void theSameEmailMayBeInTwoOrganisationsButOnlyOnceInEach() {
        Cli cli = twoTowns();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=di-2026").ok();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=le-2026").ok();
        JsonNode di = cli.run("participant", "list", "--course=di-2026", "--json").ok().json();
        JsonNode le = cli.run("participant", "list", "--course=le-2026", "--json").ok().json();
        assertThat(di.size()).isEqualTo(le.size()).isGreaterThan(5);
        assertThat(di.get(0).get("email").asText()).isEqualTo(le.get(0).get("email").asText());
        assertThat(di.get(0).get("id").asLong()).isNotEqualTo(le.get(0).get("id").asLong());

        // within one organisation the address stays unique
        CliResult again = cli.run("participant", "add", "--first=A", "--last=B", "--course=di-2026",
                "--email=" + di.get(0).get("email").asText().toUpperCase()).expect(5);
        assertThat(again.err()).contains(di.get(0).get("id").asText());
        // an address of two people: the id says which one
        CliResult ambiguous = cli.run("participant", "show", di.get(0).get("email").asText()).expect(5);
        assertThat(ambiguous.err()).contains(di.get(0).get("id").asText(), le.get(0).get("id").asText());
        cli.run("participant", "show", di.get(0).get("id").asText()).ok();
    }

    @Test
    void aPersonEnrolledInACourseOfAnotherOrganisationMovesThereOnlyWhileInNoOtherCourse() {
        Cli cli = twoTowns();
        String id = cli.run("participant", "add", "--first=Eike", "--last=Bär", "--email=eike@example.org").ok().out().strip();
        assertThat(cli.run("participant", "show", id, "--json").ok().json().get("organisation").asText()).isEqualTo("default");
        cli.run("participant", "enrol", id, "--course=di-2026").ok();
        assertThat(cli.run("participant", "show", id, "--json").ok().json().get("organisation").asText()).isEqualTo("ditzingen");
        assertThat(cli.run("participant", "show", id).ok().out()).contains("ditzingen");
        // now a person of ditzingen: the same address can be added to leonberg's course as someone else
        cli.run("participant", "add", "--first=Eike", "--last=Bär", "--email=eike@example.org", "--course=le-2026").ok();
        CliResult r = cli.run("participant", "enrol", id, "--course=le-2026").expect(5);
        assertThat(r.err()).contains(id, "ditzingen", "leonberg");
    }

    @Test
    void aTownsOlderDatabaseMovesItsCoursesAndPeopleFromDefaultIntoItsOwnOrganisation() {
        Cli cli = new Cli(dir).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        cli.run("participant", "add", "--first=Eike", "--last=Bär", "--email=eike@example.org").ok();
        cli.run("db", "org", "add", "ditzingen", "--name=Stadt Ditzingen").ok();
        CliResult r = cli.run("db", "org", "move", "default", "--to=ditzingen").ok();
        assertThat(r.err()).contains("default", "ditzingen", "1");
        assertThat(cli.run("course", "show", "bm-2018", "--json").ok().json().get("organisation").asText()).isEqualTo("ditzingen");
        JsonNode orgs = cli.run("db", "org", "list", "--json").ok().json();
        assertThat(orgs.get(0).get("courses").asInt()).isZero();
        assertThat(orgs.get(0).get("participants").asInt()).isZero();
        assertThat(orgs.get(1).get("courses").asInt()).isEqualTo(1);
        // Eike, now of ditzingen, can be enrolled in its course
        cli.run("participant", "enrol", "eike@example.org", "--course=bm-2018").ok();

        assertThat(cli.run("db", "org", "move", "nirgendwo", "--to=ditzingen").expect(3).err()).contains("nirgendwo");
        assertThat(cli.run("db", "org", "move", "default", "--to=nirgendwo").expect(3).err()).contains("nirgendwo");
        assertThat(cli.run("db", "org", "move", "ditzingen", "--to=ditzingen").expect(2).err()).contains("--to");
    }

    @Test
    void movingAnOrganisationOntoOneWithTheSameEmailAddressIsRefusedAndMovesNothing() {
        Cli cli = twoTowns();
        cli.run("participant", "add", "--first=A", "--last=B", "--email=same@example.org", "--course=di-2026").ok();
        String other = cli.run("participant", "add", "--first=A", "--last=B", "--email=same@example.org", "--course=le-2026")
                .ok().out().strip();
        CliResult r = cli.run("db", "org", "move", "leonberg", "--to=ditzingen").expect(5);
        assertThat(r.err()).contains(other).doesNotContain("same@example.org");
        assertThat(cli.run("course", "show", "le-2026", "--json").ok().json().get("organisation").asText()).isEqualTo("leonberg");
    }
}
