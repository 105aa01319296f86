package org.coursekit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The e-mail and phone checks are written out by hand for speed; these properties hold them equal
 * to the regular expressions that define them, on strings made of the characters that matter.
 */
class ValuesPropertiesTest {
    private static final Pattern EMAIL = Pattern.compile(
            "[^\\s@\"(),:;<>\\[\\]\\\\]+@[^\\s@\"(),:;<>\\[\\]\\\\.]+(\\.[^\\s@\"(),:;<>\\[\\]\\\\.]+)+");
    private static final Pattern PHONE = Pattern.compile("[+]?[0-9 ()/.\\-]{3,40}");

    @Property(tries = 5000)
    void emailCheckIsThePattern(@ForAll("addresses") String s) {
        assertThat(Values.isEmail(s)).as("%s", s).isEqualTo(s.length() <= 254 && EMAIL.matcher(s).matches());
    }

    @Property(tries = 3000)
    void phoneCheckIsThePattern(@ForAll("phones") String s) {
        assertThat(Values.isPhone(s)).as("%s", s).isEqualTo(PHONE.matcher(s).matches());
    }

    /** The stored dates and times are read by hand too: the same value as java.time's parse, or the same exception. */
    @Property(tries = 3000)
    void storedDateIsReadAsLocalDateParseReadsIt(@ForAll("isoDates") String s) {
        assertThat(outcome(() -> Values.isoDate(s))).as("%s", s).isEqualTo(outcome(() -> java.time.LocalDate.parse(s)));
    }

    @Property(tries = 2000)
    void storedTimeIsReadAsLocalTimeParseReadsIt(@ForAll("isoTimes") String s) {
        assertThat(outcome(() -> Values.isoTime(s))).as("%s", s).isEqualTo(outcome(() -> java.time.LocalTime.parse(s)));
    }

    @Example
    void storedDatesAndTimes() {
        assertThat(Values.isoDate("2019-03-05")).isEqualTo(java.time.LocalDate.of(2019, 3, 5));
        assertThat(Values.isoTime("19:00")).isEqualTo(java.time.LocalTime.of(19, 0));
        assertThat(Values.isoTime("19:00:30")).isEqualTo(java.time.LocalTime.of(19, 0, 30));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Values.isoDate("2019-02-30"))
                .isInstanceOf(java.time.format.DateTimeParseException.class);
    }

    /** What a call gives: its value, or the class of what it throws. */
    private static Object outcome(java.util.concurrent.Callable<?> call) {
        try {
            return call.call();
        } catch (Exception e) {
            return e.getClass();
        }
    }

    @Example
    void typicalValues() {
        assertThat(Values.isEmail("anna.schmidt@gerlingen.de")).isTrue();
        assertThat(Values.isEmail("Jürgen@Bürger.example")).isTrue();
        assertThat(Values.isEmail("anna@localhost")).isFalse();
        assertThat(Values.isEmail("anna(at)example.org")).isFalse();
        assertThat(Values.isEmail("a" .repeat(250) + "@b.de")).isFalse();
        assertThat(Values.isPhone("+49 7156 205-0")).isTrue();
        assertThat(Values.isPhone("(0711) 12 34/56")).isTrue();
        assertThat(Values.isPhone("+12")).isFalse();
        assertThat(Values.isPhone("0711 ab")).isFalse();
    }

    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<String> any = Arbitraries.strings().withChars("ab.@ \t\u000B\"(),:;<>[]\\äé-_+").ofMaxLength(14);
        Arbitrary<String> likely = Arbitraries.strings().withChars("ab..@").ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> long_ = Arbitraries.strings().withChars("a.").ofMinLength(240).ofMaxLength(260)
                .map(s -> "x@y." + s);
        return Arbitraries.oneOf(any, likely, long_);
    }

    @Provide
    Arbitrary<String> isoDates() {
        Arbitrary<String> shaped = net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(0, 9999), Arbitraries.integers().between(0, 14), Arbitraries.integers().between(0, 33))
                .as((y, m, d) -> String.format("%04d-%02d-%02d", y, m, d));
        return Arbitraries.oneOf(shaped, Arbitraries.strings().withChars("0123456789-+: ").ofMaxLength(12));
    }

    @Provide
    Arbitrary<String> isoTimes() {
        Arbitrary<String> shaped = net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(0, 25), Arbitraries.integers().between(0, 61))
                .as((h, m) -> String.format("%02d:%02d", h, m));
        return Arbitraries.oneOf(shaped, Arbitraries.strings().withChars("0123456789:. ").ofMaxLength(9));
    }

    @Provide
    Arbitrary<String> phones() {
        return Arbitraries.strings().withChars("+0123456789 ()/.-x\t").ofMaxLength(44);
    }
}
