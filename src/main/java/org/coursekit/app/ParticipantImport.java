package org.coursekit.app;

import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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

    /** Good rows handed over at a time by a {@link Feed}. */
    static final int CHUNK = 1000;

    /** Problems kept at most; beyond that they are only counted (a wrong file can have one per row). */
    static final int MAX_LISTED = 1000;

    /**
     * Reads and checks a file's rows in a second thread while the caller stores the good ones, so
     * that a large import keeps two cores busy and holds the file's text and a few chunks of rows,
     * never all rows as objects. Problems are collected for all rows: {@link #invalid} after the
     * last chunk.
     */
    static final class Feed implements AutoCloseable {
        private static final Object END = new Object();

        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4);
        private final List<Msg> problems = new ArrayList<>();
        private final Thread thread;
        private volatile boolean closed;
        private volatile boolean anyProblem;
        private volatile boolean finished;
        private int problemCount;
        private Object pending;

        Feed(CsvInput.Records records, ParticipantImport check, LocalDate today) {
            thread = new Thread(() -> run(records, check, today), "coursekit-import");
            thread.setDaemon(true);
            thread.start();
        }

        private void run(CsvInput.Records records, ParticipantImport check, LocalDate today) {
            Object last = END;
            try {
                List<Msg> rowProblems = new ArrayList<>();
                List<Parsed> chunk = new ArrayList<>(CHUNK);
                boolean sized = false;
                for (CsvInput.Row row = records.next(); row != null && !closed; row = records.next()) {
                    Participant p = check.row(row, today, rowProblems);
                    if (!rowProblems.isEmpty()) {
                        anyProblem = true;
                        problemCount += rowProblems.size();
                        for (Msg m : rowProblems) {
                            if (problems.size() < MAX_LISTED) {
                                problems.add(m);
                            }
                        }
                        rowProblems.clear();
                    }
                    if (p != null) {
                        chunk.add(new Parsed(row.line(), p));
                        if (chunk.size() == CHUNK) {
                            if (!sized) {
                                check.expectRows(records.charsRead(), row.line());
                                sized = true;
                            }
                            put(chunk);
                            chunk = new ArrayList<>(CHUNK);
                        }
                    }
                }
                if (!closed) {
                    check.confirmRepeats();
                }
                put(chunk);
            } catch (RuntimeException | Error e) {
                last = e;                   // handed to the reader, which rethrows it
            } catch (InterruptedException e) {
                return;
            } finally {
                finished = true;            // the reader stops waiting even if the hand-over below fails
            }
            try {
                put(last);
            } catch (InterruptedException e) {
                // the reader gave up
            }
        }

        private void put(Object item) throws InterruptedException {
            while (!closed && !queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                // wait for the reader
            }
        }

        /** Waits for the first chunk (or the end of a small file) without taking it. */
        void peek() {
            if (pending == null) {
                pending = take();
            }
        }

        /** The next chunk of good rows, or null after the last; rethrows what the reading thread hit. */
        List<Parsed> next() {
            Object item = pending != null ? pending : take();
            pending = null;
            if (item == END) {
                pending = END;              // stays at the end for further calls
                return null;
            }
            if (item instanceof RuntimeException e) {
                throw e;
            }
            if (item instanceof Error e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            List<Parsed> chunk = (List<Parsed>) item;
            return chunk;
        }

        private Object take() {
            try {
                while (true) {
                    Object item = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (item != null) {
                        return item;
                    }
                    if (finished && queue.isEmpty()) {
                        // the reading thread ended without handing over its end (it failed even at that)
                        item = queue.poll(100, TimeUnit.MILLISECONDS);
                        if (item != null) {
                            return item;
                        }
                        throw new IllegalStateException("the import's reading thread stopped unexpectedly");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
            }
        }

        /** Whether a problem has been found so far (storing more rows is then pointless). */
        boolean anyProblem() {
            return anyProblem;
        }

        /** Reads to the end, then: every row's problems as one {@link InvalidData}, or null if none. */
        InvalidData invalid(Path file) {
            while (next() != null) {
                // the good rows are not needed
            }
            if (problems.isEmpty()) {
                return null;
            }
            return new InvalidData(Msg.of("import.invalid", file, problemCount), problems, problemCount);
        }

        @Override
        public void close() {
            closed = true;
            thread.interrupt();
            queue.clear();
        }
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

    private final Path file;
    private final List<String> header;
    private final Field[] columns;
    private final ParticipantRules.Fields names;
    private final EmailLines emailLines;
    private final EmailLines.Pairs repeats = new EmailLines.Pairs();
    private final Supplier<CsvInput.Records> reopen;

    /**
     * Thrown at the end of the rows when two addresses only shared a hash in {@code emailLines}: the
     * caller checks the file again with {@link EmailLines.Exact}.
     */
    static final class HashCollision extends RuntimeException {
        HashCollision() {
            super("two e-mail addresses share a hash", null, false, false);
        }
    }

    /**
     * Maps the header; {@link InvalidData} when it lacks a name column or has unknown columns.
     * {@code emailLines} finds rows with the address of an earlier one; when it compares hashes,
     * {@code reopen} reads the file again to confirm them.
     */
    ParticipantImport(Path file, List<String> header, int headerLine, boolean ignoreUnknown, EmailLines emailLines,
                      Supplier<CsvInput.Records> reopen) {
        this.file = file;
        this.header = header;
        this.emailLines = emailLines;
        this.reopen = reopen;
        List<Msg> problems = new ArrayList<>();
        columns = new Field[header.size()];
        Map<Field, Integer> seen = new HashMap<>();
        for (int i = 0; i < columns.length; i++) {
            String h = header.get(i);
            Field f = HEADERS.get(normalise(h));
            if (f == null) {
                if (h.isEmpty() || ignoreUnknown) {
                    f = Field.IGNORED;
                } else {
                    problems.add(at(headerLine, Msg.of("csv.header.unknown", h, knownHeaders())));
                    f = Field.IGNORED;
                }
            } else if (f != Field.IGNORED && seen.containsKey(f)) {
                problems.add(at(headerLine, Msg.of("csv.header.twice", h, header.get(seen.get(f)))));
            }
            seen.putIfAbsent(f, i);
            columns[i] = f;
        }
        if (!seen.containsKey(Field.FIRST)) {
            problems.add(at(headerLine, Msg.of("csv.header.missing", "first_name/Vorname")));
        }
        if (!seen.containsKey(Field.LAST)) {
            problems.add(at(headerLine, Msg.of("csv.header.missing", "last_name/Nachname")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidData(Msg.of("csv.header.invalid", file), problems);
        }
        names = new ParticipantRules.Fields(header(Field.FIRST), header(Field.LAST), header(Field.EMAIL),
                header(Field.PHONE), header(Field.BIRTH_DATE), header(Field.NOTE));
    }

    private Msg at(int line, Msg m) {
        return Msg.of("at.fileLine", file, line, m);
    }

    /**
     * One row as a participant; null for a blank row or one with problems, which are added to
     * {@code problems} with the file and line. Remembers e-mail addresses to find a second row with one.
     */
    Participant row(CsvInput.Row row, LocalDate today, List<Msg> problems) {
        if (row.isBlank()) {
            return null;
        }
        int before = problems.size();
        List<String> cells = row.cells();
        if (cells.size() > columns.length) {
            problems.add(at(row.line(), Msg.of("csv.row.tooManyFields", cells.size(), columns.length)));
            return null;
        }
        String first = null;
        String last = null;
        String email = null;
        String phone = null;
        String note = null;
        Form form = null;
        LocalDate birth = null;
        for (int i = 0; i < cells.size(); i++) {
            String v = cells.get(i);        // stripped already
            if (v.isEmpty()) {
                continue;
            }
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
                        problems.add(at(row.line(), Msg.of("field.form", header.get(i), v)));
                    }
                }
                case BIRTH_DATE -> {
                    birth = Values.parseDate(v).orElse(null);
                    if (birth == null) {
                        problems.add(at(row.line(), Msg.of("field.date", header.get(i), v)));
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
            int earlier = emailLines.firstLine(Values.emailKey(email), row.line());
            if (earlier != 0) {
                if (emailLines.needsConfirming()) {
                    repeats.add(row.line(), earlier);
                }
                problems.add(at(row.line(), Msg.of("csv.row.duplicateEmail", names.email(), earlier)));
            }
        }
        return problems.size() == before ? p : null;
    }

    /**
     * Makes room in {@code emailLines} for the rows the file will have, estimated from its size and
     * the first {@code lines} lines ({@code chars} characters): a table grown step by step would leave
     * the earlier ones behind for the garbage collector, as much memory again as the last.
     */
    void expectRows(long chars, int lines) {
        try {
            if (chars > 0 && java.nio.file.Files.isRegularFile(file)) {
                emailLines.expect(java.nio.file.Files.size(file) / Math.max(1, chars / Math.max(1, lines)));
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no estimate: the table grows as needed
        }
    }

    /**
     * After the last row: confirms that each row said to repeat an earlier one's address (by its
     * hash) really does, reading the file once more and keeping the addresses of the earlier lines
     * concerned only. {@link HashCollision} when one does not (or the file changed meanwhile).
     */
    void confirmRepeats() {
        if (repeats.size() == 0) {
            return;
        }
        int column = -1;
        for (int i = 0; i < columns.length && column < 0; i++) {
            column = columns[i] == Field.EMAIL ? i : -1;
        }
        int[] wanted = repeats.earlierLines();
        Map<Integer, String> keys = new HashMap<>();
        int next = 0;
        try (CsvInput.Records records = reopen.get()) {
            for (CsvInput.Row row = records.next(); row != null && next < repeats.size(); row = records.next()) {
                int line = row.line();
                String cell = column < row.cells().size() ? row.cells().get(column) : "";
                String key = cell.isEmpty() ? null : Values.emailKey(cell);
                if (Arrays.binarySearch(wanted, line) >= 0) {
                    keys.put(line, key);
                }
                for (; next < repeats.size() && repeats.later(next) == line; next++) {
                    if (key == null || !key.equals(keys.get(repeats.earlier(next)))) {
                        throw new HashCollision();
                    }
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof HashCollision) {
                throw e;
            }
            throw new HashCollision();      // the file cannot be read as before: check it again from the start
        }
        if (next < repeats.size()) {
            throw new HashCollision();
        }
    }

    private String header(Field f) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] == f) {
                return header.get(i);
            }
        }
        return f.name().toLowerCase(Locale.ROOT);
    }
}
