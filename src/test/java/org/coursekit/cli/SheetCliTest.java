package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attend sheet}: the PDF read back with PDFBox. */
@EveryEngine
class SheetCliTest {
    @TempDir
    Path dir;

    private Cli example() {
        Cli cli = new Cli(dir).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        cli.run("participant", "import", Cli.PARTICIPANTS_UNICODE_CSV.toString(), "--course=bm-2018").ok();
        return cli;
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("test.db")).toList();
        }
    }

    @Test
    void sheetForTheGermanExample() {
        Cli cli = example();
        Path pdf = dir.resolve("anwesenheit-05.pdf");
        CliResult r = cli.run("attend", "sheet", "bm-2018", "--session=5", "--output=" + pdf).ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("20 participants");
        // 20 people and 3 blank rows fill A4: the count may spill onto a second page, which has the header too
        for (String page : Pdfs.pageTexts(pdf)) {
            assertThat(page).contains("Bürgermentorenkurs Ditzingen 2018", "Dienstag, 13. März 2018");
        }
        String text = Pdfs.text(pdf);
        assertThat(text).contains("Bürgermentorenkurs Ditzingen 2018", "Projektmanagement I", "Dienstag, 13. März 2018",
                "18:30", "Stadt Ditzingen", "Leonberger Str. 10");
        assertThat(text).contains("Köhler, Käthe", "Παπαδόπουλος, Νίκος", "Коваленко, Олена", "Kılıç, Ayşegül",
                "Wiśniewski, Łukasz", "Sørensen, Ingrid");
        // sorted by last name: Bäuerle before Weiß
        assertThat(text.indexOf("Bäuerle")).isLessThan(text.indexOf("Weiß"));
        assertThat(Pdfs.fonts(pdf)).isNotEmpty().doesNotContainValue(false);
    }

    @Test
    void vonBuelowIsListedUnderBOnTheSheet() {
        Cli cli = example();
        cli.run("course", "edit", "bm-2018", "--capacity=21").ok();
        cli.run("participant", "add", "--first=Bernhard", "--last=von Bülow", "--course=bm-2018").ok();
        Path pdf = dir.resolve("sheet.pdf");
        cli.run("attend", "sheet", "bm-2018", "--session=5", "--output=" + pdf).ok();
        String text = Pdfs.text(pdf);
        assertThat(text).contains("von Bülow, Bernhard");
        assertThat(text.indexOf("Brückner")).isLessThan(text.indexOf("von Bülow"));
        assertThat(text.indexOf("von Bülow")).isLessThan(text.indexOf("Ferretti"));
    }

    @Test
    void sessionByDateWithItsOwnPlace() {
        Cli cli = example();
        Path pdf = dir.resolve("sheet.pdf");
        cli.run("attend", "sheet", "bm-2018", "--session=10.03.2018", "--output=" + pdf).ok();
        assertThat(Pdfs.text(pdf)).contains("Samstag, 10. März 2018", "Exkursion: Repaircafé", "Rathausplatz");
    }

    @Test
    void longListRepeatsTheHeaderOnEveryPage() throws Exception {
        Cli cli = new Cli(dir).init();
        cli.run("course", "create", "big-2018", "--title=Großer Kurs 2018", "--language=de", "--capacity=100").ok();
        cli.run("course", "session", "add", "big-2018", "--date=2018-03-13", "--start=18:30", "--end=21:30",
                "--title=Erster Abend").ok();
        StringBuilder csv = new StringBuilder("first_name,last_name,email\n");
        for (int i = 1; i <= 60; i++) {
            csv.append("Vorname").append(i).append(",Nachname").append(String.format("%02d", i))
                    .append(",p").append(i).append("@mail.example\n");
        }
        Path people = dir.resolve("people.csv");
        Files.writeString(people, csv, StandardCharsets.UTF_8);
        cli.run("participant", "import", people.toString(), "--course=big-2018").ok();
        Path pdf = dir.resolve("big.pdf");
        cli.run("attend", "sheet", "big-2018", "--session=1", "--output=" + pdf).ok();
        List<String> pages = Pdfs.pageTexts(pdf);
        assertThat(pages).hasSizeGreaterThan(1);
        for (String page : pages) {
            assertThat(page).contains("Großer Kurs 2018");
        }
        String all = String.join("", pages);
        for (int i = 1; i <= 60; i++) {
            assertThat(all).contains(String.format("Nachname%02d, Vorname%d", i, i));
        }
    }

    @Test
    void errorsLeaveNoFile() throws Exception {
        Cli cli = example();
        java.nio.file.Files.writeString(dir.resolve("a-file"), "not a folder");   // where no folder can be made
        CliResult r = cli.run("attend", "sheet", "bm-2018", "--session=5", "--output=" + dir.resolve("a-file/folder/x.pdf"))
                .expect(6);
        assertThat(r.err()).contains("a-file");
        cli.run("attend", "sheet", "bm-2018", "--session=99", "--output=" + dir.resolve("x.pdf")).expect(3);
        cli.run("attend", "sheet", "nope-2018", "--session=1", "--output=" + dir.resolve("x.pdf")).expect(3);
        cli.run("attend", "sheet", "bm-2018", "--output=" + dir.resolve("x.pdf")).expect(2);

        String wang = cli.run("participant", "add", "--first=Wei", "--last=王", "--email=w@mail.example").ok().out().strip();
        cli.run("course", "edit", "bm-2018", "--capacity=30").ok();
        cli.run("participant", "enrol", wang, "--course=bm-2018").ok();
        r = cli.run("attend", "sheet", "bm-2018", "--session=5", "--output=" + dir.resolve("x.pdf")).expect(4);
        assertThat(r.err()).contains("王").contains(wang);
        assertThat(files()).containsExactly(dir.resolve("a-file"));   // only what the test put there
    }
}
