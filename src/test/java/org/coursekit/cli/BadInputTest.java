package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of careless input: each file is refused with exit 4 (or 3), a message naming the file
 * (and line or field), no stack trace, and the database exactly as it was.
 *
 * <p>Its tests run in parallel with each other (each has its own folder and database): the longest
 * class of the suite, it would otherwise keep one core busy long after the others are done.
 */
@Execution(ExecutionMode.CONCURRENT)
@EveryEngine
class BadInputTest {
    @TempDir
    Path dir;
    Cli cli;
    String before;

    /** What {@link #state} shows of the database that every test's database is a copy of, once known, by engine (PostgreSQL: true). */
    private static final java.util.Map<Boolean, String> PRISTINE = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void setUp() {
        cli = new Cli(dir).copyOf("bad_input", c -> {
            c.init();
            c.run("course", "create", "--from=" + Cli.COURSE_JSON).ok();
            c.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        });
        before = pristine(cli);
    }

    /** The state of a test's database before its test: that of the copied database, the same for every test. */
    private static String pristine(Cli fresh) {
        return PRISTINE.computeIfAbsent(Cli.onPostgres(), engine -> state(fresh));
    }

    private String state() {
        return state(cli);
    }

    private static String state(Cli cli) {
        return cli.run("participant", "list", "--csv").ok().out() + cli.run("course", "list", "--csv").ok().out()
                + cli.run("attend", "list", "bm-2018", "--csv").ok().out();
    }

    static Stream<Arguments> participantFiles() {
        String header = "Vorname;Nachname;E-Mail\r\n";
        return Stream.of(
                Arguments.of("binary.csv", new byte[] {0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 2, 3}, "not a text file"),
                Arguments.of("empty.csv", new byte[0], "empty"),
                Arguments.of("unbalanced.csv", bytes(header + "Anna;\"Schmidt;a@b.example\r\n"), "malformed CSV"),
                Arguments.of("long.csv", bytes(header + "Anna;" + "x".repeat(2000) + ";a@b.example\r\n"), "too long"),
                Arguments.of("control.csv", bytes(header + "An\u0007na;Schmidt;a@b.example\r\n"), "control character"),
                // Excel's "CSV (delimited)" is Windows-1252: a Polish, Greek or Cyrillic letter becomes '?'
                Arguments.of("excel-question-marks.csv", bytes(header + "Ma?gorzata;?????;m@b.example\r\n"), ":2: Vorname: \"Ma?gorzata\" contains a question mark"),
                Arguments.of("email.csv", bytes(header + "Anna;Schmidt;anna(at)example\r\n"), "not a valid e-mail"),
                Arguments.of("date.csv", bytes("Vorname;Nachname;Geburtsdatum\nAnna;Schmidt;30.02.1970\n"), "not a valid date"),
                Arguments.of("unknown.csv", bytes("Vorname;Nachname;Lieblingsfarbe\nAnna;Schmidt;blau\n"), "unknown column"),
                Arguments.of("noname.csv", bytes("E-Mail\na@b.example\n"), "no column for"),
                Arguments.of("fields.csv", bytes(header + "Anna;Schmidt;a@b.example;extra;more\r\n"), "fields, but the header has"),
                Arguments.of("form.csv", bytes("Vorname;Nachname;Anrede\nAnna;Schmidt;Königin\n"), "not a form of address"),
                Arguments.of("latin1-as-utf8.csv", latin1("Vorname;Nachname\nJürgen;Weiß\n"), "latin1-as-utf8.csv:2:2: not valid UTF-8"),
                // terminal escape sequences and bidi overrides: refused, and shown escaped, never raw
                Arguments.of("escape-name.csv", bytes(header + "Anna;Schmidt\u001b[2J;a@b.example\r\n"), "Nachname: contains a control character: \"Schmidt\\u001b[2J\""),
                Arguments.of("escape-email.csv", bytes(header + "Anna;Schmidt;anna\u001b@b.example\r\n"), "E-Mail: contains a control character"),
                Arguments.of("c1-name.csv", bytes(header + "Anna\u009b2J;Schmidt;a@b.example\r\n"), "Vorname: contains a control character: \"Anna\\u009b2J\""),
                Arguments.of("del-name.csv", bytes(header + "Anna\u007f;Schmidt;a@b.example\r\n"), "Vorname: contains a control character"),
                Arguments.of("bidi-name.csv", bytes(header + "Anna;\u202etdimhcS;a@b.example\r\n"), "Nachname: contains a character that changes the direction of text: \"\\u202etdimhcS\""),
                Arguments.of("bidi-email.csv", bytes(header + "Anna;Schmidt;anna\u202d@b.example\r\n"), "E-Mail: contains a character that changes the direction"),
                Arguments.of("isolate-note.csv", bytes("Vorname;Nachname;Bemerkung\nAnna;Schmidt;\"zwei\nZeilen \u2066x\u2069\"\n"), "Bemerkung: contains a character that changes the direction"),
                Arguments.of("escape-header.csv", bytes("Vorname;Nachname;\"\u001b]8;;http://x\u001b\\Farbe\u001b]8;;\u001b\\\"\nAnna;Schmidt;blau\n"), "unknown column \"\\u001b]8;;http://x\\u001b\\Farbe"),
                // detected as UTF-8 by its first umlaut, then a byte that is not UTF-8: refused, not read as Windows-1252
                Arguments.of("mixed-encodings.csv", concat(bytes("Vorname;Nachname\nJürgen;Weiß\n"), latin1("Anna;Müller\n")),
                        "mixed-encodings.csv:3:7: not valid UTF-8"),
                Arguments.of("surrogate-utf8.csv", concat(bytes("Vorname;Nachname\nJürgen;Weiß\nAnna;"),
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}), "surrogate-utf8.csv:3:6: not valid UTF-8"),
                Arguments.of("surrogate-utf16.csv", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                        "Vorname;Nachname\nAnna;".getBytes(StandardCharsets.UTF_16LE), new byte[] {0x00, (byte) 0xD8},
                        "x\n".getBytes(StandardCharsets.UTF_16LE)), "surrogate-utf16.csv:2:6: not valid UTF-16"),
                Arguments.of("nul.csv", bytes(header + "Anna;Sch\0midt;a@b.example\r\n"), "nul.csv:2:9: not a text file"),
                Arguments.of("endless-line.csv", bytes(header + "Anna;" + "x".repeat(3 << 20) + "\r\n"),
                        "endless-line.csv:2: a line (or quoted field) longer than 1 MiB"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("participantFiles")
    void badParticipantFilesAreRefusedWithoutChanges(String name, byte[] content, String message) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        String[] args = name.equals("latin1-as-utf8.csv")
                ? new String[] {"participant", "import", f.toString(), "--encoding=utf-8"}
                : new String[] {"participant", "import", f.toString()};
        CliResult r = cli.run(args).expect(4);
        assertThat(r.err()).contains(name).contains(message).doesNotContain("\tat ").doesNotContain("Exception");
        assertNoRawTerminalControls(r.err());
        assertThat(state()).isEqualTo(before);
    }

    static Stream<Arguments> courseFiles() {
        return Stream.of(
                Arguments.of("binary.json", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}, "not valid JSON"),
                Arguments.of("empty.json", new byte[0], "must hold one JSON object"),
                Arguments.of("array.json", bytes("[1, 2]"), "must hold one JSON object"),
                Arguments.of("types.json", bytes("{\"id\": 7, \"title\": [\"x\"], \"sessions\": {}}"), "must be"),
                Arguments.of("date.json", bytes("""
                        {"id": "neu-1", "title": "T", "sessions": [{"date": "2018-02-30", "start": "19:00", "end": "20:00", "title": "x"}]}
                        """), "sessions[0].date"),
                Arguments.of("bom.json", bytes("\uFEFF{\"id\": \"x\"}"), "title: missing"),   // a BOM itself is fine
                Arguments.of("trailing.json", bytes("{\"id\": \"neu-2\", \"title\": \"T\"} {}"), "not valid JSON"),
                // terminal escape sequences and bidi overrides: refused, and shown escaped, never raw
                Arguments.of("escape-title.json", bytes("{\"id\": \"neu-3\", \"title\": \"T\\u001b[2J\"}"), "title: contains a control character: \"T\\u001b[2J\""),
                Arguments.of("bidi-organiser.json", bytes("{\"id\": \"neu-4\", \"title\": \"T\", \"organiser\": \"\u202eevil\"}"), "organiser: contains a character that changes the direction of text: \"\\u202eevil\""),
                Arguments.of("bidi-session.json", bytes("""
                        {"id": "neu-5", "title": "T", "sessions": [{"date": "2018-02-20", "start": "19:00", "end": "20:00", "title": "x\u2067y", "location": "a\\u202ab"}]}
                        """), "sessions[0].title: contains a character that changes the direction"),
                Arguments.of("escape-contact.json", bytes("{\"id\": \"neu-6\", \"title\": \"T\", \"contact\": {\"name\": \"A\\u009dB\", \"email\": \"a\\u001b@b.example\"}}"), "contact.email: contains a control character"),
                Arguments.of("escape-field.json", bytes("{\"id\": \"neu-7\", \"title\": \"T\", \"\\u001b]8;;http://x\\u001b\\\\link\": 1}"), "\\u001b]8;;http://x\\u001b\\link: unknown field"),
                Arguments.of("escape-raw.json", bytes("{\"id\": \"neu-8\", \"title\": \"T\u001b[2J\"}"), "not valid JSON"),
                // the prefix goes into certificate file names: no path may hide in it
                Arguments.of("prefix-path.json", bytes("""
                        {"id": "neu-9", "title": "T", "certificate": {"serialPrefix": "../../elsewhere/PWN"}}
                        """), "certificate.serialPrefix"),
                Arguments.of("prefix-absolute.json", bytes("""
                        {"id": "neu-10", "title": "T", "certificate": {"serialPrefix": "/tmp/PWN"}}
                        """), "certificate.serialPrefix"),
                Arguments.of("duplicate.json", bytes("{\"id\": \"neu-3\",\n \"title\": \"T\", \"id\": \"neu-4\"}"),
                        "duplicate.json:2:16: \"id\" appears twice in this object"),
                Arguments.of("duplicate-nested.json", bytes("""
                        {"id": "neu-3", "title": "T", "sessions": [
                          {"date": "2018-02-20", "start": "19:00", "end": "20:00", "title": "x", "start": "18:00"}]}
                        """), "duplicate-nested.json:2:74: \"start\" appears twice"),
                Arguments.of("surrogate-escape.json", bytes("{\"id\": \"neu-5\",\n\"title\": \"T\\ud800\"}"),
                        "surrogate-escape.json:2:10: a lone surrogate"),
                Arguments.of("surrogate-utf8.json", concat(bytes("{\"id\": \"neu-6\", \"title\": \"T"),
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, bytes("\"}")), "surrogate-utf8.json:1:28: not valid UTF-8"),
                Arguments.of("latin1.json", latin1("{\"id\": \"neu-7\",\n\"title\": \"Weiß\"}"), "latin1.json:2:14: not valid UTF-8"),
                Arguments.of("dst-gap.json", bytes("""
                        {"id": "neu-8", "title": "T", "timezone": "Europe/Berlin", "sessions": [
                          {"date": "2026-03-29", "start": "02:30", "end": "04:00", "title": "Nachtwanderung"}]}
                        """), "sessions[0].start: 02:30 does not exist on 2026-03-29 in the time zone Europe/Berlin"),
                Arguments.of("dst-gap-end.json", bytes("""
                        {"id": "neu-9", "title": "T", "sessions": [
                          {"date": "2026-03-29", "start": "01:00", "end": "02:15", "title": "Nachtwanderung"}]}
                        """), "sessions[0].end: 02:15 does not exist on 2026-03-29 in the time zone Europe/Berlin"),
                Arguments.of("huge.json", bytes("{\"id\": \"neu-10\", \"title\": \"" + "x".repeat(5 << 20) + "\"}"),
                        "huge.json: larger than 4 MiB"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("courseFiles")
    void badCourseFilesAreRefusedWithoutChanges(String name, byte[] content, String message) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        CliResult r = cli.run("course", "create", "--from=" + f).expect(4);
        assertThat(r.err()).contains(name).contains(message).doesNotContain("\tat ");
        assertNoRawTerminalControls(r.err());
        assertThat(state()).isEqualTo(before);
    }

    static Stream<Arguments> optionValues() {
        String esc = "\u001b[2J";
        String osc = "\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\";
        return Stream.of(
                Arguments.of(List.of("course", "create", "neu-1", "--title=T" + esc), "--title: contains a control character: \"T\\u001b[2J\""),
                Arguments.of(List.of("course", "create", "neu-1", "--title=T", "--organiser=\u202eevil"), "--organiser: contains a character that changes the direction of text: \"\\u202eevil\""),
                Arguments.of(List.of("course", "edit", "bm-2018", "--location=a\u2066b"), "--location: contains a character that changes the direction"),
                Arguments.of(List.of("course", "edit", "bm-2018", "--title=" + osc), "--title: contains a control character"),
                Arguments.of(List.of("course", "session", "add", "bm-2018", "--date=2018-05-01", "--start=19:00", "--end=20:00",
                        "--title=x\u202bx"), "--title: contains a character that changes the direction"),
                Arguments.of(List.of("course", "session", "edit", "bm-2018", "5", "--location=\u0085x"), "--location: contains a control character"),
                Arguments.of(List.of("participant", "add", "--first=A", "--last=\u202eB"), "--last: contains a character that changes the direction"),
                Arguments.of(List.of("participant", "add", "--first=A", "--last=B", "--email=anna\u202c@b.example"), "--email: contains a character that changes the direction"),
                Arguments.of(List.of("participant", "edit", "1", "--note=" + esc), "--note: contains a control character"),
                Arguments.of(List.of("participant", "withdraw", "1", "--course=bm-2018", "--reason=\u2068x"), "--reason: contains a character that changes the direction"),
                Arguments.of(List.of("certify", "revoke", "BM-2018-001", "--reason=" + esc), "--reason: contains a control character"),
                Arguments.of(List.of("certify", "issue", "bm-2018", "--output=out", "--dry-run", "--place=\u202eX"), "--place: contains a character that changes the direction"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionValues")
    void controlAndBidiCharactersInOptionValuesAreRefusedWithoutChanges(List<String> args, String message) {
        CliResult r = cli.run(args.toArray(String[]::new)).expect(2);
        assertThat(r.err()).contains(message);
        assertNoRawTerminalControls(r.err());
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void escapeSequencesInAnAttendanceFileAreShownEscaped() throws IOException {
        Path f = dir.resolve("attendance-escape.csv");
        Files.write(f, bytes("participant;session;status\n\"\u001b]8;;http://x\u001b\\7\";1;present\n2;\u001b[2J;present\n2;1;\u202eanwesend\n"));
        CliResult r = cli.run("attend", "import", f.toString(), "--course=bm-2018");
        assertThat(r.exitCode()).isIn(3, 4);
        assertThat(r.err()).contains("\\u001b]8;;http://x\\u001b\\7").contains("\\u001b[2J").contains("\\u202eanwesend");
        assertNoRawTerminalControls(r.err());
        assertThat(state()).isEqualTo(before);
    }

    /** No character that a terminal acts on (other than line breaks), nor a bidi override, reaches it raw. */
    static void assertNoRawTerminalControls(String text) {
        List<String> raw = text.codePoints()
                .filter(c -> c != '\n' && (Character.isISOControl(c) || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069))
                .mapToObj(c -> String.format("U+%04X", c)).toList();
        assertThat(raw).as("raw control or bidi characters in:%n%s", text).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("participantFiles")
    void theSameFilesAreRefusedAsAttendance(String name, byte[] content, String message) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        CliResult r = cli.run("attend", "import", f.toString(), "--course=bm-2018");
        assertThat(r.exitCode()).isIn(3, 4);
        assertNoRawTerminalControls(r.err());
        assertThat(state()).isEqualTo(before);
    }

    static Stream<Arguments> templateFiles() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0, 0, 0, 1, 0, 8, 2};
        return Stream.of(
                Arguments.of("font", "notafont.ttf", bytes("this is a text file\n"), "not a TrueType or OpenType font"),
                Arguments.of("font.bold", "empty.otf", new byte[0], "not a TrueType or OpenType font"),
                Arguments.of("background.image", "notanimage.png", bytes("this is a text file\n"), "not an image"),
                Arguments.of("background.image", "truncated.png", png, "not an image"),
                Arguments.of("background.pdf", "notapdf.pdf", bytes("%PDF-1.4 and then nothing\n"), "not a PDF"));
    }

    /** A template's font or background that is not what it claims: exit 4 naming the file, nothing issued. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("templateFiles")
    void templateFontsAndBackgroundsThatAreNotWhatTheyClaimAreInvalidInput(String field, String name, byte[] content,
                                                                           String message) throws IOException {
        cli.clock(Cli.at(2018, 7, 1, 12, 0));   // after the last session
        for (int s = 1; s <= 12; s++) {
            cli.run("attend", "record", "bm-2018", "--session=" + s, "--all-present").ok();
        }
        String issuedBefore = cli.run("certify", "list", "bm-2018", "--csv").ok().out() + cli.run("participant", "list",
                "--csv").ok().out();
        Files.write(dir.resolve(name), content);
        String json = switch (field) {
            case "font" -> "{\"font\": {\"regular\": \"" + name + "\"}}";
            case "font.bold" -> "{\"font\": {\"bold\": \"" + name + "\"}}";
            case "background.image" -> "{\"background\": {\"image\": \"" + name + "\"}}";
            default -> "{\"background\": {\"pdf\": \"" + name + "\"}}";
        };
        Path template = Files.writeString(dir.resolve("template.json"), json);
        Path out = Files.createDirectory(dir.resolve("out"));
        CliResult r = cli.run("certify", "issue", "bm-2018", "--template=" + template, "--output=" + out).expect(4);
        assertThat(r.err()).contains(name).contains(message).doesNotContain("\tat ").doesNotContain("Exception")
                .doesNotContain("cannot write");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
        assertThat(cli.run("certify", "list", "bm-2018", "--csv").ok().out() + cli.run("participant", "list",
                "--csv").ok().out()).isEqualTo(issuedBefore);
    }

    @org.junit.jupiter.api.Test
    void aSignatureThatIsNotAnImageIsInvalidInput() throws IOException {
        Files.writeString(dir.resolve("unterschrift.png"), "this is a text file\n");
        String course = Files.readString(Cli.COURSE_JSON).replace("\"bm-2018\"", "\"sig-2018\"")
                .replace("\"role\": \"Oberbürgermeister\"", "\"role\": \"Oberbürgermeister\", \"image\": \"unterschrift.png\"");
        Path file = Files.writeString(dir.resolve("course.json"), course);
        cli.run("course", "create", "--from=" + file).ok();
        cli.run("participant", "enrol", "1", "--course=sig-2018").ok();
        cli.clock(Cli.at(2018, 7, 1, 12, 0));
        for (int s = 1; s <= 12; s++) {
            cli.run("attend", "record", "sig-2018", "--session=" + s, "--all-present").ok();
        }
        Path out = Files.createDirectory(dir.resolve("out"));
        CliResult r = cli.run("certify", "issue", "sig-2018", "--output=" + out).expect(4);
        assertThat(r.err()).contains("unterschrift.png").contains("not an image").contains("signatories[0].image");
        assertThat(cli.run("certify", "list", "sig-2018", "--csv").ok().lines()).hasSize(1);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    /** Endless or huge inputs: refused at once (exit 4) naming the file, without reading them into memory. */
    static Stream<Arguments> endlessSources() {
        return Stream.of(Arguments.of("zero"), Arguments.of("sparse"), Arguments.of("fifo"));
    }

    private Path endless(String kind) throws Exception {
        return endless(kind, "Vorname;Nachname");
    }

    private Path endless(String kind, String header) throws Exception {
        switch (kind) {
            case "zero" -> {
                return Path.of("/dev/zero");
            }
            case "sparse" -> {                              // 3 GB of NULs that take no disk space
                Path f = dir.resolve("big.csv");
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                    raf.setLength(3L << 30);
                }
                return f;
            }
            default -> {                                    // a header, then one line that never ends
                Path f = dir.resolve(kind + ".csv");
                assertThat(new ProcessBuilder("mkfifo", f.toString()).start().waitFor()).isZero();
                Thread writer = new Thread(() -> {
                    try (OutputStream out = Files.newOutputStream(f)) {
                        out.write(bytes(header + "\nAnna;"));
                        byte[] x = "x".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
                        while (true) {
                            out.write(x);
                        }
                    } catch (IOException e) {
                        // the reader stopped reading: that is the point
                    }
                });
                writer.setDaemon(true);
                writer.start();
                return f;
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endlessSources")
    void endlessParticipantFilesAreRefusedAtOnce(String kind) throws Exception {
        Path f = endless(kind);
        CliResult r = cli.run("participant", "import", f.toString()).expect(4);
        assertThat(r.err()).contains(f + ":" + (kind.equals("fifo") ? "2: a line" : "1:1: not a text file"))
                .doesNotContain("Exception");
        assertThat(state()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endlessSources")
    void endlessAttendanceFilesAreRefusedAtOnce(String kind) throws Exception {
        Path f = endless(kind, "participant;session;status");
        CliResult r = cli.run("attend", "import", f.toString(), "--course=bm-2018").expect(4);
        assertThat(r.err()).contains(f + ":" + (kind.equals("fifo") ? "2: a line" : "1:1: not a text file"))
                .doesNotContain("Exception");
        assertThat(state()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endlessSources")
    void endlessCourseFilesAndTemplatesAreRefusedAtOnce(String kind) throws Exception {
        Path f = endless(kind);
        CliResult r = cli.run("course", "create", "--from=" + f).expect(4);
        assertThat(r.err()).contains(f + ": larger than 4 MiB").doesNotContain("Exception");
        if (kind.equals("fifo")) {
            f = endless(kind + "2");
        }
        Path out = Files.createDirectories(dir.resolve("out"));
        r = cli.run("certify", "issue", "bm-2018", "--output=" + out, "--template=" + f).expect(4);
        assertThat(r.err()).contains(f + ": larger than 4 MiB").doesNotContain("Exception");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void duplicateKeysInATemplateAreRefused() throws Exception {
        Path t = dir.resolve("duplicate-template.json");
        Files.writeString(t, "{\"page\": {\"size\": \"A4\"},\n  \"page\": {\"size\": \"A5\"}}");
        Path out = Files.createDirectories(dir.resolve("out"));
        CliResult r = cli.run("certify", "issue", "bm-2018", "--output=" + out, "--template=" + t).expect(4);
        assertThat(r.err()).contains("duplicate-template.json:2:3: \"page\" appears twice in this object");
    }

    @Test
    void sessionTimesInTheSpringDstGapAreRefused() {
        CliResult r = cli.run("course", "session", "add", "bm-2018", "--date=2026-03-29", "--start=02:30", "--end=04:00",
                "--title=Nachtwanderung").expect(4);
        assertThat(r.err()).contains("--start: 02:30 does not exist on 2026-03-29 in the time zone Europe/Berlin");
        r = cli.run("course", "session", "add", "bm-2018", "--date=29.03.2026", "--start=01:00", "--end=02:00",
                "--title=Nachtwanderung").expect(4);
        assertThat(r.err()).contains("--end: 02:00 does not exist on 2026-03-29 in the time zone Europe/Berlin");
        r = cli.run("course", "session", "edit", "bm-2018", "1", "--date=2026-03-29", "--start=02:00", "--end=05:00").expect(4);
        assertThat(r.err()).contains("--start: 02:00 does not exist on 2026-03-29");
        assertThat(state()).isEqualTo(before);
        cli.run("course", "session", "add", "bm-2018", "--date=2026-03-29", "--start=03:00", "--end=04:00",
                "--title=Nachtwanderung").ok();         // 03:00 is the first minute of summer time
    }

    @Test
    void aTimeZoneThatPutsASessionIntoTheDstGapIsRefused() {
        cli.run("course", "session", "add", "bm-2018", "--date=2026-03-29", "--start=02:30", "--end=04:00",
                "--title=Nachtwanderung", "--location=Sydney").expect(4);
        // 02:30 exists in Brisbane (no summer time): the session is added there, and the zone cannot change back
        cli.run("course", "edit", "bm-2018", "--timezone=Australia/Brisbane").ok();
        cli.run("course", "session", "add", "bm-2018", "--date=2026-03-29", "--start=02:30", "--end=04:00",
                "--title=Nachtwanderung").ok();
        CliResult r = cli.run("course", "edit", "bm-2018", "--timezone=Europe/Berlin").expect(4);
        assertThat(r.err()).contains("--timezone: session 13 at 02:30 on 2026-03-29 would not exist in the time zone Europe/Berlin");
        assertThat(cli.run("course", "show", "bm-2018", "--json").ok().json().get("timezone").asText())
                .isEqualTo("Australia/Brisbane");
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
