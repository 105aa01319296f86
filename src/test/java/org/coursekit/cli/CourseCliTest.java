package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EveryEngine
class CourseCliTest {
    @TempDir
    Path dir;

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void createFromExampleAndShowJson() {
        Cli cli = new Cli(dir).init();
        CliResult r = cli.run("course", "create", "--from=" + Cli.COURSE_JSON).ok();
        assertThat(r.out()).isEqualTo("bm-2018\n");
        assertThat(r.err()).contains("created course bm-2018 with 12 sessions");

        r = cli.run("course", "show", "bm-2018", "--json").ok();
        assertThat(r.err()).isEmpty();
        JsonNode c = r.json();
        assertThat(fieldNames(c)).contains("id", "title", "organiser", "location", "language", "capacity", "minAttendance",
                "sessions");
        assertThat(c.get("id").asText()).isEqualTo("bm-2018");
        assertThat(c.get("title").asText()).isEqualTo("Bürgermentorenkurs Ditzingen 2018");
        assertThat(c.get("organiser").asText()).startsWith("Stadt Ditzingen");
        assertThat(c.get("location").asText()).startsWith("Treffpunkt Adler am Laien");
        assertThat(c.get("language").asText()).isEqualTo("de");
        assertThat(c.get("capacity").asInt()).isEqualTo(20);
        assertThat(c.get("capacity").isInt()).isTrue();
        assertThat(c.get("minAttendance").asText()).isEqualTo("80%");
        JsonNode sessions = c.get("sessions");
        assertThat(sessions).hasSize(12);
        JsonNode first = sessions.get(0);
        assertThat(fieldNames(first)).contains("number", "date", "start", "end", "title", "kind", "counts", "required",
                "cancelled", "location");
        assertThat(first.get("number").asInt()).isEqualTo(1);
        assertThat(first.get("date").asText()).isEqualTo("2018-02-20");
        assertThat(first.get("start").asText()).isEqualTo("19:30");
        assertThat(first.get("end").asText()).isEqualTo("21:00");
        assertThat(first.get("title").asText()).isEqualTo("Informationsveranstaltung");
        assertThat(first.get("kind").asText()).isEqualTo("info");
        assertThat(first.get("counts").isBoolean()).isTrue();
        assertThat(first.get("counts").asBoolean()).isFalse();
        assertThat(first.get("required").asBoolean()).isFalse();
        assertThat(first.get("cancelled").asBoolean()).isFalse();
        assertThat(first.get("location").asText()).startsWith("Treffpunkt Adler am Laien");
        assertThat(sessions.get(3).get("location").asText()).startsWith("Treffpunkt Rathausplatz");
        assertThat(sessions.get(8).get("required").asBoolean()).isTrue();
        assertThat(sessions.get(11).get("kind").asText()).isEqualTo("followup");
        for (int i = 0; i < 12; i++) {
            assertThat(sessions.get(i).get("number").asInt()).isEqualTo(i + 1);
            assertThat(sessions.get(i).get("date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(sessions.get(i).get("start").asText()).matches("\\d{2}:\\d{2}");
        }
    }

    @Test
    void showTable() {
        Cli cli = new Cli(dir).withExampleCourse();
        CliResult r = cli.run("course", "show", "bm-2018").ok();
        assertThat(r.out()).contains("bm-2018", "Bürgermentorenkurs Ditzingen 2018", "Ideenwerkstatt", "2018-04-14",
                "80%", "8 of 10");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void duplicateCourseIsConflict() {
        Cli cli = new Cli(dir).withExampleCourse();
        CliResult r = cli.run("course", "create", "--from=" + Cli.COURSE_JSON).expect(5);
        assertThat(r.err()).contains("bm-2018").contains("exists already");
        assertThat(r.out()).isEmpty();
        cli.run("course", "create", "bm-2018", "--title=Nochmal").expect(5);
        assertThat(cli.run("course", "list", "--json").ok().json()).hasSize(1);
    }

    @Test
    void badCourseFileCreatesNothing() throws Exception {
        Cli cli = new Cli(dir).init();
        String text = Files.readString(Cli.COURSE_JSON).replace("\"2018-03-13\"", "\"2018-02-30\"");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, text);
        CliResult r = cli.run("course", "create", "--from=" + bad).expect(4);
        assertThat(r.err()).contains(bad + ": sessions[4].date: \"2018-02-30\" is not a valid date");
        assertThat(r.out()).isEmpty();
        assertThat(cli.run("course", "list", "--json").ok().json()).isEmpty();
        assertThat(cli.run("course", "show", "bm-2018").expect(3).err()).contains("bm-2018");
    }

    @Test
    void malformedJsonNamesLine() throws Exception {
        Cli cli = new Cli(dir).init();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\n \"id\": \"x-1\",\n \"title\": \"T\",,\n}\n");
        assertThat(cli.run("course", "create", "--from=" + bad).expect(4).err()).contains(bad + ":3:");
    }

    @Test
    void missingCourseFileIsNotFound() {
        Cli cli = new Cli(dir).init();
        CliResult r = cli.run("course", "create", "--from=" + dir.resolve("none.json")).expect(3);
        assertThat(r.err()).contains("none.json");
    }

    @Test
    void createByOptions() {
        Cli cli = new Cli(dir).init();
        CliResult r = cli.run("course", "create", "ek-2026", "--title=Erste Hilfe", "--capacity=12",
                "--min-attendance=100%", "--language=en", "--location=Rathaus").ok();
        assertThat(r.out()).isEqualTo("ek-2026\n");
        JsonNode c = cli.run("course", "show", "ek-2026", "--json").ok().json();
        assertThat(c.get("title").asText()).isEqualTo("Erste Hilfe");
        assertThat(c.get("capacity").asInt()).isEqualTo(12);
        assertThat(c.get("minAttendance").asText()).isEqualTo("100%");
        assertThat(c.get("language").asText()).isEqualTo("en");
        assertThat(c.get("location").asText()).isEqualTo("Rathaus");
        assertThat(c.get("sessions")).isEmpty();
    }

    @Test
    void createByOptionsValidates() {
        Cli cli = new Cli(dir).init();
        assertThat(cli.run("course", "create", "Erste Hilfe", "--title=x").expect(2).err()).contains("Erste Hilfe");
        assertThat(cli.run("course", "create", "ek-2026").expect(2).err()).contains("--title");
        assertThat(cli.run("course", "create", "ek-2026", "--title=x", "--capacity=0").expect(2).err()).contains("--capacity");
        assertThat(cli.run("course", "create", "ek-2026", "--title=x", "--capacity=zwölf").expect(2).err()).contains("--capacity");
        assertThat(cli.run("course", "create", "ek-2026", "--title=x", "--min-attendance=viel").expect(2).err())
                .contains("--min-attendance");
        assertThat(cli.run("course", "create", "ek-2026", "--title=x", "--language=fr").expect(2).err()).contains("--language");
        assertThat(cli.run("course", "create", "ek-2026", "--from=" + Cli.COURSE_JSON).expect(2).err()).contains("--from");
        assertThat(cli.run("course", "list", "--json").ok().json()).isEmpty();
    }

    @Test
    void listAsTableJsonAndCsv() {
        Cli cli = new Cli(dir).withExampleCourse();
        cli.run("course", "create", "ek-2026", "--title=Erste Hilfe").ok();
        CliResult table = cli.run("course", "list").ok();
        assertThat(table.err()).isEmpty();
        assertThat(table.out()).contains("bm-2018", "Bürgermentorenkurs Ditzingen 2018", "2018-02-20", "2018-06-19", "ek-2026");

        JsonNode json = cli.run("course", "list", "--json").ok().json();
        assertThat(json).hasSize(2);
        JsonNode bm = json.get(0).get("id").asText().equals("bm-2018") ? json.get(0) : json.get(1);
        assertThat(bm.get("title").asText()).isEqualTo("Bürgermentorenkurs Ditzingen 2018");
        assertThat(bm.get("firstDate").asText()).isEqualTo("2018-02-20");
        assertThat(bm.get("lastDate").asText()).isEqualTo("2018-06-19");
        assertThat(bm.get("sessions").asInt()).isEqualTo(12);
        assertThat(bm.get("capacity").asInt()).isEqualTo(20);

        CliResult csv = cli.run("course", "list", "--csv").ok();
        assertThat(csv.lines().get(0)).isEqualTo("id,title,firstDate,lastDate,sessions,enrolled,capacity,language,organisation");
        assertThat(csv.out()).contains("bm-2018,Bürgermentorenkurs Ditzingen 2018,2018-02-20,2018-06-19,12,0,20,de,default");
        assertThat(csv.lines()).hasSize(3);
    }

    @Test
    void edit() {
        Cli cli = new Cli(dir).withExampleCourse();
        CliResult r = cli.run("course", "edit", "bm-2018", "--capacity=24", "--min-attendance=8", "--title=Neuer Titel").ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("bm-2018");
        JsonNode c = cli.run("course", "show", "bm-2018", "--json").ok().json();
        assertThat(c.get("capacity").asInt()).isEqualTo(24);
        assertThat(c.get("minAttendance").asText()).isEqualTo("8");
        assertThat(c.get("title").asText()).isEqualTo("Neuer Titel");
        assertThat(c.get("organiser").asText()).startsWith("Stadt Ditzingen");
        assertThat(c.get("sessions")).hasSize(12);

        assertThat(cli.run("course", "edit", "bm-2018").expect(2).err()).contains("nothing to change");
        assertThat(cli.run("course", "edit", "nope-2018", "--capacity=3").expect(3).err()).contains("nope-2018");
        assertThat(cli.run("course", "edit", "bm-2018", "--capacity=-3").expect(2).err()).contains("--capacity");
    }

    @Test
    void delete() {
        Cli cli = new Cli(dir).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        CliResult r = cli.run("course", "delete", "bm-2018").ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("deleted course bm-2018");
        assertThat(cli.run("course", "list", "--json").ok().json()).isEmpty();
        // participants stay
        assertThat(cli.run("participant", "list", "--json").ok().json()).hasSize(16);
        r = cli.run("course", "delete", "bm-2018").expect(3);
        assertThat(r.err()).contains("bm-2018");
    }

    @Test
    void exportRoundTripsIntoAnotherDatabase() throws Exception {
        Cli one = new Cli(dir, "one.db").withExampleCourse();
        one.run("course", "session", "add", "bm-2018", "--date=2018-05-08", "--start=18:30", "--end=21:30",
                "--title=Zusatztermin", "--location=Stadtbibliothek").ok();
        one.run("course", "session", "cancel", "bm-2018", "5").ok();
        one.run("course", "session", "remove", "bm-2018", "6").ok();
        CliResult export = one.run("course", "export", "bm-2018").ok();
        assertThat(export.err()).isEmpty();
        assertThat(export.json().get("id").asText()).isEqualTo("bm-2018");
        Path file = dir.resolve("export.json");
        Files.writeString(file, export.out());

        Cli two = new Cli(dir, "two.db").init();
        two.run("course", "create", "--from=" + file).ok();
        String shownOne = one.run("course", "show", "bm-2018", "--json").ok().out();
        String shownTwo = two.run("course", "show", "bm-2018", "--json").ok().out();
        assertThat(shownTwo).isEqualTo(shownOne);
        // and exporting again gives the same file
        assertThat(two.run("course", "export", "bm-2018").ok().out()).isEqualTo(export.out());
        // numbers are kept, so a session added later does not reuse the removed number 6
        assertThat(two.run("course", "session", "add", "bm-2018", "--date=2018-07-01", "--start=10:00", "--end=11:00",
                "--title=Neu").ok().out().strip()).isNotEqualTo("6");
    }

    @Test
    void exportToFile() throws Exception {
        Cli cli = new Cli(dir).withExampleCourse();
        Path file = dir.resolve("out.json");
        CliResult r = cli.run("course", "export", "bm-2018", "--output=" + file).ok();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(cli.run("course", "export", "bm-2018").ok().out());
        assertThat(cli.run("course", "export", "nope-2018").expect(3).err()).contains("nope-2018");
    }

    static final String EIGHTY_SESSIONS = "warning: the certificate needs 80 sessions, but course bm-2018 has only 10 counted"
            + " sessions; did you mean --min-attendance=80%?";

    @Test
    void minAttendanceOfMoreSessionsThanCountedWarnsAtEditAndShowAndSuggestsAPercentage() {
        Cli cli = new Cli(dir).withExampleCourse();
        CliResult r = cli.run("course", "edit", "bm-2018", "--min-attendance=80", "--lang=en").ok();
        assertThat(r.err()).contains(EIGHTY_SESSIONS);
        r = cli.run("course", "show", "bm-2018", "--lang=en").ok();
        assertThat(r.err()).contains(EIGHTY_SESSIONS);
        assertThat(r.out()).doesNotContain("warning");
        r = cli.run("course", "show", "bm-2018", "--lang=de").ok();
        assertThat(r.err()).contains("Warnung: das Zertifikat verlangt 80 Termine, aber Kurs bm-2018 hat nur 10 gezählte"
                + " Termine; war --min-attendance=80% gemeint?");
        r = cli.run("course", "edit", "bm-2018", "--min-attendance=8", "--lang=en").ok();
        assertThat(r.err()).doesNotContain("warning");
        assertThat(cli.run("course", "show", "bm-2018", "--lang=en").ok().err()).doesNotContain("warning");
    }

    @Test
    void minAttendanceOfMoreSessionsThanCountedWarnsAtCreate() throws Exception {
        Cli cli = new Cli(dir).init();
        String json = java.nio.file.Files.readString(Cli.COURSE_JSON).replace("\"minAttendance\": \"80%\"", "\"minAttendance\": 80");
        java.nio.file.Path file = dir.resolve("course.json");
        java.nio.file.Files.writeString(file, json);
        CliResult r = cli.run("course", "create", "--from=" + file, "--lang=en").ok();
        assertThat(r.err()).contains("warning: the certificate needs 80 sessions, but course bm-2018 has only 10 counted"
                + " sessions; did you mean \"minAttendance\": \"80%\"?");
        r = cli.run("course", "create", "eh-2026", "--title=Erste Hilfe", "--min-attendance=3", "--lang=en").ok();
        assertThat(r.err()).contains("warning: the certificate needs 3 sessions, but course eh-2026 has no counted sessions;"
                + " did you mean --min-attendance=3%?");
        r = cli.run("course", "create", "eh-2027", "--title=Erste Hilfe", "--min-attendance=100%", "--lang=en").ok();
        assertThat(r.err()).doesNotContain("warning");
    }
}
