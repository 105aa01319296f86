package org.coursekit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void datesInIsoAndGermanForm() {
        assertThat(Values.parseDate("2018-02-20")).contains(LocalDate.of(2018, 2, 20));
        assertThat(Values.parseDate("20.02.2018")).contains(LocalDate.of(2018, 2, 20));
        assertThat(Values.parseDate("6.3.2018")).contains(LocalDate.of(2018, 3, 6));
        assertThat(Values.parseDate(" 2018-03-06 ")).contains(LocalDate.of(2018, 3, 6));
        assertThat(Values.parseDate("29.02.2020")).contains(LocalDate.of(2020, 2, 29));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30.02.2018", "2018-02-30", "29.02.2018", "31.04.2018", "2018-13-01", "00.01.2018",
        "20/02/2018", "2018-2-20", "20.02.18", "tomorrow", ""})
    void impossibleOrMalformedDatesAreRejected(String text) {
        assertThat(Values.parseDate(text)).isEmpty();
    }

    @Test
    void nullDateIsEmpty() {
        assertThat(Values.parseDate(null)).isEmpty();
        assertThat(Values.parseTime(null)).isEmpty();
    }

    @Test
    void timesAreWrittenWithTwoDigitsEach() {
        for (int h = 0; h < 24; h++) {
            for (int m = 0; m < 60; m++) {
                LocalTime t = LocalTime.of(h, m, 59);
                assertThat(Values.time(t)).isEqualTo(String.format(java.util.Locale.ROOT, "%02d:%02d", h, m));
                assertThat(Values.parseTime(Values.time(t))).contains(LocalTime.of(h, m));
            }
        }
    }

    @Test
    void times() {
        assertThat(Values.parseTime("19:30")).contains(LocalTime.of(19, 30));
        assertThat(Values.parseTime("09:05")).contains(LocalTime.of(9, 5));
        assertThat(Values.parseTime("9:30")).contains(LocalTime.of(9, 30));
        assertThat(Values.parseTime("00:00")).contains(LocalTime.MIDNIGHT);
        assertThat(Values.parseTime("23:59")).contains(LocalTime.of(23, 59));
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00", "19:60", "1930", "19:3", "7pm", "19:30:00", "", "ab:cd"})
    void badTimesAreRejected(String text) {
        assertThat(Values.parseTime(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kaethe.koehler@post.example", "a@b.de", "first.last+tag@sub.example.org", "Ä@example.org"})
    void validEmails(String text) {
        assertThat(Values.isEmail(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a@b", "a@@b.de", "a b@c.de", "a@b .de", "@b.de", "a@.de", "a@b.de.", "a,b@c.de",
        "<a@b.de>"})
    void invalidEmails(String text) {
        assertThat(Values.isEmail(text)).isFalse();
    }

    @Test
    void emailKeyIgnoresCaseAndSpace() {
        assertThat(Values.emailKey(" Kaethe.Koehler@Post.EXAMPLE ")).isEqualTo("kaethe.koehler@post.example");
        assertThat(Values.emailKey(null)).isNull();
    }

    @Test
    void textProblems() {
        assertThat(Values.textProblem("Käthe", false)).isNull();
        assertThat(Values.textProblem("two\nlines", false)).isEqualTo("value.controlChar");
        assertThat(Values.textProblem("two\nlines", true)).isNull();
        assertThat(Values.textProblem("bell\u0007", true)).isEqualTo("value.controlChar");
        assertThat(Values.textProblem("x".repeat(501), true)).isEqualTo("value.tooLong");
        assertThat(Values.blankToNull("  ")).isNull();
        assertThat(Values.blankToNull(" a ")).isEqualTo("a");
    }

    @Test
    void bidiOverridesAndIsolatesAreRefusedInStoredTextButRightToLeftLettersAndMarksAreNot() {
        for (char c : new char[] {'\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'}) {
            assertThat(Values.textProblem("a" + c + "b", true)).as("U+%04X", (int) c).isEqualTo("value.bidiChar");
        }
        assertThat(Values.textProblem("\u0645\u0631\u064a\u0645 \u200f", false)).isNull();   // Arabic letters, a right-to-left mark
        assertThat(Values.textProblem("C1\u009b", true)).isEqualTo("value.controlChar");
        assertThat(Values.textProblem("del\u007f", true)).isEqualTo("value.controlChar");
    }

    @Test
    void printableEscapesWhatATerminalWouldObey() {
        assertThat(Values.printable("Käthe Köhler")).isEqualTo("Käthe Köhler");
        assertThat(Values.printable("\u001b[2Jx")).isEqualTo("\\u001b[2Jx");
        assertThat(Values.printable("\u001b]8;;http://x\u001b\\")).isEqualTo("\\u001b]8;;http://x\\u001b\\");
        assertThat(Values.printable("a\u202eb\u2066c\u009bd\u007fe\nf")).isEqualTo("a\\u202eb\\u2066c\\u009bd\\u007fe\\u000af");
        assertThat(Values.printable("C:\\Kurse\\liste.csv")).isEqualTo("C:\\Kurse\\liste.csv");
    }
}
