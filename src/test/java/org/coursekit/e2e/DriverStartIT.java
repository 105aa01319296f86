package org.coursekit.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coursekit.e2e.LauncherIT.LAUNCHER;
import static org.coursekit.e2e.LauncherIT.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command on an SQLite file does before it can read it, seen from outside: which jars the
 * JVM opens and which files the driver touches. Each avoidable step cost start-up time on every run.
 */
class DriverStartIT {
    @TempDir
    Path work;

    /**
     * For a table the class loader opens no jar at all: the classes come from the class cache, and
     * the driver's version from coursekit's copy of the class that read it from the driver's jar
     * (the class loader opens a jar only to read a file of it or to look for something that is
     * nowhere). Not every jar of the class path, as a search for SLF4J by the driver, the set-up of
     * Java's logging for the driver's trace messages, and the logger that System.exit asks for did;
     * nor the driver's, as until 2026-12-04. (The messages and the command index, which coursekit
     * reads itself, come from the copies beside the jar: {@code LauncherIT} checks those.) On the
     * JDK the launcher picks and on the one of JAVA_HOME (Java 17 on CI).
     */
    @Test
    void aTableOnAnSqliteFileMakesTheClassLoaderOpenNoJar() throws Exception {
        run(LAUNCHER, work, "init").expect(0);
        for (Map<String, String> env : LauncherIT.onBothJdks("-Dsun.misc.URLClassPath.debug=true")) {
            LauncherIT.Run r = run(env, LAUNCHER, work, "course", "list").expect(0);
            List<String> opened = r.err().lines().filter(l -> l.startsWith("Opening ")).toList();
            assertThat(opened).as(env.toString()).isEmpty();
            assertThat(r.out()).contains("Title");
        }
    }

    /**
     * The driver lists its temporary folder at every start, to delete the copies of its native
     * library it extracted there before. The launcher gives it the library's own folder (it
     * extracts nothing): the system's temporary folder, which can hold hundreds of files, is not read.
     */
    @Test
    void theDriverLeavesTheSystemsTemporaryFolderAlone() throws Exception {
        run(LAUNCHER, work, "init").expect(0);
        Path tmp = Files.createDirectory(work.resolve("tmp"));
        String version;
        try (var lib = Files.list(LAUNCHER.resolveSibling("lib"))) {
            String jar = lib.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("sqlite-jdbc-")).findFirst().orElseThrow();
            version = jar.substring("sqlite-jdbc-".length(), jar.length() - ".jar".length());
        }
        // what the driver takes for a library left by an earlier run of its own (no lock file beside it)
        Path stale = Files.writeString(tmp.resolve("sqlite-" + version + "-0a1b2c3d-libsqlitejdbc.so"), "not a library");
        run(Map.of("COURSEKIT_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp), LAUNCHER, work, "course", "list").expect(0);
        assertThat(stale).exists();
    }
}
