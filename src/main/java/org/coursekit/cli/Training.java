package org.coursekit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
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

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("coursekit-training");
        try {
            Path db = dir.resolve("t.db");
            Path course = dir.resolve("course.json");
            Files.writeString(course, """
                    {"id": "t", "title": "Training", "location": "Rathaus, 70839 Gerlingen",
                     "contact": {"name": "Kontakt", "email": "kontakt@example.org"},
                     "certificate": {"roleTitle": {"f": "Bürgermentorin"}},
                     "sessions": [{"date": "2018-02-20", "start": "19:30", "end": "21:00", "title": "Eins"},
                                  {"date": "2099-02-20", "start": "19:30", "end": "21:00", "title": "Zwei"}]}
                    """, StandardCharsets.UTF_8);
            Path csv = dir.resolve("p.csv");
            Files.writeString(csv, "Vorname;Nachname;E-Mail;Anrede\nKäthe;Köhler;k@example.org;Frau\n", StandardCharsets.UTF_8);
            String d = "--db=" + db;
            run(d, "init");
            run(d, "course", "create", "--from=" + course);
            run(d, "participant", "import", csv.toString(), "--course=t");
            run(d, "participant", "add", "--first=Jürgen", "--last=Weiß", "--email=j@example.org", "--course=t");
            run(d, "course", "list");
            run(d, "course", "list", "--json");
            run(d, "course", "show", "t");
            run(d, "course", "session", "list", "t", "--csv");
            run(d, "participant", "list", "--course=t");
            run(d, "participant", "list", "--json");
            run(d, "participant", "show", "k@example.org");
            run(d, "attend", "record", "t", "--session=1", "--all-present");
            run(d, "attend", "report", "t");
            run(d, "certify", "check", "t");
            run(d, "attend", "sheet", "t", "--session=1", "--output=" + dir.resolve("s.pdf"));
            run(d, "export", "participants", "t", "--excel");
            run(d, "course", "show", "nope");
            run("--help");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String... args) {
        PrintWriter nowhere = new PrintWriter(new StringWriter());
        try {
            Main.run(nowhere, nowhere, Map.of(), Clock.systemDefaultZone(), args);
        } catch (UncheckedIOException e) {
            // training only
        }
    }
}
