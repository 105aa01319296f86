package org.coursekit.app;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.coursekit.domain.Conflict;
import org.coursekit.domain.Course;
import org.coursekit.domain.CourseSummary;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.Msg;
import org.coursekit.domain.NotFound;
import org.coursekit.domain.Session;
import org.coursekit.domain.SessionRef;
import org.coursekit.domain.Values;
import org.coursekit.io.CourseFile;
import org.coursekit.store.Store;
import org.coursekit.store.Tx;

/** Use cases around courses and their sessions. */
public final class CourseService {
    /** A course with its sessions (by date) and the number of people holding a place. */
    public record Details(Course course, List<Session> sessions, long enrolled) {
    }

    private final Store db;
    private final Clock clock;

    public CourseService(Store db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates a course with its sessions; refuses an existing id. Returns the stored details. */
    public Details create(CourseFile.Definition def) {
        return db.write(tx -> {
            Course c = def.course();
            if (tx.courses().exists(c.id())) {
                throw new Conflict("course.exists", c.id());
            }
            requireOrganisation(tx, c.organisation());
            tx.courses().insert(c);
            // explicit numbers first, so that automatic numbers never collide with them
            for (Session s : def.sessions()) {
                if (s.number() > 0) {
                    tx.courses().insertSession(c.id(), s);
                }
            }
            for (Session s : def.sessions()) {
                if (s.number() == 0) {
                    tx.courses().insertSession(c.id(), s);
                }
            }
            return details(tx, c.id());
        });
    }

    /** Refuses (exit 3) an organisation the database does not have, naming the way to add it. */
    static void requireOrganisation(Tx tx, String org) {
        if (!tx.organisations().exists(org)) {
            throw new NotFound("organisation.notFound", org);
        }
    }

    /** The organisations with their counts of courses and people. */
    public List<org.coursekit.domain.Organisation> organisations() {
        return db.read(tx -> tx.organisations().list());
    }

    /** Adds an organisation; refuses (exit 5) an id that exists. */
    public void addOrganisation(String id, String name) {
        db.write(tx -> {
            if (tx.organisations().exists(id)) {
                throw new Conflict("organisation.exists", id);
            }
            tx.organisations().insert(id, name);
            return null;
        });
    }

    /**
     * Moves every course and person of organisation {@code from} into {@code to} (e.g. a town's
     * older database, all in {@code default}, into the town's own); refused (exit 5, nothing moved)
     * when someone of {@code from} has the e-mail address of someone of {@code to}. Returns
     * {courses, people} moved.
     */
    public long[] moveOrganisation(String from, String to) {
        return db.write(tx -> {
            requireOrganisation(tx, from);
            requireOrganisation(tx, to);
            List<Long> shared = tx.organisations().sharedAddresses(from, to);
            if (!shared.isEmpty()) {
                throw new Conflict("organisation.move.sharedAddresses", from, to, shared.size(),
                        String.join(", ", shared.stream().limit(20).map(String::valueOf).toList()));
            }
            return tx.organisations().move(from, to);
        });
    }

    public List<CourseSummary> list() {
        return db.read(tx -> tx.courses().list());
    }

    public Details show(String id) {
        return db.read(tx -> details(tx, id));
    }

    public Course edit(String id, UnaryOperator<Course> change) {
        return db.write(tx -> {
            Course before = course(tx, id);
            Course updated = change.apply(before);
            if (!updated.zoneId().equals(before.zoneId())) {
                List<Msg> problems = new ArrayList<>();
                for (Session s : tx.courses().sessions(id)) {
                    for (var t : List.of(s.start(), s.end())) {
                        if (Values.inGap(s.date(), t, updated.timezone())) {
                            problems.add(Msg.of("course.timezoneGap", s.number(), Values.time(t), s.date(), updated.zoneId()));
                        }
                    }
                }
                if (!problems.isEmpty()) {
                    throw new InvalidData(Msg.of("option.invalid", "--timezone"), problems);
                }
            }
            tx.courses().update(updated);
            return updated;
        });
    }

    /** Deletes a course; refused once attendance exists unless {@code force}. */
    public void delete(String id, boolean force) {
        db.write(tx -> {
            course(tx, id);
            long certificates = tx.certificates().countForCourse(id);
            if (certificates > 0) {
                throw new Conflict("course.delete.certificates", id, certificates);
            }
            long records = tx.courses().attendanceCount(id, 0);
            if (records > 0 && !force) {
                throw new Conflict("course.delete.attendance", id, records);
            }
            tx.courses().delete(id);
            return null;
        });
    }

    public CourseFile.Definition export(String id) {
        return db.read(tx -> new CourseFile.Definition(course(tx, id), tx.courses().sessions(id)));
    }

    // --- sessions ---------------------------------------------------------------------------

    public Session addSession(String courseId, Session s) {
        checkTimes(s);
        return db.write(tx -> {
            checkExists(s, course(tx, courseId).timezone());
            int n = tx.courses().insertSession(courseId, s);
            return s.withNumber(n);
        });
    }

    public List<Session> sessions(String courseId) {
        return db.read(tx -> {
            course(tx, courseId);
            return tx.courses().sessions(courseId);
        });
    }

    public Session session(String courseId, String ref) {
        return db.read(tx -> resolve(tx, courseId, ref));
    }

    public Session editSession(String courseId, String ref, UnaryOperator<Session> change) {
        return db.write(tx -> {
            Session before = resolve(tx, courseId, ref);
            Session after = change.apply(before).withNumber(before.number());
            checkTimes(after);
            checkExists(after, course(tx, courseId).timezone());
            tx.courses().updateSession(courseId, after);
            return after;
        });
    }

    public Session cancelSession(String courseId, String ref) {
        return db.write(tx -> {
            Session s = resolve(tx, courseId, ref);
            if (s.cancelled()) {
                throw new Conflict("session.alreadyCancelled", s.number(), courseId);
            }
            Session cancelled = s.withCancelled(true);
            tx.courses().updateSession(courseId, cancelled);
            return cancelled;
        });
    }

    public Session removeSession(String courseId, String ref) {
        return db.write(tx -> {
            Session s = resolve(tx, courseId, ref);
            long records = tx.courses().attendanceCount(courseId, s.number());
            if (records > 0) {
                throw new Conflict("session.remove.attendance", s.number(), courseId, records);
            }
            tx.courses().deleteSession(courseId, s.number());
            return s;
        });
    }

    static void checkTimes(Session s) {
        if (!s.end().isAfter(s.start())) {
            throw new InvalidData(Msg.of("session.invalid"), List.of(Msg.of("option.endBeforeStart",
                    Values.time(s.end()), Values.time(s.start()))));
        }
    }

    /** Refuses a start or end that the clocks skip on that date (spring forward) in the course's zone. */
    static void checkExists(Session s, ZoneId zone) {
        List<Msg> problems = new ArrayList<>();
        if (Values.inGap(s.date(), s.start(), zone)) {
            problems.add(Msg.of("field.timeGap", "--start", Values.time(s.start()), s.date(), zone.getId()));
        }
        if (Values.inGap(s.date(), s.end(), zone)) {
            problems.add(Msg.of("field.timeGap", "--end", Values.time(s.end()), s.date(), zone.getId()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidData(Msg.of("session.invalid"), problems);
        }
    }

    Session resolve(Tx tx, String courseId, String ref) {
        Course c = course(tx, courseId);
        SessionRef r = SessionRef.parse(ref);
        return r.resolve(courseId, tx.courses().sessions(courseId), LocalDateTime.now(clock.withZone(c.timezone())));
    }

    static Course course(Tx tx, String id) {
        return tx.courses().find(id).orElseThrow(() -> new NotFound("course.notFound", id));
    }

    private static Details details(Tx tx, String id) {
        Course c = course(tx, id);
        return new Details(c, new ArrayList<>(tx.courses().sessions(id)), tx.participants().placesTaken(id));
    }
}
