package org.coursekit.app;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.coursekit.domain.Form;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.Msg;
import org.coursekit.domain.Participant;
import org.coursekit.domain.ParticipantRules;
import org.coursekit.domain.Values;
import org.coursekit.io.CsvInput;

/**
 * Turns the rows of a participant CSV into participants: maps English and German headers to
 * fields, converts values (salutations, German dates) and checks every row. Pure: no database.
 */
final class ParticipantImport {
    enum Field { FIRST, LAST, EMAIL, PHONE, FORM, BIRTH_DATE, NOTE, IGNORED }

    /** A row that passed every check, with the line it came from. */
    record Parsed(int line, Participant participant) {
    }

    private static final Map<String, Field> HEADERS = new HashMap<>();

    static {
        alias(Field.FIRST, "first_name", "firstname", "first name", "vorname", "given name", "givenname", "forename");
        alias(Field.LAST, "last_name", "lastname", "last name", "nachname", "surname", "familienname", "family name");
        alias(Field.EMAIL, "email", "e-mail", "e-mail-adresse", "email address", "e-mail address", "emailadresse", "mail");
        alias(Field.PHONE, "phone", "telefon", "tel", "tel.", "telefonnummer", "phone number", "mobil", "handy", "mobile");
        alias(Field.FORM, "form", "anrede", "salutation", "title of address");
        alias(Field.BIRTH_DATE, "birth_date", "birthdate", "date of birth", "geburtsdatum", "geburtstag");
        alias(Field.NOTE, "note", "notes", "bemerkung", "bemerkungen", "notiz", "anmerkung", "comment");
        // columns of our own exports that are not imported
        alias(Field.IGNORED, "id", "status", "nr", "nr.", "no", "no.");
    }

    private static void alias(Field f, String... names) {
        for (String n : names) {
            HEADERS.put(normalise(n), f);
        }
    }

    /** Case, spaces, underscores, hyphens and dots do not matter: "E-Mail" = "email" = "E_MAIL". */
    static String normalise(String header) {
        String s = Normalizer.normalize(header.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '_' && c != '-' && c != '.') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String knownHeaders() {
        return "first_name/Vorname, last_name/Nachname, email/E-Mail, phone/Telefon, form/Anrede, "
                + "birth_date/Geburtsdatum, note/Bemerkung";
    }

    private final CsvInput.Table table;
    private final Field[] columns;
    private final ParticipantRules.Fields names;

    ParticipantImport(CsvInput.Table table, boolean ignoreUnknown) {
        this.table = table;
        List<Msg> problems = new ArrayList<>();
        columns = new Field[table.header().size()];
        Map<Field, Integer> seen = new HashMap<>();
        for (int i = 0; i < columns.length; i++) {
            String h = table.header().get(i);
            Field f = HEADERS.get(normalise(h));
            if (f == null) {
                if (h.isEmpty() || ignoreUnknown) {
                    f = Field.IGNORED;
                } else {
                    problems.add(at(1, Msg.of("csv.header.unknown", h, knownHeaders())));
                    f = Field.IGNORED;
                }
            } else if (f != Field.IGNORED && seen.containsKey(f)) {
                problems.add(at(1, Msg.of("csv.header.twice", h, table.header().get(seen.get(f)))));
            }
            seen.putIfAbsent(f, i);
            columns[i] = f;
        }
        if (!seen.containsKey(Field.FIRST)) {
            problems.add(at(1, Msg.of("csv.header.missing", "first_name/Vorname")));
        }
        if (!seen.containsKey(Field.LAST)) {
            problems.add(at(1, Msg.of("csv.header.missing", "last_name/Nachname")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidData(Msg.of("csv.header.invalid", table.file()), problems);
        }
        names = new ParticipantRules.Fields(header(Field.FIRST), header(Field.LAST), header(Field.EMAIL),
                header(Field.PHONE), header(Field.BIRTH_DATE), header(Field.NOTE));
    }

    private Msg at(int line, Msg m) {
        return Msg.of("at.fileLine", table.file(), line, m);
    }

    /** Every row as a participant; any bad row: {@link InvalidData} listing all of them. */
    List<Parsed> parse(LocalDate today) {
        List<Msg> problems = new ArrayList<>();
        List<Parsed> out = new ArrayList<>(table.rows().size());
        Map<String, Integer> emailLines = new HashMap<>();
        for (CsvInput.Row row : table.rows()) {
            if (row.isBlank()) {
                continue;
            }
            int before = problems.size();
            if (row.cells().size() > columns.length) {
                problems.add(at(row.line(), Msg.of("csv.row.tooManyFields", row.cells().size(), columns.length)));
                continue;
            }
            String first = null;
            String last = null;
            String email = null;
            String phone = null;
            String note = null;
            Form form = null;
            LocalDate birth = null;
            for (int i = 0; i < row.cells().size(); i++) {
                String v = Values.blankToNull(row.cells().get(i));
                if (v == null) {
                    continue;
                }
                String header = table.header().get(i);
                switch (columns[i]) {
                    case FIRST -> first = v;
                    case LAST -> last = v;
                    case EMAIL -> email = v;
                    case PHONE -> phone = v;
                    case NOTE -> note = v;
                    case FORM -> {
                        try {
                            form = Form.parse(v).orElse(null);
                        } catch (IllegalArgumentException e) {
                            problems.add(at(row.line(), Msg.of("field.form", header, v)));
                        }
                    }
                    case BIRTH_DATE -> {
                        birth = Values.parseDate(v).orElse(null);
                        if (birth == null) {
                            problems.add(at(row.line(), Msg.of("field.date", header, v)));
                        }
                    }
                    case IGNORED -> { }
                }
            }
            Participant p = new Participant(0, first, last, email, phone, form, birth, note);
            for (ParticipantRules.Problem pr : ParticipantRules.check(p, names, today)) {
                problems.add(at(row.line(), Msg.of(pr.key(), pr.field(), pr.value())));
            }
            if (email != null) {
                Integer earlier = emailLines.putIfAbsent(Values.emailKey(email), row.line());
                if (earlier != null) {
                    problems.add(at(row.line(), Msg.of("csv.row.duplicateEmail", email, earlier)));
                }
            }
            if (problems.size() == before) {
                out.add(new Parsed(row.line(), p));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidData(Msg.of("import.invalid", table.file(), problems.size()), problems);
        }
        return out;
    }

    private String header(Field f) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] == f) {
                return table.header().get(i);
            }
        }
        return f.name().toLowerCase(Locale.ROOT);
    }
}
