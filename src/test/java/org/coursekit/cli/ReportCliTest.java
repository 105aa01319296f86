package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export report}: the programme report's numbers against a course whose figures are worked
 * out by hand below (a cancelled session, a withdrawal, a late enrolment, an excused absence, a
 * revoked certificate, a follow-up meeting with alumni), small numbers shown as "<3", CSV as German
 * Excel reads it, and the PDF read back.
 */
@EveryEngine
class ReportCliTest {
    @TempDir
    Path dir;
    Cli cli;

    /*
     * Course hb-2019, first session 5 March 2019; the report is made on 31 December 2019.
     *   1  2019-03-05 info      (not counted)      held
     *   2  2019-03-12 module                       held
     *   3  2019-03-19 module    cancelled
     *   4  2019-03-26 module                       held
     *   5  2019-04-02 module                       held
     *   6  2019-06-04 followup  (not counted)      held
     *   7  2020-01-14 module                       not yet held
     * People (form, born -> age on 5 March 2019):
     *   A f 1990-05-01 (28, under30)  s2 present, s4 present, s5 present   certified
     *   B m 1970-01-01 (49, 30to49)   s2 present, s4 late,    s5 excused   certified
     *   C x 1955-06-01 (63, 50to64)   s2 absent,  s4 present, s5 absent    not eligible
     *   D - 1950-01-01 (69, 65plus)   s2 present, then withdrawn
     *   E f no birth date (unknown)   enrolled since 2019-03-26: s4 present, s5 present   certified
     *   F m 1980-03-05 (39, 30to49)   s2, s4, s5 present                   certificate revoked
     *   follow-up s6: A, B, C, F present; E absent -> certified alumni there: A, B = 2
     * sessionsHeld 5 (1, 2, 4, 5, 6), sessionsCancelled 1; enrolled 6, withdrawn 1, certified 3 (A, B, E),
     * certificationRate 3/6 = 0.5;
     * attendanceBySession: s2 expected A B C F = 4, attended A B F = 3; s4 expected A B C E F = 5, attended 5;
     * s5 expected 5, attended A E F = 3; meanAttendanceRate 11/14 = 0.786.
     * byForm f 2 (A, E), m 2 (B, F), x 1 (C), unknown 1 (D);
     * byAgeGroup under30 1, 30to49 2, 50to64 1, 65plus 1, unknown 1.
     * Projects: "Repair-Café" (A and B: 2 people), "Internationaler Garten" (E: 1); A's project without
     * a course is in no course's report.
     */
    @BeforeEach
    void setUp() {
        // every test's database is a copy of one made once
        cli = new Cli(dir).clock(Cli.at(2019, 12, 31, 12, 0)).copyOf("report", ReportCliTest::handComputedCourse);
    }

    private static void handComputedCourse(Cli cli) {
        cli.withExampleCourse();
        Path course = cli.dir().resolve("hb-2019.json");
        writeString(course, """
                {"id": "hb-2019", "title": "Bürgermentorenkurs Handrechnung 2019", "organiser": "Stadt Handrechnung",
                 "language": "de", "certificate": {"title": "Zertifikat", "minAttendance": 2, "serialPrefix": "HB-2019"},
                 "sessions": [
                  {"date": "2019-03-05", "start": "19:00", "end": "21:00", "title": "Info", "kind": "info"},
                  {"date": "2019-03-12", "start": "19:00", "end": "21:00", "title": "Modul 1"},
                  {"date": "2019-03-19", "start": "19:00", "end": "21:00", "title": "Modul 2"},
                  {"date": "2019-03-26", "start": "19:00", "end": "21:00", "title": "Modul 3"},
                  {"date": "2019-04-02", "start": "19:00", "end": "21:00", "title": "Modul 4"},
                  {"date": "2019-06-04", "start": "19:00", "end": "21:00", "title": "Nachtreffen", "kind": "followup"},
                  {"date": "2020-01-14", "start": "19:00", "end": "21:00", "title": "Modul 5"}]}
                """);
        cli.run("course", "create", "--from=" + course).ok();
        cli.run("course", "session", "cancel", "hb-2019", "3").ok();
        add(cli, "A", "f", "1990-05-01");
        add(cli, "B", "m", "1970-01-01");
        add(cli, "C", "x", "1955-06-01");
        add(cli, "D", null, "1950-01-01");
        cli.run("participant", "add", "--first=E", "--last=Mustermensch", "--email=e@hb.example", "--form=f").ok();
        cli.run("participant", "enrol", "e@hb.example", "--course=hb-2019", "--since=2019-03-26").ok();
        add(cli, "F", "m", "1980-03-05");
        cli.run("attend", "record", "hb-2019", "--session=2", "--present=a@hb.example,b@hb.example,d@hb.example,f@hb.example",
                "--absent=c@hb.example").ok();
        cli.run("participant", "withdraw", "d@hb.example", "--course=hb-2019", "--reason=Umzug").ok();
        cli.run("attend", "record", "hb-2019", "--session=4", "--all-present", "--late=b@hb.example").ok();
        cli.run("attend", "record", "hb-2019", "--session=5", "--all-present", "--excused=b@hb.example",
                "--absent=c@hb.example").ok();
        cli.run("certify", "issue", "hb-2019", "--output=" + cli.dir().resolve("certs")).ok();
        cli.run("attend", "record", "hb-2019", "--session=6", "--present=a@hb.example,b@hb.example,c@hb.example,f@hb.example",
                "--absent=e@hb.example").ok();
        String serialOfF = null;
        for (JsonNode c : cli.run("certify", "list", "hb-2019", "--json").ok().json()) {
            if (c.get("fullName").asText().startsWith("F ")) {
                serialOfF = c.get("serial").asText();
            }
        }
        cli.run("certify", "revoke", serialOfF, "--reason=issued by mistake").ok();
        cli.run("participant", "project", "add", "a@hb.example", "--title=Repair-Café", "--course=hb-2019", "--since=2019-09-01").ok();
        cli.run("participant", "project", "add", "b@hb.example", "--title=Repair-Café", "--course=hb-2019", "--since=2019-09-01").ok();
        cli.run("participant", "project", "add", "e@hb.example", "--title=Internationaler Garten", "--course=hb-2019").ok();
        cli.run("participant", "project", "add", "a@hb.example", "--title=Chor").ok();
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void add(Cli cli, String first, String form, String born) {
        String email = first.toLowerCase() + "@hb.example";
        List<String> args = new ArrayList<>(List.of("participant", "add", "--first=" + first, "--last=Mustermensch",
                "--email=" + email, "--birth-date=" + born, "--course=hb-2019"));
        if (form != null) {
            args.add("--form=" + form);
        }
        cli.run(args.toArray(String[]::new)).ok();
    }

    private JsonNode course(JsonNode report, String id) {
        for (JsonNode c : report.get("courses")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no course " + id + " in " + report);
    }

    @Test
    void reportFiguresOfAHandComputedCourseWithExact() {
        JsonNode report = cli.run("export", "report", "--course=hb-2019", "--format=json", "--exact").ok().json();
        assertThat(report.get("courses")).hasSize(1);
        JsonNode c = course(report, "hb-2019");
        assertThat(c.get("title").asText()).isEqualTo("Bürgermentorenkurs Handrechnung 2019");
        assertThat(c.get("organisation").asText()).isEqualTo("default");
        assertThat(c.get("year").asInt()).isEqualTo(2019);
        assertThat(c.get("sessionsHeld").asInt()).isEqualTo(5);
        assertThat(c.get("sessionsCancelled").asInt()).isEqualTo(1);
        assertThat(c.get("enrolled").asInt()).isEqualTo(6);
        assertThat(c.get("withdrawn").asInt()).isEqualTo(1);
        assertThat(c.get("certified").asInt()).isEqualTo(3);
        assertThat(c.get("certificationRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(c.get("meanAttendanceRate").decimalValue()).isEqualByComparingTo("0.786");
        JsonNode bySession = c.get("attendanceBySession");
        assertThat(bySession).hasSize(3);
        assertThat(bySession).extracting(s -> s.get("session").asInt()).containsExactly(2, 4, 5);
        assertThat(bySession.get(0).get("date").asText()).isEqualTo("2019-03-12");
        assertThat(bySession).extracting(s -> s.get("attended").asInt()).containsExactly(3, 5, 3);
        assertThat(bySession).extracting(s -> s.get("expected").asInt()).containsExactly(4, 5, 5);
        assertThat(c.get("followupAttendance").asInt()).isEqualTo(2);
        assertThat(c.get("byForm").toString()).isEqualTo("{\"f\":2,\"m\":2,\"x\":1,\"unknown\":1}");
        assertThat(c.get("byAgeGroup").toString())
                .isEqualTo("{\"under30\":1,\"30to49\":2,\"50to64\":1,\"65plus\":1,\"unknown\":1}");
        JsonNode projects = c.get("projects");
        assertThat(projects).extracting(p -> p.get("title").asText()).containsExactly("Internationaler Garten", "Repair-Café");
        assertThat(projects).extracting(p -> p.get("people").asInt()).containsExactly(1, 2);
        assertThat(projects.toString()).doesNotContain("Mustermensch").doesNotContain("hb.example");

        JsonNode totals = report.get("totals");
        assertThat(totals.get("courses").asInt()).isEqualTo(1);
        assertThat(totals.get("enrolled").asInt()).isEqualTo(6);
        assertThat(totals.get("certified").asInt()).isEqualTo(3);
        assertThat(totals.get("meanAttendanceRate").decimalValue()).isEqualByComparingTo("0.786");
        assertThat(totals.get("byForm").get("x").asInt()).isEqualTo(1);
    }

    @Test
    void reportOrgTakesOnlyThatOrganisationsCoursesAndAnUnknownOneIsNotFound() {
        cli.run("db", "org", "add", "leonberg", "--name=Stadt Leonberg").ok();
        cli.run("course", "create", "le-2019", "--title=Kurs Leonberg", "--organisation=leonberg").ok();
        JsonNode leonberg = cli.run("export", "report", "--org=leonberg", "--format=json").ok().json();
        assertThat(leonberg.get("courses").findValuesAsText("id")).containsExactly("le-2019");
        assertThat(leonberg.get("courses").get(0).get("organisation").asText()).isEqualTo("leonberg");
        JsonNode others = cli.run("export", "report", "--org=default", "--format=json").ok().json();
        assertThat(others.get("courses").findValuesAsText("id")).contains("hb-2019").doesNotContain("le-2019");
        CliResult r = cli.run("export", "report", "--org=nirgendwo", "--format=json").expect(3);
        assertThat(r.err()).contains("nirgendwo").contains("db org add");
    }

    @Test
    void reportJsonWithoutExactShowsGroupsOfOneOrTwoAsLessThanThree() {
        JsonNode c = course(cli.run("export", "report", "--course=hb-2019", "--format=json").ok().json(), "hb-2019");
        assertThat(c.get("enrolled").asInt()).isEqualTo(6);
        assertThat(c.get("withdrawn").asText()).isEqualTo("<3");
        assertThat(c.get("certified").asInt()).isEqualTo(3);
        assertThat(c.get("followupAttendance").asText()).isEqualTo("<3");
        assertThat(c.get("byForm").toString()).isEqualTo("{\"f\":\"<3\",\"m\":\"<3\",\"x\":\"<3\",\"unknown\":\"<3\"}");
        assertThat(c.get("attendanceBySession").get(1).get("attended").asInt()).isEqualTo(5);
        assertThat(c.get("projects").get(1).get("people").asText()).isEqualTo("<3");
        assertThat(c.get("sessionsHeld").asInt()).isEqualTo(5);   // sessions are not people
    }

    @Test
    void reportRateMadeOfASmallGroupIsHiddenUnlessExact() {
        String serialOfA = null;
        for (JsonNode c : cli.run("certify", "list", "hb-2019", "--json").ok().json()) {
            if (c.get("fullName").asText().startsWith("A ")) {
                serialOfA = c.get("serial").asText();
            }
        }
        cli.run("certify", "revoke", serialOfA, "--reason=test").ok();     // certified: B and E
        JsonNode c = course(cli.run("export", "report", "--course=hb-2019", "--format=json").ok().json(), "hb-2019");
        assertThat(c.get("certified").asText()).isEqualTo("<3");
        assertThat(c.get("certificationRate").isNull()).isTrue();
        JsonNode exact = course(cli.run("export", "report", "--course=hb-2019", "--format=json", "--exact").ok().json(), "hb-2019");
        assertThat(exact.get("certified").asInt()).isEqualTo(2);
        assertThat(exact.get("certificationRate").decimalValue()).isEqualByComparingTo("0.333");
        String csv = cli.run("export", "report", "--course=hb-2019", "--format=csv").ok().lines().get(1);
        assertThat(csv).contains(",<3,,0.786,");     // certified <3, certificationRate empty, meanAttendanceRate
    }

    @Test
    void reportTotalsSumTheCoursesAndYearAndCourseFilter() {
        JsonNode all = cli.run("export", "report", "--format=json", "--exact").ok().json();
        assertThat(all.get("courses")).extracting(c -> c.get("id").asText()).containsExactly("bm-2018", "hb-2019");
        JsonNode bm = course(all, "bm-2018");
        assertThat(bm.get("year").asInt()).isEqualTo(2018);
        assertThat(bm.get("enrolled").asInt()).isZero();
        assertThat(bm.get("certificationRate").isNull()).isTrue();     // nobody to divide by
        assertThat(all.get("totals").get("courses").asInt()).isEqualTo(2);
        assertThat(all.get("totals").get("sessionsHeld").asInt())
                .isEqualTo(bm.get("sessionsHeld").asInt() + 5);
        assertThat(all.get("totals").get("enrolled").asInt()).isEqualTo(6);

        JsonNode y2019 = cli.run("export", "report", "--year=2019", "--format=json").ok().json();
        assertThat(y2019.get("courses")).extracting(c -> c.get("id").asText()).containsExactly("hb-2019");
        JsonNode two = cli.run("export", "report", "--course=bm-2018", "--course=hb-2019", "--format=json").ok().json();
        assertThat(two.get("courses")).hasSize(2);
        cli.run("export", "report", "--course=nope-2019", "--format=json").expect(3);
        assertThat(cli.run("export", "report", "--year=19", "--format=json").expect(2).err()).contains("--year");
    }

    @Test
    void reportOptionsThatDoNotGoTogetherAreUsageErrors() {
        assertThat(cli.run("export", "report", "--format=csv", "--exact").expect(2).err()).contains("--exact");
        assertThat(cli.run("export", "report", "--format=pdf").expect(2).err()).contains("--output");
        assertThat(cli.run("export", "report", "--format=json", "--excel").expect(2).err()).contains("--excel");
        assertThat(cli.run("export", "report").expect(2).err()).contains("--format");
    }

    @Test
    void reportCsvOneRowPerCourseAndATotalAsGermanExcelReadsIt() throws IOException {
        Path file = dir.resolve("bericht.csv");
        cli.run("export", "report", "--format=csv", "--excel", "--output=" + file).ok();
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0] & 0xff).isEqualTo(0xEF);     // UTF-8 BOM
        String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
        assertThat(text).contains("\r\n");
        List<CSVRecord> rows;
        try (CSVParser p = CSVParser.parse(text, CSVFormat.EXCEL.builder().setDelimiter(';').setHeader()
                .setSkipHeaderRecord(true).get())) {
            rows = p.getRecords();
        }
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(r -> r.get("row")).containsExactly("course", "course", "total");
        CSVRecord hb = rows.get(1);
        assertThat(hb.get("id")).isEqualTo("hb-2019");
        assertThat(hb.get("title")).isEqualTo("Bürgermentorenkurs Handrechnung 2019");
        assertThat(hb.get("enrolled")).isEqualTo("6");
        assertThat(hb.get("withdrawn")).isEqualTo("<3");
        assertThat(hb.get("byForm.f")).isEqualTo("<3");
        assertThat(hb.get("certificationRate")).isEqualTo("0,500");      // a decimal comma: German Excel reads a number
        assertThat(hb.get("meanAttendanceRate")).isEqualTo("0,786");
        assertThat(hb.get("projects")).isEqualTo("2");
        assertThat(rows.get(2).get("enrolled")).isEqualTo("6");

        String plain = cli.run("export", "report", "--course=hb-2019", "--format=csv").ok().out();
        assertThat(plain.lines().toList().get(0)).startsWith("row,id,title,organisation,year,sessionsHeld,sessionsCancelled,"
                + "enrolled,withdrawn,certified,certificationRate,meanAttendanceRate");
        assertThat(plain).contains(",0.786,");
    }

    @Test
    void reportPdfForTheFunderReadBack() {
        Path pdf = dir.resolve("bericht.pdf");
        CliResult r = cli.run("export", "report", "--course=hb-2019", "--format=pdf", "--output=" + pdf).ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(pdf.toString());
        if (System.getProperty("report.keep") != null) {
            try {
                Files.copy(pdf, Path.of(System.getProperty("report.keep")), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        List<String> pages = Pdfs.pageTexts(pdf);
        assertThat(pages).hasSize(2);       // the title page with the totals, one page for the course
        assertThat(pages.get(0)).contains("Programmbericht").contains("Stadt Handrechnung").contains("2019")
                .contains("Teilnehmende");
        assertThat(pages.get(1)).contains("Bürgermentorenkurs Handrechnung 2019").contains("<3")
                .contains("Anwesenheit je Termin").contains("Repair-Café").contains("78,6");
        assertThat(String.join("", pages)).doesNotContain("hb.example").doesNotContain("Mustermensch");
        assertThat(Pdfs.fonts(pdf)).isNotEmpty().allSatisfy((name, embedded) -> assertThat(embedded).as(name).isTrue());
        PdfGraphics.Counts drawn = PdfGraphics.count(pdf, 1);
        assertThat(drawn.images()).isZero();
        assertThat(drawn.paths()).isGreaterThan(30);     // bars, axes, gridlines: vector paths
    }

    @Test
    void reportPdfInEnglishWithLang() {
        Path pdf = dir.resolve("report.pdf");
        cli.run("--lang=en", "export", "report", "--year=2019", "--format=pdf", "--output=" + pdf).ok();
        assertThat(Pdfs.text(pdf)).contains("Programme report").contains("Attendance per session").contains("78.6");
    }
}
