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
        String zoneId,
        String language,
        Integer capacity,
        MinAttendance minAttendance,
        List<String> trainers,
        Contact contact,
        CertificateSettings certificate,
        String organisation) {

    public static final Pattern ID = Pattern.compile("[a-z0-9-]{2,40}");
    public static final String DEFAULT_ZONE = "Europe/Berlin";
    public static final List<String> LANGUAGES = List.of("de", "en");
    /** The organisation of a course created without naming one (and of everything from before organisations). */
    public static final String DEFAULT_ORGANISATION = "default";

    public Course {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        zoneId = zoneId == null ? DEFAULT_ZONE : zoneId;
        language = language == null ? "de" : language;
        minAttendance = minAttendance == null ? MinAttendance.DEFAULT : minAttendance;
        trainers = trainers == null ? List.of() : List.copyOf(trainers);
        contact = contact == null ? Contact.NONE : contact;
        certificate = certificate == null ? CertificateSettings.NONE : certificate;
        organisation = organisation == null ? DEFAULT_ORGANISATION : organisation;
    }

    /** The same course in another organisation. */
    public Course withOrganisation(String org) {
        return new Course(id, title, organiser, location, zoneId, language, capacity, minAttendance, trainers, contact,
                certificate, org);
    }

    /**
     * The time zone of the session times. Kept as its id and resolved on use: loading the time-zone
     * database costs start-up time that listings never need.
     */
    public ZoneId timezone() {
        return ZoneId.of(zoneId);
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
