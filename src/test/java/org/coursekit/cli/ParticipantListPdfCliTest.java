package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export participants COURSE --format=pdf}: the printable participant list, read back with PDFBox. */
@EveryEngine
class ParticipantListPdfCliTest {
    @TempDir
    Path dir;

    private Cli example() {
        Cli cli = new Cli(dir).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        cli.run("participant", "import", Cli.PARTICIPANTS_UNICODE_CSV.toString(), "--course=bm-2018").ok();
        return cli;
    }

    @Test
    void printableParticipantListWithoutContactDataByDefault() {
        Cli cli = example();
        Path pdf = dir.resolve("teilnehmende.pdf");
        CliResult r = cli.run("export", "participants", "bm-2018", "--format=pdf", "--output=" + pdf).ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(pdf.toString());
        String text = Pdfs.text(pdf);
        assertThat(text).contains("Teilnehmende").contains("Bürgermentorenkurs")     // the course's language: German
                .contains("Köhler, Käthe").contains("Weiß, Jürgen").contains("Παπαδόπουλος");
        assertThat(text).doesNotContain("kaethe.koehler@post.example").doesNotContain("07156 23456")
                .doesNotContain("E-Mail").doesNotContain("Telefon");
        assertThat(Pdfs.pages(pdf)).isBetween(1, 2);
    }

    @Test
    void printableParticipantListWithContactDataForTheTrainer() {
        Cli cli = example();
        Path pdf = dir.resolve("kontakte.pdf");
        cli.run("export", "participants", "bm-2018", "--format=pdf", "--contact", "--output=" + pdf).ok();
        String text = Pdfs.text(pdf);
        assertThat(text).contains("Köhler, Käthe").contains("kaethe.koehler@post.example").contains("07156 23456")
                .contains("E-Mail").contains("Telefon");
        assertThat(Pdfs.pages(pdf)).isBetween(1, 2);
    }

    @Test
    void printableParticipantListInEnglishWithLang() {
        Cli cli = example();
        Path pdf = dir.resolve("list.pdf");
        cli.run("export", "participants", "bm-2018", "--format=pdf", "--lang=en", "--output=" + pdf).ok();
        assertThat(Pdfs.text(pdf)).contains("Participants").contains("Köhler, Käthe");
    }

    @Test
    void printableParticipantListNeedsOutputAndContactNeedsPdf() {
        Cli cli = example();
        assertThat(cli.run("export", "participants", "bm-2018", "--format=pdf").expect(2).err()).contains("--output");
        assertThat(cli.run("export", "participants", "bm-2018", "--contact").expect(2).err()).contains("--contact");
        assertThat(cli.run("export", "participants", "bm-2018", "--format=pdf", "--excel",
                "--output=" + dir.resolve("x.pdf")).expect(2).err()).contains("--excel");
        cli.run("export", "participants", "nope-2018", "--format=pdf", "--output=" + dir.resolve("x.pdf")).expect(3);
    }
}
