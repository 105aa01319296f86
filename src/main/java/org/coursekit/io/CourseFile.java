package org.coursekit.io;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.coursekit.domain.CertificateSettings;
import org.coursekit.domain.Contact;
import org.coursekit.domain.Course;
import org.coursekit.domain.Form;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.MinAttendance;
import org.coursekit.domain.Msg;
import org.coursekit.domain.Session;
import org.coursekit.domain.SessionKind;
import org.coursekit.domain.Signatory;
import org.coursekit.domain.Values;

/**
 * The course file of {@code course create --from} and {@code course export}: one JSON object with
 * the course, its certificate settings and its sessions. Reading checks everything a hand-written
 * file can get wrong and reports every problem with the field's path, e.g.
 * {@code course.json: sessions[3].date: "2018-02-30" is not a valid date}.
 */
public final class CourseFile {
    /** A course read from a file, with its sessions in file order (number 0 = assign on insert). */
    public record Definition(Course course, List<Session> sessions) {
    }

    private static final Set<String> TOP = Set.of("$schema", "id", "title", "organiser", "location", "timezone",
            "language", "capacity", "minAttendance", "trainers", "contact", "certificate", "sessions", "organisation");
    private static final Set<String> CONTACT = Set.of("name", "email", "phone");
    private static final Set<String> CERTIFICATE = Set.of("title", "minAttendance", "roleTitle", "serialPrefix",
            "signatories", "footer", "verifyUrl", "template");
    private static final Set<String> SIGNATORY = Set.of("name", "role", "image");
    private static final Set<String> ROLE = Set.of("f", "m", "x");
    private static final Set<String> SESSION = Set.of("number", "date", "start", "end", "title", "kind", "counts",
            "required", "cancelled", "location");

    private CourseFile() {
    }

    public static Definition read(Path file) {
        JsonNode root = InputFile.json(file, InputFile.bytes(file, InputFile.MAX_JSON_BYTES), "json.invalid");
        Reader r = new Reader(file);
        Definition d = r.course(root);
        if (!r.problems.isEmpty()) {
            throw new InvalidData(Msg.of("json.invalid", file), r.problems);
        }
        return d;
    }

    /** Collects problems while walking the tree; returns placeholders so the walk can go on. */
    private static final class Reader extends JsonChecker {
        Reader(Path file) {
            super(file);
        }

        Definition course(JsonNode root) {
            if (root == null || !root.isObject()) {
                problem("json.notObject");
                return null;
            }
            unknown(root, TOP, "");
            String id = string(root, "id", "id", true);
            if (id != null && !Course.isValidId(id)) {
                problem("field.courseId", "id", id);
            }
            String title = string(root, "title", "title", true);
            String organisation = string(root, "organisation", "organisation", false);
            if (organisation != null && !Course.isValidId(organisation)) {
                problem("field.organisation", "organisation", organisation);
            }
            String organiser = string(root, "organiser", "organiser", false);
            String location = string(root, "location", "location", false);
            ZoneId zone = null;
            String tz = string(root, "timezone", "timezone", false);
            if (tz != null) {
                try {
                    zone = ZoneId.of(tz);
                } catch (DateTimeException e) {
                    problem("field.timezone", "timezone", tz);
                }
            }
            String language = string(root, "language", "language", false);
            if (language != null && !Course.LANGUAGES.contains(language)) {
                problem("field.language", "language", language, String.join(", ", Course.LANGUAGES));
            }
            Integer capacity = null;
            JsonNode cap = root.get("capacity");
            if (cap != null && !cap.isNull()) {
                if (!cap.isNumber()) {
                    problem("json.type", "capacity", Msg.of("json.type.number"), kind(cap));
                } else if (!cap.isIntegralNumber() || cap.asLong() < 1 || cap.asLong() > 100_000) {
                    problem("field.capacity", "capacity", cap.toString());
                } else {
                    capacity = cap.asInt();
                }
            }
            List<String> trainers = new ArrayList<>();
            JsonNode tr = array(root, "trainers", "trainers");
            if (tr != null) {
                for (int i = 0; i < tr.size(); i++) {
                    String t = text(tr.get(i), "trainers[" + i + "]", true);
                    if (t != null) {
                        trainers.add(t);
                    }
                }
            }
            Contact contact = Contact.NONE;
            JsonNode c = object(root, "contact", "contact");
            if (c != null) {
                unknown(c, CONTACT, "contact.");
                String email = string(c, "email", "contact.email", false);
                if (email != null && !Values.isEmail(email)) {
                    problem("field.email", "contact.email", email);
                }
                contact = new Contact(string(c, "name", "contact.name", false), email, string(c, "phone", "contact.phone", false));
            }
            MinAttendance min = minAttendance(root, "minAttendance", "minAttendance");
            CertificateSettings cs = CertificateSettings.NONE;
            JsonNode cert = object(root, "certificate", "certificate");
            if (cert != null) {
                unknown(cert, CERTIFICATE, "certificate.");
                MinAttendance inner = minAttendance(cert, "minAttendance", "certificate.minAttendance");
                if (inner != null) {
                    min = inner;
                }
                Map<Form, String> roles = new EnumMap<>(Form.class);
                JsonNode rt = object(cert, "roleTitle", "certificate.roleTitle");
                if (rt != null) {
                    unknown(rt, ROLE, "certificate.roleTitle.");
                    for (String k : ROLE) {
                        String v = string(rt, k, "certificate.roleTitle." + k, false);
                        if (v != null) {
                            roles.put(Form.parse(k).orElseThrow(), v);
                        }
                    }
                }
                List<Signatory> signatories = new ArrayList<>();
                JsonNode sig = array(cert, "signatories", "certificate.signatories");
                if (sig != null) {
                    for (int i = 0; i < sig.size(); i++) {
                        String where = "certificate.signatories[" + i + "]";
                        JsonNode s = sig.get(i);
                        if (!s.isObject()) {
                            problem("json.type", where, Msg.of("json.type.object"), kind(s));
                            continue;
                        }
                        unknown(s, SIGNATORY, where + ".");
                        String name = string(s, "name", where + ".name", true);
                        String image = string(s, "image", where + ".image", false);
                        signatories.add(new Signatory(name, string(s, "role", where + ".role", false), resolve(image)));
                    }
                }
                String template = resolve(string(cert, "template", "certificate.template", false));
                String prefix = string(cert, "serialPrefix", "certificate.serialPrefix", false);
                if (prefix != null && !CertificateSettings.isValidSerialPrefix(prefix)) {
                    problem("field.serialPrefix", "certificate.serialPrefix", prefix);
                }
                cs = new CertificateSettings(string(cert, "title", "certificate.title", false), roles, prefix, signatories,
                        string(cert, "footer", "certificate.footer", false),
                        string(cert, "verifyUrl", "certificate.verifyUrl", false), template);
            }
            List<Session> sessions = new ArrayList<>();
            JsonNode ss = root.get("sessions");
            if (ss == null || ss.isNull()) {
                // no sessions yet: only id and title are required (sessions can be added later)
            } else if (!ss.isArray()) {
                problem("json.type", "sessions", Msg.of("json.type.array"), kind(ss));
            } else {
                Set<Integer> numbers = new HashSet<>();
                for (int i = 0; i < ss.size(); i++) {
                    Session s = session(ss.get(i), "sessions[" + i + "]", location,
                            tz == null ? ZoneId.of(Course.DEFAULT_ZONE) : zone);
                    if (s != null && s.number() > 0 && !numbers.add(s.number())) {
                        problem("field.sessionNumber.duplicate", "sessions[" + i + "].number", s.number());
                    }
                    if (s != null) {
                        sessions.add(s);
                    }
                }
            }
            if (!problems.isEmpty()) {
                return null;
            }
            Course course = new Course(id, title, organiser, location, zone == null ? null : zone.getId(), language, capacity, min, trainers, contact, cs, organisation);
            return new Definition(course, sessions);
        }

        Session session(JsonNode s, String where, String courseLocation, ZoneId zone) {
            if (!s.isObject()) {
                problem("json.type", where, Msg.of("json.type.object"), kind(s));
                return null;
            }
            int before = problems.size();
            unknown(s, SESSION, where + ".");
            int number = 0;
            JsonNode n = s.get("number");
            if (n != null && !n.isNull()) {
                if (!n.isNumber()) {
                    problem("json.type", where + ".number", Msg.of("json.type.number"), kind(n));
                } else if (!n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > 100_000) {
                    problem("field.sessionNumber", where + ".number", n.toString());
                } else {
                    number = n.asInt();
                }
            }
            LocalDate date = date(s, "date", where + ".date");
            LocalTime start = time(s, "start", where + ".start");
            LocalTime end = time(s, "end", where + ".end");
            if (start != null && end != null && !end.isAfter(start)) {
                problem("field.endBeforeStart", where + ".end", Values.time(end), Values.time(start));
            }
            if (date != null && zone != null) {
                if (start != null && Values.inGap(date, start, zone)) {
                    problem("field.timeGap", where + ".start", Values.time(start), date, zone.getId());
                }
                if (end != null && Values.inGap(date, end, zone)) {
                    problem("field.timeGap", where + ".end", Values.time(end), date, zone.getId());
                }
            }
            String title = string(s, "title", where + ".title", true);
            SessionKind kind = SessionKind.MODULE;
            String k = string(s, "kind", where + ".kind", false);
            if (k != null) {
                try {
                    kind = SessionKind.parse(k);
                } catch (IllegalArgumentException e) {
                    problem("field.kind", where + ".kind", k, SessionKind.allIds());
                }
            }
            Boolean counts = bool(s, "counts", where + ".counts");
            Boolean required = bool(s, "required", where + ".required");
            Boolean cancelled = bool(s, "cancelled", where + ".cancelled");
            String location = string(s, "location", where + ".location", false);
            if (problems.size() > before) {
                return null;
            }
            return new Session(number, date, start, end, title, kind, counts == null ? kind.countsByDefault() : counts,
                    required != null && required, cancelled != null && cancelled,
                    location == null || location.equals(courseLocation) ? null : location);
        }

        LocalDate date(JsonNode obj, String name, String where) {
            String s = string(obj, name, where, true);
            if (s == null) {
                return null;
            }
            return Values.parseDate(s).orElseGet(() -> {
                problem("field.date", where, s);
                return null;
            });
        }

        LocalTime time(JsonNode obj, String name, String where) {
            String s = string(obj, name, where, true);
            if (s == null) {
                return null;
            }
            return Values.parseTime(s).orElseGet(() -> {
                problem("field.time", where, s);
                return null;
            });
        }

        MinAttendance minAttendance(JsonNode obj, String name, String where) {
            JsonNode v = obj.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual() && !v.isIntegralNumber()) {
                problem("json.type", where, Msg.of("json.type.minAttendance"), kind(v));
                return null;
            }
            try {
                return MinAttendance.parse(v.asText());
            } catch (IllegalArgumentException e) {
                problem("field.minAttendance", where, v.asText());
                return null;
            }
        }

    }

    /** The course in file form; {@link #read} of this gives the same course and sessions. */
    public static Map<String, Object> toJson(Course c, List<Session> sessions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("title", c.title());
        putIf(m, "organiser", c.organiser());
        if (!Course.DEFAULT_ORGANISATION.equals(c.organisation())) {
            m.put("organisation", c.organisation());
        }
        putIf(m, "location", c.location());
        m.put("timezone", c.zoneId());
        m.put("language", c.language());
        putIf(m, "capacity", c.capacity());
        if (!c.trainers().isEmpty()) {
            m.put("trainers", c.trainers());
        }
        if (!c.contact().isEmpty()) {
            Map<String, Object> ct = new LinkedHashMap<>();
            putIf(ct, "name", c.contact().name());
            putIf(ct, "email", c.contact().email());
            putIf(ct, "phone", c.contact().phone());
            m.put("contact", ct);
        }
        CertificateSettings cs = c.certificate();
        Map<String, Object> cert = new LinkedHashMap<>();
        putIf(cert, "title", cs.title());
        cert.put("minAttendance", c.minAttendance().percent() ? c.minAttendance().toString() : c.minAttendance().value());
        if (!cs.roleTitle().isEmpty()) {
            Map<String, Object> rt = new LinkedHashMap<>();
            for (Form f : Form.values()) {
                putIf(rt, f.code(), cs.roleTitle().get(f));
            }
            cert.put("roleTitle", rt);
        }
        putIf(cert, "serialPrefix", cs.serialPrefix());
        if (!cs.signatories().isEmpty()) {
            List<Object> sig = new ArrayList<>();
            for (Signatory s : cs.signatories()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("name", s.name());
                putIf(sm, "role", s.role());
                putIf(sm, "image", s.image());
                sig.add(sm);
            }
            cert.put("signatories", sig);
        }
        putIf(cert, "footer", cs.footer());
        putIf(cert, "verifyUrl", cs.verifyUrl());
        putIf(cert, "template", cs.template());
        m.put("certificate", cert);
        List<Object> list = new ArrayList<>();
        for (Session s : sessions) {
            Map<String, Object> sm = new LinkedHashMap<>();
            if (s.number() > 0) {
                sm.put("number", s.number());     // 0: not numbered yet, numbered on insert
            }
            sm.put("date", s.date());
            sm.put("start", s.start());
            sm.put("end", s.end());
            sm.put("title", s.title());
            sm.put("kind", s.kind().id());
            sm.put("counts", s.counts());
            sm.put("required", s.required());
            if (s.cancelled()) {
                sm.put("cancelled", true);
            }
            putIf(sm, "location", s.location());
            list.add(sm);
        }
        m.put("sessions", list);
        return m;
    }

    private static void putIf(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
