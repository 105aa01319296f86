package org.coursekit.io;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

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
