package org.coursekit.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** A town's course year for the tests of db copy and the register: the same on every engine. */
public final class Towns {
    private Towns() {
    }

    /** A course of three sessions in organisation {@code org}, these people, everyone attending, certificates issued. */
    public static void town(Cli cli, Path dir, String org, String course, String prefix, String... people) throws Exception {
        cli.run("db", "org", "add", org, "--name=Stadt " + org).ok();
        Path json = dir.resolve(course + ".json");
        Files.writeString(json, """
                {"id": "%s", "title": "Kurs %s", "organiser": "Stadt %s", "organisation": "%s",
                 "certificate": {"title": "Zertifikat", "minAttendance": 2, "serialPrefix": "%s"},
                 "sessions": [
                   {"date": "2018-03-06", "start": "18:30", "end": "21:30", "title": "Erster Abend"},
                   {"date": "2018-03-13", "start": "18:30", "end": "21:30", "title": "Zweiter Abend"},
                   {"date": "2018-03-20", "start": "18:30", "end": "21:30", "title": "Dritter Abend"}]}
                """.formatted(course, org, org, org, prefix), StandardCharsets.UTF_8);
        cli.run("course", "create", "--from=" + json).ok();
        StringBuilder csv = new StringBuilder("first_name,last_name,email\n");
        for (String p : people) {
            String[] f = p.split(" ");
            csv.append(f[0]).append(',').append(f[1]).append(',').append(f[2]).append('\n');
        }
        Path file = dir.resolve(course + ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        cli.run("participant", "import", file.toString(), "--course=" + course).ok();
        for (int s = 1; s <= 3; s++) {
            cli.run("attend", "record", course, "--session=" + s, "--all-present").ok();
        }
        cli.run("attend", "record", course, "--session=3", "--all-present", "--absent=" + people[0].split(" ")[2]).ok();
        Path out = Files.createDirectories(dir.resolve("out-" + course));
        cli.run("certify", "issue", course, "--output=" + out).ok();
    }

    /** Each row's named fields as one {@code a|b|} string: rows compared without the ids a copy renumbers. */
    public static List<String> fields(JsonNode rows, String... names) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : rows) {
            StringBuilder sb = new StringBuilder();
            for (String n : names) {
                sb.append(r.path(n).asText()).append('|');
            }
            out.add(sb.toString());
        }
        return out;
    }
}
