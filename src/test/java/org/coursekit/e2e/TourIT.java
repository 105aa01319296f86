package org.coursekit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tour, run as written: its first shell block, line by line in one bash, in a fresh
 * home folder with the launcher on the PATH, as a newcomer would type it (so that the documentation
 * cannot drift from the program).
 */
class TourIT {
    static final Path ROOT = Path.of("").toAbsolutePath();

    @TempDir
    Path tmp;

    @AfterEach
    void removeLinks() throws Exception {
        TempLinks.remove(tmp);
    }

    /** The shell block that follows the heading "## A tour" in the README. */
    static List<String> tour() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int heading = lines.indexOf("## A tour");
        assertThat(heading).as("README has a section '## A tour'").isNotNegative();
        int start = lines.subList(heading, lines.size()).indexOf("```sh") + heading + 1;
        int end = lines.subList(start, lines.size()).indexOf("```") + start;
        assertThat(end).as("the tour's shell block ends").isGreaterThan(start);
        return lines.subList(start, end);
    }

    @Test
    void everyLineOfTheReadmeTourRuns() throws Exception {
        List<String> tour = tour();
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.createSymbolicLink(work.resolve("examples"), ROOT.resolve("examples"));
        List<String> header = List.of(
                "set -E -o pipefail",
                "trap 'echo \"TOUR LINE $((LINENO - 3)) FAILED (exit $?): $BASH_COMMAND\" >&2; exit 99' ERR",
                "cd " + work);
        Path script = tmp.resolve("tour.sh");
        Files.write(script, concat(header, tour), StandardCharsets.UTF_8);

        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(work.toFile());
        pb.environment().put("HOME", home.toString());
        pb.environment().put("PATH", ROOT.resolve("target") + ":" + System.getenv("PATH"));
        pb.environment().remove("COURSEKIT_DB");
        pb.environment().put("LANG", "de_DE.UTF-8");
        Finished f = Finished.of(pb.start(), java.time.Duration.ofMinutes(10));
        if (f == null) {
            throw new AssertionError("the tour did not finish within 10 minutes");
        }
        assertThat(f.exit()).as("the README tour\nstdout:\n%s\nstderr:\n%s", f.out(), f.err()).isZero();
        assertThat(f.err()).doesNotContain("\tat ");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
