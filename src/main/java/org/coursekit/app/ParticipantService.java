package org.coursekit.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.coursekit.domain.Conflict;
import org.coursekit.domain.Course;
import org.coursekit.domain.Enrolment;
import org.coursekit.domain.EnrolmentStatus;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.Msg;
import org.coursekit.domain.Names;
import org.coursekit.domain.NotFound;
import org.coursekit.domain.Participant;
import org.coursekit.domain.ParticipantRow;
import org.coursekit.domain.ParticipantRules;
import org.coursekit.domain.Values;
import org.coursekit.io.CsvInput;
import org.coursekit.store.ParticipantRepository;
import org.coursekit.store.Store;
import org.coursekit.store.Tx;

/** Use cases around participants and their enrolments. */
public final class ParticipantService {
    public enum OnDuplicate { FAIL, SKIP, UPDATE }

    /** What an import did (or, for a dry run, would do). */
    public record ImportResult(int rows, int created, int updated, int skipped, int enrolled, boolean dryRun,
                               String encoding, char delimiter) {
    }

    /** A participant with all their enrolments. */
    public record Details(Participant participant, List<Enrolment> enrolments, List<org.coursekit.domain.Project> projects,
                          String organisation) {
    }

    private final Store db;
    private final Clock clock;
    private final EmailLines.Hash emailHash;

    public ParticipantService(Store db, Clock clock) {
        this(db, clock, EmailLines.DEFAULT);
    }

    /** With the hash the import's duplicate check uses (tests give one that collides). */
    ParticipantService(Store db, Clock clock, EmailLines.Hash emailHash) {
        this.db = db;
        this.clock = clock;
        this.emailHash = emailHash;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Adds a person (and enrols them when {@code courseId} is given); returns the new id. */
    public long add(Participant p, String courseId) {
        check(p);
        return db.write(tx -> {
            Course course = courseId == null ? null : CourseService.course(tx, courseId);
            String org = course == null ? Course.DEFAULT_ORGANISATION : course.organisation();
            requireFreeEmail(tx, org, p.email(), 0);
            long id = tx.participants().insert(p, org);
            if (course != null) {
                enrol(tx, course, id, false, null);
            }
            return id;
        });
    }

    public ImportResult importCsv(Path file, String courseId, String delimiter, String encoding,
                                  OnDuplicate onDuplicate, boolean ignoreUnknown, boolean dryRun) {
        return importCsv(file, courseId, delimiter, encoding, onDuplicate, ignoreUnknown, dryRun, rows -> { });
    }

    /** As above, telling {@code rowsRead} how many rows have been read after every chunk. */
    public ImportResult importCsv(Path file, String courseId, String delimiter, String encoding,
                                  OnDuplicate onDuplicate, boolean ignoreUnknown, boolean dryRun,
                                  java.util.function.LongConsumer rowsRead) {
        if (courseId != null) {
            db.read(tx -> CourseService.course(tx, courseId));     // an unknown course fails before reading the file
        }
        if (!java.nio.file.Files.isRegularFile(file)) {     // a pipe cannot be read again to confirm a repeat
            return importCsv(file, courseId, delimiter, encoding, onDuplicate, ignoreUnknown, dryRun, rowsRead,
                    new EmailLines.Exact());
        }
        try {
            return importCsv(file, courseId, delimiter, encoding, onDuplicate, ignoreUnknown, dryRun, rowsRead,
                    new EmailLines.Hashed(emailHash));
        } catch (ParticipantImport.HashCollision e) {
            // two addresses shared a hash (it rolled back what was stored): check again by the addresses themselves
            return importCsv(file, courseId, delimiter, encoding, onDuplicate, ignoreUnknown, dryRun, rowsRead,
                    new EmailLines.Exact());
        }
    }

    private ImportResult importCsv(Path file, String courseId, String delimiter, String encoding,
                                   OnDuplicate onDuplicate, boolean ignoreUnknown, boolean dryRun,
                                   java.util.function.LongConsumer rowsRead, EmailLines emailLines) {
        try (CsvInput.Records records = CsvInput.open(file, delimiter, encoding)) {
            ParticipantImport check = new ParticipantImport(records.file(), records.header(), records.headerLine(),
                    ignoreUnknown, emailLines, () -> CsvInput.open(file, delimiter, encoding));
            try (ParticipantImport.Feed feed = new ParticipantImport.Feed(records, check, today())) {
                // The database is locked only once the first thousand good rows are ready: a small file
                // is checked completely before, and a file that starts badly never locks it.
                feed.peek();
                if (feed.anyProblem()) {
                    throw feed.invalid(records.file());
                }
                return db.write(tx -> {
                    ImportResult r = store(tx, records, feed, courseId, onDuplicate, dryRun, rowsRead);
                    if (dryRun) {
                        throw new DryRun(r);
                    }
                    return r;
                });
            } catch (DryRun d) {
                return d.result;
            }
        }
    }

    /** Carries a dry run's result out of the transaction, which it rolls back. */
    private static final class DryRun extends RuntimeException {
        final transient ImportResult result;

        DryRun(ImportResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    /**
     * Stores the rows as the feed checks them, chunk by chunk, inside the caller's transaction: any
     * invalid row or (with {@code fail}) duplicate throws at the end, which rolls everything back.
     */
    private ImportResult store(Tx tx, CsvInput.Records records, ParticipantImport.Feed feed, String courseId,
                               OnDuplicate onDuplicate, boolean dryRun, java.util.function.LongConsumer rowsRead) {
        Course course = courseId == null ? null : CourseService.course(tx, courseId);
        // the people of the course's organisation: an address is unique within one, not across them
        String org = course == null ? Course.DEFAULT_ORGANISATION : course.organisation();
        ParticipantRepository people = tx.participants();
        // stored people are looked up a chunk at a time (none when nobody of the organisation has an
        // address yet): memory stays the same however many there are
        boolean anyStored = people.anyWithEmail(org);
        long taken = course == null || course.capacity() == null ? 0 : people.placesTaken(course.id());
        List<Participant> fresh = new ArrayList<>(ParticipantImport.CHUNK);
        List<String> keys = new ArrayList<>(ParticipantImport.CHUNK);
        List<Long> ids = new ArrayList<>(ParticipantImport.CHUNK);     // to enrol, a chunk at a time
        List<Msg> duplicates = new ArrayList<>();
        int duplicateCount = 0;
        int total = 0;
        int added = 0;
        int updated = 0;
        int skipped = 0;
        int enrolled = 0;
        for (List<ParticipantImport.Parsed> chunk = feed.next(); chunk != null; chunk = feed.next()) {
            total += chunk.size();
            rowsRead.accept(total);
            boolean storing = !feed.anyProblem() && duplicateCount == 0;
            Map<String, Long> existing = Map.of();
            if (anyStored) {
                for (ParticipantImport.Parsed row : chunk) {
                    if (row.participant().email() != null) {
                        keys.add(Values.emailKey(row.participant().email()));
                    }
                }
                existing = people.idsByEmailKey(org, keys);
                keys.clear();
            }
            for (ParticipantImport.Parsed row : chunk) {
                Participant p = row.participant();
                Long id = p.email() == null || existing.isEmpty() ? null : existing.get(Values.emailKey(p.email()));
                if (id == null) {
                    fresh.add(p);
                    continue;
                }
                switch (onDuplicate) {
                    case FAIL -> {
                        if (duplicateCount++ < ParticipantImport.MAX_LISTED) {
                            duplicates.add(Msg.of("at.fileLine", records.file(), row.line(), Msg.of("import.duplicate", id)));
                        }
                    }
                    case SKIP -> skipped++;
                    case UPDATE -> {
                        if (storing) {
                            Participant old = people.find(id).orElseThrow();
                            people.update(merge(old, p));
                        }
                        updated++;
                    }
                }
                ids.add(id);
            }
            if (storing) {
                long[] inserted = people.insertAll(fresh, org);
                if (course != null) {
                    for (long id : inserted) {
                        ids.add(id);
                    }
                    enrolled += people.enrolAll(course.id(), ids);
                }
            }
            added += fresh.size();
            fresh.clear();
            ids.clear();
        }
        InvalidData invalid = feed.invalid(records.file());
        if (invalid != null) {
            throw invalid;
        }
        if (duplicateCount > 0) {
            throw new Conflict(Msg.of("import.duplicates", records.file(), duplicateCount), duplicates, duplicateCount);
        }
        if (course != null && course.capacity() != null && taken + enrolled > course.capacity()) {
            throw new Conflict("import.capacity", course.id(), course.capacity(), taken, enrolled);
        }
        return new ImportResult(total, added, updated, skipped, enrolled, dryRun,
                records.charset().name(), records.delimiter());
    }

    /** Update from an import: what the file gives replaces what is stored; empty cells keep it. */
    static Participant merge(Participant old, Participant p) {
        return new Participant(old.id(), p.firstName(), p.lastName(), p.email() != null ? p.email() : old.email(),
                p.phone() != null ? p.phone() : old.phone(), p.form() != null ? p.form() : old.form(),
                p.birthDate() != null ? p.birthDate() : old.birthDate(), p.note() != null ? p.note() : old.note());
    }

    public List<ParticipantRow> list(String courseId, EnrolmentStatus status) {
        return db.read(tx -> {
            if (courseId != null) {
                CourseService.course(tx, courseId);
            }
            List<ParticipantRow> rows = new ArrayList<>(tx.participants().list(courseId, status));
            Comparator<Participant> byName = Names.byName();
            rows.sort((a, b) -> byName.compare(a.participant(), b.participant()));
            return rows;
        });
    }

    /**
     * Writes the printable list (A4 PDF) of the people enrolled in a course or who completed it, by
     * last name, in {@code language} (null: the course's); with {@code contact} also e-mail and phone.
     * Returns how many are on it.
     */
    public int listPdf(String courseId, Path output, boolean contact, String language) {
        Course course = db.read(tx -> CourseService.course(tx, courseId));
        List<Participant> people = new ArrayList<>();
        for (ParticipantRow r : list(courseId, null)) {
            if (r.status() == EnrolmentStatus.ENROLLED || r.status() == EnrolmentStatus.COMPLETED) {
                people.add(r.participant());
            }
        }
        org.coursekit.render.Fonts.requirePrintable(people, org.coursekit.render.ParticipantList::missingGlyph);
        org.coursekit.i18n.Documents text = new org.coursekit.i18n.Documents(language != null ? language : course.language());
        LocalDate asOf = LocalDate.now(clock.withZone(course.timezone()));
        org.coursekit.io.AtomicFile.write(output, db::refuseOwnFile,
                out -> org.coursekit.render.ParticipantList.write(out, course, people, contact, asOf, text));
        return people.size();
    }

    public Details show(String ref) {
        return db.read(tx -> {
            Participant p = resolve(tx, ref);
            return new Details(p, tx.participants().enrolments(p.id()), tx.projects().ofParticipant(p.id()),
                    tx.participants().organisationOf(p.id()));
        });
    }

    public Participant edit(String ref, UnaryOperator<Participant> change) {
        return db.write(tx -> {
            Participant before = resolve(tx, ref);
            Participant after = change.apply(before).withId(before.id());
            check(after);
            requireFreeEmail(tx, tx.participants().organisationOf(after.id()), after.email(), after.id());
            tx.participants().update(after);
            return after;
        });
    }

    /** Enrols; returns the resulting status (waitlisted when full and {@code waitlist}). */
    public EnrolmentStatus enrol(String ref, String courseId, boolean waitlist, LocalDate since) {
        return db.write(tx -> {
            Course course = CourseService.course(tx, courseId);
            Participant p = resolve(tx, ref, course.organisation());
            joinOrganisation(tx, p, course);
            return enrol(tx, course, p.id(), waitlist, since);
        });
    }

    /**
     * A person belongs to one organisation, that of their courses: someone of another one (added
     * without a course, into the default organisation) moves to the course's while enrolled in no
     * course yet; else it is refused (exit 5).
     */
    private static void joinOrganisation(Tx tx, Participant p, Course course) {
        String org = tx.participants().organisationOf(p.id());
        if (org.equals(course.organisation())) {
            return;
        }
        if (!tx.participants().enrolments(p.id()).isEmpty()) {
            throw new Conflict("enrol.otherOrganisation", p.id(), org, course.id(), course.organisation());
        }
        requireFreeEmail(tx, course.organisation(), p.email(), p.id());
        tx.participants().moveTo(p.id(), course.organisation());
    }

    private EnrolmentStatus enrol(Tx tx, Course course, long participantId, boolean waitlist, LocalDate since) {
        var current = tx.participants().enrolment(course.id(), participantId);
        if (current.isPresent() && current.get().status().holdsPlace()) {
            throw new Conflict("enrol.already", participantId, course.id(), current.get().status().id());
        }
        EnrolmentStatus status = EnrolmentStatus.ENROLLED;
        if (course.capacity() != null && tx.participants().placesTaken(course.id()) >= course.capacity()) {
            if (!waitlist) {
                throw new Conflict("enrol.full", course.id(), course.capacity());
            }
            status = EnrolmentStatus.WAITLISTED;
        }
        tx.participants().saveEnrolment(new Enrolment(participantId, course.id(), status, since, null));
        return status;
    }

    public void withdraw(String ref, String courseId, String reason) {
        db.write(tx -> {
            Course course = CourseService.course(tx, courseId);
            Participant p = resolve(tx, ref, course.organisation());
            Enrolment e = tx.participants().enrolment(course.id(), p.id())
                    .orElseThrow(() -> new Conflict("withdraw.notEnrolled", p.id(), course.id()));
            if (e.status() == EnrolmentStatus.WITHDRAWN) {
                throw new Conflict("withdraw.already", p.id(), course.id());
            }
            if (e.status() == EnrolmentStatus.COMPLETED) {
                throw new Conflict("withdraw.completed", p.id(), course.id());
            }
            tx.participants().saveEnrolment(new Enrolment(p.id(), course.id(), EnrolmentStatus.WITHDRAWN, e.since(), reason));
            return null;
        });
    }

    private void check(Participant p) {
        List<Msg> problems = new ArrayList<>();
        for (ParticipantRules.Problem pr : ParticipantRules.check(p, ParticipantRules.Fields.OPTIONS, today())) {
            problems.add(Msg.of(pr.key(), pr.field(), pr.value()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidData(Msg.of("participant.invalid"), problems);
        }
    }

    private static void requireFreeEmail(Tx tx, String org, String email, long self) {
        if (email == null) {
            return;
        }
        tx.participants().findByEmail(org, email).filter(other -> other.id() != self).ifPresent(other -> {
            throw new Conflict("participant.emailTaken", email, other.id());
        });
    }

    /** REF: the numeric id or the e-mail address (case-insensitive). */
    static Participant resolve(Tx tx, String ref) {
        return resolve(tx, ref, null);
    }

    /**
     * REF as above, where a course of organisation {@code org} (null: none) is concerned: an address
     * that people of several organisations have means the one of {@code org}; without one of
     * {@code org} it is ambiguous (exit 5, naming their ids).
     */
    static Participant resolve(Tx tx, String ref, String org) {
        String r = ref.strip();
        if (!r.isEmpty() && r.length() < 19 && r.chars().allMatch(Character::isDigit)) {
            return tx.participants().find(Long.parseLong(r)).orElseThrow(() -> new NotFound("participant.notFound", r));
        }
        if (r.contains("@")) {
            List<Participant> all = tx.participants().withEmail(r);
            if (all.size() > 1 && org != null) {
                Optional<Participant> ours = tx.participants().findByEmail(org, r);
                if (ours.isPresent()) {
                    return ours.get();
                }
            }
            if (all.size() > 1) {
                throw new Conflict("participant.ambiguous", r, String.join(", ",
                        all.stream().map(p -> Long.toString(p.id())).toList()));
            }
            return all.stream().findFirst().orElseThrow(() -> new NotFound("participant.notFound", r));
        }
        throw new InvalidData("participant.ref.invalid", ref);
    }
}
