package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EveryEngine
class SessionCliTest {
    @TempDir
    Path dir;

    private static JsonNode session(Cli cli, int number) {
        for (JsonNode s : cli.run("course", "session", "list", "bm-2018", "--json").ok().json()) {
            if (s.get("number").asInt() == number) {
                return s;
            }
        }
        return null;
    }

    private static CliResult add(Cli cli, String course, String date, String... more) {
        String[] args = new String[7 + more.length];
        System.arraycopy(new String[] {"course", "session", "add", course, "--date=" + date, "--start=18:30", "--end=21:30"},
                0, args, 0, 7);
        System.arraycopy(more, 0, args, 7, more.length);
        return cli.run(args);
    }

    @Test
    void addPrintsNumberAndListShowsIt() {
        Cli cli = new Cli(dir).init();
        cli.run("course", "create", "ek-2026", "--title=Erste Hilfe", "--location=Rathaus").ok();
        CliResult r = add(cli, "ek-2026", "06.03.2026", "--title=Teil 1").ok();
        assertThat(r.out()).isEqualTo("1\n");
        assertThat(r.err()).contains("added session 1 to ek-2026");
        r = add(cli, "ek-2026", "2026-03-13", "--title=Teil 2", "--kind=info", "--required", "--location=Halle").ok();
        assertThat(r.out()).isEqualTo("2\n");

        JsonNode list = cli.run("course", "session", "list", "ek-2026", "--json").ok().json();
        assertThat(list).hasSize(2);
        JsonNode one = list.get(0);
        assertThat(one.get("date").asText()).isEqualTo("2026-03-06");
        assertThat(one.get("start").asText()).isEqualTo("18:30");
        assertThat(one.get("kind").asText()).isEqualTo("module");
        assertThat(one.get("counts").asBoolean()).isTrue();
        assertThat(one.get("location").asText()).isEqualTo("Rathaus");
        JsonNode two = list.get(1);
        assertThat(two.get("kind").asText()).isEqualTo("info");
        assertThat(two.get("counts").asBoolean()).isFalse();
        assertThat(two.get("required").asBoolean()).isTrue();
        assertThat(two.get("location").asText()).isEqualTo("Halle");

        CliResult table = cli.run("course", "session", "list", "ek-2026").ok();
        assertThat(table.out()).contains("Teil 1", "Teil 2", "2026-03-06", "18:30");
        assertThat(table.err()).isEmpty();
        CliResult csv = cli.run("course", "session", "list", "ek-2026", "--csv").ok();
        assertThat(csv.lines().get(0)).isEqualTo("number,date,start,end,title,kind,counts,required,cancelled,location");
        assertThat(csv.lines().get(1)).isEqualTo("1,2026-03-06,18:30,21:30,Teil 1,module,true,false,false,Rathaus");
    }

    @Test
    void addValidatesOptions() {
        Cli cli = new Cli(dir).withExampleCourse();
        CliResult r = add(cli, "bm-2018", "30.02.2018", "--title=X").expect(2);
        assertThat(r.err()).contains("--date").contains("30.02.2018");
        assertThat(r.out()).isEmpty();
        r = cli.run("course", "session", "add", "bm-2018", "--date=2018-05-02", "--start=21:00", "--end=19:00", "--title=X")
                .expect(4);
        assertThat(r.err()).contains("--end");
        assertThat(add(cli, "bm-2018", "2018-05-02", "--title=X", "--kind=party").expect(2).err()).contains("--kind", "party");
        assertThat(cli.run("course", "session", "add", "bm-2018", "--date=2018-05-02", "--start=25:00", "--end=26:00",
                "--title=X").expect(2).err()).contains("--start");
        assertThat(add(cli, "bm-2018", "2018-05-02").expect(2).err()).contains("--title");
        assertThat(add(cli, "bm-2018", "2018-05-02", "--title=X", "--counted", "--not-counted").expect(2).err())
                .contains("--counted");
        assertThat(add(cli, "nope-2018", "2018-05-02", "--title=X").expect(3).err()).contains("nope-2018");
        assertThat(cli.run("course", "session", "list", "bm-2018", "--json").ok().json()).hasSize(12);
    }

    @Test
    void edit() {
        Cli cli = new Cli(dir).withExampleCourse();
        CliResult r = cli.run("course", "session", "edit", "bm-2018", "3", "--title=Engagement in Ditzingen",
                "--date=07.03.2018", "--location=Rathaus", "--required").ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("updated session 3");
        JsonNode s = session(cli, 3);
        assertThat(s.get("title").asText()).isEqualTo("Engagement in Ditzingen");
        assertThat(s.get("date").asText()).isEqualTo("2018-03-07");
        assertThat(s.get("start").asText()).isEqualTo("18:30");
        assertThat(s.get("location").asText()).isEqualTo("Rathaus");
        assertThat(s.get("required").asBoolean()).isTrue();

        assertThat(cli.run("course", "session", "edit", "bm-2018", "3").expect(2).err()).contains("nothing to change");
        assertThat(cli.run("course", "session", "edit", "bm-2018", "3", "--end=17:00").expect(4).err()).contains("--end");
        assertThat(cli.run("course", "session", "edit", "bm-2018", "3", "--date=31.04.2018").expect(2).err()).contains("--date");
        assertThat(session(cli, 3).get("end").asText()).isEqualTo("21:30");
    }

    @Test
    void cancelKeepsTheSessionMarked() {
        Cli cli = new Cli(dir).withExampleCourse();
        CliResult r = cli.run("course", "session", "cancel", "bm-2018", "5").ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("cancelled session 5 of bm-2018 on 2018-03-13");
        JsonNode s = session(cli, 5);
        assertThat(s).isNotNull();
        assertThat(s.get("cancelled").asBoolean()).isTrue();
        assertThat(cli.run("course", "session", "list", "bm-2018", "--json").ok().json()).hasSize(12);
        assertThat(cli.run("course", "show", "bm-2018").ok().out()).contains("8 of 9");
        assertThat(cli.run("course", "session", "cancel", "bm-2018", "5").expect(5).err()).contains("cancelled already");
    }

    @Test
    void removedNumbersAreNeverReused() {
        Cli cli = new Cli(dir).withExampleCourse();
        CliResult r = cli.run("course", "session", "remove", "bm-2018", "12").ok();
        assertThat(r.err()).contains("removed session 12");
        assertThat(session(cli, 12)).isNull();
        assertThat(add(cli, "bm-2018", "2018-06-26", "--title=Nachtreffen").ok().out()).isEqualTo("13\n");
        cli.run("course", "session", "remove", "bm-2018", "13").ok();
        assertThat(add(cli, "bm-2018", "2018-06-26", "--title=Nachtreffen").ok().out()).isEqualTo("14\n");
        assertThat(cli.run("course", "session", "remove", "bm-2018", "13").expect(3).err()).contains("13");
    }

    @Test
    void sessionReferences() {
        Cli cli = new Cli(dir).withExampleCourse();   // now: 2018-03-01 12:00
        assertThat(cli.run("course", "session", "cancel", "bm-2018", "06.03.2018").ok().err()).contains("session 3 ");
        cli.run("course", "session", "remove", "bm-2018", "2018-03-10").ok();
        assertThat(session(cli, 4)).isNull();
        // next: the first session not cancelled that has not ended (3 is cancelled now)
        assertThat(cli.run("course", "session", "edit", "bm-2018", "next", "--title=Als nächstes").ok().err())
                .contains("session 5 ");
        assertThat(session(cli, 5).get("title").asText()).isEqualTo("Als nächstes");
        // today, with the clock on the day of session 6
        cli.clock(Cli.at(2018, 3, 20, 9, 0));
        assertThat(cli.run("course", "session", "edit", "bm-2018", "today", "--title=Heute").ok().err()).contains("session 6 ");
        // during session 6 it is still "next"
        cli.clock(Cli.at(2018, 3, 20, 20, 0));
        assertThat(cli.run("course", "session", "edit", "bm-2018", "next", "--location=Saal").ok().err()).contains("session 6 ");
        cli.clock(Cli.at(2018, 3, 21, 9, 0));
        assertThat(cli.run("course", "session", "edit", "bm-2018", "today", "--title=x").expect(3).err()).contains("2018-03-21");
        cli.clock(Cli.at(2018, 12, 1, 9, 0));
        assertThat(cli.run("course", "session", "edit", "bm-2018", "next", "--title=x").expect(3).err()).contains("no upcoming session");
    }

    @Test
    void unknownAndAmbiguousSessions() {
        Cli cli = new Cli(dir).withExampleCourse();
        CliResult r = cli.run("course", "session", "cancel", "bm-2018", "99").expect(3);
        assertThat(r.err()).contains("99").contains("bm-2018");
        assertThat(cli.run("course", "session", "cancel", "bm-2018", "2018-03-07").expect(3).err()).contains("2018-03-07");
        assertThat(cli.run("course", "session", "cancel", "bm-2018", "soon").expect(4).err()).contains("soon");
        assertThat(cli.run("course", "session", "cancel", "nope-2018", "1").expect(3).err()).contains("nope-2018");

        cli.run("course", "session", "add", "bm-2018", "--date=2018-03-06", "--start=14:00", "--end=16:00",
                "--title=Nachmittag").ok();
        r = cli.run("course", "session", "cancel", "bm-2018", "06.03.2018").expect(4);
        assertThat(r.err()).contains("3 18:30 Engagementlandschaft Ditzingen").contains("13 14:00 Nachmittag");
        assertThat(session(cli, 3).get("cancelled").asBoolean()).isFalse();
        assertThat(session(cli, 13).get("cancelled").asBoolean()).isFalse();
    }

    @Test
    void sessionChangesWarnWhileMinAttendanceAsksForMoreSessionsThanCounted() {
        Cli cli = new Cli(dir).init();
        cli.run("course", "create", "ek-2026", "--title=Erste Hilfe", "--min-attendance=3").ok();
        CliResult r = add(cli, "ek-2026", "07.03.2026", "--title=Tag 1", "--lang=en").ok();
        assertThat(r.err()).contains("warning: the certificate needs 3 sessions, but course ek-2026 has only 1 counted"
                + " session; did you mean --min-attendance=3%?");
        add(cli, "ek-2026", "08.03.2026", "--title=Tag 2").ok();
        r = add(cli, "ek-2026", "09.03.2026", "--title=Tag 3", "--lang=en").ok();
        assertThat(r.err()).doesNotContain("warning");
        r = cli.run("course", "session", "cancel", "ek-2026", "3", "--lang=en").ok();
        assertThat(r.err()).contains("warning: the certificate needs 3 sessions, but course ek-2026 has only 2 counted sessions");
        r = cli.run("course", "session", "remove", "ek-2026", "2", "--lang=de").ok();
        assertThat(r.err()).contains("Warnung: das Zertifikat verlangt 3 Termine, aber Kurs ek-2026 hat nur 1 gezählten"
                + " Termin; war --min-attendance=3% gemeint?");
    }
}
