package org.coursekit.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.coursekit.domain.Conflict;
import org.coursekit.domain.Msg;
import org.coursekit.domain.NotFound;

/**
 * Copies coursekit's data from one {@link Store} into another, whichever engines they are: table by
 * table in the order of their references ({@link #TABLES}), in one write transaction of the target
 * (reading one snapshot of the source), through plain SQL that every engine speaks.
 *
 * <p>Natural keys (a course's and an organisation's id, a certificate's serial and code) stay as
 * they are: a course id or serial the target has already refuses the whole copy (exit 5). Surrogate
 * keys (sessions, participants, certificates, audit entries) are the target's: each table's rows get
 * new ids after the target's own ({@code firstNewId}), and every reference to them is renumbered.
 * The ids coursekit writes into the audit trail's text ({@code participant 7}) are renumbered too.
 * An organisation the target has keeps the target's name. The table {@code meta} (the database's
 * own id) is not copied. The copy itself is an entry of the target's audit trail ({@code db.copied}).
 */
public final class StoreCopy {
    /** How many rows of each table were copied, by table, in copy order. */
    public record Result(String organisation, List<String> courses, Map<String, Integer> rows) {
        public int count(String table) {
            return rows.getOrDefault(table, 0);
        }
    }

    /**
     * A table: its columns (the same names on every engine; {@code "end"} quoted), its surrogate key
     * ({@code id}) or null, the columns that refer to another table's surrogate key, which rows belong
     * to one organisation ({@code ?} its id), and the order rows are read in.
     */
    record Table(String name, List<String> columns, boolean renumbered, Map<String, String> refs, String ofOrganisation,
                 String order) {
    }

    private static final String COURSES = "(SELECT id FROM course WHERE organisation = ?)";
    private static final String PEOPLE = "(SELECT id FROM participant WHERE organisation = ?)";
    private static final String AUDIT = "course_id IN " + COURSES + " OR id IN (SELECT audit_id FROM audit_participant"
            + " WHERE participant_id IN " + PEOPLE + ")";

    /** Every table coursekit keeps but {@code meta}, in the order of their references. */
    static final List<Table> TABLES = List.of(
            new Table("organisation", List.of("id", "name", "created_at"), false, Map.of(), "id = ?", "id"),
            new Table("course", List.of("id", "title", "organiser", "location", "timezone", "language", "capacity",
                    "min_attendance", "contact_name", "contact_email", "contact_phone", "cert_title", "role_title_f",
                    "role_title_m", "role_title_x", "serial_prefix", "footer", "verify_url", "template", "next_session",
                    "created_at", "organisation"), false, Map.of(), "organisation = ?", "id"),
            new Table("course_trainer", List.of("course_id", "position", "name"), false, Map.of(),
                    "course_id IN " + COURSES, "course_id, position"),
            new Table("course_signatory", List.of("course_id", "position", "name", "role", "image"), false, Map.of(),
                    "course_id IN " + COURSES, "course_id, position"),
            new Table("session", List.of("id", "course_id", "number", "date", "start", "\"end\"", "title", "kind", "counts",
                    "required", "cancelled", "location", "revision"), true, Map.of(), "course_id IN " + COURSES, "id"),
            new Table("participant", List.of("id", "organisation", "first_name", "last_name", "email", "email_key", "phone",
                    "form", "birth_date", "note", "created_at", "updated_at", "erased_at"), true, Map.of(),
                    "organisation = ?", "id"),
            new Table("enrolment", List.of("course_id", "participant_id", "status", "since", "reason", "enrolled_at",
                    "updated_at"), false, Map.of("participant_id", "participant"),
                    "course_id IN " + COURSES + " AND participant_id IN " + PEOPLE, "course_id, participant_id"),
            new Table("attendance", List.of("session_id", "participant_id", "status", "recorded_at"), false,
                    Map.of("session_id", "session", "participant_id", "participant"),
                    "session_id IN (SELECT id FROM session WHERE course_id IN " + COURSES + ") AND participant_id IN "
                            + PEOPLE, "session_id, participant_id"),
            new Table("certificate", List.of("id", "course_id", "participant_id", "seq", "serial", "code", "full_name",
                    "first_name", "last_name", "form", "texts", "issued_on", "status", "revoked_at", "revoke_reason"), true,
                    Map.of("participant_id", "participant"),
                    "course_id IN " + COURSES + " AND (participant_id IS NULL OR participant_id IN " + PEOPLE + ")", "id"),
            new Table("certificate_revision", List.of("certificate_id", "revision", "file", "sha256", "created_at"), false,
                    Map.of("certificate_id", "certificate"),
                    "certificate_id IN (SELECT id FROM certificate WHERE course_id IN " + COURSES + ")",
                    "certificate_id, revision"),
            new Table("reminder_log", List.of("course_id", "session_number", "participant_id", "format", "exported_at"),
                    false, Map.of("participant_id", "participant"),
                    "course_id IN " + COURSES + " AND participant_id IN " + PEOPLE,
                    "course_id, session_number, participant_id, format"),
            new Table("audit", List.of("id", "at", "os_user", "course_id", "action", "subject", "detail", "serial"), true,
                    Map.of(), AUDIT, "id"),
            new Table("audit_participant", List.of("audit_id", "participant_id"), false,
                    Map.of("audit_id", "audit", "participant_id", "participant"),
                    "audit_id IN (SELECT id FROM audit WHERE " + AUDIT + ") AND participant_id IN " + PEOPLE,
                    "audit_id, participant_id"),
            new Table("project", List.of("id", "participant_id", "course_id", "title", "since", "note", "created_at"), true,
                    Map.of("participant_id", "participant"),
                    "(course_id IN " + COURSES + " AND (participant_id IS NULL OR participant_id IN " + PEOPLE + "))"
                            + " OR (course_id IS NULL AND participant_id IN " + PEOPLE + ")", "id"));

    /**
     * Tables not copied: {@code meta} holds this database's own id (calendar UIDs), not data;
     * {@code site_key} the keys derived for verification sites, which the copy derives anew when it publishes.
     */
    public static final Set<String> NOT_COPIED = Set.of("meta", "site_key");

    /** The columns copied, by table (for the test that holds them equal to the schema). */
    public static Map<String, List<String>> columns() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Table t : TABLES) {
            m.put(t.name(), t.columns().stream().map(c -> c.replace("\"", "")).toList());
        }
        return m;
    }

    private StoreCopy() {
    }

    /**
     * Copies everything of {@code source} (or, with {@code organisation}, that organisation's courses,
     * people and everything of theirs) into {@code target} in one transaction of the target; refuses
     * (exit 5, nothing copied) when a course id, a certificate's serial or code, or a person's e-mail
     * address in the same organisation exists there already, and (exit 3) an organisation the source
     * does not have.
     */
    public static Result copy(Store source, Store target, String organisation) {
        return target.write(to -> source.read(from -> copy(from.sql(), to.sql(), organisation, source.name(), target.name())));
    }

    private static Result copy(Sql from, Sql to, String org, String sourceName, String targetName) {
        if (org != null && from.count("SELECT COUNT(*) FROM organisation WHERE id = ?", org) == 0) {
            throw new NotFound("organisation.notFound", org);
        }
        Map<String, List<Object[]>> data = new LinkedHashMap<>();
        for (Table t : TABLES) {
            data.put(t.name(), read(from, t, org));
        }
        refuseWhatTheTargetHas(to, data, targetName);

        Map<String, Map<Long, Long>> newIds = new HashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Table t : TABLES) {
            List<Object[]> rows = data.get(t.name());
            if (t.name().equals("organisation")) {      // those the target has keep its name
                Set<String> have = new HashSet<>(to.list("SELECT id FROM organisation", rs -> rs.getString(1)));
                rows = rows.stream().filter(r -> !have.contains((String) r[0])).toList();
            }
            if (t.renumbered()) {
                Map<Long, Long> ids = new HashMap<>();
                long next = rows.isEmpty() ? 0 : to.firstNewId(t.name(), rows.size());
                for (Object[] r : rows) {
                    long id = next++;
                    ids.put(number(r[0]), id);
                    r[0] = id;
                }
                newIds.put(t.name(), ids);
            }
            for (Map.Entry<String, String> ref : t.refs().entrySet()) {
                int col = t.columns().indexOf(ref.getKey());
                Map<Long, Long> ids = newIds.get(ref.getValue());
                for (Object[] r : rows) {
                    if (r[col] != null) {
                        Long id = ids.get(number(r[col]));
                        if (id == null) {
                            throw new IllegalStateException(t.name() + "." + ref.getKey() + " " + r[col] + " refers to no row copied");
                        }
                        r[col] = id;
                    }
                }
            }
            if (t.name().equals("audit")) {
                renumberAuditText(rows, newIds.get("participant"));
            }
            insert(to, t, rows);
            counts.put(t.name(), rows.size());
        }
        List<String> courses = data.get("course").stream().map(r -> (String) r[0]).toList();
        new AuditLog(to).add(null, "db.copied", org, "from " + sourceName + ": " + courses.size() + " course(s)"
                + (courses.isEmpty() ? "" : " (" + String.join(", ", courses) + ")") + ", " + counts.get("participant")
                + " participant(s), " + counts.get("certificate") + " certificate(s), " + counts.get("audit") + " audit entries");
        return new Result(org, courses, counts);
    }

    /** A table's rows of the source (all, or those of one organisation), every column as JDBC gives it. */
    private static List<Object[]> read(Sql from, Table t, String org) {
        String cols = String.join(", ", t.columns());
        String sql = "SELECT " + cols + " FROM " + t.name()
                + (org == null ? "" : " WHERE " + t.ofOrganisation()) + " ORDER BY " + t.order();
        int width = t.columns().size();
        Object[] params = org == null ? new Object[0]
                : Collections.nCopies((int) t.ofOrganisation().chars().filter(c -> c == '?').count(), org).toArray();
        return from.list(sql, rs -> {
            Object[] row = new Object[width];
            for (int i = 0; i < width; i++) {
                row[i] = rs.getObject(i + 1);
            }
            return row;
        }, params);
    }

    private static void insert(Sql to, Table t, List<Object[]> rows) {
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < t.columns().size(); i++) {
            shape.append(i == 0 ? "" : ", ").append('#').append(i);
        }
        shape.append(')');
        to.insertMany("INSERT INTO " + t.name() + " (" + String.join(", ", t.columns()) + ") VALUES ", shape.toString(),
                new Object[0], rows);
    }

    private static long number(Object o) {
        return ((Number) o).longValue();
    }

    /**
     * Refuses the copy (exit 5) for every course id, certificate serial or code, and person's e-mail
     * address in their organisation that the target has already, each named (people by their id in
     * the source: no addresses in messages).
     */
    private static void refuseWhatTheTargetHas(Sql to, Map<String, List<Object[]>> data, String targetName) {
        List<Msg> problems = new ArrayList<>();
        Set<String> courses = new HashSet<>(to.list("SELECT id FROM course", rs -> rs.getString(1)));
        for (Object[] c : data.get("course")) {
            if (courses.contains((String) c[0])) {
                problems.add(Msg.of("db.copy.courseExists", c[0]));
            }
        }
        Set<String> serials = new HashSet<>();
        Set<String> codes = new HashSet<>();
        to.list("SELECT serial, code FROM certificate", rs -> {
            serials.add(rs.getString(1));
            codes.add(rs.getString(2));
            return null;
        });
        List<String> cols = columns().get("certificate");
        for (Object[] c : data.get("certificate")) {
            if (serials.contains((String) c[cols.indexOf("serial")])) {
                problems.add(Msg.of("db.copy.serialExists", c[cols.indexOf("serial")]));
            } else if (codes.contains((String) c[cols.indexOf("code")])) {
                problems.add(Msg.of("db.copy.codeExists", c[cols.indexOf("serial")]));
            }
        }
        Set<String> addresses = new HashSet<>();
        to.list("SELECT organisation, email_key FROM participant WHERE email_key IS NOT NULL", rs ->
                addresses.add(rs.getString(1) + " " + rs.getString(2)));
        List<String> pcols = columns().get("participant");
        int org = pcols.indexOf("organisation");
        int key = pcols.indexOf("email_key");
        for (Object[] p : data.get("participant")) {
            if (p[key] != null && addresses.contains(p[org] + " " + p[key])) {
                problems.add(Msg.of("db.copy.emailExists", p[0], p[org]));
            }
        }
        if (!problems.isEmpty()) {
            throw new Conflict(Msg.of("db.copy.conflict", targetName, problems.size()), problems);
        }
    }

    private static final Pattern PARTICIPANT = Pattern.compile("participant (\\d{1,18})");

    /**
     * The participant ids coursekit writes into an entry's text: exactly {@code participant 7} as
     * subject or detail, and in the details of attendance entries ({@code changed: participant 5,
     * session 3: ...}). Text a user wrote (a revocation's reason) is left as it is.
     */
    private static void renumberAuditText(List<Object[]> rows, Map<Long, Long> people) {
        List<String> cols = columns().get("audit");
        int action = cols.indexOf("action");
        int subject = cols.indexOf("subject");
        int detail = cols.indexOf("detail");
        for (Object[] r : rows) {
            r[subject] = exact((String) r[subject], people);
            String a = (String) r[action];
            r[detail] = a.startsWith("attendance.") ? everywhere((String) r[detail], people) : exact((String) r[detail], people);
        }
    }

    private static String exact(String text, Map<Long, Long> people) {
        if (text == null) {
            return null;
        }
        Matcher m = PARTICIPANT.matcher(text);
        return m.matches() ? renumbered(m, people) : text;
    }

    private static String everywhere(String text, Map<Long, Long> people) {
        if (text == null) {
            return null;
        }
        Matcher m = PARTICIPANT.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(renumbered(m, people)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String renumbered(Matcher m, Map<Long, Long> people) {
        Long id = people.get(Long.parseLong(m.group(1)));
        return id == null ? m.group() : "participant " + id;
    }
}
