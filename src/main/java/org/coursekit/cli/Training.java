package org.coursekit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.coursekit.Main;

/**
 * The training run for the class-data archive (see the launcher): runs the common commands once
 * in one JVM against a throw-away database, so that the archive written at its exit holds the
 * classes they load. Prints nothing.
 */
public final class Training {
    private Training() {
    }

    /** One command of the training run and the exit code it must end with. */
    record Step(int exit, String... args) {
    }

    /**
     * {@code light}: the everyday commands on an SQLite file, printing tables and CSV; {@code medium}:
     * those and their JSON output, and the PostgreSQL driver; {@code full}: also course files, PDFs
     * and calendars; {@code list}: the listings of an SQLite file; {@code read}: the other commands
     * that only read one. The launcher runs {@code prepare FOLDER} and then {@code list FOLDER} or
     * {@code read FOLDER} in a JVM of its own, so that what only writing needs stays out of those
     * two caches; without a folder they make their database themselves.
     */
    public static void main(String[] args) throws IOException {
        String kind = args.length > 0 ? args[0] : "light";
        if (args.length > 1 || kind.equals("prepare")) {
            if (args.length < 2) {
                throw new IllegalArgumentException("usage: Training prepare|list|read FOLDER");
            }
            Path folder = Path.of(args[1]);
            runAll(switch (kind) {
                case "prepare" -> preparationSteps(folder);
                case "list" -> listSteps(folder);
                case "read" -> readSteps(folder);
                default -> throw new IllegalArgumentException("no folder for a training of kind " + kind);
            });
            System.exit(0);
        }
        Path dir = Files.createTempDirectory("coursekit-training");
        try {
            List<Step> steps = switch (kind) {
                case "full" -> steps(dir);
                case "medium" -> mediumSteps(dir);
                case "list", "read" -> {        // no folder given: the database made here, its classes cached too
                    List<Step> both = preparationSteps(dir);
                    both.addAll(kind.equals("list") ? listSteps(dir) : readSteps(dir));
                    yield both;
                }
                default -> lightSteps(dir);
            };
            runAll(steps);
            if (kind.equals("medium") || kind.equals("full")) {
                preload();
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        // as Main ends a failed command: since Java 21 Runtime.exit looks up a System.Logger, whose
        // classes then come from the archive too (the archive is written at the exit). Returning, as
        // Main ends a successful one, would leave 24 classes out of the light cache: no measurable
        // gain at start, and a failed command would load 30 classes from the JDK instead of 6
        System.exit(0);
    }

    private static void runAll(List<Step> steps) {
        for (Step step : steps) {
            try {
                run(step.args());
            } catch (RuntimeException e) {
                // training only: the next steps still load their classes (TrainingTest keeps them working)
            }
        }
    }

    /**
     * Loads the classes a command on the PostgreSQL register needs beyond those of the SQLite steps
     * (listed in {@code training-classes.txt}), so that they are archived too: there is no server to
     * run those commands against at build time.
     */
    static int preload() throws IOException {
        int loaded = 0;
        try (var in = Training.class.getResourceAsStream("training-classes.txt")) {
            if (in == null) {
                return 0;
            }
            for (String name : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (name.isBlank() || name.startsWith("#")) {
                    continue;
                }
                try {
                    Class.forName(name.strip(), false, Training.class.getClassLoader());
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // another JDK or driver version: nothing to archive
                }
            }
        }
        return loaded;
    }

    /**
     * The commands a trainer runs dozens of times an evening, printing tables and CSV, and nothing
     * else: every class in an AOT cache costs every start that uses it (Java 25 loads and links them
     * all), so this one holds neither Jackson nor the PostgreSQL driver (the launcher chooses the
     * medium one for JSON and PostgreSQL, the full one for course files, PDFs and calendars).
     */
    static List<Step> lightSteps(Path dir) throws IOException {
        String d = "--db=" + dir.resolve("t.db");
        List<Step> steps = start(d);
        steps.addAll(everyday(dir, d));
        steps.add(new Step(0, d, "attend", "list", "training", "--session=1"));
        return finish(steps, d);
    }

    /**
     * The listings of an SQLite file, as tables and CSV: {@code course list}, a course's sessions, its
     * participants, the certificate register. They need no local time in a course's time zone, which
     * makes the JDK set up all of its date formatting (see {@link #readSteps}), so their cache is the
     * leanest: Java 25 loads every class of a cache at every start, and these are run most. The
     * launcher runs them against a database that another JVM made ({@link #preparationSteps}), so that
     * this cache holds none of the classes that only writing needs. No help and no error (some 40 and
     * 50 classes at every start, for a text a person reads).
     */
    static List<Step> listSteps(Path dir) {
        String d = "--db=" + dir.resolve("t.db");
        return new ArrayList<>(List.of(
                new Step(0, d, "course", "list"),
                new Step(0, d, "course", "session", "list", "training", "--csv"),
                new Step(0, d, "participant", "list", "--course=training"),
                new Step(0, d, "certify", "list")));
    }

    /**
     * The other commands that only read an SQLite file and print a table: a course's or a person's
     * details, the attendance of a session, the attendance report, who qualifies; and an error. Most
     * of them need the local time in the course's time zone, whose daylight-saving rules make the JDK
     * initialise {@code java.time.Year}, and with it all of its date formatting and locale data: some
     * 200 classes more than the listings. Run as {@link #listSteps} are.
     */
    static List<Step> readSteps(Path dir) {
        String d = "--db=" + dir.resolve("t.db");
        return new ArrayList<>(List.of(
                new Step(0, d, "course", "show", "training"),
                new Step(0, d, "participant", "show", "k@example.org"),
                new Step(0, d, "attend", "list", "training", "--session=1"),
                new Step(0, d, "attend", "report", "training"),
                new Step(0, d, "certify", "check", "training"),
                new Step(3, d, "course", "show", "nope")));
    }

    /** What {@link #listSteps} and {@link #readSteps} read: a course with two sessions and two participants, one session recorded. */
    static List<Step> preparationSteps(Path dir) throws IOException {
        String d = "--db=" + dir.resolve("t.db");
        List<Step> steps = start(d);
        for (Step step : everyday(dir, d)) {
            String verb = step.args()[2];
            if (verb.equals("import") || verb.equals("add") || verb.equals("record")) {
                steps.add(step);
            }
        }
        return steps;
    }

    /** The light steps and their JSON output; the PostgreSQL driver's classes come from {@link #preload}. */
    static List<Step> mediumSteps(Path dir) throws IOException {
        String d = "--db=" + dir.resolve("t.db");
        List<Step> steps = start(d);
        steps.addAll(everyday(dir, d));
        steps.addAll(json(d));
        steps.add(new Step(0, d, "attend", "list", "training", "--session=1"));
        steps.add(new Step(0, d, "attend", "list", "training", "--session=1", "--json"));
        return finish(steps, d);
    }

    private static List<Step> start(String d) {
        return new ArrayList<>(List.of(
                new Step(0, d, "init"),
                new Step(0, d, "course", "create", "training", "--title=Training", "--location=Rathaus, 70839 Gerlingen"),
                new Step(0, d, "course", "session", "add", "training", "--date=2018-02-20", "--start=19:30", "--end=21:00",
                        "--title=Eins"),
                new Step(0, d, "course", "session", "add", "training", "--date=2099-02-20", "--start=19:30", "--end=21:00",
                        "--title=Zwei")));
    }

    /** The JSON output of the everyday commands (medium and full). */
    private static List<Step> json(String d) {
        return List.of(
                new Step(0, d, "course", "list", "--json"),
                new Step(0, d, "course", "show", "training", "--json"),
                new Step(0, d, "participant", "list", "--json"),
                new Step(0, d, "course", "export", "training"));
    }

    /**
     * All the commands of the full archive, against files in {@code dir}. Each must end as its
     * step says (TrainingTest): a failing step would leave the classes of the real work out.
     */
    static List<Step> steps(Path dir) throws IOException {
        Path course = dir.resolve("course.json");
        Files.writeString(course, """
                {"id": "training", "title": "Training", "location": "Rathaus, 70839 Gerlingen",
                 "contact": {"name": "Kontakt", "email": "kontakt@example.org"},
                 "certificate": {"roleTitle": {"f": "Bürgermentorin"}, "minAttendance": "50%",
                   "signatories": [{"name": "Kursleitung", "role": "Mentorentrainerin"}]},
                 "sessions": [{"date": "2018-02-20", "start": "19:30", "end": "21:00", "title": "Eins"},
                              {"date": "2018-03-06", "start": "19:30", "end": "21:00", "title": "Zwei"},
                              {"date": "2099-02-20", "start": "19:30", "end": "21:00", "title": "Drei"}]}
                """, StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("certs"));
        String d = "--db=" + dir.resolve("t.db");
        List<Step> steps = new ArrayList<>(List.of(
                new Step(0, d, "init"),
                new Step(0, d, "course", "create", "--from=" + course)));
        steps.addAll(everyday(dir, d));
        steps.addAll(json(d));
        steps.add(new Step(0, d, "attend", "record", "training", "--session=2", "--all-present"));
        steps.add(new Step(0, d, "certify", "issue", "training", "--output=" + dir.resolve("certs")));
        steps.add(new Step(0, d, "attend", "sheet", "training", "--session=1", "--output=" + dir.resolve("s.pdf")));
        steps.add(new Step(0, d, "participant", "project", "add", "k@example.org", "--title=Repaircafé", "--course=training"));
        steps.add(new Step(0, d, "export", "report", "--format=pdf", "--output=" + dir.resolve("r.pdf")));
        steps.add(new Step(0, d, "export", "report", "--format=json"));
        return finish(steps, d);
    }

    /** All archives: the commands of an evening, on course {@code training} with two participants. */
    private static List<Step> everyday(Path dir, String d) throws IOException {
        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, "Vorname;Nachname;E-Mail;Anrede\nKäthe;Köhler;k@example.org;Frau\n", StandardCharsets.UTF_8);
        return List.of(
                new Step(0, d, "participant", "import", csv.toString(), "--course=training"),
                new Step(0, d, "participant", "add", "--first=Jürgen", "--last=Weiß", "--email=j@example.org",
                        "--course=training"),
                new Step(0, d, "course", "list"),
                new Step(0, d, "course", "show", "training"),
                new Step(0, d, "course", "session", "list", "training", "--csv"),
                new Step(0, d, "participant", "list", "--course=training"),
                new Step(0, d, "participant", "show", "k@example.org"),
                new Step(0, d, "attend", "record", "training", "--session=1", "--all-present"),
                new Step(0, d, "attend", "report", "training"),
                new Step(0, d, "certify", "check", "training"));
    }

    private static List<Step> finish(List<Step> steps, String d) {
        steps.add(new Step(0, d, "export", "participants", "training", "--excel"));
        steps.add(new Step(3, d, "course", "show", "nope"));
        steps.add(new Step(0, "--help"));
        return steps;
    }

    static int run(String... args) {
        PrintWriter nowhere = new PrintWriter(new StringWriter());
        return Main.run(nowhere, nowhere, Map.of(), Clock.systemDefaultZone(), args);
    }
}
