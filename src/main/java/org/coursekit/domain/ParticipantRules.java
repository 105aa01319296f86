package org.coursekit.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** What a participant record must satisfy. Each problem names the field (as given by the caller). */
public final class ParticipantRules {
    private ParticipantRules() {
    }

    /** A problem: the field's name as the user knows it, a message key and the offending value. */
    public record Problem(String field, String key, String value) {
    }

    /** Field names as the caller shows them (CSV header cells, or option names). */
    public record Fields(String first, String last, String email, String phone, String birthDate, String note) {
        public static final Fields OPTIONS = new Fields("--first", "--last", "--email", "--phone", "--birth-date", "--note");
    }

    public static List<Problem> check(Participant p, Fields f, LocalDate today) {
        List<Problem> out = new ArrayList<>();
        name(p.firstName(), f.first(), out);
        name(p.lastName(), f.last(), out);
        if (p.email() != null) {
            String bad = Values.textProblem(p.email(), false);
            if (bad != null) {
                out.add(new Problem(f.email(), bad, abbreviate(p.email())));
            } else if (!Values.isEmail(p.email())) {
                out.add(new Problem(f.email(), "field.email", p.email()));
            }
        }
        if (p.phone() != null) {
            String bad = Values.textProblem(p.phone(), false);
            if (bad != null) {
                out.add(new Problem(f.phone(), bad, abbreviate(p.phone())));
            } else if (!Values.isPhone(p.phone())) {
                out.add(new Problem(f.phone(), "field.phone", p.phone()));
            }
        }
        if (p.birthDate() != null && (p.birthDate().isAfter(today) || p.birthDate().getYear() < 1900)) {
            out.add(new Problem(f.birthDate(), "field.birthDate.implausible", p.birthDate().toString()));
        }
        if (p.note() != null) {
            String bad = Values.textProblem(p.note(), true);
            if (bad != null) {
                out.add(new Problem(f.note(), bad, abbreviate(p.note())));
            }
        }
        return out;
    }

    private static void name(String value, String field, List<Problem> out) {
        if (value == null || value.isBlank()) {
            out.add(new Problem(field, "field.blank", ""));
            return;
        }
        String bad = Values.textProblem(value, false);
        if (bad != null) {
            out.add(new Problem(field, bad, abbreviate(value)));
        } else if (value.indexOf('?') >= 0) {
            // what a spreadsheet writes for a letter its file's encoding cannot hold (Excel's
            // "CSV (delimited)" is Windows-1252: no Ł, no Greek, no Cyrillic); no name has one
            out.add(new Problem(field, "field.name.questionMark", abbreviate(value)));
        }
    }

    /** At most 40 characters of the value for the message (which shows control characters escaped). */
    private static String abbreviate(String s) {
        if (s.codePointCount(0, s.length()) <= 40) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, 37)) + "...";
    }
}
