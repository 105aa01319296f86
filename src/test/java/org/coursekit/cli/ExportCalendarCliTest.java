package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export calendar: read back with biweekly, times, UIDs, SEQUENCE, RFC 5545 line rules. */
@EveryEngine
class ExportCalendarCliTest {
    static final String COURSE_LOCATION = "Treffpunkt Adler am Laien, Leonberger Str. 10, 71254 Ditzingen";

    @TempDir
    Path dir;

    static ICalendar parse(String ics) {
        ICalendar cal = Biweekly.parse(ics).first();
        assertThat(cal).as("biweekly parses\n%s", ics).isNotNull();
        return cal;
    }

    /** Events by session number, taken from the UID ("session-N.…"). */
    static Map<Integer, VEvent> bySession(ICalendar cal) {
        Map<Integer, VEvent> m = new HashMap<>();
        for (VEvent e : cal.getEvents()) {
            String uid = e.getUid().getValue();
            assertThat(uid).matches("session-\\d+\\..+");
            int n = Integer.parseInt(uid.substring("session-".length(), uid.indexOf('.')));
            assertThat(m.put(n, e)).as("one event for session %d", n).isNull();
        }
        return m;
    }

    static Instant berlin(int y, int mo, int d, int h, int mi) {
        return LocalDateTime.of(y, mo, d, h, mi).atZone(Cli.BERLIN).toInstant();
    }

    /** RFC 5545 3.1: lines end with CRLF and are at most 75 octets long (without the CRLF). */
    static void assertRfc5545Lines(String ics) {
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(ics.replace("\r\n", "")).as("no bare CR or LF").doesNotContain("\n").doesNotContain("\r");
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as("octets in line: %s", line).isLessThanOrEqualTo(75);
        }
    }

    @Test
    void oneEventPerSessionWithTimesLocationAndSummary() {
        Cli cli = new Cli(dir).withExampleCourse();
        CliResult r = cli.run("export", "calendar", "bm-2018").ok();
        assertThat(r.err()).isEmpty();
        ICalendar cal = parse(r.out());
        assertThat(cal.getEvents()).hasSize(12);
        Map<Integer, VEvent> events = bySession(cal);
        assertThat(events.keySet()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

        VEvent five = events.get(5);
        assertThat(five.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2018-03-13T17:30:00Z"))
                .isEqualTo(berlin(2018, 3, 13, 18, 30));
        assertThat(five.getDateEnd().getValue().toInstant()).isEqualTo(Instant.parse("2018-03-13T20:30:00Z"));
        assertThat(five.getSummary().getValue()).contains("Projektmanagement I");
        assertThat(five.getLocation().getValue()).isEqualTo(COURSE_LOCATION);
        assertThat(five.getDescription()).isNotNull();
        assertThat(five.getStatus().getValue()).isNotEqualToIgnoringCase("CANCELLED");

        // after the switch to summer time (25 March 2018): UTC+2
        VEvent seven = events.get(7);
        assertThat(seven.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2018-03-27T16:30:00Z"));
        // a session with its own location
        assertThat(events.get(4).getLocation().getValue()).isEqualTo("Treffpunkt Rathausplatz, Am Laien 1, 71254 Ditzingen");
        assertThat(events.get(4).getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2018-03-10T09:00:00Z"));
        assertThat(events.get(9).getSummary().getValue()).contains("Ideenwerkstatt");
        assertThat(events.get(12).getDateStart().getValue().toInstant()).isEqualTo(berlin(2018, 6, 19, 19, 0));
        for (VEvent e : cal.getEvents()) {
            assertThat(e.getSummary().getValue()).isNotBlank();
            assertThat(e.getDateStart().getValue().hasTime()).isTrue();
        }
    }

    @Test
    void linesAreFoldedAt75OctetsAndEndWithCrlf() {
        Cli cli = new Cli(dir).withExampleCourse();
        // long values full of multi-byte characters: folding must count octets, not characters
        cli.run("course", "session", "edit", "bm-2018", "8", "--title=Öffentlichkeitsarbeit über Presse, Rundfunk "
                + "und soziale Medien: Übungen für Bürgermentorinnen und Bürgermentoren (ÄÖÜäöüß)").ok();
        cli.run("course", "session", "edit", "bm-2018", "9", "--location=Πλατεία Συντάγματος, Коваленко-Straße 5, "
                + "Größere Sitzungsräume im Erdgeschoß, 71254 Ditzingen").ok();
        String ics = cli.run("export", "calendar", "bm-2018").ok().out();
        assertRfc5545Lines(ics);
        Map<Integer, VEvent> events = bySession(parse(ics));
        assertThat(events.get(8).getSummary().getValue()).endsWith("Bürgermentoren (ÄÖÜäöüß)");
        assertThat(events.get(9).getLocation().getValue()).startsWith("Πλατεία Συντάγματος, Коваленко-Straße");
    }

    @Test
    void cancelledSessionIsStatusCancelled() {
        Cli cli = new Cli(dir).withExampleCourse();
        cli.run("course", "session", "cancel", "bm-2018", "6").ok();
        String ics = cli.run("export", "calendar", "bm-2018").ok().out();
        Map<Integer, VEvent> events = bySession(parse(ics));
        assertThat(events).hasSize(12);
        assertThat(events.get(6).getStatus().getValue()).isEqualToIgnoringCase("CANCELLED");
        assertThat(events.get(5).getStatus() == null
                || !events.get(5).getStatus().getValue().equalsIgnoreCase("CANCELLED")).isTrue();
        assertThat(ics).contains("STATUS:CANCELLED");
    }

    @Test
    void uidsAreStableAndUniqueAndSequenceCountsChanges() {
        Cli cli = new Cli(dir).withExampleCourse();
        Map<Integer, VEvent> first = bySession(parse(cli.run("export", "calendar", "bm-2018").ok().out()));
        cli.clock(Cli.at(2018, 3, 2, 9, 0));
        Map<Integer, VEvent> second = bySession(parse(cli.run("export", "calendar", "bm-2018").ok().out()));
        HashSet<String> uids = new HashSet<>();
        for (int n = 1; n <= 12; n++) {
            assertThat(second.get(n).getUid().getValue()).isEqualTo(first.get(n).getUid().getValue());
            assertThat(second.get(n).getSequence().getValue()).isEqualTo(first.get(n).getSequence().getValue());
            uids.add(first.get(n).getUid().getValue());
        }
        assertThat(uids).hasSize(12);

        cli.run("course", "session", "edit", "bm-2018", "5", "--start=19:00").ok();
        Map<Integer, VEvent> third = bySession(parse(cli.run("export", "calendar", "bm-2018").ok().out()));
        assertThat(third.get(5).getUid().getValue()).isEqualTo(first.get(5).getUid().getValue());
        assertThat(third.get(5).getSequence().getValue()).isGreaterThan(first.get(5).getSequence().getValue());
        assertThat(third.get(5).getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2018-03-13T18:00:00Z"));
        assertThat(third.get(6).getSequence().getValue()).isEqualTo(first.get(6).getSequence().getValue());

        cli.run("course", "session", "edit", "bm-2018", "5", "--location=Rathaus").ok();
        Map<Integer, VEvent> fourth = bySession(parse(cli.run("export", "calendar", "bm-2018").ok().out()));
        assertThat(fourth.get(5).getSequence().getValue()).isGreaterThan(third.get(5).getSequence().getValue());
        assertThat(fourth.get(5).getLocation().getValue()).isEqualTo("Rathaus");

        cli.run("course", "session", "cancel", "bm-2018", "5").ok();
        Map<Integer, VEvent> fifth = bySession(parse(cli.run("export", "calendar", "bm-2018").ok().out()));
        assertThat(fifth.get(5).getSequence().getValue()).isGreaterThan(fourth.get(5).getSequence().getValue());
        assertThat(fifth.get(5).getUid().getValue()).isEqualTo(first.get(5).getUid().getValue());
    }

    @Test
    void uidsDifferBetweenCoursesAndDatabases() {
        Cli one = new Cli(dir, "one.db").withExampleCourse();
        Cli two = new Cli(dir, "two.db").withExampleCourse();
        String a = bySession(parse(one.run("export", "calendar", "bm-2018").ok().out())).get(1).getUid().getValue();
        String b = bySession(parse(two.run("export", "calendar", "bm-2018").ok().out())).get(1).getUid().getValue();
        assertThat(a).isNotEqualTo(b);
        one.run("course", "create", "ek-2018", "--title=Erste Hilfe").ok();
        one.run("course", "session", "add", "ek-2018", "--date=2018-03-13", "--start=18:30", "--end=21:30",
                "--title=Teil 1").ok();
        String c = bySession(parse(one.run("export", "calendar", "ek-2018").ok().out())).get(1).getUid().getValue();
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void sessionInTheNightOfTheSwitchToSummerTime() {
        Cli cli = new Cli(dir).withExampleCourse();
        // 25 March 2018, 02:00 CET -> 03:00 CEST
        cli.run("course", "session", "add", "bm-2018", "--date=2018-03-25", "--start=01:30", "--end=03:30",
                "--title=Nachtwanderung", "--kind=excursion").ok();
        cli.run("course", "session", "add", "bm-2018", "--date=2018-10-28", "--start=01:30", "--end=04:00",
                "--title=Sternwarte", "--kind=excursion").ok();
        Map<Integer, VEvent> events = bySession(parse(cli.run("export", "calendar", "bm-2018").ok().out()));
        VEvent night = events.get(13);
        assertThat(night.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2018-03-25T00:30:00Z"));
        assertThat(night.getDateEnd().getValue().toInstant()).isEqualTo(Instant.parse("2018-03-25T01:30:00Z"));
        VEvent autumn = events.get(14);
        assertThat(autumn.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2018-10-27T23:30:00Z"));
        assertThat(autumn.getDateEnd().getValue().toInstant()).isEqualTo(Instant.parse("2018-10-28T03:00:00Z"));
    }

    @Test
    void outputFileIsWrittenAtomically() throws Exception {
        Cli cli = new Cli(dir).withExampleCourse();
        Path folder = Files.createDirectory(dir.resolve("cal"));
        Path file = folder.resolve("bm-2018.ics");
        CliResult r = cli.run("export", "calendar", "bm-2018", "--output=" + file).ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(file.toString());
        String ics = Files.readString(file, StandardCharsets.UTF_8);
        assertRfc5545Lines(ics);
        assertThat(parse(ics).getEvents()).hasSize(12);
        cli.run("-q", "export", "calendar", "bm-2018", "--output=" + file).ok();
        try (Stream<Path> s = Files.list(folder)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of("bm-2018.ics"));
        }
        assertThat(cli.run("-q", "export", "calendar", "bm-2018", "--output=" + file).ok().err()).isEmpty();
        java.nio.file.Files.writeString(dir.resolve("a-file"), "not a folder");   // where no folder can be made
        CliResult missing = cli.run("export", "calendar", "bm-2018", "--output=" + dir.resolve("a-file/x.ics")).expect(6);
        assertThat(missing.err()).contains(dir.resolve("a-file").toString());
        assertThat(cli.run("export", "calendar", "nope-2018").expect(3).err()).contains("nope-2018");
    }
}
