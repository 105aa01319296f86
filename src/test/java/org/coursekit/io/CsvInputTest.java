package org.coursekit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.coursekit.domain.InvalidData;
import org.coursekit.domain.NotFound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvInputTest {
    static final Path EXAMPLES = Path.of("examples", "ditzingen-2018");

    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path file(String name, String text) throws Exception {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsGermanSpreadsheetExport() {
        CsvInput.Table t = CsvInput.read(EXAMPLES.resolve("participants.csv"), "auto", "auto");
        assertThat(t.charset()).isEqualTo(CsvInput.WINDOWS_1252);
        assertThat(t.delimiter()).isEqualTo(';');
        assertThat(t.header()).containsExactly("Anrede", "Vorname", "Nachname", "E-Mail", "Telefon", "Geburtsdatum", "Bemerkung");
        assertThat(t.rows()).hasSize(16);
        CsvInput.Row first = t.rows().get(0);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.cells()).startsWith("Herr", "Jürgen", "Weiß", "juergen.weiss@mail.example");
        CsvInput.Row kaethe = t.rows().get(1);
        assertThat(kaethe.line()).isEqualTo(3);
        assertThat(kaethe.cells()).contains("Käthe", "Köhler", "Vegetarisch; kommt mit dem Rad");
        assertThat(t.rows().get(12).cells()).contains("Hans-Peter", "Große");
        CsvInput.Row last = t.rows().get(15);
        assertThat(last.line()).isEqualTo(17);
        assertThat(last.cells()).contains("Bäuerle", "Möchte mit \"Rosi\" angesprochen werden");
        // no CR left over from CRLF line ends
        assertThat(t.rows()).allSatisfy(r -> assertThat(r.cells()).noneMatch(c -> c.contains("\r")));
    }

    @Test
    void readsUtf8WithBomAndMultiLineNote() {
        CsvInput.Table t = CsvInput.read(EXAMPLES.resolve("participants-unicode.csv"), "auto", "auto");
        assertThat(t.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(t.delimiter()).isEqualTo(',');
        assertThat(t.header().get(0)).isEqualTo("first_name");
        assertThat(t.rows()).extracting(CsvInput.Row::line).containsExactly(2, 3, 5, 6);
        assertThat(t.rows().get(0).cells()).startsWith("Νίκος", "Παπαδόπουλος");
        List<String> olena = t.rows().get(1).cells();
        assertThat(olena).startsWith("Олена", "Коваленко");
        assertThat(olena.get(6)).isEqualTo("Spricht Ukrainisch und Deutsch.\nBraucht evtl. Übersetzungshilfe bei Handouts");
        assertThat(t.rows().get(2).cells()).startsWith("Ayşegül", "Kılıç");
        assertThat(t.rows().get(3).cells()).startsWith("Łukasz", "Wiśniewski");
    }

    @Test
    void tabDelimited() throws Exception {
        Path p = file("tab.csv", "Vorname\tNachname\tE-Mail\nAnna\tSchmidt, geb. Maier\tanna@example.org\n");
        CsvInput.Table t = CsvInput.read(p, "auto", "auto");
        assertThat(t.delimiter()).isEqualTo('\t');
        assertThat(t.rows().get(0).cells()).containsExactly("Anna", "Schmidt, geb. Maier", "anna@example.org");
    }

    @Test
    void forcedDelimiter() throws Exception {
        Path p = file("semi.csv", "a;b;c,d\n1;2;3,4\n");
        assertThat(CsvInput.read(p, "auto", "auto").delimiter()).isEqualTo(';');
        CsvInput.Table comma = CsvInput.read(p, ",", "auto");
        assertThat(comma.header()).containsExactly("a;b;c", "d");
        assertThat(CsvInput.read(p, "tab", "auto").header()).containsExactly("a;b;c,d");
        assertThatThrownBy(() -> CsvInput.read(p, "|", "auto")).isInstanceOf(InvalidData.class);
    }

    @Test
    void forcedEncoding() throws Exception {
        Path utf8 = file("utf8.csv", "Vorname;Nachname\nJürgen;Weiß\n");
        assertThat(CsvInput.read(utf8, "auto", "utf-8").rows().get(0).cells()).containsExactly("Jürgen", "Weiß");
        // forced windows-1252 reads UTF-8 bytes as two characters each
        assertThat(CsvInput.read(utf8, "auto", "windows-1252").rows().get(0).cells()).containsExactly("JÃ¼rgen", "WeiÃŸ");
        // a windows-1252 file is not valid UTF-8
        Path cp1252 = file("cp1252.csv", "Vorname;Nachname\nJürgen;Weiß\n".getBytes(CsvInput.WINDOWS_1252));
        assertThat(CsvInput.read(cp1252, "auto", "auto").rows().get(0).cells()).containsExactly("Jürgen", "Weiß");
        assertThatThrownBy(() -> CsvInput.read(cp1252, "auto", "utf-8")).isInstanceOf(InvalidData.class)
                .satisfies(e -> assertThat(Problems.text(e)).contains("cp1252.csv"));
        assertThatThrownBy(() -> CsvInput.read(cp1252, "auto", "ebcdic")).isInstanceOf(InvalidData.class);
    }

    @Test
    void emptyFile() throws Exception {
        Path p = file("empty.csv", new byte[0]);
        assertThatThrownBy(() -> CsvInput.read(p, "auto", "auto")).isInstanceOf(InvalidData.class)
                .satisfies(e -> assertThat(Problems.text(e)).contains("empty.csv").contains("empty"));
        Path blank = file("blank.csv", "\n\n");
        assertThatThrownBy(() -> CsvInput.read(blank, "auto", "auto")).isInstanceOf(InvalidData.class);
    }

    @Test
    void binaryFile() throws Exception {
        Path p = file("sheet.xlsx", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 8, 0, 'x'});
        assertThatThrownBy(() -> CsvInput.read(p, "auto", "auto")).isInstanceOf(InvalidData.class)
                .satisfies(e -> assertThat(Problems.text(e)).contains("sheet.xlsx").contains("not a text file"));
    }

    @Test
    void unbalancedQuoteNamesFileAndLine() throws Exception {
        Path p = file("quote.csv", "Vorname,Nachname\nAnna,Schmidt\n\"Bert,Meier\nCarla,Kunz\n");
        assertThatThrownBy(() -> CsvInput.read(p, "auto", "auto")).isInstanceOf(InvalidData.class)
                .satisfies(e -> assertThat(Problems.text(e)).containsPattern("quote\\.csv:[3-5]: "));
    }

    @Test
    void rowsAfterBlankLinesKeepTheirLineNumbers() throws Exception {
        CsvInput.Table t = CsvInput.read(file("gaps.csv", "Vorname,Nachname\n\nAnna,Schmidt\r\n\r\n\r\nBert,\"Meier\nMüller\"\n\nCarla,Kunz"),
                "auto", "auto");
        assertThat(t.rows()).extracting(CsvInput.Row::line).containsExactly(3, 6, 9);
        assertThat(t.rows().get(1).cells()).containsExactly("Bert", "Meier\nMüller");
    }

    @Test
    void quoteProblemsSayWhatIsWrongAndWhere() throws Exception {
        Path unclosed = file("unclosed.csv", "Vorname,Nachname\nAnna,Schmidt\n\nBert,\"Meier\nCarla,Kunz\n");
        assertThatThrownBy(() -> CsvInput.read(unclosed, "auto", "auto")).isInstanceOf(InvalidData.class)
                .satisfies(e -> assertThat(Problems.text(e)).contains("unclosed.csv:4: ").contains("never closed"));
        Path after = file("after.csv", "Vorname,Nachname\nAnna,\"Schmidt\"x\n");
        assertThatThrownBy(() -> CsvInput.read(after, "auto", "auto")).isInstanceOf(InvalidData.class)
                .satisfies(e -> assertThat(Problems.text(e)).contains("after.csv:2: ").contains("\"x\" after the closing quote"));
    }

    @Test
    void blankLinesBeforeTheHeaderDoNotHideItsDelimiter() throws Exception {
        CsvInput.Records r = CsvInput.open(file("late.csv", "\r\n\r\nVorname;Nachname\r\nAnna;Schmidt\r\n"), "auto", "auto");
        assertThat(r.delimiter()).isEqualTo(';');
        assertThat(r.headerLine()).isEqualTo(3);
        assertThat(r.header()).containsExactly("Vorname", "Nachname");
        assertThat(r.next().line()).isEqualTo(4);
    }

    @Test
    void tieBetweenDelimitersFallsBackToComma() throws Exception {
        assertThat(CsvInput.read(file("tie.csv", "a;b,c\n"), "auto", "auto").delimiter()).isEqualTo(',');
    }

    @Test
    void missingFileIsNotFound() {
        assertThatThrownBy(() -> CsvInput.read(dir.resolve("nope.csv"), "auto", "auto")).isInstanceOf(NotFound.class);
    }

    @Test
    void ownExportsReimportUnneutralised() {
        assertThat(CsvInput.unneutralise("'=1+2")).isEqualTo("=1+2");
        assertThat(CsvInput.unneutralise("'+49 7156")).isEqualTo("+49 7156");
        assertThat(CsvInput.unneutralise("O'Brien")).isEqualTo("O'Brien");
        assertThat(CsvInput.unneutralise("'quoted'")).isEqualTo("'quoted'");
    }
}
