package org.coursekit.e2e;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code examples/ditzingen-2018/run.sh}, run once per test JVM as a real process against the
 * packaged launcher, as under cron (no locale, no COURSEKIT_DB): ExampleRunIT checks what it leaves in
 * {@code out/}, VerifySiteIT serves the verification site it publishes there. Running it once for both
 * saves a run of some fifty coursekit processes, and the two (which run in parallel) never write into
 * the same {@code out/} at the same time.
 */
final class ExampleRun {
    static final Path EXAMPLE = Path.of("examples", "ditzingen-2018").toAbsolutePath();
    static final Path OUT = EXAMPLE.resolve("out");

    /** How run.sh ended: its exit code, or -1 when it did not finish within 10 minutes, and what it printed. */
    record Result(int exitCode, String out, String err) {
    }

    private static Result result;

    private ExampleRun() {
    }

    /** The run of this JVM, started by the first caller; the others wait for it. */
    static synchronized Result get() throws IOException, InterruptedException {
        if (result == null) {
            result = run();
        }
        return result;
    }

    private static Result run() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", EXAMPLE.resolve("run.sh").toString()).directory(EXAMPLE.toFile());
        // no locale, as under cron
        pb.environment().remove("COURSEKIT_DB");
        pb.environment().remove("LC_ALL");
        pb.environment().remove("LC_MESSAGES");
        pb.environment().remove("LANG");
        Finished f = Finished.of(pb.start(), java.time.Duration.ofMinutes(10));
        if (f == null) {
            return new Result(-1, "", "run.sh did not finish within 10 minutes");
        }
        return new Result(f.exit(), f.out(), f.err());
    }
}
