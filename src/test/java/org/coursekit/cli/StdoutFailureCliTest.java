package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.coursekit.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Standard output that cannot be written (a full disk it is redirected to, /dev/full) is exit 6
 * with a message on stderr, for every command: never a silent exit 0 with the data cut off.
 */
@EveryEngine
class StdoutFailureCliTest {
    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
    }

    /** Takes {@code room} bytes, then fails as a full disk does. */
    static final class FullDisk extends OutputStream {
        private long room;

        FullDisk(long room) {
            this.room = room;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > room) {
                room = 0;
                throw new IOException("No space left on device");
            }
            room -= len;
        }
    }

    /** Runs {@code coursekit --db=DB ARGS...} with stdout going to {@code stdout}. */
    CliResult runInto(OutputStream stdout, String... args) {
        List<String> all = new ArrayList<>(List.of("--db=" + cli.db()));
        all.addAll(List.of(args));
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8));
             PrintWriter e = new PrintWriter(err)) {
            code = Main.run(o, e, Map.of("COURSEKIT_DB", ""), Cli.at(2018, 3, 1, 12, 0), all.toArray(String[]::new));
        }
        return new CliResult(code, "", err.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"export participants bm-2018", "participant list --json", "course list", "course show bm-2018",
        "attend report bm-2018", "certify template", "export calendar bm-2018", "--help", "--version", "db log"})
    void writeFailureOnStandardOutputIsExit6(String command) {
        CliResult r = runInto(new FullDisk(0), command.split(" ")).expect(6);
        assertThat(r.err()).contains("standard output").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void shortWriteOnStandardOutputIsExit6() {
        String full = cli.run("export", "participants", "bm-2018").ok().out();
        assertThat(full.length()).isGreaterThan(1000);
        CliResult r = runInto(new FullDisk(500), "export", "participants", "bm-2018").expect(6);
        assertThat(r.err()).contains("standard output");
    }

    @Test
    void standardOutputFailureKeepsTheCommandsOwnErrorCode() {
        CliResult r = runInto(new FullDisk(0), "course", "show", "nope").expect(3);
        assertThat(r.err()).contains("nope");
    }

    @Test
    void aNegativeAnswerOnAFailingStandardOutputIsExit6() {
        CliResult r = runInto(new FullDisk(0), "certify", "verify", "XXXX-XXXX-XXXX").expect(6);
        assertThat(r.err()).contains("standard output");
    }

    @Test
    void germanMessageForAFailingStandardOutput() {
        CliResult r = runInto(new FullDisk(0), "--lang=de", "course", "list").expect(6);
        assertThat(r.err()).contains("Standardausgabe");
    }
}
