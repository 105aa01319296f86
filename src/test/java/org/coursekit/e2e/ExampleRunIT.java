package org.coursekit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import biweekly.Biweekly;
import biweekly.ICalendar;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code examples/ditzingen-2018/run.sh} as a real process against the packaged launcher
 * ({@link ExampleRun}, once for this IT and VerifySiteIT) and checks what it leaves in {@code examples/ditzingen-2018/out/} (git-ignored): certificates, sign-in sheets,
 * the exports and the reminder mails.
 */
class ExampleRunIT {
    static final Path OUT = ExampleRun.OUT;

    @BeforeAll
    static void launcherIsBuilt() {
        assertThat(Path.of("target", "coursekit").toAbsolutePath()).as("run 'mvn package' first").isExecutable();
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void runShWritesEverythingIntoOut() throws Exception {
        ExampleRun.Result run = ExampleRun.get();
        assertThat(run.exitCode()).as("exit code of run.sh\nstdout:\n%s\nstderr:\n%s", run.out(), run.err()).isZero();
        assertThat(run.err()).doesNotContain("building coursekit").doesNotContain("\tat ");
        assertThat(run.out()).contains("12 sessions", "certificates issued");

        List<String> files = names(OUT);
        // sign-in sheets, one per session
        for (int n = 1; n <= 12; n++) {
            assertThat(files).contains(String.format("anwesenheit-%02d.pdf", n));
        }
        // certificates and the print file
        List<String> certificates = names(OUT.resolve("zertifikate"));
        assertThat(certificates).isNotEmpty().allMatch(n -> n.startsWith("BM-2018-") && n.endsWith(".pdf"));
        assertThat(OUT.resolve("zertifikate-druck.pdf")).isNotEmptyFile();
        for (String pdf : List.of("zertifikate-druck.pdf", "anwesenheit-05.pdf")) {
            assertThat(new String(Files.readAllBytes(OUT.resolve(pdf)), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        }

        // the exports
        byte[] teilnehmende = Files.readAllBytes(OUT.resolve("teilnehmende.csv"));
        assertThat(teilnehmende).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String excel = new String(teilnehmende, StandardCharsets.UTF_8).substring(1);
        assertThat(excel).startsWith("id;firstName;lastName;email;");
        List<CSVRecord> people = CSVFormat.RFC4180.builder().setDelimiter(';').get().parse(new StringReader(excel)).getRecords();
        assertThat(people).hasSize(22); // header, 20 imported, Eike Bär
        // added on the command line without a locale, as under cron: the umlaut survives
        assertThat(people).anyMatch(r -> r.get(1).equals("Eike") && r.get(2).equals("Bär"));
        assertThat(excel).doesNotContain("\uFFFD");
        assertThat(Files.readAllBytes(OUT.resolve("anwesenheit.csv"))).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);

        List<CSVRecord> register = CSVFormat.RFC4180.parse(new StringReader(
                Files.readString(OUT.resolve("zertifikatsregister.csv")))).getRecords();
        assertThat(register).hasSize(certificates.size() + 1);
        assertThat(register.get(0).toList()).contains("serial", "code");

        ICalendar cal = Biweekly.parse(Files.readString(OUT.resolve("bm-2018.ics"))).first();
        assertThat(cal.getEvents()).hasSize(12);

        // the reminders as of Monday 12 March 2018: session 5, one mail per person with an address
        List<CSVRecord> reminders = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(OUT.resolve("erinnerungen.csv")))).getRecords();
        assertThat(reminders).isNotEmpty().allMatch(r -> r.get("session").equals("5"));
        Set<String> expected = new TreeSet<>();
        reminders.forEach(r -> expected.add(r.get("email")));
        List<String> mails = names(OUT.resolve("erinnerungen"));
        assertThat(mails).allMatch(n -> n.endsWith(".eml"));
        // the second (--once) run in run.sh added nothing
        assertThat(mails).hasSize(expected.size());
        Set<String> recipients = new TreeSet<>();
        for (String m : mails) {
            try (InputStream in = Files.newInputStream(OUT.resolve("erinnerungen").resolve(m))) {
                MimeMessage msg = new MimeMessage(Session.getInstance(new Properties()), in);
                recipients.add(((InternetAddress) msg.getRecipients(Message.RecipientType.TO)[0]).getAddress());
                assertThat(((InternetAddress) msg.getFrom()[0]).getAddress()).isEqualTo("buergerengagement@ditzingen.example");
            }
        }
        assertThat(recipients).isEqualTo(expected);
        assertThat(recipients).contains("kaethe.koehler@post.example").doesNotContain("thilan.nguyen@post.example",
                "eike.baer@mail.example");

        // what alumni went on to do, and the programme report for the funder
        assertThat(run.out()).contains("4 alumni projects");
        assertThat(new String(Files.readAllBytes(OUT.resolve("programmbericht.pdf")), 0, 5, StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
        String report = new String(Files.readAllBytes(OUT.resolve("programmbericht.csv")), StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(report)).getRecords();
        assertThat(rows).extracting(r -> r.get("row")).containsExactly("course", "total");
        assertThat(rows.get(0).get("id")).isEqualTo("bm-2018");
        assertThat(rows.get(0).get("projects")).isEqualTo("4");
        assertThat(Files.readString(OUT.resolve("programmbericht.json"))).contains("\"Repaircafé Ditzingen\"");
    }
}
