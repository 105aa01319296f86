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

/** {@code attend record}, {@code attend import}, {@code attend list}: README, sections "Attendance and the certificate rule" and "Attendance CSV", and issue 3. */
@EveryEngine
class AttendCliTest {
    static final Path ATTENDANCE_CSV = Cli.EXAMPLES.resolve("attendance.csv");

    @TempDir
    Path dir;

    /** The example course with its 16 participants of participants.csv (ids 1-16). */
    private Cli course() {
        Cli cli = new Cli(dir).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        return cli;
    }

    private Path csv(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    static JsonNode record(JsonNode list, long participantId, int session) {
        for (JsonNode r : list) {
            if (r.get("participantId").asLong() == participantId && r.get("session").asInt() == session) {
                return r;
            }
        }
        return null;
    }

    static String status(Cli cli, long participantId, int session) {
        JsonNode r = record(cli.run("attend", "list", "bm-2018", "--json").ok().json(), participantId, session);
        return r == null ? null : r.get("status").asText();
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void allPresentWithExceptions() {
        Cli cli = course();
        CliResult r = cli.run("attend", "record", "bm-2018", "--session=2", "--all-present", "--absent=3",
                "--excused=olga.iwanowa@post.example", "--late=kaethe.koehler@post.example,7").ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("12 present", "2 late", "1 excused", "1 absent");

        r = cli.run("attend", "list", "bm-2018", "--session=2", "--json").ok();
        JsonNode list = r.json();
        assertThat(list).hasSize(16);
        assertThat(fieldNames(list.get(0))).contains("participantId", "email", "session", "date", "status");
        JsonNode juergen = record(list, 1, 2);
        assertThat(juergen.get("email").asText()).isEqualTo("juergen.weiss@mail.example");
        assertThat(juergen.get("session").asInt()).isEqualTo(2);
        assertThat(juergen.get("date").asText()).isEqualTo("2018-02-27");
        assertThat(juergen.get("status").asText()).isEqualTo("present");
        assertThat(record(list, 2, 2).get("status").asText()).isEqualTo("late");
        assertThat(record(list, 7, 2).get("status").asText()).isEqualTo("late");
        assertThat(record(list, 3, 2).get("status").asText()).isEqualTo("absent");
        assertThat(record(list, 6, 2).get("status").asText()).isEqualTo("excused");

        CliResult csv = cli.run("attend", "list", "bm-2018", "--csv").ok();
        assertThat(csv.lines().get(0)).contains("participantId", "email", "session", "date", "status");
        assertThat(csv.lines()).hasSize(17);
        assertThat(cli.run("attend", "list", "bm-2018").ok().out()).contains("Köhler", "late");
    }

    @Test
    void recordingAgainOverwrites() {
        Cli cli = course();
        cli.run("attend", "record", "bm-2018", "--session=2", "--all-present", "--absent=3").ok();
        cli.run("attend", "record", "bm-2018", "--session=2", "--late=ayse.yilmaz@mail.example").ok();
        assertThat(status(cli, 3, 2)).isEqualTo("late");
        cli.run("attend", "record", "bm-2018", "--session=2", "--excused=3", "--absent=1").ok();
        assertThat(status(cli, 3, 2)).isEqualTo("excused");
        assertThat(status(cli, 1, 2)).isEqualTo("absent");
        assertThat(status(cli, 2, 2)).isEqualTo("present");
        assertThat(cli.run("attend", "list", "bm-2018", "--json").ok().json()).hasSize(16);
    }

    @Test
    void recordingAgainSaysWhatItReplacedByIdNotName() {
        Cli cli = course();
        CliResult r = cli.run("attend", "record", "bm-2018", "--session=2", "--all-present", "--absent=3").ok();
        assertThat(r.err()).doesNotContain("changed 0 (").doesNotContain("→");      // nothing replaced the first time
        r = cli.run("attend", "record", "bm-2018", "--session=2", "--late=ayse.yilmaz@mail.example", "--absent=1",
                "--present=2").ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("session 2: changed 2 (participant 1: present → absent; participant 3: absent → late)");
        assertThat(r.err()).doesNotContain("Yilmaz").doesNotContain("Weiß").doesNotContain("participant 2:");
        r = cli.run("attend", "record", "bm-2018", "--session=2", "--present=3", "--lang=de").ok();
        assertThat(r.err()).contains("Termin 2: 1 geändert (Person 3: late → present)");
        assertThat(cli.run("-q", "attend", "record", "bm-2018", "--session=2", "--absent=3").ok().err()).isEmpty();
    }

    @Test
    void attendClearRemovesAllRecordsOfASessionAndIsAudited() {
        Cli cli = course();
        cli.run("attend", "record", "bm-2018", "--session=2", "--all-present", "--absent=3").ok();
        cli.run("attend", "record", "bm-2018", "--session=3", "--all-present").ok();
        CliResult r = cli.run("attend", "clear", "bm-2018", "--session=2").ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("session 2 of bm-2018").contains("16 records removed");
        JsonNode list = cli.run("attend", "list", "bm-2018", "--json").ok().json();
        assertThat(list).hasSize(16);
        assertThat(record(list, 3, 2)).isNull();
        assertThat(status(cli, 3, 3)).isEqualTo("present");
        String log = cli.run("db", "log", "--course=bm-2018", "--json").ok().out();
        assertThat(log).contains("attendance.cleared").contains("session 2").doesNotContain("Yilmaz");
        // the session is unrecorded again, and recording it anew works
        assertThat(cli.run("attend", "list", "bm-2018", "--session=2", "--json").ok().json()).isEmpty();
        cli.run("attend", "record", "bm-2018", "--session=2", "--all-present").ok();
        assertThat(status(cli, 3, 2)).isEqualTo("present");
    }

    @Test
    void attendClearOnlyTheNamedPeople() {
        Cli cli = course();
        cli.run("attend", "record", "bm-2018", "--session=2", "--all-present", "--absent=3").ok();
        CliResult r = cli.run("attend", "clear", "bm-2018", "--session=2", "--only=3,kaethe.koehler@post.example", "--lang=de").ok();
        assertThat(r.err()).contains("Termin 2 von bm-2018").contains("2 Einträge entfernt");
        assertThat(status(cli, 3, 2)).isNull();
        assertThat(status(cli, 2, 2)).isNull();
        assertThat(status(cli, 1, 2)).isEqualTo("present");
        assertThat(cli.run("attend", "list", "bm-2018", "--json").ok().json()).hasSize(14);
        // nothing left to clear: still exit 0, saying so
        assertThat(cli.run("attend", "clear", "bm-2018", "--session=2", "--only=3").ok().err()).contains("0 records removed");
    }

    @Test
    void attendClearErrorsChangeNothing() {
        Cli cli = course();
        cli.run("attend", "record", "bm-2018", "--session=2", "--all-present").ok();
        cli.run("attend", "clear", "bm-2018", "--session=99").expect(3);
        cli.run("attend", "clear", "nope-2018", "--session=2").expect(3);
        assertThat(cli.run("attend", "clear", "bm-2018", "--session=2", "--only=3,nobody@example.org").expect(3).err())
                .contains("nobody@example.org");
        cli.run("attend", "clear", "bm-2018").expect(2);
        assertThat(cli.run("attend", "list", "bm-2018", "--json").ok().json()).hasSize(16);
    }

    @Test
    void onlyEnrolledParticipants() {
        Cli cli = course();
        String outsider = cli.run("participant", "add", "--first=Otto", "--last=Außen", "--email=otto@mail.example").ok()
                .out().strip();
        CliResult r = cli.run("attend", "record", "bm-2018", "--session=2", "--present=" + outsider).expect(5);
        assertThat(r.err()).contains(outsider).contains("bm-2018");
        cli.run("attend", "record", "bm-2018", "--session=2", "--present=otto@mail.example").expect(5);

        cli.run("participant", "withdraw", "9", "--course=bm-2018").ok();
        cli.run("attend", "record", "bm-2018", "--session=2", "--present=9").expect(5);
        cli.run("attend", "record", "bm-2018", "--session=2", "--all-present").ok();
        assertThat(status(cli, 9, 2)).as("withdrawn, not marked by --all-present").isNull();
        assertThat(status(cli, Long.parseLong(outsider), 2)).isNull();
        assertThat(cli.run("attend", "list", "bm-2018", "--json").ok().json()).hasSize(15);
    }

    @Test
    void recordReportsEveryUnknownPersonAtOnceNotOnlyTheFirst() {
        Cli cli = course();
        String outsider = cli.run("participant", "add", "--first=Otto", "--last=Außen", "--email=otto@mail.example").ok()
                .out().strip();
        CliResult r = cli.run("attend", "record", "bm-2018", "--session=2", "--all-present",
                "--absent=99,jürgen@nowhere.example", "--late=" + outsider).expect(3);
        assertThat(r.err()).contains("\"99\"").contains("jürgen@nowhere.example").contains(outsider + " is not enrolled")
                .contains("3 of the people named").contains("nothing was recorded");
        assertThat(r.err().lines().filter(l -> l.startsWith("error")).count()).isEqualTo(1);
        assertThat(cli.run("attend", "list", "bm-2018", "--json").ok().json()).isEmpty();
        // only people who are not enrolled: exit 5 as before, all of them named
        cli.run("participant", "withdraw", "9", "--course=bm-2018").ok();
        r = cli.run("attend", "record", "bm-2018", "--session=2", "--present=" + outsider + ",9").expect(5);
        assertThat(r.err()).contains(outsider + " is not enrolled").contains("9 is not enrolled");
        assertThat(cli.run("attend", "list", "bm-2018", "--json").ok().json()).isEmpty();
        // a single one: the message as before
        assertThat(cli.run("attend", "record", "bm-2018", "--session=2", "--present=999").expect(3).err())
                .startsWith("error: no participant \"999\"");
    }

    @Test
    void errorsChangeNothing() {
        Cli cli = course();
        cli.run("attend", "record", "bm-2018", "--session=2", "--all-present").ok();
        assertThat(cli.run("attend", "record", "bm-2018", "--session=2", "--absent=1", "--present=999").expect(3).err())
                .contains("999");
        cli.run("attend", "record", "bm-2018", "--session=2", "--absent=1", "--present=nobody@mail.example").expect(3);
        assertThat(status(cli, 1, 2)).isEqualTo("present");
        assertThat(cli.run("attend", "record", "bm-2018", "--session=99", "--all-present").expect(3).err()).contains("99");
        cli.run("attend", "record", "bm-2018", "--session=01.01.2019", "--all-present").expect(3);
        cli.run("attend", "record", "nope-2018", "--session=2", "--all-present").expect(3);
        assertThat(cli.run("attend", "record", "bm-2018", "--session=2").expect(2).err()).contains("--all-present");
        cli.run("attend", "record", "bm-2018", "--all-present").expect(2);

        cli.run("course", "session", "cancel", "bm-2018", "4").ok();
        assertThat(cli.run("attend", "record", "bm-2018", "--session=4", "--all-present").expect(5).err()).contains("cancelled");
        assertThat(cli.run("attend", "list", "bm-2018", "--json").ok().json()).hasSize(16);
    }

    @Test
    void sessionReferences() {
        Cli cli = course();
        cli.run("attend", "record", "bm-2018", "--session=06.03.2018", "--present=1").ok();
        cli.run("attend", "record", "bm-2018", "--session=2018-03-10", "--present=1").ok();
        cli.clock(Cli.at(2018, 3, 13, 18, 0));
        CliResult r = cli.run("attend", "record", "bm-2018", "--session=today", "--present=1").ok();
        assertThat(r.err()).contains("session 5");
        JsonNode list = cli.run("attend", "list", "bm-2018", "--json").ok().json();
        assertThat(list).hasSize(3);
        assertThat(record(list, 1, 3).get("date").asText()).isEqualTo("2018-03-06");
        assertThat(record(list, 1, 4).get("date").asText()).isEqualTo("2018-03-10");
        assertThat(record(list, 1, 5).get("date").asText()).isEqualTo("2018-03-13");
        assertThat(cli.run("attend", "list", "bm-2018", "--session=13.03.2018", "--json").ok().json()).hasSize(1);
        // no session on 1 March
        cli.clock(Cli.at(2018, 3, 1, 12, 0));
        cli.run("attend", "record", "bm-2018", "--session=today", "--present=1").expect(3);
    }

    @Test
    void lateEnrolmentIsNotMarkedForEarlierSessions() {
        Cli cli = course();
        String eike = cli.run("participant", "add", "--first=Eike", "--last=Bär", "--email=eike@mail.example").ok().out().strip();
        cli.run("participant", "enrol", eike, "--course=bm-2018", "--since=13.03.2018").ok();
        cli.run("attend", "record", "bm-2018", "--session=3", "--all-present").ok();
        cli.run("attend", "record", "bm-2018", "--session=5", "--all-present").ok();
        long id = Long.parseLong(eike);
        assertThat(status(cli, id, 3)).isNull();
        assertThat(status(cli, id, 5)).isEqualTo("present");
        assertThat(status(cli, 1, 3)).isEqualTo("present");
    }

    @Test
    void importGermanExample() {
        Cli cli = new Cli(dir).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        cli.run("participant", "import", Cli.PARTICIPANTS_UNICODE_CSV.toString(), "--course=bm-2018").ok();
        CliResult r = cli.run("attend", "import", ATTENDANCE_CSV.toString(), "--course=bm-2018").ok();
        assertThat(r.err()).contains("98 attendance records");
        JsonNode list = cli.run("attend", "list", "bm-2018", "--json").ok().json();
        assertThat(list).hasSize(98);
        assertThat(record(list, 1, 2).get("status").asText()).isEqualTo("present"); // anwesend
        assertThat(record(list, 2, 2).get("status").asText()).isEqualTo("late"); // verspätet
        assertThat(record(list, 3, 2).get("status").asText()).isEqualTo("absent"); // abwesend
        assertThat(list.findValuesAsText("status")).contains("excused"); // entschuldigt
    }

    @Test
    void importGermanWordsAndEnglishHeaders() throws Exception {
        Cli cli = course();
        Path de = csv("de.csv", "Teilnehmer;Termin;Status\n1;2;anwesend\n2;27.02.2018;verspätet\n3;2;entschuldigt\n"
                + "ayse.yilmaz@mail.example;3;abwesend\n");
        cli.run("attend", "import", de.toString(), "--course=bm-2018").ok();
        assertThat(status(cli, 1, 2)).isEqualTo("present");
        assertThat(status(cli, 2, 2)).isEqualTo("late");
        assertThat(status(cli, 3, 2)).isEqualTo("excused");
        assertThat(status(cli, 3, 3)).isEqualTo("absent");

        Path en = csv("en.csv", "participant,session,status\n1,2018-03-06,present\n4,3,late\n5,3,excused\n"
                + "juergen.weiss@mail.example,2,absent\n");
        cli.run("attend", "import", en.toString(), "--course=bm-2018").ok();
        assertThat(status(cli, 1, 3)).isEqualTo("present");
        assertThat(status(cli, 4, 3)).isEqualTo("late");
        assertThat(status(cli, 5, 3)).isEqualTo("excused");
        assertThat(status(cli, 1, 2)).as("overwritten").isEqualTo("absent");
        assertThat(cli.run("attend", "list", "bm-2018", "--json").ok().json()).hasSize(7);
    }

    @Test
    void importIsAllOrNothing() throws Exception {
        Cli cli = course();
        Path bad = csv("bad.csv", "participant,session,status\n1,2,present\n999,2,present\n2,2,vielleicht\n3,2,absent\n");
        CliResult r = cli.run("attend", "import", bad.toString(), "--course=bm-2018").expect(4);
        assertThat(r.err()).contains(bad + ":3").contains("999").contains(bad + ":4").contains("vielleicht");
        assertThat(r.out()).isEmpty();
        assertThat(cli.run("attend", "list", "bm-2018", "--json").ok().json()).isEmpty();

        Path noSession = csv("nosession.csv", "participant,status\n1,present\n");
        assertThat(cli.run("attend", "import", noSession.toString(), "--course=bm-2018").expect(4).err()).contains("session");
        assertThat(cli.run("attend", "import", dir.resolve("missing.csv").toString(), "--course=bm-2018").expect(3).err())
                .contains("missing.csv");
        cli.run("attend", "import", bad.toString(), "--course=nope-2018").expect(3);
        assertThat(cli.run("attend", "list", "bm-2018", "--json").ok().json()).isEmpty();
    }
}
