package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export reminders: the window, who is reminded, the formats (csv, json, ics, eml) and --once. */
@EveryEngine
class ExportRemindersCliTest {
    static final List<String> FIELDS = List.of("email", "firstName", "lastName", "form", "courseId", "courseTitle",
            "session", "date", "start", "end", "title", "location", "salutation");
    static final String TITLE = "Bürgermentorenkurs Ditzingen 2018";
    static final String LOCATION = "Treffpunkt Adler am Laien, Leonberger Str. 10, 71254 Ditzingen";
    static final String CONTACT = "buergerengagement@ditzingen.example";
    static final String AS_OF = "--as-of=2018-03-12T08:00";

    @TempDir
    Path dir;

    /**
     * The example course with 20 people imported; Thi Lan Nguyen withdrawn; Eike Bär (form x) enrolled late,
     * from 27 March; "Ohne Mail" enrolled without an address; Wanda Warte on the waiting list.
     * For session 5 (Tuesday 13 March 2018, 18:30) 20 people are reminded, 19 of them by mail.
     */
    private Cli fixture() {
        Cli cli = new Cli(dir).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        cli.run("participant", "import", Cli.PARTICIPANTS_UNICODE_CSV.toString(), "--course=bm-2018").ok();
        cli.run("participant", "withdraw", "thilan.nguyen@post.example", "--course=bm-2018").ok();
        String eike = cli.run("participant", "add", "--first=Eike", "--last=Bär", "--email=eike.baer@mail.example",
                "--form=x").ok().out().strip();
        cli.run("participant", "enrol", eike, "--course=bm-2018", "--since=27.03.2018").ok();
        cli.run("course", "edit", "bm-2018", "--capacity=21").ok();
        cli.run("participant", "add", "--first=Ohne", "--last=Mail", "--form=m", "--course=bm-2018").ok();
        String wanda = cli.run("participant", "add", "--first=Wanda", "--last=Warte", "--email=wanda@mail.example",
                "--form=f").ok().out().strip();
        cli.run("participant", "enrol", wanda, "--course=bm-2018", "--waitlist").ok();
        return cli;
    }

    static List<Map<String, String>> csv(String text) throws Exception {
        List<CSVRecord> all = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
        List<String> header = all.get(0).toList();
        assertThat(header).containsAll(FIELDS);
        List<Map<String, String>> rows = new ArrayList<>();
        for (CSVRecord r : all.subList(1, all.size())) {
            assertThat(r.toList()).isNotEqualTo(header);
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), r.get(i));
            }
            rows.add(m);
        }
        return rows;
    }

    private static List<String> emails(List<Map<String, String>> rows) {
        return rows.stream().map(r -> r.get("email")).toList();
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    // ---------------------------------------------------------------- the window and who

    @Test
    void asOfInEveryFormSelectsTheSameWindow() throws Exception {
        Cli cli = fixture();
        String expected = cli.run("export", "reminders", "--course=bm-2018", AS_OF, "--days=7").ok().out();
        List<Map<String, String>> rows = csv(expected);
        assertThat(rows).hasSize(20);
        assertThat(rows).allMatch(r -> r.get("session").equals("5") && r.get("date").equals("2018-03-13"));
        for (String asOf : List.of("2018-03-12 08:00", "2018-03-12", "12.03.2018", "12.03.2018 08:00")) {
            assertThat(cli.run("export", "reminders", "--course=bm-2018", "--as-of=" + asOf, "--days=7").ok().out())
                    .as("--as-of=%s", asOf).isEqualTo(expected);
        }
        // default --days is 7, default course: all of them
        assertThat(cli.run("export", "reminders", AS_OF).ok().out()).isEqualTo(expected);
        // default --as-of is now, in the course's time zone
        cli.clock(Cli.at(2018, 3, 12, 8, 0));
        assertThat(cli.run("export", "reminders", "--days=7").ok().out()).isEqualTo(expected);
    }

    @Test
    void theWindowStartsAtAsOfAndEndsBeforeAsOfPlusDays() throws Exception {
        Cli cli = fixture();
        // sessions 3 (6 March 18:30) and 4 (10 March 10:00); 13 March 18:30 is exactly the end: out
        List<Map<String, String>> rows = csv(cli.run("export", "reminders", "--as-of=2018-03-06T18:30", "--days=7").ok().out());
        assertThat(rows.stream().map(r -> r.get("session")).distinct().toList()).containsExactly("3", "4");
        // a session that has started is not reminded; the window moves along
        rows = csv(cli.run("export", "reminders", "--as-of=2018-03-06T18:31", "--days=7").ok().out());
        assertThat(rows.stream().map(r -> r.get("session")).distinct().toList()).containsExactly("4", "5");
        // two sessions in a window of 9 days (to 21 March 08:00)
        rows = csv(cli.run("export", "reminders", AS_OF, "--days=9").ok().out());
        assertThat(rows.stream().map(r -> r.get("session")).distinct().toList()).containsExactly("5", "6");
        assertThat(rows).hasSize(40);
        // --days=0: an empty window
        CliResult r = cli.run("export", "reminders", "--as-of=2018-03-13T18:30", "--days=0").ok();
        assertThat(r.out()).isEmpty();
        assertThat(csv(cli.run("export", "reminders", "--as-of=2018-03-13T18:30", "--days=1").ok().out())).hasSize(20);
    }

    @Test
    void onlyPeopleHoldingAPlaceAndLateEnrolmentsFromTheirDateOn() throws Exception {
        Cli cli = fixture();
        List<String> five = emails(csv(cli.run("export", "reminders", AS_OF, "--days=7").ok().out()));
        assertThat(five).doesNotContain("thilan.nguyen@post.example", "wanda@mail.example", "eike.baer@mail.example");
        assertThat(five).contains("kaethe.koehler@post.example", "nikos.papadopoulos@mail.example", "");
        assertThat(five).doesNotHaveDuplicates();

        List<Map<String, String>> seven = csv(cli.run("export", "reminders", "--as-of=2018-03-26", "--days=7").ok().out());
        assertThat(seven.stream().map(r -> r.get("session")).distinct().toList()).containsExactly("7");
        assertThat(emails(seven)).hasSize(21).contains("eike.baer@mail.example")
                .doesNotContain("thilan.nguyen@post.example", "wanda@mail.example");
    }

    @Test
    void cancelledSessionsAreNotReminded() {
        Cli cli = fixture();
        cli.run("course", "session", "cancel", "bm-2018", "5").ok();
        CliResult r = cli.run("export", "reminders", AS_OF, "--days=7").ok();
        assertThat(r.out()).isEmpty();
        r = cli.run("-q", "export", "reminders", AS_OF, "--days=9", "--format=json").ok();
        assertThat(r.json().findValuesAsText("session")).containsOnly("6");
    }

    @Test
    void certifiedAlumniGetTheFollowUpMeeting() throws Exception {
        Cli cli = new Cli(dir).clock(Cli.at(2018, 5, 1, 12, 0)).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_UNICODE_CSV.toString(), "--course=bm-2018").ok();
        for (int s = 2; s <= 11; s++) {
            cli.run("attend", "record", "bm-2018", "--session=" + s, "--all-present").ok();
        }
        Path certs = Files.createDirectory(dir.resolve("certs"));
        cli.run("certify", "issue", "bm-2018", "--output=" + certs, "--date=24.04.2018").ok();
        JsonNode list = cli.run("participant", "list", "--course=bm-2018", "--json").ok().json();
        assertThat(list.findValuesAsText("status")).containsOnly("completed");
        List<Map<String, String>> rows = csv(cli.run("export", "reminders", "--as-of=2018-06-18", "--days=2").ok().out());
        assertThat(rows).hasSize(4);
        assertThat(rows).allMatch(r -> r.get("session").equals("12"));
    }

    @Test
    void aRevokedCertificateDoesNotMakeAnAlumnaForTheFollowUpMeeting() throws Exception {
        Cli cli = new Cli(dir).clock(Cli.at(2018, 5, 1, 12, 0)).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_UNICODE_CSV.toString(), "--course=bm-2018").ok();
        for (int s = 2; s <= 11; s++) {
            cli.run("attend", "record", "bm-2018", "--session=" + s, "--all-present").ok();
        }
        Path certs = Files.createDirectory(dir.resolve("certs"));
        cli.run("certify", "issue", "bm-2018", "--output=" + certs, "--date=24.04.2018").ok();
        JsonNode first = cli.run("certify", "list", "bm-2018", "--json").ok().json().get(0);
        cli.run("certify", "revoke", first.get("serial").asText(), "--reason=issued by mistake").ok();
        List<Map<String, String>> rows = csv(cli.run("export", "reminders", "--as-of=2018-06-18", "--days=2").ok().out());
        assertThat(rows).hasSize(3);
        String email = cli.run("participant", "show", first.get("participantId").asText(), "--json").ok().json()
                .get("email").asText();
        assertThat(emails(rows)).doesNotContain(email);
        // valid again: reminded again
        cli.run("certify", "unrevoke", first.get("serial").asText(), "--reason=the wrong one").ok();
        assertThat(csv(cli.run("export", "reminders", "--as-of=2018-06-18", "--days=2").ok().out())).hasSize(4);
    }

    @Test
    void aSessionInTheNightOfTheSwitchToSummerTime() throws Exception {
        Cli cli = fixture();
        cli.run("course", "session", "add", "bm-2018", "--date=2018-03-25", "--start=01:30", "--end=03:30",
                "--title=Nachtwanderung", "--kind=excursion").ok();
        List<Map<String, String>> rows = csv(cli.run("export", "reminders", "--as-of=2018-03-24T08:00", "--days=1").ok().out());
        assertThat(rows).hasSize(20).allMatch(r -> r.get("start").equals("01:30") && r.get("date").equals("2018-03-25"));
        ICalendar cal = Biweekly.parse(cli.run("export", "reminders", "--as-of=2018-03-24T08:00", "--days=1",
                "--format=ics").ok().out()).first();
        assertThat(cal.getEvents()).hasSize(1);
        assertThat(cal.getEvents().get(0).getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2018-03-25T00:30:00Z"));
        assertThat(cal.getEvents().get(0).getDateEnd().getValue().toInstant()).isEqualTo(Instant.parse("2018-03-25T01:30:00Z"));
    }

    // ---------------------------------------------------------------- csv, json, ics

    @Test
    void csvAndJsonFields() throws Exception {
        Cli cli = fixture();
        CliResult r = cli.run("export", "reminders", AS_OF, "--format=json").ok();
        JsonNode list = r.json();
        assertThat(list).hasSize(20);
        JsonNode k = null;
        for (JsonNode n : list) {
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsAll(FIELDS);
            if (n.get("email").asText().equals("kaethe.koehler@post.example")) {
                k = n;
            }
        }
        assertThat(k).isNotNull();
        assertThat(k.get("firstName").asText()).isEqualTo("Käthe");
        assertThat(k.get("lastName").asText()).isEqualTo("Köhler");
        assertThat(k.get("form").asText()).isEqualTo("f");
        assertThat(k.get("courseId").asText()).isEqualTo("bm-2018");
        assertThat(k.get("courseTitle").asText()).isEqualTo(TITLE);
        assertThat(k.get("session").asInt()).isEqualTo(5);
        assertThat(k.get("session").isIntegralNumber()).isTrue();
        assertThat(k.get("date").asText()).isEqualTo("2018-03-13");
        assertThat(k.get("start").asText()).isEqualTo("18:30");
        assertThat(k.get("end").asText()).isEqualTo("21:30");
        assertThat(k.get("title").asText()).isEqualTo("Projektmanagement I");
        assertThat(k.get("location").asText()).isEqualTo(LOCATION);
        assertThat(k.get("salutation").asText()).isEqualTo("Liebe Frau Köhler");

        Map<String, Map<String, String>> byMail = new HashMap<>();
        for (Map<String, String> row : csv(cli.run("export", "reminders", AS_OF, "--format=csv").ok().out())) {
            byMail.put(row.get("email"), row);
        }
        assertThat(byMail).hasSize(20);
        assertThat(byMail.get("juergen.weiss@mail.example").get("salutation")).isEqualTo("Lieber Herr Weiß");
        assertThat(byMail.get("alex.brueckner@post.example").get("salutation")).isEqualTo("Guten Tag Alex Brückner");
        assertThat(byMail.get("d.georgiou@mail.example").get("salutation")).isEqualTo("Guten Tag Dimitrios Georgiou");
        assertThat(byMail.get("d.georgiou@mail.example").get("form")).isEmpty();
        assertThat(byMail.get("").get("lastName")).isEqualTo("Mail");
        Map<String, String> k2 = byMail.get("kaethe.koehler@post.example");
        assertThat(k2.get("date")).isEqualTo("2018-03-13");
        assertThat(k2.get("start")).isEqualTo("18:30");
        assertThat(k2.get("courseTitle")).isEqualTo(TITLE);
        // session 4 has its own location
        JsonNode four = cli.run("export", "reminders", "--as-of=2018-03-09", "--days=2", "--format=json").ok().json();
        assertThat(four.findValuesAsText("location")).containsOnly("Treffpunkt Rathausplatz, Am Laien 1, 71254 Ditzingen");
    }

    @Test
    void icsHasEachSessionOnce() {
        Cli cli = fixture();
        String ics = cli.run("export", "reminders", AS_OF, "--days=9", "--format=ics").ok().out();
        ExportCalendarCliTest.assertRfc5545Lines(ics);
        ICalendar cal = Biweekly.parse(ics).first();
        assertThat(cal.getEvents()).hasSize(2);
        VEvent five = ExportCalendarCliTest.bySession(cal).get(5);
        assertThat(five.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2018-03-13T17:30:00Z"));
        assertThat(five.getLocation().getValue()).isEqualTo(LOCATION);
        // the same UID as in the course calendar
        String courseUid = ExportCalendarCliTest.bySession(Biweekly.parse(cli.run("export", "calendar", "bm-2018").ok()
                .out()).first()).get(5).getUid().getValue();
        assertThat(five.getUid().getValue()).isEqualTo(courseUid);
    }

    @Test
    void twoCoursesInOneRun() throws Exception {
        Cli cli = fixture();
        Path course = dir.resolve("ek.json");
        Files.writeString(course, """
                {"id": "ek-2018", "title": "Erste Hilfe für Mentorinnen", "timezone": "Europe/Berlin", "language": "de",
                 "location": "DRK-Heim, Ditzingen",
                 "contact": {"name": "DRK Ditzingen", "email": "kurse@drk.example"},
                 "sessions": [{"date": "2018-03-14", "start": "09:00", "end": "16:00", "title": "Erste Hilfe am Menschen"}]}
                """, StandardCharsets.UTF_8);
        cli.run("course", "create", "--from=" + course).ok();
        cli.run("participant", "enrol", "kaethe.koehler@post.example", "--course=ek-2018").ok();
        List<Map<String, String>> rows = csv(cli.run("export", "reminders", AS_OF).ok().out());
        assertThat(rows).hasSize(21);
        assertThat(rows.stream().filter(r -> r.get("courseId").equals("ek-2018")).toList()).singleElement()
                .satisfies(r -> assertThat(r.get("email")).isEqualTo("kaethe.koehler@post.example"));
        assertThat(csv(cli.run("export", "reminders", AS_OF, "--course=ek-2018").ok().out())).hasSize(1);

        String ics = cli.run("export", "reminders", AS_OF, "--format=ics").ok().out();
        ExportCalendarCliTest.assertRfc5545Lines(ics);
        assertThat(ics.split("BEGIN:VCALENDAR", -1)).hasSize(2);
        ICalendar cal = Biweekly.parse(ics).first();
        assertThat(cal.getEvents()).hasSize(2);
        assertThat(cal.getEvents().stream().map(e -> e.getUid().getValue()))
                .anyMatch(u -> u.contains("ek-2018")).anyMatch(u -> u.contains("bm-2018"));

        Path out = Files.createDirectory(dir.resolve("outbox"));
        cli.run("export", "reminders", AS_OF, "--format=eml", "--output=" + out).ok();
        List<Path> all = files(out);
        assertThat(all).hasSize(20);
        List<String> senders = new ArrayList<>();
        for (Path f : all) {
            Mail m = read(f);
            String to = ((InternetAddress) m.message().getRecipients(Message.RecipientType.TO)[0]).getAddress();
            if (to.equals("kaethe.koehler@post.example")) {
                senders.add(((InternetAddress) m.message().getFrom()[0]).getAddress());
            }
        }
        assertThat(senders).containsExactlyInAnyOrder(CONTACT, "kurse@drk.example");
    }

    @Test
    void excelCsvAndFormulaCells() throws Exception {
        Cli cli = fixture();
        cli.run("course", "edit", "bm-2018", "--capacity=22").ok();
        cli.run("participant", "add", "--first=Eve", "--last==1+1", "--email=eve@evil.example", "--course=bm-2018").ok();
        String out = cli.run("export", "reminders", AS_OF, "--excel").ok().out();
        assertThat(out).startsWith("\uFEFF");
        ExportListCliTest.assertCrlfRecords(out.substring(1));
        List<CSVRecord> all = CSVFormat.RFC4180.builder().setDelimiter(';').get().parse(new StringReader(out.substring(1)))
                .getRecords();
        assertThat(all).hasSize(22);
        int last = all.get(0).toList().indexOf("lastName");
        assertThat(all).anyMatch(r -> r.get(last).equals("'=1+1"));
        assertThat(csv(cli.run("export", "reminders", AS_OF).ok().out())).anyMatch(r -> r.get("lastName").equals("'=1+1"));
    }

    // ---------------------------------------------------------------- eml

    record Mail(MimeMessage message, String text, List<String> calendars, String rawHeaders) {
    }

    static Mail read(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        MimeMessage m;
        try (InputStream in = Files.newInputStream(file)) {
            m = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = raw.indexOf("\r\n\r\n");
        String headers = raw.substring(0, end < 0 ? raw.indexOf("\n\n") : end);
        assertThat(m.isMimeType("multipart/*")).isTrue();
        MimeMultipart mp = (MimeMultipart) m.getContent();
        String text = null;
        List<String> calendars = new ArrayList<>();
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (p.isMimeType("text/plain")) {
                assertThat(text).as("one text part").isNull();
                assertThat(new ContentType(p.getContentType()).getParameter("charset")).isEqualToIgnoringCase("UTF-8");
                text = (String) p.getContent();
            } else if (p.isMimeType("text/calendar")) {
                try (InputStream in = p.getInputStream()) {
                    calendars.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                assertThat(p.getFileName()).endsWith(".ics");
            }
        }
        assertThat(text).as("a text/plain part in %s", file).isNotNull();
        return new Mail(m, text, calendars, headers);
    }

    private static Map<String, Mail> mailsByRecipient(Path folder) throws Exception {
        Map<String, Mail> m = new HashMap<>();
        for (Path f : files(folder)) {
            assertThat(f.getFileName().toString()).endsWith(".eml");
            Mail mail = read(f);
            Message msg = mail.message();
            assertThat(msg.getRecipients(Message.RecipientType.TO)).hasSize(1);
            String to = ((InternetAddress) msg.getRecipients(Message.RecipientType.TO)[0]).getAddress();
            assertThat(m.put(to, mail)).as("one mail for %s", to).isNull();
        }
        return m;
    }

    @Test
    void emlOneMessagePerParticipant() throws Exception {
        Cli cli = fixture();
        Path out = Files.createDirectory(dir.resolve("outbox"));
        CliResult r = cli.run("export", "reminders", AS_OF, "--format=eml", "--output=" + out).ok();
        assertThat(r.out()).isEmpty();
        // named by id, not by name (README, "Personal data")
        assertThat(r.err()).contains("participant 22 has no e-mail address").doesNotContain("Ohne Mail");
        Map<String, Mail> mails = mailsByRecipient(out);
        assertThat(mails).hasSize(19);
        assertThat(mails.keySet()).doesNotContain("thilan.nguyen@post.example", "wanda@mail.example", "eike.baer@mail.example");

        List<String> ids = new ArrayList<>();
        for (var e : mails.entrySet()) {
            MimeMessage m = e.getValue().message();
            InternetAddress from = (InternetAddress) m.getFrom()[0];
            assertThat(from.getAddress()).isEqualTo(CONTACT);
            assertThat(m.getSubject()).isNotBlank().contains("Erinnerung").contains("Projektmanagement I");
            assertThat(m.getSentDate()).isNotNull();
            assertThat(m.getSentDate().toInstant()).isEqualTo(Instant.parse("2018-03-01T11:00:00Z"));
            assertThat(m.getMessageID()).matches("<[^<>@\\s]+@[^<>@\\s]+>");
            ids.add(m.getMessageID());
            // headers are 7-bit: the UTF-8 subject and names are encoded words
            assertThat(e.getValue().rawHeaders()).matches("[\\x00-\\x7F]*");
            assertThat(e.getValue().rawHeaders()).contains("Subject: =?UTF-8?");
            String text = e.getValue().text();
            assertThat(text).contains("Dienstag, 13. März 2018").contains("18:30").contains("21:30")
                    .contains("Projektmanagement I").contains(LOCATION);
            assertThat(e.getValue().calendars()).hasSize(1);
            ICalendar cal = Biweekly.parse(e.getValue().calendars().get(0)).first();
            assertThat(cal.getEvents()).hasSize(1);
            assertThat(cal.getEvents().get(0).getDateStart().getValue().toInstant())
                    .isEqualTo(Instant.parse("2018-03-13T17:30:00Z"));
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(mails.get("kaethe.koehler@post.example").text()).startsWith("Liebe Frau Köhler,");
        assertThat(mails.get("juergen.weiss@mail.example").text()).startsWith("Lieber Herr Weiß,");
        assertThat(mails.get("alex.brueckner@post.example").text()).startsWith("Guten Tag Alex Brückner,");
        assertThat(mails.get("d.georgiou@mail.example").text()).startsWith("Guten Tag Dimitrios Georgiou,");
        assertThat(mails.get("nikos.papadopoulos@mail.example").text()).startsWith("Lieber Herr Παπαδόπουλος,");
        InternetAddress to = (InternetAddress) mails.get("kaethe.koehler@post.example").message()
                .getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getPersonal()).isEqualTo("Käthe Köhler");
        assertThat(files(out)).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void emlWithTwoSessionsHasTwoAttachmentsAndTheLateEnrolmentGetsHers() throws Exception {
        Cli cli = fixture();
        Path out = Files.createDirectory(dir.resolve("outbox"));
        cli.run("export", "reminders", AS_OF, "--days=9", "--format=eml", "--output=" + out).ok();
        Map<String, Mail> mails = mailsByRecipient(out);
        assertThat(mails).hasSize(19);
        Mail k = mails.get("kaethe.koehler@post.example");
        assertThat(k.calendars()).hasSize(2);
        assertThat(k.text()).contains("Dienstag, 13. März 2018", "Dienstag, 20. März 2018", "Projektmanagement II");
        List<Instant> starts = new ArrayList<>();
        for (String c : k.calendars()) {
            starts.add(Biweekly.parse(c).first().getEvents().get(0).getDateStart().getValue().toInstant());
        }
        assertThat(starts).containsExactlyInAnyOrder(Instant.parse("2018-03-13T17:30:00Z"), Instant.parse("2018-03-20T17:30:00Z"));

        Path later = Files.createDirectory(dir.resolve("later"));
        cli.run("export", "reminders", "--as-of=2018-03-26", "--format=eml", "--output=" + later).ok();
        Mail eike = mailsByRecipient(later).get("eike.baer@mail.example");
        assertThat(eike).isNotNull();
        assertThat(eike.text()).startsWith("Guten Tag Eike Bär,").contains("Dienstag, 27. März 2018", "18:30");
        // after the switch to summer time
        assertThat(Biweekly.parse(eike.calendars().get(0)).first().getEvents().get(0).getDateStart().getValue()
                .toInstant()).isEqualTo(Instant.parse("2018-03-27T16:30:00Z"));
    }

    @Test
    void mailWithTwoSessionsSpeaksOfTheSessionsInThePlural() throws Exception {
        Cli cli = fixture();
        Path out = Files.createDirectory(dir.resolve("outbox"));
        cli.run("export", "reminders", AS_OF, "--days=9", "--format=eml", "--output=" + out).ok();
        String two = mailsByRecipient(out).get("kaethe.koehler@post.example").text();
        assertThat(two).contains("Im Anhang finden Sie die Termine zum Eintragen in Ihren Kalender.")
                .doesNotContain("den Termin");
        Path one = Files.createDirectory(dir.resolve("one"));
        cli.run("export", "reminders", AS_OF, "--format=eml", "--output=" + one).ok();
        assertThat(mailsByRecipient(one).get("kaethe.koehler@post.example").text())
                .contains("Im Anhang finden Sie den Termin zum Eintragen in Ihren Kalender.");

        cli.run("course", "edit", "bm-2018", "--language=en").ok();
        Path en = Files.createDirectory(dir.resolve("en"));
        cli.run("export", "reminders", AS_OF, "--days=9", "--format=eml", "--output=" + en).ok();
        assertThat(mailsByRecipient(en).get("kaethe.koehler@post.example").text())
                .contains("The sessions are attached as calendar files.").doesNotContain("The session is");
        Path enOne = Files.createDirectory(dir.resolve("en-one"));
        cli.run("export", "reminders", AS_OF, "--format=eml", "--output=" + enOne).ok();
        assertThat(mailsByRecipient(enOne).get("kaethe.koehler@post.example").text())
                .contains("The session is attached as a calendar file.");
    }

    @Test
    void emlErrors() throws Exception {
        Cli cli = fixture();
        CliResult r = cli.run("export", "reminders", AS_OF, "--format=eml").expect(2);
        assertThat(r.err()).contains("--output");
        Files.writeString(dir.resolve("a-file"), "not a folder");   // a missing folder is created, this one cannot be
        r = cli.run("export", "reminders", AS_OF, "--format=eml", "--output=" + dir.resolve("a-file/mails")).expect(6);
        assertThat(r.err()).contains(dir.resolve("a-file").toString());

        cli.run("course", "create", "ek-2018", "--title=Erste Hilfe").ok();
        cli.run("course", "session", "add", "ek-2018", "--date=2018-03-14", "--start=18:00", "--end=20:00",
                "--title=Teil 1").ok();
        cli.run("participant", "enrol", "kaethe.koehler@post.example", "--course=ek-2018").ok();
        Path out = Files.createDirectory(dir.resolve("outbox"));
        r = cli.run("export", "reminders", "--course=ek-2018", AS_OF, "--format=eml", "--output=" + out).expect(4);
        assertThat(r.err()).contains("ek-2018").contains("contact");
        assertThat(files(out)).isEmpty();
        // csv needs no sender
        assertThat(csv(cli.run("export", "reminders", "--course=ek-2018", AS_OF).ok().out())).hasSize(1);
    }

    // ---------------------------------------------------------------- --once and empty runs

    @Test
    void onceCsvTwice() throws Exception {
        Cli cli = fixture();
        assertThat(csv(cli.run("export", "reminders", AS_OF, "--once").ok().out())).hasSize(20);
        CliResult again = cli.run("export", "reminders", AS_OF, "--once").ok();
        assertThat(again.out()).isEmpty();
        CliResult quiet = cli.run("-q", "export", "reminders", AS_OF, "--once").ok();
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err()).isEmpty();
        // without --once everything is exported again
        assertThat(csv(cli.run("export", "reminders", AS_OF).ok().out())).hasSize(20);
        // a wider window: only the new session
        List<Map<String, String>> rows = csv(cli.run("export", "reminders", AS_OF, "--days=9", "--once").ok().out());
        assertThat(rows).hasSize(20).allMatch(x -> x.get("session").equals("6"));
        // someone enrolled after the first run gets theirs on the next one
        cli.run("course", "edit", "bm-2018", "--capacity=22").ok();
        cli.run("participant", "add", "--first=Neu", "--last=Ling", "--email=neu@mail.example", "--form=f",
                "--course=bm-2018").ok();
        rows = csv(cli.run("export", "reminders", AS_OF, "--days=9", "--once").ok().out());
        assertThat(rows).hasSize(2).allMatch(x -> x.get("email").equals("neu@mail.example"));
        assertThat(rows.get(0).get("salutation")).isEqualTo("Liebe Frau Ling");
    }

    @Test
    void onceEmlTwiceAndOncePerFormat() throws Exception {
        Cli cli = fixture();
        Path out = Files.createDirectory(dir.resolve("outbox"));
        cli.run("-q", "export", "reminders", AS_OF, "--format=eml", "--output=" + out, "--once").ok();
        List<Path> first = files(out);
        assertThat(first).hasSize(19);
        CliResult again = cli.run("-q", "export", "reminders", AS_OF, "--format=eml", "--output=" + out, "--once").ok();
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).isEmpty();
        assertThat(files(out)).isEqualTo(first);
        // sent and removed by the cron job: nothing comes back
        for (Path p : first) {
            Files.delete(p);
        }
        cli.clock(Cli.at(2018, 3, 12, 8, 0));
        cli.run("-q", "export", "reminders", "--format=eml", "--output=" + out, "--once").ok();
        assertThat(files(out)).isEmpty();

        // the log is per format: csv and json still export everything, once
        assertThat(csv(cli.run("export", "reminders", AS_OF, "--once").ok().out())).hasSize(20);
        assertThat(cli.run("export", "reminders", AS_OF, "--once").ok().out()).isEmpty();
        assertThat(cli.run("export", "reminders", AS_OF, "--format=json", "--once").ok().json()).hasSize(20);
        assertThat(cli.run("export", "reminders", AS_OF, "--format=json", "--once").ok().out()).isEmpty();
        ICalendar cal = Biweekly.parse(cli.run("export", "reminders", AS_OF, "--format=ics", "--once").ok().out()).first();
        assertThat(cal.getEvents()).hasSize(1);
        CliResult ics = cli.run("-q", "export", "reminders", AS_OF, "--format=ics", "--once").ok();
        assertThat(ics.out()).isEmpty();
        assertThat(ics.err()).isEmpty();
    }

    @Test
    void nothingToRemindIsEmptyAndQuiet() throws Exception {
        Cli cli = fixture();
        for (String format : List.of("csv", "json", "ics")) {
            CliResult r = cli.run("export", "reminders", "--as-of=2018-04-25", "--format=" + format).ok();
            assertThat(r.out()).as(format).isEmpty();
            assertThat(r.err()).as(format).isNotEmpty();
            r = cli.run("-q", "export", "reminders", "--as-of=2018-04-25", "--format=" + format, "--once").ok();
            assertThat(r.out()).as(format).isEmpty();
            assertThat(r.err()).as(format).isEmpty();
        }
        Path out = Files.createDirectory(dir.resolve("outbox"));
        CliResult r = cli.run("-q", "export", "reminders", "--as-of=2018-04-25", "--format=eml", "--output=" + out).ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(files(out)).isEmpty();
        // a database without any course
        Cli empty = new Cli(dir, "empty.db").init();
        r = empty.run("-q", "export", "reminders").ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void invalidOptions() {
        Cli cli = fixture();
        for (String bad : List.of("2018-13-01", "morgen", "2018-03-12T25:00", "12.03.2018 8 Uhr", "2018-02-30")) {
            CliResult r = cli.run("export", "reminders", "--as-of=" + bad).expect(2);
            assertThat(r.err()).as(bad).contains("--as-of").contains(bad);
            assertThat(r.out()).isEmpty();
        }
        assertThat(cli.run("export", "reminders", "--days=-1").expect(2).err()).contains("--days");
        cli.run("export", "reminders", "--days=sieben").expect(2);
        assertThat(cli.run("export", "reminders", "--format=pdf").expect(2).err()).contains("pdf");
        cli.run("export", "reminders", "--format=json", "--excel").expect(2);
        assertThat(cli.run("export", "reminders", "--course=nope-2018").expect(3).err()).contains("nope-2018");
    }
}
