package org.coursekit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.coursekit.domain.InvalidData;

/** Whatever a spreadsheet writes, the reader gets back: cells, rows and the line each row starts on. */
class CsvPropertiesTest {
    @Provide
    Arbitrary<List<List<String>>> tables() {
        Arbitrary<String> cell = Arbitraries.strings()
                .withChars("aäßéŁΝО \"';,\t\n\r=+-@xyz0123456789")
                .ofMinLength(0).ofMaxLength(12)
                .map(String::strip)
                .filter(s -> s.isEmpty() || s.charAt(0) != '\'');
        return cell.list().ofSize(3).list().ofMinSize(1).ofMaxSize(8)
                .filter(rows -> rows.stream().noneMatch(r -> r.stream().allMatch(String::isEmpty)));
    }

    @Property
    void readingGivesBackWhatWasWritten(@ForAll("tables") List<List<String>> rows,
                                        @ForAll("delimiters") char delimiter, @ForAll boolean crlf) throws Exception {
        StringWriter w = new StringWriter();
        CSVFormat f = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setRecordSeparator(crlf ? "\r\n" : "\n").get();
        try (CSVPrinter p = new CSVPrinter(w, f)) {
            p.printRecord("first_name", "last_name", "note");
            for (List<String> r : rows) {
                p.printRecord(r);
            }
        }
        String text = w.toString();
        CsvInput.Table t = CsvInput.parse(Path.of("p.csv"), text, StandardCharsets.UTF_8, "auto");
        assertThat(t.delimiter()).isEqualTo(delimiter);
        assertThat(t.header()).containsExactly("first_name", "last_name", "note");
        List<List<String>> read = new ArrayList<>();
        for (CsvInput.Row r : t.rows()) {
            read.add(r.cells());
        }
        assertThat(read).isEqualTo(rows);
        // each row starts on the physical line after the previous row's line breaks
        int line = 2;
        for (int i = 0; i < rows.size(); i++) {
            assertThat(t.rows().get(i).line()).isEqualTo(line);
            for (String c : rows.get(i)) {
                line += breaks(c);
            }
            line++;
        }
    }

    @Provide
    Arbitrary<Character> delimiters() {
        return Arbitraries.of(',', ';', '\t');
    }

    /**
     * Our reader is a hand-written lexer (several times faster than Commons CSV's); on any text at
     * all it must split records exactly as Commons CSV's RFC 4180 format does with empty lines
     * ignored (the same cells, starting on the same line), or refuse the text as Commons CSV does.
     * (Lines: the one the record's first character is on.)
     */
    @Property(tries = 3000)
    void splitsAnyTextAsCommonsCsvDoes(@ForAll("texts") String text, @ForAll("delimiters") char delimiter,
                                       @ForAll @IntRange(min = 0, max = 5) int piece) throws Exception {
        List<List<String>> expected = new ArrayList<>();
        List<Integer> expectedLines = new ArrayList<>();
        boolean refused = false;
        CSVFormat f = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(text)).setFormat(f).get()) {
            for (CSVRecord rec : p) {
                List<String> cells = new ArrayList<>();
                for (String v : rec) {
                    cells.add(CsvInput.unneutralise(v.strip()));
                }
                expected.add(cells);
                // Commons CSV's position is where it started reading, before the empty lines it skipped
                int start = (int) rec.getCharacterPosition();
                while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
                    start++;
                }
                expectedLines.add(1 + breaks(text.substring(0, start)));
            }
        } catch (Exception e) {
            refused = true;
        }
        String option = delimiter == '\t' ? "tab" : String.valueOf(delimiter);
        // piece 0: the text at once; else as from a file, a tiny buffer refilled a few characters at a time
        java.util.function.Supplier<CsvInput.Table> parse = () -> piece == 0
                ? CsvInput.parse(Path.of("t.csv"), text, StandardCharsets.UTF_8, option)
                : CsvInput.parse(Path.of("t.csv"), text, StandardCharsets.UTF_8, option, 4, piece);
        if (refused || expected.isEmpty()) {
            assertThatThrownBy(parse::get).isInstanceOf(InvalidData.class);
            return;
        }
        CsvInput.Table t = parse.get();
        List<List<String>> read = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        read.add(t.header());
        lines.add(expectedLines.get(0));
        for (CsvInput.Row r : t.rows()) {
            read.add(r.cells());
            lines.add(r.line());
        }
        assertThat(read).isEqualTo(expected);
        assertThat(lines).isEqualTo(expectedLines);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab\"\"\n\r,;\t ä'=").ofMinLength(0).ofMaxLength(40);
    }

    private static int breaks(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n'))) {
                n++;
            }
        }
        return n;
    }
}
