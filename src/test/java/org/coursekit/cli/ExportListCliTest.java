package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export participants, attendance, certificates: CSV (plain and Excel), JSON, injection, round trips, --output. */
@EveryEngine
class ExportListCliTest {
    static final List<String> PARTICIPANT_COLUMNS = List.of("id", "firstName", "lastName", "email", "phone", "form",
            "birthDate", "note", "status");
    static final List<String> ATTENDANCE_COLUMNS = List.of("participant", "participantId", "firstName", "lastName",
            "session", "date", "title", "status");

    @TempDir
    Path dir;

    /** The example course with both participant lists; a clock after the course so attendance can be recorded. */
    private Cli example(String dbName) {
        Cli cli = new Cli(dir, dbName).clock(Cli.at(2018, 5, 1, 12, 0)).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        cli.run("participant", "import", Cli.PARTICIPANTS_UNICODE_CSV.toString(), "--course=bm-2018").ok();
        return cli;
    }

    /** Adds people whose cells a spreadsheet would take for formulas. */
    private static void addInjections(Cli cli) {
        cli.run("course", "edit", "bm-2018", "--capacity=30").ok();
        cli.run("participant", "add", "--first=Eve", "--last==HYPERLINK(\"http://evil.example\";\"x\")",
                "--email=eve@evil.example", "--note=+1+1", "--phone=+49 7156 164-0", "--course=bm-2018").ok();
        cli.run("participant", "add", "--first=Mallory", "--last=-Minus", "--email=mallory@evil.example",
                "--note=@SUM(A1:A9)", "--course=bm-2018").ok();
        cli.run("participant", "add", "--first=Trudy", "--last=@At", "--email=trudy@evil.example", "--note=-2+3",
                "--course=bm-2018").ok();
    }

    static List<CSVRecord> parse(String csv, char delimiter, List<String> expectedHeader) throws Exception {
        CSVFormat f = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
        List<CSVRecord> all = f.parse(new StringReader(csv)).getRecords();
        assertThat(all).as("CSV has a header row").isNotEmpty();
        assertThat(all.get(0).toList()).isEqualTo(expectedHeader);
        for (CSVRecord r : all) {
            assertThat(r.size()).as("record %s has as many cells as the header", r.getRecordNumber())
                    .isEqualTo(expectedHeader.size());
        }
        List<CSVRecord> rows = all.subList(1, all.size());
        assertThat(rows).as("exactly one header row").noneMatch(r -> r.toList().equals(expectedHeader));
        return rows;
    }

    static Map<String, String> asMap(CSVRecord r, List<String> header) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < header.size(); i++) {
            m.put(header.get(i), r.get(i));
        }
        return m;
    }

    static String strictUtf8(byte[] bytes) throws Exception {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** Every record separator (a line end outside quotes) is CRLF. */
    static void assertCrlfRecords(String csv) {
        boolean quoted = false;
        int records = 0;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '\n') {
                assertThat(i).as("LF at %d outside quotes", i).isGreaterThan(0);
                assertThat(csv.charAt(i - 1)).as("LF at %d is preceded by CR", i).isEqualTo('\r');
                records++;
            } else if (!quoted && c == '\r') {
                assertThat(i + 1 < csv.length() && csv.charAt(i + 1) == '\n').as("CR at %d is followed by LF", i).isTrue();
            }
        }
        assertThat(quoted).as("quotes balanced").isFalse();
        assertThat(csv).endsWith("\r\n");
        assertThat(records).isPositive();
    }

    private List<String> filesIn(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static JsonNode byEmail(JsonNode list, String email) {
        for (JsonNode n : list) {
            if (email.equals(n.path("email").asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + email + " in " + list);
    }

    // ---------------------------------------------------------------- participants

    @Test
    void participantsCsvHasOneHeaderAndOneRowPerParticipant() throws Exception {
        Cli cli = example("a.db");
        cli.run("participant", "withdraw", "thilan.nguyen@post.example", "--course=bm-2018").ok();
        CliResult r = cli.run("export", "participants", "bm-2018").ok();
        assertThat(r.out()).doesNotStartWith("\uFEFF");
        List<CSVRecord> rows = parse(r.out(), ',', PARTICIPANT_COLUMNS);
        assertThat(rows).hasSize(20);
        assertThat(rows.stream().map(x -> x.get(3)).distinct()).hasSize(20);
        Map<String, String> olena = rows.stream().filter(x -> x.get(3).equals("olena.kovalenko@post.example"))
                .map(x -> asMap(x, PARTICIPANT_COLUMNS)).findFirst().orElseThrow();
        assertThat(olena.get("lastName")).isEqualTo("Коваленко");
        assertThat(olena.get("note")).isEqualTo("Spricht Ukrainisch und Deutsch.\nBraucht evtl. Übersetzungshilfe bei Handouts");
        assertThat(olena.get("form")).isEqualTo("f");
        assertThat(olena.get("birthDate")).isEqualTo("1988-09-14");
        assertThat(olena.get("status")).isEqualTo("enrolled");
        assertThat(rows).anyMatch(x -> x.get(3).equals("thilan.nguyen@post.example") && x.get(8).equals("withdrawn"));
        Map<String, String> kaethe = rows.stream().filter(x -> x.get(3).equals("kaethe.koehler@post.example"))
                .map(x -> asMap(x, PARTICIPANT_COLUMNS)).findFirst().orElseThrow();
        assertThat(kaethe.get("note")).isEqualTo("Vegetarisch; kommt mit dem Rad");
        assertThat(kaethe.get("firstName")).isEqualTo("Käthe");

        // the same rows as participant list --json, with their ids
        JsonNode list = cli.run("participant", "list", "--course=bm-2018", "--json").ok().json();
        for (CSVRecord row : rows) {
            JsonNode p = byEmail(list, row.get(3));
            assertThat(row.get(0)).isEqualTo(p.get("id").asText());
            assertThat(row.get(8)).isEqualTo(p.get("status").asText());
        }
    }

    @Test
    void participantsToFileIsUtf8WithoutBom() throws Exception {
        Cli cli = example("a.db");
        Path outDir = Files.createDirectory(dir.resolve("out"));
        Path file = outDir.resolve("teilnehmende.csv");
        CliResult r = cli.run("export", "participants", "bm-2018", "--output=" + file).ok();
        assertThat(r.out()).isEmpty();
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0]).isNotEqualTo((byte) 0xEF);
        String text = strictUtf8(bytes);
        assertThat(text).contains("Νίκος", "Παπαδόπουλος", "Kılıç", "Weiß", "Łukasz");
        assertThat(text).isEqualTo(cli.run("export", "participants", "bm-2018").ok().out());
        assertThat(parse(text, ',', PARTICIPANT_COLUMNS)).hasSize(20);
    }

    @Test
    void participantsJsonHasTheFields() {
        Cli cli = example("a.db");
        JsonNode list = cli.run("export", "participants", "bm-2018", "--format=json").ok().json();
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(20);
        for (JsonNode p : list) {
            List<String> names = new ArrayList<>();
            p.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsAll(PARTICIPANT_COLUMNS);
        }
        JsonNode j = byEmail(list, "juergen.weiss@mail.example");
        assertThat(j.get("id").isIntegralNumber()).isTrue();
        assertThat(j.get("firstName").asText()).isEqualTo("Jürgen");
        assertThat(j.get("lastName").asText()).isEqualTo("Weiß");
        assertThat(j.get("form").asText()).isEqualTo("m");
        assertThat(j.get("birthDate").asText()).isEqualTo("1961-03-14");
        assertThat(j.get("phone").asText()).isEqualTo("07156 12345");
        assertThat(j.get("status").asText()).isEqualTo("enrolled");
    }

    @Test
    void participantsExcelHasBomSemicolonsAndCrlf() throws Exception {
        Cli cli = example("a.db");
        Path file = dir.resolve("excel.csv");
        cli.run("export", "participants", "bm-2018", "--excel", "--output=" + file).ok();
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = strictUtf8(bytes).substring(1);
        assertThat(text).startsWith(String.join(";", PARTICIPANT_COLUMNS) + "\r\n");
        assertCrlfRecords(text);
        List<CSVRecord> rows = parse(text, ';', PARTICIPANT_COLUMNS);
        assertThat(rows).hasSize(20);
        assertThat(rows).anyMatch(x -> x.get(7).equals("Vegetarisch; kommt mit dem Rad"));
        // the same on stdout
        assertThat(cli.run("export", "participants", "bm-2018", "--excel").ok().out()).isEqualTo("\uFEFF" + text);
    }

    @Test
    void formulaCellsGetALeadingApostropheInPlainAndExcel() throws Exception {
        Cli cli = example("a.db");
        addInjections(cli);
        for (boolean excel : new boolean[] {false, true}) {
            CliResult r = excel ? cli.run("export", "participants", "bm-2018", "--excel").ok()
                    : cli.run("export", "participants", "bm-2018").ok();
            String text = excel ? r.out().substring(1) : r.out();
            List<CSVRecord> rows = parse(text, excel ? ';' : ',', PARTICIPANT_COLUMNS);
            Map<String, Map<String, String>> byMail = new TreeMap<>();
            for (CSVRecord row : rows) {
                byMail.put(row.get(3), asMap(row, PARTICIPANT_COLUMNS));
            }
            Map<String, String> eve = byMail.get("eve@evil.example");
            assertThat(eve.get("lastName")).isEqualTo("'=HYPERLINK(\"http://evil.example\";\"x\")");
            assertThat(eve.get("note")).isEqualTo("'+1+1");
            assertThat(eve.get("phone")).isEqualTo("'+49 7156 164-0");
            Map<String, String> mallory = byMail.get("mallory@evil.example");
            assertThat(mallory.get("lastName")).isEqualTo("'-Minus");
            assertThat(mallory.get("note")).isEqualTo("'@SUM(A1:A9)");
            Map<String, String> trudy = byMail.get("trudy@evil.example");
            assertThat(trudy.get("lastName")).isEqualTo("'@At");
            assertThat(trudy.get("note")).isEqualTo("'-2+3");
            // no cell anywhere starts with a formula character
            for (CSVRecord row : rows) {
                for (String cell : row) {
                    assertThat(cell).as("cell of %s", row.get(3)).doesNotStartWith("=").doesNotStartWith("+")
                            .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
                }
            }
        }
        // JSON is not a spreadsheet: values stay as they are
        JsonNode eve = byEmail(cli.run("export", "participants", "bm-2018", "--format=json").ok().json(), "eve@evil.example");
        assertThat(eve.get("lastName").asText()).startsWith("=HYPERLINK");
        assertThat(eve.get("note").asText()).isEqualTo("+1+1");
    }

    @Test
    void participantsCsvImportsIntoAFreshDatabase() throws Exception {
        for (boolean excel : new boolean[] {false, true}) {
            Cli one = example("one-" + excel + ".db");
            addInjections(one);
            Path file = dir.resolve("export-" + excel + ".csv");
            if (excel) {
                one.run("export", "participants", "bm-2018", "--excel", "--output=" + file).ok();
            } else {
                one.run("export", "participants", "bm-2018", "--output=" + file).ok();
            }
            Cli two = new Cli(dir, "two-" + excel + ".db").withExampleCourse();
            two.run("course", "edit", "bm-2018", "--capacity=30").ok();
            CliResult r = two.run("participant", "import", file.toString(), "--course=bm-2018").ok();
            assertThat(r.err()).contains("23 new");
            JsonNode before = one.run("participant", "list", "--course=bm-2018", "--json").ok().json();
            JsonNode after = two.run("participant", "list", "--course=bm-2018", "--json").ok().json();
            assertThat(after).hasSize(before.size());
            for (JsonNode b : before) {
                String email = b.get("email").asText();
                JsonNode a = byEmail(after, email);
                for (String field : List.of("firstName", "lastName", "email", "phone", "form", "birthDate")) {
                    assertThat(a.get(field)).as("%s of %s (excel: %s)", field, email, excel).isEqualTo(b.get(field));
                }
                JsonNode bs = one.run("participant", "show", email, "--json").ok().json();
                JsonNode as = two.run("participant", "show", email, "--json").ok().json();
                assertThat(as.get("note")).as("note of %s (excel: %s)", email, excel).isEqualTo(bs.get("note"));
            }
            JsonNode eve = two.run("participant", "show", "eve@evil.example", "--json").ok().json();
            assertThat(eve.get("lastName").asText()).isEqualTo("=HYPERLINK(\"http://evil.example\";\"x\")");
            assertThat(eve.get("note").asText()).isEqualTo("+1+1");
            assertThat(eve.get("phone").asText()).isEqualTo("+49 7156 164-0");
        }
    }

    // ---------------------------------------------------------------- attendance

    @Test
    void attendanceCsvHasOneRowPerRecordAndImportsAgain() throws Exception {
        Cli one = example("one.db");
        one.run("attend", "import", Cli.EXAMPLES.resolve("attendance.csv").toString(), "--course=bm-2018").ok();
        JsonNode listed = one.run("attend", "list", "bm-2018", "--json").ok().json();
        assertThat(listed.size()).isGreaterThan(20);

        CliResult r = one.run("export", "attendance", "bm-2018").ok();
        List<CSVRecord> rows = parse(r.out(), ',', ATTENDANCE_COLUMNS);
        assertThat(rows).hasSize(listed.size());
        Map<String, String> first = asMap(rows.get(0), ATTENDANCE_COLUMNS);
        assertThat(first.get("participant")).contains("@");
        assertThat(first.get("session")).matches("\\d+");
        assertThat(first.get("date")).matches("2018-\\d\\d-\\d\\d");
        assertThat(first.get("status")).isIn("present", "late", "excused", "absent");

        JsonNode json = one.run("export", "attendance", "bm-2018", "--format=json").ok().json();
        assertThat(json).hasSize(listed.size());
        for (JsonNode n : json) {
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsAll(ATTENDANCE_COLUMNS);
        }

        Path file = dir.resolve("anwesenheit.csv");
        one.run("export", "attendance", "bm-2018", "--excel", "--output=" + file).ok();
        assertThat(Files.readAllBytes(file)).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertCrlfRecords(strictUtf8(Files.readAllBytes(file)).substring(1));

        for (String variant : List.of("plain", "excel")) {
            Path export = variant.equals("plain") ? dir.resolve("plain.csv") : file;
            if (variant.equals("plain")) {
                Files.writeString(export, r.out(), StandardCharsets.UTF_8);
            }
            Cli two = example("two-" + variant + ".db");
            two.run("attend", "import", export.toString(), "--course=bm-2018").ok();
            assertThat(normalised(two.run("attend", "list", "bm-2018", "--json").ok().json()))
                    .as("attend list after importing the %s export", variant).isEqualTo(normalised(listed));
            assertThat(two.run("attend", "list", "bm-2018", "--json").ok().out()).isEqualTo(one.run("attend", "list",
                    "bm-2018", "--json").ok().out());
        }
    }

    /** attend list as sorted (email, session, date, status) tuples. */
    private static List<String> normalised(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : list) {
            out.add(n.get("email").asText() + "|" + n.get("session").asInt() + "|" + n.get("date").asText() + "|"
                    + n.get("status").asText());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    @Test
    void attendanceOfParticipantWithoutEmailUsesTheId() throws Exception {
        Cli cli = new Cli(dir).clock(Cli.at(2018, 5, 1, 12, 0)).withExampleCourse();
        String id = cli.run("participant", "add", "--first=Ohne", "--last=Mail", "--course=bm-2018").ok().out().strip();
        cli.run("attend", "record", "bm-2018", "--session=2", "--present=" + id).ok();
        List<CSVRecord> rows = parse(cli.run("export", "attendance", "bm-2018").ok().out(), ',', ATTENDANCE_COLUMNS);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(0)).isEqualTo(id);
        assertThat(rows.get(0).get(1)).isEqualTo(id);
        assertThat(rows.get(0).get(4)).isEqualTo("2");
        assertThat(rows.get(0).get(7)).isEqualTo("present");
    }

    // ---------------------------------------------------------------- certificates

    private Cli withCertificate() throws Exception {
        Cli cli = new Cli(dir).clock(Cli.at(2018, 5, 1, 12, 0)).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_UNICODE_CSV.toString(), "--course=bm-2018").ok();
        for (int s = 2; s <= 11; s++) {
            cli.run("attend", "record", "bm-2018", "--session=" + s, "--all-present").ok();
        }
        Path certs = Files.createDirectory(dir.resolve("certs"));
        cli.run("certify", "issue", "bm-2018", "--output=" + certs, "--date=24.04.2018").ok();
        return cli;
    }

    @Test
    void certificatesAreTheRegister() throws Exception {
        Cli cli = withCertificate();
        CliResult csv = cli.run("export", "certificates", "bm-2018").ok();
        assertThat(csv.out()).isEqualTo(cli.run("certify", "list", "bm-2018", "--csv").ok().out());
        List<String> header = List.copyOf(CSVFormat.RFC4180.parse(new StringReader(csv.out())).getRecords().get(0).toList());
        List<CSVRecord> rows = parse(csv.out(), ',', header);
        assertThat(rows).hasSize(4);
        assertThat(header).contains("serial", "code", "participantId", "courseId", "fullName", "issuedAt", "revision",
                "status", "file", "sha256");

        JsonNode json = cli.run("export", "certificates", "bm-2018", "--format=json").ok().json();
        assertThat(json).isEqualTo(cli.run("certify", "list", "bm-2018", "--json").ok().json());
        assertThat(json).hasSize(4);
        assertThat(json.get(0).get("serial").asText()).startsWith("BM-2018-");
        // without a course: all of them
        assertThat(cli.run("export", "certificates", "--format=json").ok().json()).hasSize(4);

        Path file = dir.resolve("register.csv");
        cli.run("export", "certificates", "--excel", "--output=" + file).ok();
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = strictUtf8(bytes).substring(1);
        assertCrlfRecords(text);
        assertThat(parse(text, ';', header)).hasSize(4);
        assertThat(text).contains("Νίκος Παπαδόπουλος");
    }

    // ---------------------------------------------------------------- --output and errors

    @Test
    void outputIsWrittenAtomicallyAndReplacesAnOldFile() throws Exception {
        Cli cli = example("a.db");
        Path out = Files.createDirectory(dir.resolve("exports"));
        Path file = out.resolve("teilnehmende.csv");
        Files.writeString(file, "old content that is longer than nothing\n".repeat(200));
        CliResult r = cli.run("export", "participants", "bm-2018", "--output=" + file).ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(file.toString());
        cli.run("export", "attendance", "bm-2018", "--output=" + out.resolve("a.csv")).ok();
        cli.run("export", "certificates", "--format=json", "--output=" + out.resolve("c.json")).ok();
        assertThat(filesIn(out)).containsExactly("a.csv", "c.json", "teilnehmende.csv");
        assertThat(Files.readString(file)).isEqualTo(cli.run("export", "participants", "bm-2018").ok().out());
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("c.json").toFile()).isArray())
                .isTrue();

        // -q: nothing on stderr
        CliResult q = cli.run("-q", "export", "participants", "bm-2018", "--output=" + file).ok();
        assertThat(q.err()).isEmpty();
        assertThat(q.out()).isEmpty();
        assertThat(filesIn(out)).noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void aFolderThatCannotBeCreatedIsExit6NamingIt() throws Exception {
        Cli cli = example("a.db");
        java.nio.file.Files.writeString(dir.resolve("a-file"), "not a folder");
        Path missing = dir.resolve("a-file");
        for (String[] args : List.of(
                new String[] {"export", "participants", "bm-2018", "--output=" + missing.resolve("p.csv")},
                new String[] {"export", "attendance", "bm-2018", "--excel", "--output=" + missing.resolve("a.csv")},
                new String[] {"export", "certificates", "--output=" + missing.resolve("c.csv")},
                new String[] {"export", "calendar", "bm-2018", "--output=" + missing.resolve("k.ics")})) {
            CliResult r = cli.run(args).expect(6);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains(missing.toString());
            assertThat(r.err().lines()).hasSizeLessThanOrEqualTo(2);
        }
        assertThat(missing).isRegularFile();
        assertThat(filesIn(dir)).noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void errors() {
        Cli cli = example("a.db");
        for (String what : List.of("participants", "attendance", "calendar")) {
            CliResult r = cli.run("export", what, "nope-2018").expect(3);
            assertThat(r.err()).contains("nope-2018");
            assertThat(r.out()).isEmpty();
        }
        assertThat(cli.run("export", "certificates", "nope-2018").expect(3).err()).contains("nope-2018");
        CliResult r = cli.run("export", "participants", "bm-2018", "--excel", "--format=json").expect(2);
        assertThat(r.err()).contains("--excel");
        assertThat(r.out()).isEmpty();
        r = cli.run("export", "attendance", "bm-2018", "--format=xml").expect(2);
        assertThat(r.err()).contains("xml");
        cli.run("export", "participants").expect(2);
        cli.run("export", "participants", "bm-2018", "--frobnicate").expect(2);
    }
}
