package org.coursekit.domain;

import java.util.List;

/**
 * Where one participant stands with respect to the certificate rule.
 *
 * @param attended       counted sessions held so far that the person attended (present or late)
 * @param held           counted sessions held so far (since the person's enrolment date)
 * @param planned        counted sessions still to come
 * @param needed         counted sessions the rule requires in all
 * @param percent        attended of held, rounded down; null before any session was held
 * @param missedRequired numbers of required sessions held and not attended
 * @param unrecorded     numbers of held counted sessions without a record for this person (count as missed)
 * @param reasons        sentences explaining the status
 */
public record Eligibility(
        long participantId,
        int attended,
        int held,
        int planned,
        int needed,
        Integer percent,
        List<Integer> missedRequired,
        List<Integer> unrecorded,
        Status status,
        List<Msg> reasons) {

    public enum Status {
        ELIGIBLE, ON_TRACK, AT_RISK, CANNOT_QUALIFY, ISSUED, REVOKED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public Eligibility {
        missedRequired = List.copyOf(missedRequired);
        unrecorded = List.copyOf(unrecorded);
        reasons = List.copyOf(reasons);
    }
}
