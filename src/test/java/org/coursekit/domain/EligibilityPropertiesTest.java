package org.coursekit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.coursekit.domain.Eligibility.Status;

/** Properties of the certificate rule that must hold for every attendance pattern. */
class EligibilityPropertiesTest {
    private static final List<Status> WORST_TO_BEST =
            List.of(Status.CANNOT_QUALIFY, Status.AT_RISK, Status.ON_TRACK, Status.ELIGIBLE);

    @Provide
    Arbitrary<String> marks() {
        return Arbitraries.of('x', 'L', 'e', '-', '.').list().ofSize(10)
                .map(l -> l.stream().map(String::valueOf).reduce("", String::concat));
    }

    @Provide
    Arbitrary<String> rules() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 100).map(p -> p + "%"),
                Arbitraries.integers().between(0, 12).map(String::valueOf));
    }

    // more tries than combinations of edge cases (some 2500): all of them are tried, with no notice on every build
    @Property(tries = 3000)
    void attendingOneMoreSessionNeverMakesTheStatusWorse(@ForAll("marks") String marks, @ForAll("rules") String rule,
                                                         @ForAll @IntRange(min = 0, max = 10) int held,
                                                         @ForAll boolean required, @ForAll @IntRange(min = 0, max = 9) int which) {
        if (marks.charAt(which) == 'x' || marks.charAt(which) == 'L') {
            return;
        }
        String better = marks.substring(0, which) + 'x' + marks.substring(which + 1);
        Status before = EligibilityRulesTest.eval(rule, marks, held, null, required, null).status();
        Status after = EligibilityRulesTest.eval(rule, better, held, null, required, null).status();
        assertThat(WORST_TO_BEST.indexOf(after)).isGreaterThanOrEqualTo(WORST_TO_BEST.indexOf(before));
    }

    @Property
    void afterTheLastSessionEveryoneIsEligibleOrCannotQualify(@ForAll("marks") String marks, @ForAll("rules") String rule,
                                                             @ForAll boolean required) {
        Status s = EligibilityRulesTest.eval(rule, marks, 10, null, required, null).status();
        assertThat(s).isIn(Status.ELIGIBLE, Status.CANNOT_QUALIFY);
    }

    @Property
    void theFiguresAddUp(@ForAll("marks") String marks, @ForAll("rules") String rule,
                         @ForAll @IntRange(min = 0, max = 10) int held) {
        Eligibility e = EligibilityRulesTest.eval(rule, marks, held, null, false, null);
        assertThat(e.held() + e.planned()).isEqualTo(10);
        assertThat(e.held()).isEqualTo(held);
        assertThat(e.attended()).isBetween(0, e.held());
        assertThat(e.needed()).isBetween(0, 10);
    }
}
