package org.coursekit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.coursekit.cli.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db copy} killed (the JVM halted by a test hook, as SIGKILL would) right before the copy's
 * commit: the register is as it was, a new file does not appear, and the copy run again completes.
 */
class DbCopyCrashIT {
    static final int HALTED = 86;
    static final Path LAUNCHER = Path.of("target", "coursekit").toAbsolutePath();

    @TempDir
    Path dir;

    @BeforeAll
    static void launcherIsBuilt() {
        assertThat(LAUNCHER).as("run 'mvn package' first").isExecutable();
    }

    private int run(Path db, String javaOpts, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "--db=" + db));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("err.log").toFile());
        pb.environment().remove("COURSEKIT_DB");
        if (javaOpts != null) {
            pb.environment().put("COURSEKIT_JAVA_OPTS", javaOpts);
        }
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void aCopyKilledBeforeItsCommitLeavesTheRegisterAsItWasAndNoNewFile() throws Exception {
        Cli town = new Cli(dir, "town.db").withExampleCourse();
        town.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        town.run("attend", "record", "bm-2018", "--session=2", "--all-present").ok();
        Cli register = new Cli(dir, "register.db").init();
        register.run("db", "org", "add", "leonberg", "--name=Stadt Leonberg").ok();
        String before = register.run("participant", "list", "--json").ok().out();

        String halt = "-Dcoursekit.test.haltBeforeCommit=" + HALTED;
        assertThat(run(town.db(), halt, "db", "copy", "--to=" + register.db())).as(Files.readString(dir.resolve("err.log")))
                .isEqualTo(HALTED);
        assertThat(register.run("participant", "list", "--json").ok().out()).isEqualTo(before);
        assertThat(register.run("course", "list", "--json").ok().json()).isEmpty();
        register.run("db", "check").ok();
        assertThat(run(town.db(), null, "db", "copy", "--to=" + register.db())).as(Files.readString(dir.resolve("err.log")))
                .isZero();
        assertThat(register.run("course", "list", "--json").ok().json().findValuesAsText("id")).containsExactly("bm-2018");

        // into a new file: it is made under another name, so a kill leaves none of that name
        Path fresh = dir.resolve("fresh.db");
        assertThat(run(town.db(), halt, "db", "copy", "--to=" + fresh)).isEqualTo(HALTED);
        assertThat(fresh).doesNotExist();
        assertThat(run(town.db(), null, "db", "copy", "--to=" + fresh)).as(Files.readString(dir.resolve("err.log"))).isZero();
        assertThat(new Cli(dir, "fresh.db").run("course", "list", "--json").ok().json().findValuesAsText("id"))
                .containsExactly("bm-2018");
        try (Stream<Path> files = Files.list(dir)) {
            // what the killed run left: a temporary file without anyone's data (its schema only)
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".coursekit-copy-"))).hasSizeLessThanOrEqualTo(3);
        }
    }
}
