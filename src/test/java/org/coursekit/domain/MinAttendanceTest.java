package org.coursekit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MinAttendanceTest {
    @Test
    void parsesPercentAndNumber() {
        assertThat(MinAttendance.parse("80%")).isEqualTo(new MinAttendance(80, true));
        assertThat(MinAttendance.parse(" 100% ")).isEqualTo(new MinAttendance(100, true));
        assertThat(MinAttendance.parse("8")).isEqualTo(new MinAttendance(8, false));
        assertThat(MinAttendance.parse("80%").toString()).isEqualTo("80%");
        assertThat(MinAttendance.parse("8").toString()).isEqualTo("8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "%", "eighty", "80 %%", "-1", "101%", "8.5", "1e3"})
    void rejectsMalformed(String text) {
        assertThatThrownBy(() -> MinAttendance.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} of {1} counted sessions needs {2}")
    @CsvSource({"80%, 10, 8", "75%, 10, 8", "80%, 9, 8", "100%, 9, 9", "0%, 9, 0", "80%, 0, 0", "50%, 3, 2",
        "8, 10, 8", "8, 12, 8"})
    void sessionsNeededRoundsUp(String rule, int counted, int needed) {
        assertThat(MinAttendance.parse(rule).sessionsNeeded(counted)).isEqualTo(needed);
    }

    @Test
    void defaultIsEightyPercent() {
        assertThat(MinAttendance.DEFAULT).isEqualTo(MinAttendance.parse("80%"));
    }
}
