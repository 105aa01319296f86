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

@EveryEngine
class ParticipantCliTest {
    @TempDir
    Path dir;

    private Path csv(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static JsonNode byEmail(JsonNode list, String email) {
        for (JsonNode p : list) {
            if (email.equals(p.get("email").asText())) {
                return p;
            }
        }
        throw new AssertionError("no " + email + " in " + list);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void addPrintsId() {
        Cli cli = new Cli(dir).init();
        CliResult r = cli.run("participant", "add", "--first=Käthe", "--last=Köhler", "--email=kaethe@example.org",
                "--form=f", "--birth-date=02.11.1948", "--phone=07156 23456").ok();
        assertThat(r.out()).isEqualTo("1\n");
        assertThat(r.err()).contains("added participant 1");
        assertThat(cli.run("participant", "add", "--first=Jürgen", "--last=Weiß").ok().out()).isEqualTo("2\n");
        JsonNode k = cli.run("participant", "show", "1", "--json").ok().json();
        assertThat(k.get("firstName").asText()).isEqualTo("Käthe");
        assertThat(k.get("form").asText()).isEqualTo("f");
        assertThat(k.get("birthDate").asText()).isEqualTo("1948-11-02");
    }

    @Test
    void addRefusesDuplicateAndInvalidValues() {
        Cli cli = new Cli(dir).init();
        cli.run("participant", "add", "--first=Käthe", "--last=Köhler", "--email=kaethe@example.org").ok();
        CliResult r = cli.run("participant", "add", "--first=K", "--last=K", "--email=KAETHE@Example.ORG").expect(5);
        assertThat(r.err()).contains("KAETHE@Example.ORG").contains("participant 1");
        assertThat(r.out()).isEmpty();
        r = cli.run("participant", "add", "--first=A", "--last=B", "--email=not-an-address").expect(4);
        assertThat(r.err()).contains("--email").contains("not-an-address");
        assertThat(cli.run("participant", "add", "--first=A", "--last=B", "--form=Dr").expect(2).err()).contains("--form");
        assertThat(cli.run("participant", "add", "--first=A", "--last=B", "--birth-date=30.02.1980").expect(2).err())
                .contains("--birth-date");
        assertThat(cli.run("participant", "add", "--first=A").expect(2).err()).contains("--last");
        assertThat(cli.run("participant", "add", "--first=A", "--last=B", "--course=nope-2018").expect(3).err())
                .contains("nope-2018");
        assertThat(cli.run("participant", "list", "--json").ok().json()).hasSize(1);
    }

    /** Defect: an import of one row said "1 row(s)" and "1 Zeile(n)"; one is singular, two are plural. */
    @Test
    void importOfOneRowSaysOneRowInEnglishAndGerman() throws Exception {
        Cli cli = new Cli(dir).withExampleCourse();
        Path one = dir.resolve("one.csv");
        Files.writeString(one, "first_name,last_name,email\nEike,Bär,eike@mail.example\n");
        CliResult r = cli.run("participant", "import", one.toString(), "--course=bm-2018").ok();
        assertThat(r.err()).contains(": 1 row: 1 new, 0 updated, 0 skipped, 1 enrolled");
        Path two = dir.resolve("two.csv");
        Files.writeString(two, "first_name,last_name,email\nAda,Berg,ada@mail.example\n"
                + "Ben,Berg,ben@mail.example\n");
        r = cli.run("--lang=de", "participant", "import", two.toString(), "--course=bm-2018", "--dry-run").ok();
        assertThat(r.err()).contains(": 2 Zeilen: 2 wären neu");
        Path three = dir.resolve("three.csv");
        Files.writeString(three, "first_name,last_name,email\nCem,Berg,cem@mail.example\n");
        r = cli.run("--lang=de", "participant", "import", three.toString(), "--course=bm-2018", "--dry-run").ok();
        assertThat(r.err()).contains(": 1 Zeile: 1 wäre neu");
        r = cli.run("--lang=de", "participant", "import", one.toString(), "--course=bm-2018",
                "--on-duplicate=skip").ok();
        assertThat(r.err()).contains(": 1 Zeile: 0 neu, 0 aktualisiert, 1 übersprungen");
    }

    @Test
    void importBothExamples() {
        Cli cli = new Cli(dir).withExampleCourse();
        CliResult r = cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("16 rows: 16 new, 0 updated, 0 skipped, 16 enrolled").contains("windows-1252");
        r = cli.run("participant", "import", Cli.PARTICIPANTS_UNICODE_CSV.toString(), "--course=bm-2018").ok();
        assertThat(r.err()).contains("4 rows: 4 new, 0 updated, 0 skipped, 4 enrolled").contains("UTF-8");

        r = cli.run("participant", "list", "--course=bm-2018", "--json").ok();
        assertThat(r.err()).isEmpty();
        JsonNode list = r.json();
        assertThat(list).hasSize(20);
        assertThat(fieldNames(list.get(0))).contains("id", "firstName", "lastName", "email", "phone", "form", "birthDate",
                "status");
        JsonNode juergen = byEmail(list, "juergen.weiss@mail.example");
        assertThat(juergen.get("firstName").asText()).isEqualTo("Jürgen");
        assertThat(juergen.get("lastName").asText()).isEqualTo("Weiß");
        assertThat(juergen.get("form").asText()).isEqualTo("m");
        assertThat(juergen.get("birthDate").asText()).isEqualTo("1961-03-14");
        assertThat(juergen.get("phone").asText()).isEqualTo("07156 12345");
        assertThat(juergen.get("status").asText()).isEqualTo("enrolled");
        assertThat(juergen.get("id").isIntegralNumber()).isTrue();
        assertThat(byEmail(list, "alex.brueckner@post.example").get("form").asText()).isEqualTo("x");
        assertThat(byEmail(list, "d.georgiou@mail.example").get("form").isNull()).isTrue();
        assertThat(byEmail(list, "malgorzata.nowak@web.example").get("birthDate").isNull()).isTrue();
        JsonNode nikos = byEmail(list, "nikos.papadopoulos@mail.example");
        assertThat(nikos.get("firstName").asText()).isEqualTo("Νίκος");
        assertThat(nikos.get("lastName").asText()).isEqualTo("Παπαδόπουλος");
        assertThat(byEmail(list, "olena.kovalenko@post.example").get("lastName").asText()).isEqualTo("Коваленко");
        assertThat(byEmail(list, "aysegul.kilic@web.example").get("lastName").asText()).isEqualTo("Kılıç");
        assertThat(byEmail(list, "lukasz.wisniewski@mail.example").get("firstName").asText()).isEqualTo("Łukasz");

        JsonNode olena = cli.run("participant", "show", "olena.kovalenko@post.example", "--json").ok().json();
        assertThat(olena.get("note").asText()).isEqualTo("Spricht Ukrainisch und Deutsch.\nBraucht evtl. Übersetzungshilfe bei Handouts");

        CliResult table = cli.run("participant", "list", "--course=bm-2018").ok();
        assertThat(table.out()).contains("Νίκος", "Олена", "Große", "enrolled");
        CliResult csv = cli.run("participant", "list", "--csv").ok();
        assertThat(csv.lines().get(0)).isEqualTo("id,firstName,lastName,email,phone,form,birthDate");
        assertThat(csv.lines()).hasSize(21);
        assertThat(cli.run("course", "show", "bm-2018", "--json").ok().json().get("enrolled").asInt()).isEqualTo(20);
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        Cli cli = new Cli(dir).withExampleCourse();
        byte[] before = Files.readAllBytes(cli.db());
        CliResult r = cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018", "--dry-run").ok();
        assertThat(r.err()).contains("dry run").contains("16 would be new");
        assertThat(r.out()).isEmpty();
        assertThat(cli.run("participant", "list", "--json").ok().json()).isEmpty();
        assertThat(cli.run("participant", "list", "--course=bm-2018", "--json").ok().json()).isEmpty();
        // a real import afterwards gets ids from 1
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString()).ok();
        assertThat(cli.run("participant", "show", "juergen.weiss@mail.example", "--json").ok().json().get("id").asInt())
                .isEqualTo(1);
    }

    @Test
    void badRowsAreAllReportedAndNothingIsImported() throws Exception {
        Cli cli = new Cli(dir).withExampleCourse();
        Path file = csv("bad.csv", "Vorname;Nachname;E-Mail;Geburtsdatum\n"
                + "Anna;Schmidt;anna@example.org;01.02.1980\n"
                + "Bert;Meier;bert(at)example.org;\n"
                + "Carla;Kunz;carla@example.org;\n"
                + "Dora;;dora@example.org;30.02.1975\n");
        CliResult r = cli.run("participant", "import", file.toString(), "--course=bm-2018").expect(4);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(file + ":3: ").contains("bert(at)example.org");
        assertThat(r.err()).contains(file + ":5: ").contains("Nachname").contains("30.02.1975");
        assertThat(r.err()).doesNotContain(file + ":2:").doesNotContain(file + ":4:");
        assertThat(cli.run("participant", "list", "--json").ok().json()).isEmpty();
    }

    @Test
    void anredeFrAndHrAbbreviatedAreAcceptedInAnImport() throws Exception {
        Cli cli = new Cli(dir).init();
        Path file = csv("anrede.csv", "Vorname;Nachname;E-Mail;Anrede\n"
                + "Anna;Schmidt;anna@example.org;Fr.\n"
                + "Bert;Meier;bert@example.org;Hr.\n"
                + "Carla;Kunz;carla@example.org;fr\n"
                + "Dirk;Lang;dirk@example.org;HR\n");
        cli.run("participant", "import", file.toString()).ok();
        JsonNode list = cli.run("participant", "list", "--json").ok().json();
        assertThat(byEmail(list, "anna@example.org").get("form").asText()).isEqualTo("f");
        assertThat(byEmail(list, "bert@example.org").get("form").asText()).isEqualTo("m");
        assertThat(byEmail(list, "carla@example.org").get("form").asText()).isEqualTo("f");
        assertThat(byEmail(list, "dirk@example.org").get("form").asText()).isEqualTo("m");
    }

    @Test
    void vonBuelowIsListedUnderBAsGermanListsDo() {
        Cli cli = new Cli(dir).init();
        cli.run("participant", "add", "--first=Vera", "--last=Vogel").ok();
        cli.run("participant", "add", "--first=Bernhard", "--last=von Bülow").ok();
        cli.run("participant", "add", "--first=Anna", "--last=Bauer").ok();
        cli.run("participant", "add", "--first=Carl", "--last=Bulwer").ok();
        cli.run("participant", "add", "--first=Maria", "--last=de la Cruz").ok();
        cli.run("participant", "add", "--first=Olaf", "--last=Ströbel").ok();
        cli.run("participant", "add", "--first=Sara", "--last=Strobel").ok();
        cli.run("participant", "add", "--first=Jan", "--last=van der Berg").ok();
        JsonNode list = cli.run("participant", "list", "--json").ok().json();
        assertThat(list.findValuesAsText("lastName")).containsExactly("Bauer", "van der Berg", "von Bülow", "Bulwer",
                "de la Cruz", "Strobel", "Ströbel", "Vogel");
    }

    @Test
    void malformedCsvAndUnknownColumns() throws Exception {
        Cli cli = new Cli(dir).init();
        Path unknown = csv("unknown.csv", "Vorname,Nachname,Lieblingsfarbe\nAnna,Schmidt,blau\n");
        CliResult r = cli.run("participant", "import", unknown.toString()).expect(4);
        assertThat(r.err()).contains("Lieblingsfarbe").contains("--ignore-unknown-columns");
        cli.run("participant", "import", unknown.toString(), "--ignore-unknown-columns").ok();

        Path quote = csv("quote.csv", "Vorname,Nachname\n\"Anna,Schmidt\nBert,Meier\n");
        assertThat(cli.run("participant", "import", quote.toString()).expect(4).err()).contains(quote + ":");
        Path empty = csv("empty.csv", "");
        assertThat(cli.run("participant", "import", empty.toString()).expect(4).err()).contains("empty.csv");
        Path binary = dir.resolve("x.xlsx");
        Files.write(binary, new byte[] {'P', 'K', 3, 4, 0, 0, 0});
        assertThat(cli.run("participant", "import", binary.toString()).expect(4).err()).contains("x.xlsx");
        assertThat(cli.run("participant", "import", dir.resolve("none.csv").toString()).expect(3).err()).contains("none.csv");
        assertThat(cli.run("participant", "import", unknown.toString(), "--course=nope-2018").expect(3).err()).contains("nope-2018");
        assertThat(cli.run("participant", "import", unknown.toString(), "--on-duplicate=maybe").expect(2).err())
                .contains("--on-duplicate");
        assertThat(cli.run("participant", "list", "--json").ok().json()).hasSize(1);
    }

    @Test
    void forcedDelimiterAndEncoding() throws Exception {
        Cli cli = new Cli(dir).init();
        Path tab = csv("tab.txt", "first_name\tlast_name\temail\nAnna\tSchmidt, geb. Maier\tanna@example.org\n");
        cli.run("participant", "import", tab.toString(), "--delimiter=tab", "--encoding=utf-8").ok();
        assertThat(cli.run("participant", "show", "anna@example.org", "--json").ok().json().get("lastName").asText())
                .isEqualTo("Schmidt, geb. Maier");
        assertThat(cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--encoding=utf-8").expect(4).err())
                .contains("participants.csv");
    }

    /** Large files are stored a chunk at a time while later rows are still being read: a late problem undoes all. */
    @Test
    void aProblemNearTheEndOfALargeFileLeavesNothingImported() throws Exception {
        Cli cli = new Cli(dir).withExampleCourse();
        cli.run("participant", "add", "--first=Vera", "--last=Vorhanden", "--email=vera@example.org").ok();
        StringBuilder rows = new StringBuilder("first_name,last_name,email\n");
        for (int i = 1; i <= 4500; i++) {
            rows.append("Person,Nummer").append(i).append(",p").append(i).append("@example.org\n");
        }
        Path good = csv("good.csv", rows.toString());
        Path bad = csv("bad.csv", rows + "Kaputt,,kaputt@example.org\n" + "Zweimal,Eins,p7@example.org\n");
        Path duplicate = csv("dup.csv", rows + "Vera,Vorhanden,VERA@example.org\n");

        CliResult r = cli.run("participant", "import", bad.toString(), "--course=bm-2018").expect(4);
        assertThat(r.err()).contains(bad + ":4502: ").contains(bad + ":4503: ").contains("line 8");
        r = cli.run("participant", "import", duplicate.toString(), "--course=bm-2018").expect(5);
        assertThat(r.err()).contains(duplicate + ":4502: ");
        assertThat(cli.run("participant", "list", "--json").ok().json()).hasSize(1);
        assertThat(cli.run("participant", "list", "--course=bm-2018", "--json").ok().json()).isEmpty();

        Path broken = csv("broken.csv", rows + "Offen,\"Ende\n");
        r = cli.run("participant", "import", broken.toString()).expect(4);
        assertThat(r.err()).contains(broken + ":4502: ").contains("never closed");
        assertThat(cli.run("participant", "list", "--json").ok().json()).hasSize(1);

        r = cli.run("participant", "import", good.toString()).ok();
        assertThat(r.err()).contains("4500 rows: 4500 new");
        JsonNode all = cli.run("participant", "list", "--json").ok().json();
        assertThat(all).hasSize(4501);
        assertThat(cli.run("participant", "show", "p4500@example.org", "--json").ok().json().get("lastName").asText())
                .isEqualTo("Nummer4500");
    }

    @Test
    void aFileWrongOnEveryRowShowsTheFirstProblemsAndCountsTheRest() throws Exception {
        Cli cli = new Cli(dir).init();
        StringBuilder rows = new StringBuilder("\n\nVorname;Nachname;Lieblingsfarbe\n");
        Path header = csv("header.csv", rows.toString());
        assertThat(cli.run("participant", "import", header.toString()).expect(4).err()).contains(header + ":3: ")
                .contains("Lieblingsfarbe");
        rows = new StringBuilder("Vorname;Nachname\n");
        for (int i = 0; i < 1500; i++) {
            rows.append("Person").append(i).append(";\n");
        }
        Path wrong = csv("wrong.csv", rows.toString());
        CliResult r = cli.run("participant", "import", wrong.toString()).expect(4);
        assertThat(r.err()).contains("1500 problems, nothing imported").contains(wrong + ":2: ")
                .contains(wrong + ":51: ").doesNotContain(wrong + ":52: ").contains("... and 1450 more");
        assertThat(cli.run("participant", "list", "--json").ok().json()).isEmpty();
    }

    /** Checking a file does not wait for the database: only storing does. */
    @Test
    void aBadFileIsReportedWhileAnotherProgramWritesToTheDatabase() throws Exception {
        Cli cli = new Cli(dir).init();
        Path bad = csv("bad.csv", "Vorname,Nachname,E-Mail\nAnna,,nope\n");
        try (java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + cli.db());
             java.sql.Statement st = other.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            CliResult r = cli.run("participant", "import", bad.toString(), "--dry-run").expect(4);
            assertThat(r.err()).contains(bad + ":2: ").contains("Nachname");
            st.execute("ROLLBACK");
        }
    }

    @Test
    void duplicatesFailSkipOrUpdate() throws Exception {
        Cli cli = new Cli(dir).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString()).ok();
        Path again = csv("again.csv", "Vorname;Nachname;E-Mail;Telefon\n"
                + "Jürgen;Weiß;JUERGEN.WEISS@mail.example;0711 999\n"
                + "Neu;Person;neu@example.org;\n");
        CliResult r = cli.run("participant", "import", again.toString(), "--course=bm-2018").expect(5);
        assertThat(r.err()).contains(again + ":2: ").contains("--on-duplicate=skip");
        assertThat(cli.run("participant", "list", "--json").ok().json()).hasSize(16);
        assertThat(cli.run("participant", "list", "--course=bm-2018", "--json").ok().json()).isEmpty();

        r = cli.run("participant", "import", again.toString(), "--on-duplicate=skip").ok();
        assertThat(r.err()).contains("1 new, 0 updated, 1 skipped");
        assertThat(cli.run("participant", "show", "juergen.weiss@mail.example", "--json").ok().json().get("phone").asText())
                .isEqualTo("07156 12345");

        r = cli.run("participant", "import", again.toString(), "--on-duplicate=update").ok();
        assertThat(r.err()).contains("0 new, 2 updated, 0 skipped");
        JsonNode j = cli.run("participant", "show", "juergen.weiss@mail.example", "--json").ok().json();
        assertThat(j.get("phone").asText()).isEqualTo("0711 999");
        assertThat(j.get("birthDate").asText()).isEqualTo("1961-03-14");   // empty cells keep what is stored
        assertThat(cli.run("participant", "list", "--json").ok().json()).hasSize(17);
    }

    @Test
    void duplicateWithinTheFile() throws Exception {
        Cli cli = new Cli(dir).init();
        Path twice = csv("twice.csv", "Vorname,Nachname,E-Mail\nA,B,a@example.org\nC,D,A@EXAMPLE.ORG\n");
        assertThat(cli.run("participant", "import", twice.toString()).expect(4).err()).contains(twice + ":3: ");
    }

    /** The duplicate check keeps a compact hash per address: a repeat thousands of rows later still names both lines. */
    @Test
    void aRepeatedAddressFarApartInCaseAndSpacesNamesBothLines() throws Exception {
        Cli cli = new Cli(dir).init();
        StringBuilder rows = new StringBuilder("Vorname,Nachname,E-Mail\n");
        for (int i = 2; i <= 5000; i++) {
            String email = switch (i) {
                case 3 -> "Erste.Zeile@Example.org";
                case 4000 -> "\"  erste.zeile@EXAMPLE.ORG \"";
                case 4999 -> "ERSTE.ZEILE@example.org";
                default -> "p" + i + "@example.org";
            };
            rows.append("Person,Nummer").append(i).append(',').append(email).append('\n');
        }
        Path far = csv("far.csv", rows.toString());
        CliResult r = cli.run("participant", "import", far.toString()).expect(4);
        assertThat(r.err()).contains("2 problems, nothing imported")
                .contains(far + ":4000: E-Mail: the same e-mail address as on line 3")
                .contains(far + ":4999: E-Mail: the same e-mail address as on line 3");
        assertThat(cli.run("participant", "list", "--json").ok().json()).isEmpty();
    }

    /** A file that cannot be read twice (a pipe) cannot confirm a repeat from the file: both lines are still named. */
    @Test
    void aRepeatedAddressInAPipeNamesBothLines() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")));
        Cli cli = new Cli(dir).init();
        Path fifo = dir.resolve("pipe.csv");
        assertThat(new ProcessBuilder("/usr/bin/mkfifo", fifo.toString()).start().waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, "Vorname,Nachname,E-Mail\nA,B,a@example.org\nC,D,A@EXAMPLE.ORG\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        CliResult r = cli.run("participant", "import", fifo.toString()).expect(4);
        writer.join(10_000);
        assertThat(r.err()).contains(fifo + ":3: E-Mail: the same e-mail address as on line 2");
    }

    /** Stored people are looked up a chunk at a time: one far into the file is still found, updated and enrolled. */
    @Test
    void aStoredPersonFarIntoALargeFileIsFoundUpdatedAndEnrolled() throws Exception {
        Cli cli = new Cli(dir).init();
        cli.run("course", "create", "gross-2018", "--title=Groß", "--capacity=3600").ok();
        cli.run("participant", "add", "--first=Vera", "--last=Vorhanden", "--email=vera@example.org", "--phone=0711 1").ok();
        StringBuilder rows = new StringBuilder("first_name,last_name,email,phone\n");
        for (int i = 2; i <= 3500; i++) {
            String email = i == 3300 ? " VERA@example.org" : "p" + i + "@example.org";
            rows.append("Person,Nummer").append(i).append(',').append(email).append(",0711 ").append(i).append('\n');
        }
        Path file = csv("big.csv", rows.toString());
        CliResult r = cli.run("participant", "import", file.toString(), "--course=gross-2018").expect(5);
        assertThat(r.err()).contains(file + ":3300: the e-mail address is already used by participant 1");
        assertThat(cli.run("participant", "list", "--json").ok().json()).hasSize(1);

        r = cli.run("participant", "import", file.toString(), "--course=gross-2018", "--on-duplicate=update").ok();
        assertThat(r.err()).contains("3498 new, 1 updated, 0 skipped, 3499 enrolled");
        assertThat(cli.run("participant", "show", "1", "--json").ok().json().get("phone").asText()).isEqualTo("0711 3300");
        assertThat(cli.run("participant", "list", "--course=gross-2018", "--json").ok().json()).hasSize(3499);

        r = cli.run("participant", "import", file.toString(), "--course=gross-2018", "--on-duplicate=skip").ok();
        assertThat(r.err()).contains("0 new, 0 updated, 3499 skipped, 0 enrolled");
        cli.run("course", "create", "klein-2018", "--title=Klein", "--capacity=3000").ok();
        r = cli.run("participant", "import", file.toString(), "--course=klein-2018", "--on-duplicate=skip").expect(5);
        assertThat(r.err()).contains("course klein-2018 has 3000 places, 0 taken; enrolling 3499 more would exceed it");
        assertThat(cli.run("participant", "list", "--course=klein-2018", "--json").ok().json()).isEmpty();
        assertThat(cli.run("participant", "list", "--json").ok().json()).hasSize(3499);
    }

    /** The README's "Personal data": messages name people by id (import rows by FILE:LINE), not by name or e-mail. */
    @Test
    void messagesNamePeopleByIdNotByNameOrEmail() throws Exception {
        Cli cli = new Cli(dir).withExampleCourse();
        CliResult r = cli.run("participant", "add", "--first=Käthe", "--last=Köhler", "--email=kaethe@example.org").ok();
        assertThat(r.err()).isEqualTo("added participant 1\n");
        r = cli.run("participant", "add", "--first=Jürgen", "--last=Weiß", "--course=bm-2018").ok();
        assertThat(r.err()).isEqualTo("added participant 2 and enrolled in bm-2018\n");
        r = cli.run("participant", "edit", "kaethe@example.org", "--first=Käthe Maria").ok();
        assertThat(r.err()).isEqualTo("updated participant 1\n");
        r = cli.run("--lang=de", "participant", "add", "--first=Eike", "--last=Bär").ok();
        assertThat(r.err()).isEqualTo("Person 3 hinzugefügt\n");

        Path again = csv("again.csv", "Vorname;Nachname;E-Mail\nKäthe;Köhler;KAETHE@example.org\n");
        r = cli.run("participant", "import", again.toString()).expect(5);
        assertThat(r.err()).contains(again + ":2: the e-mail address is already used by participant 1")
                .doesNotContainIgnoringCase("kaethe@example.org").doesNotContain("Köhler");
        Path twice = csv("twice.csv", "Vorname,Nachname,E-Mail\nA,B,a@example.org\nC,D,A@EXAMPLE.ORG\n");
        r = cli.run("participant", "import", twice.toString()).expect(4);
        assertThat(r.err()).contains(twice + ":3: E-Mail: the same e-mail address as on line 2")
                .doesNotContainIgnoringCase("a@example.org");
    }

    /** A note may span lines in a CSV file (README), and so it may from the command line. */
    @Test
    void aNoteMaySpanLinesAlsoFromTheCommandLine() {
        Cli cli = new Cli(dir).init();
        cli.run("participant", "add", "--first=A", "--last=B", "--note=first line\nsecond\tline").ok();
        assertThat(cli.run("participant", "show", "1", "--json").ok().json().get("note").asText()).isEqualTo("first line\nsecond\tline");
        assertThat(cli.run("participant", "show", "1").ok().out()).contains("first line\n").contains("second line\n");
        cli.run("participant", "edit", "1", "--note=x\r\ny").ok();
        assertThat(cli.run("participant", "edit", "1", "--note=x\u001by").expect(2).err()).contains("--note: contains a control character");
    }

    @Test
    void showByIdAndEmail() {
        Cli cli = new Cli(dir).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        CliResult r = cli.run("participant", "show", "2").ok();
        assertThat(r.out()).contains("Käthe Köhler", "kaethe.koehler@post.example", "bm-2018: enrolled",
                "Vegetarisch; kommt mit dem Rad");
        assertThat(r.err()).isEmpty();
        assertThat(cli.run("participant", "show", "Kaethe.Koehler@POST.example").ok().out()).isEqualTo(r.out());
        JsonNode j = cli.run("participant", "show", "kaethe.koehler@post.example", "--json").ok().json();
        assertThat(j.get("id").asInt()).isEqualTo(2);
        assertThat(j.get("enrolments").get(0).get("courseId").asText()).isEqualTo("bm-2018");
        assertThat(j.get("enrolments").get(0).get("status").asText()).isEqualTo("enrolled");
        CliResult csv = cli.run("participant", "show", "2", "--csv").ok();
        assertThat(csv.lines()).hasSize(2);
        assertThat(csv.lines().get(1)).startsWith("2,Käthe,Köhler,kaethe.koehler@post.example");
    }

    @Test
    void unknownParticipant() {
        Cli cli = new Cli(dir).withExampleCourse();
        assertThat(cli.run("participant", "show", "999").expect(3).err()).contains("999");
        assertThat(cli.run("participant", "show", "nobody@example.org").expect(3).err()).contains("nobody@example.org");
        assertThat(cli.run("participant", "edit", "999", "--first=X").expect(3).err()).contains("999");
        assertThat(cli.run("participant", "enrol", "999", "--course=bm-2018").expect(3).err()).contains("999");
        assertThat(cli.run("participant", "withdraw", "999", "--course=bm-2018").expect(3).err()).contains("999");
        assertThat(cli.run("participant", "show", "Käthe").expect(4).err()).contains("Käthe");
    }

    @Test
    void edit() {
        Cli cli = new Cli(dir).init();
        cli.run("participant", "add", "--first=Kathe", "--last=Kohler", "--email=k@example.org", "--phone=0711 1").ok();
        CliResult r = cli.run("participant", "edit", "K@example.org", "--first=Käthe", "--last=Köhler",
                "--email=kaethe@example.org", "--phone=").ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("updated participant 1");
        JsonNode j = cli.run("participant", "show", "1", "--json").ok().json();
        assertThat(j.get("firstName").asText()).isEqualTo("Käthe");
        assertThat(j.get("email").asText()).isEqualTo("kaethe@example.org");
        assertThat(j.get("phone").isNull()).isTrue();
        cli.run("participant", "add", "--first=Other", "--last=One", "--email=other@example.org").ok();
        assertThat(cli.run("participant", "edit", "2", "--email=KAETHE@example.org").expect(5).err()).contains("participant 1");
        assertThat(cli.run("participant", "edit", "2", "--email=nope").expect(4).err()).contains("--email");
        assertThat(cli.run("participant", "edit", "2").expect(2).err()).contains("nothing to change");
    }

    @Test
    void enrolWithCapacityAndWaitlistThenWithdraw() {
        Cli cli = new Cli(dir).init();
        cli.run("course", "create", "klein-2018", "--title=Klein", "--capacity=1").ok();
        cli.run("participant", "add", "--first=A", "--last=Eins", "--email=a@example.org").ok();
        cli.run("participant", "add", "--first=B", "--last=Zwei", "--email=b@example.org").ok();
        CliResult r = cli.run("participant", "enrol", "1", "--course=klein-2018").ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("enrolled 1 in klein-2018");
        assertThat(cli.run("participant", "enrol", "1", "--course=klein-2018").expect(5).err()).contains("already");

        r = cli.run("participant", "enrol", "b@example.org", "--course=klein-2018").expect(5);
        assertThat(r.err()).contains("full").contains("--waitlist");
        r = cli.run("participant", "enrol", "b@example.org", "--course=klein-2018", "--waitlist").ok();
        assertThat(r.err()).contains("waiting list");
        JsonNode list = cli.run("participant", "list", "--course=klein-2018", "--json").ok().json();
        assertThat(byEmail(list, "a@example.org").get("status").asText()).isEqualTo("enrolled");
        assertThat(byEmail(list, "b@example.org").get("status").asText()).isEqualTo("waitlisted");
        assertThat(cli.run("participant", "list", "--course=klein-2018", "--status=waitlisted", "--json").ok().json())
                .hasSize(1);

        r = cli.run("participant", "withdraw", "1", "--course=klein-2018", "--reason=umgezogen").ok();
        assertThat(r.err()).contains("withdrew 1 from klein-2018");
        JsonNode a = cli.run("participant", "show", "1", "--json").ok().json().get("enrolments").get(0);
        assertThat(a.get("status").asText()).isEqualTo("withdrawn");
        assertThat(a.get("reason").asText()).isEqualTo("umgezogen");
        assertThat(cli.run("participant", "withdraw", "1", "--course=klein-2018").expect(5).err()).contains("already");
        assertThat(cli.run("participant", "withdraw", "2", "--course=nope-2018").expect(3).err()).contains("nope-2018");
        // the place is free again
        cli.run("participant", "add", "--first=C", "--last=Drei", "--course=klein-2018").ok();
        assertThat(cli.run("participant", "list", "--course=klein-2018", "--status=enrolled", "--json").ok().json()).hasSize(1);
    }

    @Test
    void lateEnrolment() {
        Cli cli = new Cli(dir).withExampleCourse();
        cli.run("participant", "add", "--first=Eike", "--last=Spät", "--email=eike@example.org").ok();
        cli.run("participant", "enrol", "eike@example.org", "--course=bm-2018", "--since=06.03.2018").ok();
        JsonNode e = cli.run("participant", "show", "1", "--json").ok().json().get("enrolments").get(0);
        assertThat(e.get("since").asText()).isEqualTo("2018-03-06");
        assertThat(cli.run("participant", "enrol", "1", "--course=bm-2018", "--since=31.02.2018").expect(2).err())
                .contains("--since");
    }

    @Test
    void importBeyondCapacityIsRefused() {
        Cli cli = new Cli(dir).init();
        cli.run("course", "create", "klein-2018", "--title=Klein", "--capacity=3").ok();
        CliResult r = cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=klein-2018").expect(5);
        assertThat(r.err()).contains("klein-2018").contains("--capacity").contains("3 places, 0 taken; enrolling 16 more");
        assertThat(cli.run("participant", "list", "--json").ok().json()).isEmpty();
    }

    @Test
    void listOptions() {
        Cli cli = new Cli(dir).withExampleCourse();
        CliResult r = cli.run("participant", "list", "--status=enrolled").expect(2);
        assertThat(r.err()).contains("--status needs --course");
        assertThat(cli.run("participant", "list", "--course=bm-2018", "--status=happy").expect(2).err()).contains("happy");
        assertThat(cli.run("participant", "list", "--course=nope-2018").expect(3).err()).contains("nope-2018");
        assertThat(cli.run("participant", "list", "--json").ok().out().strip()).isEqualTo("[ ]");
    }
}
