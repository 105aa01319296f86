package org.coursekit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.coursekit.domain.Eligibility.Status;
import org.coursekit.domain.EligibilityRules.CertificateState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The certificate rule, table-driven. A course of ten weekly counted sessions (1..10, from
 * 2018-02-27), an info evening (0, not counted) and session 7 required unless a test says otherwise.
 */
class EligibilityRulesTest {
    static final LocalDate FIRST = LocalDate.of(2018, 2, 27);

    static List<Session> course(boolean requiredSeven, String cancelled) {
        List<Session> s = new ArrayList<>();
        s.add(new Session(11, FIRST.minusDays(7), LocalTime.of(19, 30), LocalTime.of(21, 0), "Info", SessionKind.INFO,
                false, false, false, null));
        for (int i = 1; i <= 10; i++) {
            boolean cancel = cancelled != null && cancelled.contains("," + i + ",");
            s.add(new Session(i, FIRST.plusWeeks(i - 1), LocalTime.of(18, 30), LocalTime.of(21, 30), "S" + i,
                    SessionKind.MODULE, true, requiredSeven && i == 7, cancel, null));
        }
        return s;
    }

    /**
     * @param marks one character per session 1..10: x present, L late, e excused, - absent, . no record
     * @param asOfSession the last session held (0: none, 10: all)
     */
    static Eligibility eval(String rule, String marks, int asOfSession, String since, boolean required, String cancelled) {
        Map<Integer, AttendanceStatus> records = new HashMap<>();
        for (int i = 0; i < marks.length(); i++) {
            AttendanceStatus st = switch (marks.charAt(i)) {
                case 'x' -> AttendanceStatus.PRESENT;
                case 'L' -> AttendanceStatus.LATE;
                case 'e' -> AttendanceStatus.EXCUSED;
                case '-' -> AttendanceStatus.ABSENT;
                default -> null;
            };
            if (st != null) {
                records.put(i + 1, st);
            }
        }
        LocalDateTime asOf = asOfSession == 0 ? LocalDateTime.of(FIRST.minusDays(1), LocalTime.NOON)
                : LocalDateTime.of(FIRST.plusWeeks(asOfSession - 1), LocalTime.of(23, 0));
        return EligibilityRules.evaluate(1, course(required, cancelled == null ? null : "," + cancelled + ","),
                MinAttendance.parse(rule), since == null ? null : LocalDate.parse(since), records, asOf, CertificateState.NONE);
    }

    @ParameterizedTest(name = "{0} {1} as of {2}: {3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # rule | marks      | held | status         | attended | needed | since      | cancelled
            80%    | xxxxxxxxxx | 10   | ELIGIBLE       | 10       | 8      | null       | null
            80%    | xxxxxxxx-- | 10   | ELIGIBLE       | 8        | 8      | null       | null
            80%    | xxxxxxxx-e | 10   | ELIGIBLE       | 8        | 8      | null       | null
            80%    | xxxxxxx--- | 10   | CANNOT_QUALIFY | 7        | 8      | null       | null
            80%    | LLLLLLLLxx | 10   | ELIGIBLE       | 10       | 8      | null       | null
            80%    | xxxxxxxeee | 10   | CANNOT_QUALIFY | 7        | 8      | null       | null
            80%    | xxx        | 3    | ON_TRACK       | 3        | 8      | null       | null
            80%    | x-         | 2    | ON_TRACK       | 1        | 8      | null       | null
            80%    | x--        | 3    | AT_RISK        | 1        | 8      | null       | null
            80%    | x---       | 4    | CANNOT_QUALIFY | 1        | 8      | null       | null
            80%    | ..         | 2    | AT_RISK        | 0        | 8      | null       | null
            80%    |            | 0    | ON_TRACK       | 0        | 8      | null       | null
            75%    | xxxxxxxx-- | 10   | ELIGIBLE       | 8        | 8      | null       | null
            70%    | xxxxxxx--- | 10   | ELIGIBLE       | 7        | 7      | null       | null
            8      | xxxxxxxx-- | 10   | ELIGIBLE       | 8        | 8      | null       | null
            100%   | xxxxxxxxx- | 10   | CANNOT_QUALIFY | 9        | 10     | null       | null
            80%    | xxxxxxxxx- | 10   | ELIGIBLE       | 9        | 8      | null       | 10
            80%    | xxxxxxxx   | 9    | ELIGIBLE       | 8        | 7      | null       | 9,10
            80%    | ---xxxxxxx | 10   | ELIGIBLE       | 7        | 6      | 2018-03-20 | null
            80%    | ---xxxxx-- | 10   | CANNOT_QUALIFY | 5        | 6      | 2018-03-20 | null
            """)
    void statusFollowsTheRule(String rule, String marks, int held, Status status, int attended, int needed,
                              String since, String cancelled) {
        Eligibility e = eval(rule, marks == null ? "" : marks, held, since, false, cancelled);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.attended()).isEqualTo(attended);
        assertThat(e.needed()).isEqualTo(needed);
    }

    @Test
    void roundsPercentagesUp() {
        assertThat(MinAttendance.parse("80%").sessionsNeeded(9)).isEqualTo(8);   // 7.2 -> 8
        assertThat(MinAttendance.parse("75%").sessionsNeeded(10)).isEqualTo(8);  // 7.5 -> 8
        assertThat(MinAttendance.parse("80%").sessionsNeeded(10)).isEqualTo(8);
        assertThat(MinAttendance.parse("8").sessionsNeeded(6)).isEqualTo(6);     // never more than there are
    }

    @Test
    void missingARequiredSessionMeansCannotQualify() {
        Eligibility e = eval("80%", "xxxxxx-xxx", 10, null, true, null);
        assertThat(e.status()).isEqualTo(Status.CANNOT_QUALIFY);
        assertThat(e.missedRequired()).containsExactly(7);
        assertThat(e.reasons()).contains(Msg.of("reason.missedRequired", 7, "S7"));
    }

    @Test
    void anExcusedRequiredSessionIsMissedToo() {
        assertThat(eval("50%", "xxxxxxexxx", 10, null, true, null).status()).isEqualTo(Status.CANNOT_QUALIFY);
    }

    @Test
    void aRequiredSessionStillToComeKeepsOneFromBeingEligible() {
        Eligibility e = eval("50%", "xxxxx", 5, null, true, null);
        assertThat(e.status()).isEqualTo(Status.ON_TRACK);
        assertThat(e.reasons()).anyMatch(m -> m.key().equals("reason.pendingRequired"));
    }

    @Test
    void aCancelledRequiredSessionIsNotRequired() {
        assertThat(eval("80%", "xxxxxx-xxx", 10, null, true, "7").status()).isEqualTo(Status.ELIGIBLE);
    }

    @Test
    void unrecordedHeldSessionsCountAsMissedAndAreNamed() {
        Eligibility e = eval("80%", "xx.xxxxx.x", 10, null, false, null);
        assertThat(e.attended()).isEqualTo(8);
        assertThat(e.unrecorded()).containsExactly(3, 9);
        assertThat(e.reasons()).anyMatch(m -> m.key().equals("reason.unrecorded"));
    }

    @Test
    void recordsOfSessionsAfterAsOfDoNotCountYet() {
        Eligibility e = eval("80%", "xxxxxxxxxx", 5, null, false, null);
        assertThat(e.held()).isEqualTo(5);
        assertThat(e.planned()).isEqualTo(5);
        assertThat(e.attended()).isEqualTo(5);
        assertThat(e.status()).isEqualTo(Status.ON_TRACK);
    }

    @Test
    void lateEnrolmentIgnoresEarlierSessionsEntirely() {
        Eligibility e = eval("80%", "", 10, "2018-04-24", false, null); // only sessions 9 and 10 apply
        assertThat(e.held()).isEqualTo(2);
        assertThat(e.unrecorded()).containsExactly(9, 10);
        assertThat(e.status()).isEqualTo(Status.CANNOT_QUALIFY);
    }

    @Test
    void issuedAndRevokedCertificatesWin() {
        Map<Integer, AttendanceStatus> none = Map.of();
        LocalDateTime end = LocalDateTime.of(2019, 1, 1, 0, 0);
        assertThat(EligibilityRules.evaluate(1, course(false, null), MinAttendance.DEFAULT, null, none, end,
                CertificateState.ISSUED).status()).isEqualTo(Status.ISSUED);
        assertThat(EligibilityRules.evaluate(1, course(false, null), MinAttendance.DEFAULT, null, none, end,
                CertificateState.REVOKED).status()).isEqualTo(Status.REVOKED);
    }

    @Test
    void percentIsOfHeldSessions() {
        assertThat(eval("80%", "xx-x", 4, null, false, null).percent()).isEqualTo(75);
        assertThat(eval("80%", "", 0, null, false, null).percent()).isNull();
    }
}
