package org.coursekit.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every placeholder a certificate template may use ({@code {{fullName}}}), with the value it
 * stands for: the one list. Templates are checked against it ({@link CertificateTemplate#PLACEHOLDERS})
 * and the values printed on a certificate are taken from it, in this order (the order of the
 * stored snapshot). To add one: a constant here, its mention in the README's "Certificates"
 * section, and (if it needs a text) a key in {@code Documents.properties} and {@code _de}.
 */
public enum Placeholder {
    // what every certificate of a batch shows alike, computed once per batch
    /** The course's organiser. */
    ORGANISER("organiser", Scope.COURSE, f -> nz(f.course().organiser())),
    /** The course's certificate title, else "Teilnahmebescheinigung" / "Certificate of attendance". */
    CERTIFICATE_TITLE("certificateTitle", Scope.COURSE, f -> f.course().certificate().title() != null
            ? f.course().certificate().title() : f.text().get("cert.title")),
    COURSE_TITLE("courseTitle", Scope.COURSE, f -> f.course().title()),
    COURSE_ID("courseId", Scope.COURSE, f -> f.course().id()),
    /** "20. Februar bis 24. April 2018": from the first to the last session, follow-up meetings left out. */
    DATE_RANGE("dateRange", Scope.COURSE, f -> dateRange(f.sessions(), f.text())),
    /** The counted sessions' titles, each once, in session order. */
    TOPICS("topics", Scope.COURSE, f -> topics(f.sessions())),
    ISSUE_DATE("issueDate", Scope.COURSE, f -> f.text().date(f.date())),
    PLACE("place", Scope.COURSE, f -> nz(f.place())),
    FOOTER("footer", Scope.COURSE, f -> nz(f.course().certificate().footer())),

    // what differs per person
    FULL_NAME("fullName", Scope.PERSON, f -> f.participant().fullName()),
    FIRST_NAME("firstName", Scope.PERSON, f -> f.participant().firstName()),
    LAST_NAME("lastName", Scope.PERSON, f -> f.participant().lastName()),
    /** The course's {@code roleTitle} for the person's form (f/m/x; x when none fits). */
    ROLE("role", Scope.PERSON, f -> nz(f.role())),
    /** "Sie ist damit qualifiziert als Bürgermentorin."; empty without a role. */
    QUALIFICATION("qualification", Scope.PERSON, f -> f.role() == null ? ""
            : f.text().get("cert.qualified." + f.form().code(), f.role(), f.participant().fullName())),
    ATTENDED("attended", Scope.PERSON, f -> Integer.toString(f.eligibility().attended())),
    COUNTED("counted", Scope.PERSON, f -> Integer.toString(f.eligibility().held() + f.eligibility().planned())),
    SERIAL("serial", Scope.PERSON, Facts::serial),
    /** The verification code, grouped ("K7QF-M2XA-9P3D"). */
    CODE("code", Scope.PERSON, Facts::groupedCode),
    /** The course's {@code verifyUrl} with {@code {code}} replaced; empty without one. */
    VERIFY_URL("verifyUrl", Scope.PERSON, Facts::verifyUrl);

    /** Alike for every certificate of a batch, or the person's own. */
    public enum Scope { COURSE, PERSON }

    /** The wording of the certificate's language (implemented by {@code i18n.Documents}). */
    public interface Wording {
        String get(String key, Object... args);

        /** "5. März 2019" / "5 March 2019". */
        String date(LocalDate d);

        /** "20. Februar" / "20 February". */
        String dateWithoutYear(LocalDate d);
    }

    /**
     * What a value is computed from: the batch's facts, and for {@link Scope#PERSON} also the
     * person's ({@code participant}, {@code eligibility}, {@code serial}, {@code code} are null
     * for the batch's).
     */
    public record Facts(Course course, List<Session> sessions, LocalDate date, String place, Wording text,
                        Participant participant, Eligibility eligibility, String serial, String code) {
        public static Facts ofBatch(Course course, List<Session> sessions, LocalDate date, String place, Wording text) {
            return new Facts(course, sessions, date, place, text, null, null, null, null);
        }

        public Facts of(Participant participant, Eligibility eligibility, String serial, String code) {
            return new Facts(course, sessions, date, place, text, participant, eligibility, serial, code);
        }

        /** The person's form; x when unknown. */
        public Form form() {
            return participant.form() == null ? Form.X : participant.form();
        }

        /** The role title for the person's form, else the one for x; null when the course has none. */
        public String role() {
            Map<Form, String> roles = course.certificate().roleTitle();
            return roles.getOrDefault(form(), roles.get(Form.X));
        }

        public String groupedCode() {
            return VerificationCode.grouped(code);
        }

        public String verifyUrl() {
            String url = course.certificate().verifyUrl();
            return url == null ? "" : url.replace("{code}", groupedCode());
        }
    }

    private final String key;
    private final Scope scope;
    private final Function<Facts, String> value;

    Placeholder(String key, Scope scope, Function<Facts, String> value) {
        this.key = key;
        this.scope = scope;
        this.value = value;
    }

    /** The name in a template, between {@code {{ }}}. */
    public String key() {
        return key;
    }

    public Scope scope() {
        return scope;
    }

    public String value(Facts facts) {
        return value.apply(facts);
    }

    /** The names of all placeholders, in declaration order. */
    public static Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Placeholder p : values()) {
            keys.add(p.key);
        }
        return keys;
    }

    /** "20. Februar bis 24. April 2018": from the first to the last session, follow-up meetings left out. */
    public static String dateRange(List<Session> sessions, Wording text) {
        LocalDate first = null;
        LocalDate last = null;
        for (Session s : sessions) {
            if (s.cancelled() || s.kind() == SessionKind.FOLLOWUP) {
                continue;
            }
            first = first == null || s.date().isBefore(first) ? s.date() : first;
            last = last == null || s.date().isAfter(last) ? s.date() : last;
        }
        if (first == null) {
            return "";
        }
        if (first.equals(last)) {
            return text.date(first);
        }
        String from = first.getYear() == last.getYear() ? text.dateWithoutYear(first) : text.date(first);
        return text.get("cert.dateRange", from, text.date(last));
    }

    private static String topics(List<Session> sessions) {
        List<String> topics = new ArrayList<>();
        for (Session s : sessions) {
            if (s.isCounted() && !topics.contains(s.title())) {
                topics.add(s.title());
            }
        }
        return String.join(", ", topics);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
