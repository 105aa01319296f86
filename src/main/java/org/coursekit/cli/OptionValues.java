package org.coursekit.cli;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.coursekit.domain.Course;
import org.coursekit.domain.Form;
import org.coursekit.domain.MinAttendance;
import org.coursekit.domain.Msg;
import org.coursekit.domain.Values;

/**
 * Converts option values that users type (dates, times, kinds, ...). A value of the wrong shape is
 * a usage error (exit 2) with a message naming the option; the same value in a file is invalid
 * input (exit 4).
 */
final class OptionValues {
    private OptionValues() {
    }

    static BadOption invalid(String key, String option, Object value, Object... more) {
        Object[] args = new Object[2 + more.length];
        args[0] = option;
        args[1] = value;
        System.arraycopy(more, 0, args, 2, more.length);
        return new BadOption(Msg.of("option.invalid", option), List.of(Msg.of(key, args)));
    }

    static LocalDate date(String option, String value) {
        return value == null ? null : Values.parseDate(value).orElseThrow(() -> invalid("field.date", option, value));
    }

    static LocalTime time(String option, String value) {
        return value == null ? null : Values.parseTime(value).orElseThrow(() -> invalid("field.time", option, value));
    }

    static MinAttendance minAttendance(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return MinAttendance.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid("field.minAttendance", option, value);
        }
    }

    static ZoneId zone(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw invalid("field.timezone", option, value);
        }
    }

    static String language(String option, String value) {
        if (value != null && !Course.LANGUAGES.contains(value)) {
            throw invalid("field.language", option, value, String.join(", ", Course.LANGUAGES));
        }
        return value;
    }

    static Integer capacity(String option, Integer value) {
        if (value != null && value < 1) {
            throw invalid("field.capacity", option, value);
        }
        return value;
    }

    static String courseId(String option, String value) {
        if (value != null && !Course.isValidId(value)) {
            throw invalid("field.courseId", option, value);
        }
        return value;
    }

    /** An organisation's id: the same rule as a course id. */
    static String organisationId(String option, String value) {
        if (value != null && !Course.isValidId(value)) {
            throw invalid("field.organisation", option, value);
        }
        return value;
    }

    static Form form(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Form.parse(value).orElse(null);
        } catch (IllegalArgumentException e) {
            throw invalid("field.form", option, value);
        }
    }

    /** Free text on one line: stripped; blank is "not given". */
    static String text(String option, String value) {
        return text(option, value, false);
    }

    /** Free text that must be given (a reason, a title): stripped; blank is a usage error naming the option. */
    static String requiredText(String option, String value) {
        String v = text(option, value);
        if (v == null) {
            throw invalid("field.blank", option, "");
        }
        return v;
    }

    /** Free text, with line breaks and tabs when {@code multiline} (a note): stripped; blank is "not given". */
    static String text(String option, String value, boolean multiline) {
        String v = Values.blankToNull(value);
        if (v != null) {
            String bad = Values.textProblem(v, multiline);
            if (bad != null) {
                throw invalid(bad, option, v);
            }
        }
        return v;
    }
}
