package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attend report} and {@code certify check}: table, JSON (README, section "Output", JSON fields), CSV, --as-of, --strict. */
@EveryEngine
class ReportCheckCliTest {
    static final List<String> FIELDS = List.of("participantId", "email", "firstName", "lastName", "attended", "held",
            "planned", "percent", "missedRequired", "status", "reasons");

    @TempDir
    Path dir;

    /** The example course, its 20 participants and the attendance of sessions 2-6 (attendance.csv). */
    private Cli midCourse() {
        Cli cli = new Cli(dir).withExampleCourse().clock(Cli.at(2018, 3, 21, 12, 0));
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        cli.run("participant", "import", Cli.PARTICIPANTS_UNICODE_CSV.toString(), "--course=bm-2018").ok();
        cli.run("attend", "import", AttendCliTest.ATTENDANCE_CSV.toString(), "--course=bm-2018").ok();
        return cli;
    }

    /** As in run.sh: sessions 7-11 recorded by hand, the clock after the course. */
    private Cli wholeCourse() {
        Cli cli = midCourse();
        cli.run("attend", "record", "bm-2018", "--session=27.03.2018", "--all-present", "--absent=ayse.yilmaz@mail.example").ok();
        cli.run("attend", "record", "bm-2018", "--session=2018-04-10", "--all-present",
                "--excused=ayse.yilmaz@mail.example,olga.iwanowa@post.example").ok();
        cli.run("attend", "record", "bm-2018", "--session=14.04.2018", "--all-present", "--absent=d.georgiou@mail.example").ok();
        cli.run("attend", "record", "bm-2018", "--session=10", "--all-present", "--absent=bohdan.schewtschenko@web.example").ok();
        cli.run("attend", "record", "bm-2018", "--session=11", "--all-present").ok();
        return cli.clock(Cli.at(2018, 5, 1, 12, 0));
    }

    static JsonNode byId(JsonNode list, long id) {
        for (JsonNode n : list) {
            if (n.get("participantId").asLong() == id) {
                return n;
            }
        }
        throw new AssertionError("no participant " + id + " in " + list);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void reportJsonMidCourse() {
        Cli cli = midCourse();
        CliResult r = cli.run("attend", "report", "bm-2018", "--json").ok();
        assertThat(r.err()).isEmpty();
        JsonNode list = r.json();
        assertThat(list).hasSize(20);
        for (JsonNode n : list) {
            assertThat(fieldNames(n)).containsAll(FIELDS);
        }
        JsonNode rosi = byId(list, 16);
        assertThat(rosi.get("email").asText()).isEqualTo("rosemarie.baeuerle@post.example");
        assertThat(rosi.get("firstName").asText()).isEqualTo("Rosemarie");
        assertThat(rosi.get("lastName").asText()).isEqualTo("Bäuerle");
        assertThat(rosi.get("attended").asInt()).isEqualTo(4);
        assertThat(rosi.get("held").asInt()).isEqualTo(5);
        assertThat(rosi.get("planned").asInt()).isEqualTo(5);
        assertThat(rosi.get("percent").asInt()).isEqualTo(80);
        assertThat(rosi.get("missedRequired").isArray()).isTrue();
        assertThat(rosi.get("missedRequired")).isEmpty();
        assertThat(rosi.get("status").asText()).isEqualTo("on-track");
        assertThat(rosi.get("reasons").isArray()).isTrue();
        assertThat(rosi.get("reasons").get(0).asText()).contains("needs 8 of 10");
        assertThat(byId(list, 9).get("status").asText()).isEqualTo("at-risk");
        assertThat(byId(list, 3).get("status").asText()).isEqualTo("cannot-qualify");
        assertThat(byId(list, 3).get("reasons").get(0).asText()).contains("can reach at most 7");
    }

    @Test
    void reportTableAndCsv() {
        Cli cli = midCourse();
        CliResult table = cli.run("attend", "report", "bm-2018").ok();
        assertThat(table.out()).contains("Köhler", "Käthe", "Παπαδόπουλος", "on-track", "at-risk", "cannot-qualify", "5/5");
        CliResult csv = cli.run("attend", "report", "bm-2018", "--csv").ok();
        assertThat(csv.lines()).hasSize(21);
        assertThat(csv.lines().get(0)).startsWith("participantId,lastName,firstName,s1,s2").contains(",attended,counted,percent,status");
        assertThat(csv.out()).contains("16,Bäuerle,Rosemarie,,x,x,e,x,x,");
        assertThat(csv.out()).contains("2,Köhler,Käthe,,L,");
    }

    @Test
    void reportAttendedAndPercentUseTheSameBaseInTableCsvAndJson() throws Exception {
        Cli cli = midCourse();
        // Rosemarie Bäuerle (16): 4 of the 5 counted sessions held so far, 5 still to come
        String rosi = cli.run("attend", "report", "bm-2018").ok().lines().stream()
                .filter(l -> l.contains("Bäuerle")).findFirst().orElseThrow();
        assertThat(rosi).contains(" 4/5 ").contains(" 80%").doesNotContain("4/10");
        List<String> csv = cli.run("attend", "report", "bm-2018", "--csv").ok().lines();
        assertThat(csv.get(0)).endsWith(",attended,counted,percent,status,held,planned");
        assertThat(csv).anyMatch(l -> l.startsWith("16,Bäuerle,") && l.endsWith(",4,10,80,on-track,5,5"));
        JsonNode json = cli.run("attend", "report", "bm-2018", "--json").ok().json();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new java.io.StringReader(String.join("\n", csv))).getRecords();
        assertThat(rows).hasSize(json.size());
        for (CSVRecord row : rows) {
            JsonNode n = byId(json, Long.parseLong(row.get("participantId")));
            for (String f : List.of("attended", "held", "planned", "percent")) {
                assertThat(row.get(f)).as("%s of %s", f, row.get("participantId")).isEqualTo(n.get(f).isNull() ? "" : n.get(f).asText());
            }
        }
    }

    @Test
    void checkAsOfInTheMiddleOfTheCourse() {
        Cli cli = midCourse().clock(Cli.at(2018, 6, 1, 12, 0));
        JsonNode list = cli.run("certify", "check", "bm-2018", "--as-of=2018-03-20", "--json").ok().json();
        assertThat(list).hasSize(20);
        for (JsonNode n : list) {
            assertThat(fieldNames(n)).containsAll(FIELDS);
        }
        assertThat(byId(list, 1).get("status").asText()).isEqualTo("on-track");
        assertThat(byId(list, 9).get("status").asText()).isEqualTo("at-risk");
        assertThat(byId(list, 9).get("reasons").toString()).contains("must attend all 5 still to come");
        assertThat(byId(list, 1).get("held").asInt()).isEqualTo(5);
        assertThat(byId(list, 1).get("planned").asInt()).isEqualTo(5);
        // the same as-of in German date form
        assertThat(cli.run("certify", "check", "bm-2018", "--as-of=20.03.2018", "--json").ok().json()).isEqualTo(list);
        // without --as-of (1 June 2018): sessions 7-11 are held and unrecorded, so no one can qualify
        JsonNode now = cli.run("certify", "check", "bm-2018", "--json").ok().json();
        assertThat(byId(now, 1).get("status").asText()).isEqualTo("cannot-qualify");
        assertThat(byId(now, 1).get("planned").asInt()).isZero();
        cli.run("certify", "check", "bm-2018", "--as-of=2018-02-30").expect(2);
        cli.run("certify", "check", "nope-2018").expect(3);
    }

    @Test
    void checkAtTheEnd() {
        Cli cli = wholeCourse();
        JsonNode list = cli.run("certify", "check", "bm-2018", "--json").ok().json();
        assertThat(byId(list, 1).get("status").asText()).isEqualTo("eligible");
        assertThat(byId(list, 1).get("percent").asInt()).isEqualTo(100);
        JsonNode georgiou = byId(list, 5);
        assertThat(georgiou.get("status").asText()).isEqualTo("cannot-qualify");
        assertThat(georgiou.get("missedRequired")).hasSize(1);
        assertThat(georgiou.get("missedRequired").get(0).asInt()).isEqualTo(9);
        assertThat(georgiou.get("reasons").toString()).contains("Ideenwerkstatt");

        CliResult table = cli.run("certify", "check", "bm-2018").ok();
        assertThat(table.out()).contains("Georgiou", "eligible", "cannot-qualify");
        CliResult csv = cli.run("certify", "check", "bm-2018", "--csv").ok();
        assertThat(csv.lines().get(0)).contains("participantId", "attended", "held", "planned", "percent", "status", "reasons");
        assertThat(csv.lines()).hasSize(21);
    }

    @Test
    void strict() {
        Cli cli = wholeCourse();
        JsonNode list = cli.run("certify", "check", "bm-2018", "--json").ok().json();
        List<String> notEligible = new ArrayList<>();
        for (JsonNode n : list) {
            if (!n.get("status").asText().equals("eligible")) {
                notEligible.add(n.get("participantId").asText());
            }
        }
        assertThat(notEligible).isNotEmpty();
        CliResult r = cli.run("certify", "check", "bm-2018", "--strict").expect(1);
        assertThat(r.err()).contains(notEligible.size() == 1 ? "1 participant of" : notEligible.size() + " participants of");
        assertThat(r.out()).contains("Weiß");
        for (String id : notEligible) {
            cli.run("participant", "withdraw", id, "--course=bm-2018").ok();
        }
        cli.run("certify", "check", "bm-2018", "--strict").ok();
        cli.run("certify", "issue", "bm-2018", "--output=" + dir, "--only=1,2").ok();
        JsonNode after = cli.run("certify", "check", "bm-2018", "--json", "--strict").ok().json();
        assertThat(byId(after, 1).get("status").asText()).isEqualTo("issued");
        assertThat(byId(after, 4).get("status").asText()).isEqualTo("eligible");
    }

    @Test
    void certifyCheckWarnsWhenMinAttendanceAsksForMoreSessionsThanCounted() {
        Cli cli = midCourse();
        cli.run("course", "edit", "bm-2018", "--min-attendance=80").ok();
        CliResult r = cli.run("certify", "check", "bm-2018", "--lang=en").ok();
        assertThat(r.err()).contains(CourseCliTest.EIGHTY_SESSIONS);
        assertThat(r.out()).doesNotContain("warning");
        cli.run("course", "edit", "bm-2018", "--min-attendance=80%").ok();
        assertThat(cli.run("certify", "check", "bm-2018", "--lang=en").ok().err()).doesNotContain("warning");
    }
}
