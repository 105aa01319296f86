package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress of long jobs on stderr whenever stderr is a terminal (also with stdout redirected:
 * {@code certify issue ... > liste.txt}), never on stdout, never with {@code --quiet} or when
 * stderr is not a terminal.
 */
@EveryEngine
class ProgressCliTest {
    @TempDir
    Path dir;

    private Path people(int n) throws Exception {
        StringBuilder csv = new StringBuilder("first_name,last_name,email\n");
        for (int i = 1; i <= n; i++) {
            csv.append("Vor").append(i).append(",Nach").append(i).append(",p").append(i).append("@mail.example\n");
        }
        Path file = dir.resolve("people.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    private Cli courseWithEveryonePresent(Cli cli, int n) throws Exception {
        cli.init().clock(Cli.at(2018, 6, 1, 12, 0));
        Path json = dir.resolve("course.json");
        Files.writeString(json, CertifyCliTest.COURSE.replace("\"capacity\": 100", "\"capacity\": " + (n + 10)),
                StandardCharsets.UTF_8);
        cli.run("course", "create", "--from=" + json).ok();
        cli.stderrTerminal(false);
        cli.run("participant", "import", people(n).toString(), "--course=ck-2018").ok();
        for (int s = 1; s <= 3; s++) {
            cli.run("attend", "record", "ck-2018", "--session=" + s, "--all-present").ok();
        }
        return cli;
    }

    @Test
    void participantImportShowsRowsReadOnStderrWhenStderrIsATerminal() throws Exception {
        Cli cli = new Cli(dir).init().stderrTerminal(true);
        CliResult r = cli.run("participant", "import", people(2500).toString(), "--lang=en").ok();
        assertThat(r.err()).contains("\r").contains("1000 rows read").contains("2500 rows read");
        assertThat(r.out()).doesNotContain("rows read").doesNotContain("\r");
        assertThat(r.err()).contains("\r\033[K");     // the line is cleared before the summary
    }

    @Test
    void participantImportShowsNoProgressWhenStderrIsNotATerminalOrWithQuiet() throws Exception {
        Cli cli = new Cli(dir).init();
        CliResult r = cli.run("participant", "import", people(1500).toString(), "--lang=en").ok();
        assertThat(r.err()).doesNotContain("rows read").doesNotContain("\r");
        cli.stderrTerminal(true);
        r = cli.run("-q", "participant", "import", people(1500).toString(), "--on-duplicate=skip").ok();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void certifyIssueShowsProgressOnStderrWhenOnlyStderrIsATerminal() throws Exception {
        Cli cli = courseWithEveryonePresent(new Cli(dir), 12).stderrTerminal(true);
        Path out = Files.createDirectory(dir.resolve("out"));
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out, "--lang=en").ok();
        assertThat(r.err()).contains("12 of 12 certificates").contains("\r[");
        assertThat(r.out()).doesNotContain("certificates").doesNotContain("\r");
        assertThat(r.lines()).hasSize(12);
    }

    @Test
    void certifyIssueShowsNoProgressWhenStderrIsNotATerminalOrWithQuiet() throws Exception {
        Cli cli = courseWithEveryonePresent(new Cli(dir), 6);
        Path out = Files.createDirectory(dir.resolve("out"));
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out, "--only=1,2,3", "--lang=en").ok();
        assertThat(r.err()).doesNotContain("of 3 certificates").doesNotContain("\r");
        cli.stderrTerminal(true);
        r = cli.run("-q", "certify", "issue", "ck-2018", "--output=" + out).ok();
        assertThat(r.err()).isEmpty();
        assertThat(r.lines()).hasSize(3);
    }
}
