package org.coursekit.domain;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** A course: what it is, who runs it, and the rule for its certificate. Sessions are separate. */
public record Course(
        String id,
        String title,
        String organiser,
        String location,
        ZoneId timezone,
        String language,
        Integer capacity,
        MinAttendance minAttendance,
        List<String> trainers,
        Contact contact,
        CertificateSettings certificate) {

    public static final Pattern ID = Pattern.compile("[a-z0-9-]{2,40}");
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Berlin");
    public static final List<String> LANGUAGES = List.of("de", "en");

    public Course {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        timezone = timezone == null ? DEFAULT_ZONE : timezone;
        language = language == null ? "de" : language;
        minAttendance = minAttendance == null ? MinAttendance.DEFAULT : minAttendance;
        trainers = trainers == null ? List.of() : List.copyOf(trainers);
        contact = contact == null ? Contact.NONE : contact;
        certificate = certificate == null ? CertificateSettings.NONE : certificate;
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
