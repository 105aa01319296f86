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
    Arbitrary<String> phones() {
        return Arbitraries.strings().withChars("+0123456789 ()/.-x\t").ofMaxLength(44);
    }
}
