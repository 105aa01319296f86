package org.coursekit.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CsvOutTest {
    @ParameterizedTest
    @ValueSource(strings = {"=SUM(A1:A9)", "+49 7156 12345", "-1", "@cmd", "\tx", "\rx"})
    void neutralisesFormulaStarts(String cell) {
        assertThat(CsvOut.neutralise(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Käthe", "a=b", "07156 12345", "O'Brien", " =x"})
    void leavesOtherCellsAlone(String cell) {
        assertThat(CsvOut.neutralise(cell)).isEqualTo(cell);
    }

    @Test
    void plainRfc4180() {
        StringBuilder sb = new StringBuilder();
        try (CsvOut w = CsvOut.plain(sb)) {
            w.row(List.of("id", "note"));
            w.row(Arrays.asList(1, "=HYPERLINK(\"x\")"));
            w.row(Arrays.asList(2, "a, b\nc"));
            w.row(Arrays.asList(3, null));
        }
        assertThat(sb.toString()).isEqualTo("id,note\n1,\"'=HYPERLINK(\"\"x\"\")\"\n2,\"a, b\nc\"\n3,\n");
    }

    @Test
    void excelDialect() {
        StringBuilder sb = new StringBuilder();
        try (CsvOut w = CsvOut.excel(sb)) {
            w.row(List.of("Vorname", "Nachname"));
            w.row(List.of("Jürgen", "-Weiß"));
        }
        assertThat(sb.toString()).isEqualTo("\uFEFFVorname;Nachname\r\nJürgen;'-Weiß\r\n");
    }

    @Test
    void neutralisedCellsRoundTripThroughCsvInput() {
        for (String s : List.of("=1+2", "+49", "-x", "@y")) {
            assertThat(CsvInput.unneutralise(CsvOut.neutralise(s))).isEqualTo(s);
        }
    }
}
