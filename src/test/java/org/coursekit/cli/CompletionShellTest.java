package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion scripts in a real interactive bash and zsh: keys are typed into a pseudo-terminal
 * (util-linux's {@code script}) and what the shell shows is read back, as a user would see it.
 */
class CompletionShellTest {
    @TempDir
    Path dir;

    @Test
    void bashCompletesValuesAfterEqualsAndFileArguments() throws Exception {
        assumeTrue(onPath("bash") && onPath("script"), "bash or script (util-linux) not installed");
        try (Terminal t = new Terminal(dir, "bash --norc --noprofile -i",
                "PS1='@@''> '; source " + completion("coursekit.bash"))) {
            assertThat(t.type("coursekit export reminders --format=\t\t", "csv", "eml", "ics", "json")).contains("csv", "eml", "ics", "json");
            assertThat(t.type("coursekit export reminders --format=ic\t", "ics")).contains("--format=ics");
            assertThat(t.type("coursekit --lang=\t\t", "de", "en")).contains("de", "en");
            assertThat(t.type("coursekit course session add bm --kind=work\t", "shop")).contains("--kind=workshop");
            assertThat(t.type("coursekit certify verify zert\t\t", "zert1.pdf", "zert2.pdf")).contains("zert1.pdf", "zert2.pdf");
            assertThat(t.type("coursekit attend sheet bm --output=zert1\t", ".pdf")).contains("--output=zert1.pdf");
            assertThat(t.type("coursekit participant import --course=bm-2018 teil\t", ".csv")).contains("teilnehmer.csv");
        }
    }

    @Test
    void zshCompletesValuesAfterEqualsAndFileArguments() throws Exception {
        if (!onPath("zsh") || !onPath("script")) {
            System.err.println("zsh not installed: the zsh completion test was skipped (apt-get install zsh to run it)");
        }
        assumeTrue(onPath("zsh") && onPath("script"),
                "zsh not installed: the zsh completion test was skipped (apt-get install zsh to run it)");
        try (Terminal t = new Terminal(dir, "zsh -f -i",
                "PS1='@@''> '; autoload -U compinit && compinit -u; source " + completion("_coursekit"))) {
            assertThat(t.type("coursekit export reminders --format=ic\t", "ics")).contains("--format=ics");
            assertThat(t.type("coursekit --lang=e\t", "en")).contains("--lang=en");
            assertThat(t.type("coursekit course session add bm --kind=work\t", "shop")).contains("--kind=workshop");
            assertThat(t.type("coursekit certify verify zert\t", "zert1.pdf", "zert2.pdf")).contains("zert1.pdf", "zert2.pdf");
            assertThat(t.type("coursekit attend sheet bm --output=zert1\t", ".pdf")).contains("--output=zert1.pdf");
            assertThat(t.type("coursekit participant import --course=bm-2018 teil\t", ".csv")).contains("teilnehmer.csv");
        }
    }

    private static String completion(String file) {
        return Path.of("completion", file).toAbsolutePath().toString();
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    /** An interactive shell in a pseudo-terminal; keys go in, the screen's text comes out. */
    static final class Terminal implements AutoCloseable {
        private static final String PROMPT = "@@> ";
        private final Process process;
        private final OutputStream keys;
        private final StringBuffer screen = new StringBuffer();
        private int syncs;

        Terminal(Path dir, String shell, String setup) throws IOException, InterruptedException {
            for (String f : new String[] {"zert1.pdf", "zert2.pdf", "teilnehmer.csv"}) {
                Files.writeString(dir.resolve(f), "");
            }
            ProcessBuilder pb = new ProcessBuilder("script", "-qfec", shell, "/dev/null")
                    .directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("TERM", "xterm");
            pb.environment().put("HOME", dir.toString());
            process = pb.start();
            keys = process.getOutputStream();
            Thread reader = new Thread(() -> copy(process.getInputStream()), "terminal");
            reader.setDaemon(true);
            reader.start();
            send(setup + "\n");
            sync();
        }

        /**
         * Types keys at a fresh prompt, waits until every one of {@code expected} shows (or 20 seconds
         * passed), then clears the line; returns what the terminal showed meanwhile.
         */
        String type(String keystrokes, String... expected) throws IOException, InterruptedException {
            int from = screen.length();
            send(keystrokes);
            String shown = await(from + 1, expected);
            send("\u0015");   // Ctrl-U: the line editor forgets the line
            sync();
            return shown;
        }

        private void send(String s) throws IOException {
            keys.write(s.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        /**
         * Runs a command that prints a number of its own and waits for the prompt after that output: the
         * shell has then done everything typed before (the rest of a listing, the cleared line), and what
         * the terminal shows next belongs to the next keys.
         */
        private void sync() throws IOException, InterruptedException {
            syncs++;
            int from = screen.length();
            send("echo ck-sync-$((1000+" + syncs + "))\n");    // the echo of the keys shows no "ck-sync-100N"
            String output = "ck-sync-" + (1000 + syncs);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                String shown = plain(screen.substring(Math.min(from, screen.length())));
                int at = shown.indexOf(output);
                if (at >= 0 && shown.indexOf(PROMPT, at) >= 0) {
                    return;
                }
                Thread.sleep(10);
            }
            throw new AssertionError("the shell did not come back to its prompt:\n" + plain(screen.substring(from)));
        }

        /** What the terminal showed since {@code from}, once it shows each of {@code texts} (or after 20 seconds). */
        private String await(int from, String... texts) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            String shown = "";
            while (System.nanoTime() < deadline) {
                shown = plain(screen.substring(Math.min(from, screen.length())));
                if (java.util.Arrays.stream(texts).allMatch(shown::contains)) {
                    return shown;
                }
                Thread.sleep(10);
            }
            return shown;
        }

        /** The text without terminal control sequences and with the line editor's backspaces applied. */
        static String plain(String raw) {
            String s = raw.replaceAll("\u001b\\[[0-9;?]*[ -/]*[@-~]", "").replaceAll("\u001b[()][0-9A-B]", "")
                    .replaceAll("\u001b[=>]", "").replace("\r", "");
            StringBuilder b = new StringBuilder();
            for (char c : s.toCharArray()) {
                if (c == '\b') {
                    if (b.length() > 0) {
                        b.setLength(b.length() - 1);
                    }
                } else if (c == '\n' || c >= ' ') {
                    b.append(c);
                }
            }
            return b.toString();
        }

        private void copy(InputStream in) {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    screen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the shell is gone
            }
        }

        @Override
        public void close() throws Exception {
            send("\u0015exit\n");
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
