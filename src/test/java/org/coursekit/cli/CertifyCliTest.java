package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.coursekit.render.Fonts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code certify issue/list/verify/revoke/unrevoke/template}, PDFs read back with PDFBox and ZXing. */
@EveryEngine
class CertifyCliTest {
    static final String COURSE = """
            {
              "id": "ck-2018", "title": "Testkurs Zertifikate 2018", "organiser": "Stadt Teststadt",
              "location": "Rathaus, Marktplatz 1, 71254 Ditzingen", "timezone": "Europe/Berlin", "language": "de",
              "capacity": 100,
              "certificate": {
                "title": "Zertifikat", "minAttendance": 2,
                "roleTitle": {"f": "Mentorin", "m": "Mentor", "x": "Mentor*in"},
                "serialPrefix": "CK-2018",
                "signatories": [{"name": "Erika Muster", "role": "Bürgermeisterin"}],
                "footer": "Ein Testprojekt", "verifyUrl": "https://example.org/z?code={code}"
              },
              "sessions": [
                {"date": "2018-03-06", "start": "18:30", "end": "21:30", "title": "Erster Abend"},
                {"date": "2018-03-13", "start": "18:30", "end": "21:30", "title": "Zweiter Abend"},
                {"date": "2018-03-20", "start": "18:30", "end": "21:30", "title": "Dritter Abend"}
              ]
            }
            """;

    @TempDir
    Path dir;
    Path out;
    Cli cli;

    @BeforeEach
    void folder() throws Exception {
        out = Files.createDirectory(dir.resolve("out"));
    }

    /**
     * The test course with these people (first, last, form), enrolled in this order (ids 1..n);
     * those whose index is in {@code absent} miss two of the three sessions, the others attend all.
     */
    private Cli course(List<String[]> people, Set<Integer> absent) throws Exception {
        cli = new Cli(dir).init().clock(Cli.at(2018, 6, 1, 12, 0));
        Path json = dir.resolve("course.json");
        Files.writeString(json, COURSE, StandardCharsets.UTF_8);
        cli.run("course", "create", "--from=" + json).ok();
        StringBuilder csv = new StringBuilder("first_name,last_name,email,form\n");
        int i = 0;
        for (String[] p : people) {
            i++;
            csv.append('"').append(p[0]).append("\",\"").append(p[1]).append("\",p").append(i).append("@mail.example,")
                    .append(p.length > 2 ? p[2] : "").append('\n');
        }
        Path file = dir.resolve("people.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        cli.run("participant", "import", file.toString(), "--course=ck-2018").ok();
        String absentRefs = String.join(",", absent.stream().map(String::valueOf).toList());
        for (int s = 1; s <= 3; s++) {
            if (s < 3 && !absent.isEmpty()) {
                cli.run("attend", "record", "ck-2018", "--session=" + s, "--all-present", "--absent=" + absentRefs).ok();
            } else {
                cli.run("attend", "record", "ck-2018", "--session=" + s, "--all-present").ok();
            }
        }
        return cli;
    }

    /** Köhler, Weiß, Yilmaz (not eligible), Papadopoulos, Kovalenko. */
    private Cli standard() throws Exception {
        return course(List.of(new String[] {"Käthe", "Köhler", "f"}, new String[] {"Jürgen", "Weiß", "m"},
                new String[] {"Ayse", "Yilmaz", "f"}, new String[] {"Νίκος", "Παπαδόπουλος", "m"},
                new String[] {"Олена", "Коваленко", "f"}), Set.of(3));
    }

    private JsonNode register() {
        return cli.run("certify", "list", "ck-2018", "--json").ok().json();
    }

    private JsonNode bySerial(String serial) {
        for (JsonNode c : register()) {
            if (c.get("serial").asText().equals(serial)) {
                return c;
            }
        }
        throw new AssertionError("no " + serial);
    }

    private JsonNode byParticipant(long id) {
        for (JsonNode c : register()) {
            if (c.get("participantId").asLong() == id) {
                return c;
            }
        }
        throw new AssertionError("no certificate for participant " + id);
    }

    private Path fileOf(JsonNode c) {
        return out.resolve(c.get("file").asText());
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private List<String> filesIn(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    @Test
    void issueWritesOneFilePerEligibleParticipantAndARegister() throws Exception {
        standard();
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        assertThat(r.err()).contains("issued 4, already issued 0, not eligible 1").contains("certify check ck-2018");
        assertThat(r.lines()).hasSize(4);

        JsonNode reg = register();
        assertThat(reg).hasSize(4);
        Set<String> serials = new TreeSet<>();
        for (JsonNode c : reg) {
            for (String f : List.of("serial", "code", "participantId", "courseId", "fullName", "issuedAt", "revision",
                    "status", "file", "sha256")) {
                assertThat(c.has(f)).as(f).isTrue();
            }
            serials.add(c.get("serial").asText());
            assertThat(c.get("courseId").asText()).isEqualTo("ck-2018");
            assertThat(c.get("issuedAt").asText()).isEqualTo("2018-06-01");
            assertThat(c.get("revision").asInt()).isEqualTo(1);
            assertThat(c.get("status").asText()).isEqualTo("valid");
            assertThat(c.get("code").asText()).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){2,}");
            Path file = fileOf(c);
            assertThat(file).exists().hasParent(out);
            assertThat(r.out()).contains(file.getFileName().toString());
            assertThat(sha256(file)).isEqualTo(c.get("sha256").asText());
            assertThat(Pdfs.info(file, "CoursekitSerial")).isEqualTo(c.get("serial").asText());
            assertThat(Pdfs.info(file, "CoursekitCode").replace("-", ""))
                    .isEqualTo(c.get("code").asText().replace("-", ""));
        }
        assertThat(serials).containsExactly("CK-2018-001", "CK-2018-002", "CK-2018-003", "CK-2018-004");
        assertThat(reg.findValuesAsText("participantId")).doesNotContain("3");

        JsonNode kaethe = byParticipant(1);
        assertThat(kaethe.get("fullName").asText()).isEqualTo("Käthe Köhler");
        assertThat(kaethe.get("file").asText()).isEqualTo(kaethe.get("serial").asText() + "_Köhler_Käthe.pdf");
        assertThat(byParticipant(4).get("file").asText()).endsWith("_Παπαδόπουλος_Νίκος.pdf");
        String text = Pdfs.text(fileOf(kaethe));
        assertThat(text).contains("Käthe Köhler", "Testkurs Zertifikate 2018", "Mentorin", kaethe.get("serial").asText(),
                kaethe.get("code").asText(), "Erika Muster");
        assertThat(Pdfs.fonts(fileOf(kaethe))).isNotEmpty().doesNotContainValue(false);

        JsonNode people = cli.run("participant", "list", "--course=ck-2018", "--json").ok().json();
        for (JsonNode p : people) {
            assertThat(p.get("status").asText()).as(p.toString())
                    .isEqualTo(p.get("id").asInt() == 3 ? "enrolled" : "completed");
        }
        CliResult table = cli.run("certify", "list", "ck-2018").ok();
        assertThat(table.out()).contains("CK-2018-001", "Käthe Köhler");
        CliResult csv = cli.run("certify", "list", "--csv").ok();
        assertThat(csv.lines().get(0)).isEqualTo("serial,code,participantId,courseId,fullName,issuedAt,revision,status,file,sha256,revisedAt");
        assertThat(csv.lines()).hasSize(5);
    }

    @Test
    void certificateSpeaksOfSessionsNotOfEveningsSinceDaySessionsCount() throws Exception {
        standard();
        cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        String text = nfc(Pdfs.text(fileOf(byParticipant(1)))).replaceAll("\\s+", " ");
        assertThat(text).contains("3 von 3 Kursterminen besucht").doesNotContain("Kursabend");
    }

    @Test
    void reRunIssuesNothingNew() throws Exception {
        standard();
        cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        List<String> before = filesIn(out);
        String sha = byParticipant(1).get("sha256").asText();
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("issued 0, already issued 4, not eligible 1");
        assertThat(register()).hasSize(4);
        assertThat(filesIn(out)).isEqualTo(before).hasSize(4);
        assertThat(sha256(fileOf(byParticipant(1)))).isEqualTo(sha);
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        standard();
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out, "--dry-run", "--merged=" + dir.resolve("m.pdf"))
                .ok();
        assertThat(r.lines()).hasSize(4);
        assertThat(r.out()).contains("CK-2018-001", "CK-2018-004", "Käthe Köhler");
        assertThat(r.err()).contains("dry run").contains("would issue 4");
        assertThat(filesIn(out)).isEmpty();
        assertThat(dir.resolve("m.pdf")).doesNotExist();
        assertThat(register()).isEmpty();
        assertThat(cli.run("participant", "list", "--course=ck-2018", "--json").ok().json().findValuesAsText("status"))
                .containsOnly("enrolled");
    }

    @Test
    void onlySomeThenTheRestWithoutGaps() throws Exception {
        standard();
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=p2@mail.example").ok();
        assertThat(r.lines()).hasSize(1);
        assertThat(register()).hasSize(1);
        assertThat(byParticipant(2).get("serial").asText()).isEqualTo("CK-2018-001");
        r = cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=3").ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("issued 0").contains("not eligible 1");
        cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=999").expect(3);
        cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        assertThat(register().findValuesAsText("serial")).containsExactlyInAnyOrder("CK-2018-001", "CK-2018-002",
                "CK-2018-003", "CK-2018-004");
        assertThat(filesIn(out)).hasSize(4);
    }

    @Test
    void mergedHasOnePagePerValidCertificate() throws Exception {
        standard();
        Path merged = dir.resolve("alle.pdf");
        cli.run("certify", "issue", "ck-2018", "--output=" + out, "--merged=" + merged).ok();
        int perCertificate = Pdfs.pages(fileOf(byParticipant(1)));
        assertThat(Pdfs.pages(merged)).isEqualTo(4 * perCertificate);
        String text = nfc(Pdfs.text(merged));
        assertThat(text).contains("Käthe Köhler", "Jürgen Weiß", "Νίκος Παπαδόπουλος", "Олена Коваленко").doesNotContain("Yilmaz");
        cli.run("certify", "revoke", "CK-2018-002", "--reason=Irrtum").ok();
        cli.run("certify", "issue", "ck-2018", "--output=" + out, "--merged=" + merged).ok();
        assertThat(Pdfs.pages(merged)).isEqualTo(3 * perCertificate);
    }

    @Test
    void reissueKeepsSerialAndCodeAndSupersedesTheOldFile() throws Exception {
        standard();
        cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        JsonNode before = byParticipant(1);
        Path old = dir.resolve("old.pdf");
        Files.copy(fileOf(before), old);
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=1", "--reissue", "--date=02.06.2018").ok();
        assertThat(r.lines()).hasSize(1);
        JsonNode after = byParticipant(1);
        assertThat(after.get("serial").asText()).isEqualTo(before.get("serial").asText());
        assertThat(after.get("code").asText()).isEqualTo(before.get("code").asText());
        assertThat(after.get("revision").asInt()).isEqualTo(2);
        assertThat(after.get("sha256").asText()).isNotEqualTo(before.get("sha256").asText()).isEqualTo(sha256(fileOf(after)));
        assertThat(register()).hasSize(4);
        assertThat(byParticipant(2).get("revision").asInt()).isEqualTo(1);

        r = cli.run("certify", "verify", old.toString()).expect(1);
        assertThat(r.out()).contains("superseded");
        cli.run("certify", "verify", fileOf(after).toString()).ok();
        cli.run("certify", "verify", after.get("code").asText()).ok();
    }

    @Test
    void reissueKeepsTheOriginalIssueDateUnlessDateIsGiven() throws Exception {
        standard();
        cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();          // 1 June 2018
        cli.clock(Cli.at(2019, 9, 15, 10, 0));
        cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=1", "--reissue").ok();
        JsonNode after = byParticipant(1);
        assertThat(after.get("revision").asInt()).isEqualTo(2);
        assertThat(after.get("issuedAt").asText()).isEqualTo("2018-06-01");
        String text = nfc(Pdfs.text(fileOf(after)));
        assertThat(text).contains("1. Juni 2018").doesNotContain("2019");
        assertThat(cli.run("certify", "verify", after.get("code").asText()).ok().out()).contains("2018-06-01");

        cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=1", "--reissue", "--date=02.07.2018").ok();
        after = byParticipant(1);
        assertThat(after.get("revision").asInt()).isEqualTo(3);
        assertThat(after.get("issuedAt").asText()).isEqualTo("2018-07-02");
        assertThat(nfc(Pdfs.text(fileOf(after)))).contains("2. Juli 2018");
    }

    @Test
    void reissueRecordsWhenTheRevisionWasMadeAsRevisedAt() throws Exception {
        standard();
        cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        assertThat(byParticipant(1).get("revisedAt").isNull()).isTrue();
        cli.clock(Cli.at(2019, 9, 15, 10, 0));
        cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=1", "--reissue").ok();
        assertThat(byParticipant(1).get("revisedAt").asText()).startsWith("2019-09-15");
        assertThat(byParticipant(2).get("revisedAt").isNull()).isTrue();
        String csv = cli.run("certify", "list", "ck-2018", "--csv").ok().lines().get(0);
        assertThat(csv).contains("revisedAt");
    }

    @Test
    void reissueSummarySaysReissuedNotIssued() throws Exception {
        standard();
        cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=1,2", "--reissue", "--lang=en").ok();
        assertThat(r.err()).contains("issued 0, reissued 2,");
        r = cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=1", "--reissue", "--lang=de").ok();
        assertThat(r.err()).contains("ausgestellt 0, neu ausgestellt 1,");
        r = cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=1", "--reissue", "--dry-run", "--lang=en").ok();
        assertThat(r.err()).contains("would reissue 1");
    }

    @Test
    void reissueAfterANameChangeRemovesTheSupersededFile() throws Exception {
        standard();
        cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        Path old = fileOf(byParticipant(1));
        Path other = fileOf(byParticipant(2));
        cli.run("participant", "edit", "1", "--last=Neumann").ok();
        cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=1", "--reissue").ok();
        Path now = fileOf(byParticipant(1));
        assertThat(now.getFileName().toString()).isEqualTo("CK-2018-001_Neumann_Käthe.pdf");
        assertThat(now).exists();
        assertThat(old).doesNotExist();
        assertThat(other).exists();
        assertThat(filesIn(out)).hasSize(4);
    }

    @Test
    void reissueLeavesAChangedSupersededFileAndNamesIt() throws Exception {
        standard();
        cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        Path old = fileOf(byParticipant(1));
        Files.write(old, new byte[] {1, 2, 3});                 // not the bytes that were issued
        cli.run("participant", "edit", "1", "--last=Neumann").ok();
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=1", "--reissue").ok();
        assertThat(old).exists();
        assertThat(r.err()).contains(old.getFileName().toString());
        assertThat(fileOf(byParticipant(1))).exists();
    }

    @Test
    void verifyByCodeAndFile() throws Exception {
        standard();
        cli.run("certify", "issue", "ck-2018", "--output=" + out, "--date=24.04.2018").ok();
        JsonNode c = byParticipant(1);
        String code = c.get("code").asText();
        for (String form : List.of(code, code.toLowerCase(Locale.ROOT), code.replace("-", ""),
                code.replace("-", "").toLowerCase(Locale.ROOT))) {
            CliResult r = cli.run("certify", "verify", form).ok();
            assertThat(r.out()).contains("valid", "Käthe Köhler", "Testkurs Zertifikate 2018", "2018-04-24");
        }
        CliResult r = cli.run("certify", "verify", fileOf(c).toString()).ok();
        assertThat(r.out()).contains("valid", "Käthe Köhler", "Testkurs Zertifikate 2018", "2018-04-24");
        JsonNode json = cli.run("certify", "verify", code, "--json").ok().json();
        assertThat(json.get("valid").asBoolean()).isTrue();

        r = cli.run("certify", "verify", "AAAA-BBBB-CCCC").expect(1);
        assertThat(r.out()).contains("unknown");
        cli.run("certify", "verify", "xyz").expect(1);
        assertThat(cli.run("certify", "verify", dir.resolve("missing.pdf").toString()).expect(3).err()).contains("missing.pdf");
    }

    @Test
    void tamperedFiles() throws Exception {
        standard();
        cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        JsonNode c = byParticipant(1);
        byte[] bytes = Files.readAllBytes(fileOf(c));

        Path appended = dir.resolve("appended.pdf");
        byte[] plus = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        plus[bytes.length] = '\n';
        Files.write(appended, plus);
        CliResult r = cli.run("certify", "verify", appended.toString()).expect(1);
        assertThat(r.out()).contains("tampered").contains(c.get("serial").asText());

        // one character of the name changed in place (the text is in a compressed stream, so change the title instead)
        String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = latin1.indexOf("coursekit");
        assertThat(at).as("the producer or creator names coursekit").isPositive();
        byte[] changed = bytes.clone();
        changed[at] = 'C';
        Path edited = dir.resolve("edited.pdf");
        Files.write(edited, changed);
        r = cli.run("certify", "verify", edited.toString()).expect(1);
        assertThat(r.out()).contains("tampered");

        Path other = dir.resolve("other.pdf");
        Files.writeString(other, "%PDF-1.4\nnot really\n");
        assertThat(cli.run("certify", "verify", other.toString()).expect(1).out()).contains("unknown");
    }

    /** The README's "Personal data": revoking and a missing glyph name the certificate and the person by serial and id. */
    @Test
    void revokeAndMissingGlyphMessagesNamePeopleByIdNotByName() throws Exception {
        course(List.of(new String[] {"Käthe", "Köhler", "f"}, new String[] {"Wei", "王", "m"}), Set.of());
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out).expect(4);
        assertThat(r.err()).contains("participant 2: \"王\" (U+738B) is not in the font").doesNotContain("Wei");
        cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=1").ok();
        r = cli.run("certify", "revoke", "CK-2018-001", "--reason=issued by mistake").ok();
        assertThat(r.err()).isEqualTo("revoked certificate CK-2018-001\n");
    }

    @Test
    void revoke() throws Exception {
        standard();
        cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        JsonNode c = bySerial("CK-2018-002");
        CliResult r = cli.run("certify", "revoke", "CK-2018-002", "--reason=issued by mistake").ok();
        assertThat(r.err()).contains("CK-2018-002");
        r = cli.run("certify", "verify", c.get("code").asText()).expect(1);
        assertThat(r.out()).contains("revoked", "issued by mistake", c.get("fullName").asText());
        assertThat(cli.run("certify", "verify", fileOf(c).toString()).expect(1).out()).contains("revoked");
        assertThat(bySerial("CK-2018-002").get("status").asText()).isEqualTo("revoked");
        assertThat(cli.run("certify", "revoke", "CK-2018-002", "--reason=again").expect(5).err()).contains("CK-2018-002");
        assertThat(cli.run("certify", "revoke", "CK-2018-099", "--reason=x").expect(3).err()).contains("CK-2018-099");
        cli.run("certify", "revoke", "CK-2018-001").expect(2);
        JsonNode check = cli.run("certify", "check", "ck-2018", "--json").ok().json();
        assertThat(ReportCheckCliTest.byId(check, c.get("participantId").asLong()).get("status").asText()).isEqualTo("revoked");
        // a revoked certificate is not issued again
        assertThat(cli.run("certify", "issue", "ck-2018", "--output=" + out).ok().out()).isEmpty();
        assertThat(register()).hasSize(4);
    }

    /** Issue "The trainer's week", 4: a revoked certificate could never be restored. */
    @Test
    void revokedCertificateCanBeUnrevokedAndVerifiesAgain() throws Exception {
        standard();
        cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        JsonNode c = bySerial("CK-2018-002");
        cli.run("certify", "revoke", "CK-2018-002", "--reason=issued by mistake").ok();
        cli.run("certify", "verify", c.get("code").asText()).expect(1);
        cli.run("certify", "unrevoke", "CK-2018-002").expect(2);
        cli.run("certify", "unrevoke", "CK-2018-002", "--reason= ").expect(2);   // an option value, as for revoke
        CliResult r = cli.run("certify", "unrevoke", "CK-2018-002", "--reason=revoked the wrong one").ok();
        assertThat(r.err()).isEqualTo("certificate CK-2018-002 is valid again\n");
        r = cli.run("certify", "verify", c.get("code").asText()).ok();
        assertThat(r.out()).startsWith("valid").contains("CK-2018-002");
        cli.run("certify", "verify", fileOf(c).toString()).ok();
        assertThat(bySerial("CK-2018-002").get("status").asText()).isEqualTo("valid");
        JsonNode check = cli.run("certify", "check", "ck-2018", "--json").ok().json();
        assertThat(ReportCheckCliTest.byId(check, c.get("participantId").asLong()).get("status").asText()).isEqualTo("issued");
        JsonNode log = cli.run("db", "log", "--json").ok().json();
        assertThat(log.toString()).contains("certificate.unrevoked", "revoked the wrong one");
        // not revoked: a conflict; unknown: not found
        assertThat(cli.run("certify", "unrevoke", "CK-2018-002", "--reason=again").expect(5).err()).contains("CK-2018-002", "not revoked");
        assertThat(cli.run("certify", "unrevoke", "CK-2018-099", "--reason=x").expect(3).err()).contains("CK-2018-099");
        assertThat(cli.run("--lang=de", "certify", "unrevoke", "--help").ok().out()).contains("Widerruf", "Beispiel");
        // and it can be revoked again
        cli.run("certify", "revoke", "CK-2018-002", "--reason=now really").ok();
        assertThat(bySerial("CK-2018-002").get("status").asText()).isEqualTo("revoked");
    }

    @Test
    void courseWithCertificatesCannotBeDeleted() throws Exception {
        standard();
        cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=1").ok();
        cli.run("course", "delete", "ck-2018").expect(5);
        cli.run("course", "delete", "ck-2018", "--force").expect(5);
        assertThat(register()).hasSize(1);
    }

    @Test
    void registerKeepsTheNameAsPrinted() throws Exception {
        standard();
        cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        cli.run("participant", "edit", "1", "--last=Neumann", "--first=Kathrin").ok();
        JsonNode c = byParticipant(1);
        assertThat(c.get("fullName").asText()).isEqualTo("Käthe Köhler");
        assertThat(cli.run("certify", "verify", c.get("code").asText()).ok().out()).contains("Käthe Köhler");
        // and a later re-run does not issue anything for the edited person
        assertThat(cli.run("certify", "issue", "ck-2018", "--output=" + out).ok().out()).isEmpty();
    }

    @Test
    void aNameCannotEscapeTheFolder() throws Exception {
        course(List.<String[]>of(new String[] {"a/b\\c", "../../etc/x/y"}, new String[] {"..", ".."}), Set.of());
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        assertThat(r.lines()).hasSize(2);
        List<String> files = filesIn(out);
        assertThat(files).hasSize(2);
        for (String f : files) {
            assertThat(f).doesNotContain("/", "\\", "..").endsWith(".pdf").startsWith("CK-2018-00");
        }
        for (JsonNode c : register()) {
            assertThat(fileOf(c).normalize().getParent()).isEqualTo(out);
            assertThat(fileOf(c)).exists();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> p.toString().endsWith(".pdf")).count()).isEqualTo(2);
        }
    }

    @Test
    void aGlyphTheFontLacksStopsTheBatch() throws Exception {
        assertThat(Fonts.regular().charExists('王')).as("LiberationSans has no 王").isFalse();
        assertThat(Fonts.missingGlyph(Fonts.regular(), "Emoji \uD83D\uDE00")).isEqualTo(0x1F600);
        course(List.of(new String[] {"Käthe", "Köhler", "f"}, new String[] {"Wei", "王", "m"},
                new String[] {"Smiley", "Face\uD83D\uDE00", "x"}), Set.of());
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out, "--merged=" + dir.resolve("m.pdf")).expect(4);
        assertThat(r.err()).contains("王").contains("participant 2").contains("participant 3").contains("U+738B");
        assertThat(r.err()).doesNotContain("participant 1 ");
        assertThat(r.out()).isEmpty();
        assertThat(filesIn(out)).isEmpty();
        assertThat(dir.resolve("m.pdf")).doesNotExist();
        assertThat(register()).isEmpty();
        assertThat(cli.run("participant", "list", "--course=ck-2018", "--json").ok().json().findValuesAsText("status"))
                .containsOnly("enrolled");
        // without them the batch goes through
        cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=1").ok();
        assertThat(register()).hasSize(1);
    }

    @Test
    void namesInManyScriptsRender() throws Exception {
        List<String[]> people = List.of(new String[] {"Łukasz", "Wiśniewski"}, new String[] {"Małgorzata", "Żółćkowska"},
                new String[] {"Ayşegül", "Kılıç"}, new String[] {"İsmail", "Güneş"}, new String[] {"Νίκος", "Παπαδόπουλος"},
                new String[] {"Олена", "Коваленко"}, new String[] {"Thị Ánh", "Nguyễn"}, new String[] {"Þóra", "Ægisdóttir"});
        course(people, Set.of());
        cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        assertThat(register()).hasSize(people.size());
        for (JsonNode c : register()) {
            String[] p = people.get(c.get("participantId").asInt() - 1);
            String text = nfc(Pdfs.text(fileOf(c)));
            assertThat(text).contains(p[0] + " " + p[1]);
            assertThat(Pdfs.fonts(fileOf(c))).doesNotContainValue(false);
        }
    }

    @Test
    void qrCodeDecodesToTheVerificationUrl() throws Exception {
        standard();
        cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=4").ok();
        JsonNode c = byParticipant(4);
        String decoded = Pdfs.qr(fileOf(c), 0, 200);
        assertThat(decoded).startsWith("https://example.org/z?code=").contains(c.get("code").asText());
        String code = decoded.substring(decoded.indexOf("code=") + 5);
        CliResult r = cli.run("certify", "verify", code).ok();
        assertThat(r.out()).contains("Νίκος Παπαδόπουλος");
    }

    @Test
    void templates() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String lang : List.of("de", "en")) {
            CliResult r = cli0().raw("--lang=" + lang, "certify", "template").ok();
            assertThat(r.out()).contains("{{fullName}}");
            JsonNode t = json.readTree(r.out());
            assertThat(t.has("blocks")).isTrue();
            Path file = dir.resolve("t-" + lang + ".json");
            Files.writeString(file, r.out(), StandardCharsets.UTF_8);
        }
        assertThat(cli0().raw("--lang=de", "certify", "template").out()).isNotEqualTo(cli0().raw("--lang=en", "certify", "template").out());

        standard();
        Path en = dir.resolve("t-en.json");
        cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=1", "--template=" + en).ok();
        assertThat(Pdfs.text(fileOf(byParticipant(1)))).contains("took part in the Testkurs Zertifikate 2018");
    }

    @Test
    void badTemplateOrFolderWritesNothing() throws Exception {
        standard();
        ObjectMapper json = new ObjectMapper();
        String good = cli.raw("--lang=en", "certify", "template").ok().out();

        com.fasterxml.jackson.databind.node.ObjectNode t = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(good);
        ((com.fasterxml.jackson.databind.node.ObjectNode) t.get("blocks").get(2)).put("text", "{{nickName}}");
        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, json.writeValueAsString(t));
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out, "--template=" + unknown).expect(4);
        assertThat(r.err()).contains("unknown.json").contains("{{nickName}}").contains("blocks");

        t = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(good);
        ((com.fasterxml.jackson.databind.node.ObjectNode) t.get("blocks").get(1)).put("size", "big");
        Path wrongType = dir.resolve("wrongtype.json");
        Files.writeString(wrongType, json.writeValueAsString(t));
        r = cli.run("certify", "issue", "ck-2018", "--output=" + out, "--template=" + wrongType).expect(4);
        assertThat(r.err()).contains("wrongtype.json").contains("size");

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"blocks\": [");
        assertThat(cli.run("certify", "issue", "ck-2018", "--output=" + out, "--template=" + broken).expect(4).err())
                .contains("broken.json");
        cli.run("certify", "issue", "ck-2018", "--output=" + out, "--template=" + dir.resolve("none.json")).expect(3);

        // a missing folder is created; one that cannot be (a file stands where a folder should) is named
        Files.writeString(dir.resolve("a-file"), "not a folder");
        r = cli.run("certify", "issue", "ck-2018", "--output=" + dir.resolve("a-file/zertifikate"));
        r.expect(6);
        assertThat(r.err()).contains("a-file");
        cli.run("certify", "issue", "ck-2018").expect(2);
        cli.run("certify", "issue", "nope-2018", "--output=" + out).expect(3);
        assertThat(filesIn(out)).isEmpty();
        assertThat(register()).isEmpty();
    }

    private Cli cli0() {
        return new Cli(dir);
    }

    @SuppressWarnings("unused")
    private static List<String> copy(List<String> l) {
        return new ArrayList<>(l);
    }
}
