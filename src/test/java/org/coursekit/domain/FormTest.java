package org.coursekit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FormTest {
    @ParameterizedTest
    @CsvSource({"Frau, F", "frau, F", "FRAU, F", "f, F", "Herr, M", "Herr., M", "m, M", "divers, X", "keine, X",
        "x, X", "Keine Angabe, X"})
    void parsesCodesAndSalutations(String text, Form expected) {
        assertThat(Form.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"Fr., F", "Fr, F", "fr., F", "FR., F", "Hr., M", "Hr, M", "hr, M", "HR., M", "' Fr. ', F"})
    void abbreviatedFrAndHrAreAccepted(String text, Form expected) {
        assertThat(Form.parse(text)).contains(expected);
    }

    @Test
    void blankIsNotGiven() {
        assertThat(Form.parse(null)).isEmpty();
        assertThat(Form.parse("  ")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dr.", "Mme", "q", "Frauen"})
    void unknownThrows(String text) {
        assertThatThrownBy(() -> Form.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void codes() {
        assertThat(Form.F.code()).isEqualTo("f");
        assertThat(Form.M.code()).isEqualTo("m");
        assertThat(Form.X.code()).isEqualTo("x");
    }
}
