package org.coursekit.domain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The certificate rule, as pure code. A course's counted sessions are those marked as counting and
 * not cancelled. For a participant enrolled since a date, only sessions on or after it apply.
 * A session is held once it has started at {@code asOf}; later sessions are still to come, even
 * when attendance was already recorded for them (so that a forecast as of a past date is true).
 * A held counted session without a record for the person counts as missed (and is reported).
 */
public final class EligibilityRules {
    private EligibilityRules() {
    }

    /** A certificate's state, when one exists for the person. */
    public enum CertificateState { NONE, ISSUED, REVOKED }

    /**
     * @param sessions    all sessions of the course
     * @param rule        the course's minimum attendance
     * @param since       the person's late-enrolment date, or null
     * @param records     the person's attendance by session number
     * @param asOf        the moment of the evaluation, in the course's time zone
     */
    public static Eligibility evaluate(long participantId, List<Session> sessions, MinAttendance rule, LocalDate since,
                                       Map<Integer, AttendanceStatus> records, LocalDateTime asOf, CertificateState certificate) {
        int attended = 0;
        int held = 0;
        int planned = 0;
        List<Integer> missedRequired = new ArrayList<>();
        List<Session> pendingRequired = new ArrayList<>();
        List<Integer> unrecorded = new ArrayList<>();
        List<Msg> reasons = new ArrayList<>();
        for (Session s : sessions) {
            if (s.cancelled() || (since != null && s.date().isBefore(since))) {
                continue;
            }
            boolean isHeld = !LocalDateTime.of(s.date(), s.start()).isAfter(asOf);
            AttendanceStatus st = records.get(s.number());
            boolean came = st != null && st.attended();
            if (s.counts()) {
                if (isHeld) {
                    held++;
                    if (came) {
                        attended++;
                    } else if (st == null) {
                        unrecorded.add(s.number());
                    }
                } else {
                    planned++;
                }
            }
            if (s.required()) {
                if (isHeld && !came) {
                    missedRequired.add(s.number());
                    reasons.add(Msg.of("reason.missedRequired", s.number(), s.title()));
                } else if (!isHeld) {
                    pendingRequired.add(s);
                }
            }
        }
        int total = held + planned;
        int needed = rule.sessionsNeeded(total);
        Integer percent = held == 0 ? null : attended * 100 / held;
        Eligibility.Status status;
        if (certificate == CertificateState.ISSUED) {
            status = Eligibility.Status.ISSUED;
            reasons.add(0, Msg.of("reason.issued"));
        } else if (certificate == CertificateState.REVOKED) {
            status = Eligibility.Status.REVOKED;
            reasons.add(0, Msg.of("reason.revoked"));
        } else if (!missedRequired.isEmpty() || attended + planned < needed) {
            status = Eligibility.Status.CANNOT_QUALIFY;
            if (attended + planned < needed) {
                reasons.add(Msg.of("reason.cannotReach", needed, total, attended + planned));
            }
        } else if (attended >= needed && pendingRequired.isEmpty()) {
            status = Eligibility.Status.ELIGIBLE;
            reasons.add(Msg.of("reason.eligible", attended, total, needed));
        } else if (attended + planned - 1 >= needed) {
            status = Eligibility.Status.ON_TRACK;
            if (attended < needed) {
                reasons.add(Msg.of("reason.onTrack", needed, total, attended, planned, attended + planned - needed));
            }
            for (Session s : pendingRequired) {
                reasons.add(Msg.of("reason.pendingRequired", s.number(), s.title(), s.date()));
            }
        } else {
            status = Eligibility.Status.AT_RISK;
            reasons.add(Msg.of("reason.atRisk", needed, total, attended, planned));
        }
        if (!unrecorded.isEmpty() && status != Eligibility.Status.ISSUED && status != Eligibility.Status.REVOKED) {
            reasons.add(Msg.of("reason.unrecorded", join(unrecorded)));
        }
        if (since != null) {
            reasons.add(Msg.of("reason.since", since));
        }
        return new Eligibility(participantId, attended, held, planned, needed, percent, missedRequired, unrecorded,
                status, reasons);
    }

    private static String join(List<Integer> numbers) {
        StringBuilder sb = new StringBuilder();
        for (Integer n : numbers) {
            sb.append(sb.isEmpty() ? "" : ", ").append(n);
        }
        return sb.toString();
    }
}
