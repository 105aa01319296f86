package org.coursekit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged launcher {@code target/coursekit} as a real process, as a user or a cron job would. */
class LauncherIT {
    static final Path LAUNCHER = Path.of("target", "coursekit").toAbsolutePath();
    static final Path EXAMPLES = Path.of("examples", "ditzingen-2018").toAbsolutePath();

    record Run(int exitCode, String out, String err) {
        Run expect(int code) {
            assertThat(exitCode).as("exit code of a run with\nstdout:\n%s\nstderr:\n%s", out, err).isEqualTo(code);
            return this;
        }
    }

    @TempDir
    Path work;

    @AfterEach
    void removeLinks() throws Exception {
        TempLinks.remove(work);
    }

    @BeforeAll
    static void launcherIsBuilt() {
        assertThat(LAUNCHER).as("run 'mvn package' first").isExecutable();
    }

    static Run run(Path program, Path cwd, String... args) throws Exception {
        return run(Map.of(), program, cwd, args);
    }

    /** Runs with {@code settings} added to the environment; an empty value removes a variable. */
    static Run run(Map<String, String> settings, Path program, Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(program.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        Map<String, String> env = pb.environment();
        env.remove("COURSEKIT_DB");
        env.remove("LANG");
        env.remove("LC_ALL");
        settings.forEach((k, v) -> {
            if (v.isEmpty()) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        Finished f = Finished.of(pb.start(), java.time.Duration.ofSeconds(60));
        if (f == null) {
            throw new AssertionError("coursekit " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Run(f.exit(), f.out(), f.err());
    }

    @Test
    void aWholeSessionThroughTheLauncher() throws Exception {
        // no --db: ./coursekit.db in the working directory
        Run r = run(LAUNCHER, work, "init").expect(0);
        Path db = work.resolve("coursekit.db");
        assertThat(db).exists();
        assertThat(r.out().strip()).isEqualTo(db.toRealPath().toString());
        assertThat(r.err()).contains("created database");
        run(LAUNCHER, work, "init").expect(5);

        r = run(LAUNCHER, work, "course", "create", "--from=" + EXAMPLES.resolve("course.json")).expect(0);
        assertThat(r.out()).isEqualTo("bm-2018\n");
        assertThat(r.err()).contains("created course bm-2018 with 12 sessions");

        r = run(LAUNCHER, work, "participant", "import", EXAMPLES.resolve("participants.csv").toString(),
                "--course=bm-2018").expect(0);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("16 new");
        r = run(LAUNCHER, work, "participant", "import", EXAMPLES.resolve("participants-unicode.csv").toString(),
                "--course=bm-2018").expect(0);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("4 new");

        r = run(LAUNCHER, work, "participant", "list", "--course=bm-2018", "--json").expect(0);
        assertThat(r.err()).isEmpty();
        JsonNode list = new ObjectMapper().readTree(r.out());
        assertThat(list).hasSize(20);
        assertThat(r.out()).contains("\"Νίκος\"", "\"Коваленко\"", "\"Weiß\"", "\"Käthe\"");

        r = run(LAUNCHER, work, "course", "show", "bm-2018", "--json").expect(0);
        assertThat(new ObjectMapper().readTree(r.out()).get("sessions")).hasSize(12);

        // an error: nothing on stdout, one plain line on stderr, no stack trace
        r = run(LAUNCHER, work, "course", "show", "nope-2018").expect(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ");

        r = run(LAUNCHER, work, "--frobnicate").expect(2);
        assertThat(r.out()).isEmpty();

        // another folder, --db given
        Path elsewhere = Files.createDirectory(work.resolve("elsewhere"));
        run(LAUNCHER, elsewhere, "course", "list").expect(3);
        r = run(LAUNCHER, elsewhere, "--db=" + db, "course", "list", "--csv").expect(0);
        assertThat(r.out()).startsWith("id,title,");
    }

    @Test
    void versionAndHelp() throws Exception {
        Run r = run(LAUNCHER, work, "--version").expect(0);
        assertThat(r.out()).startsWith("coursekit 0.");
        assertThat(r.err()).isEmpty();
        r = run(LAUNCHER, work, "--help").expect(0);
        assertThat(r.out()).contains("Usage: coursekit");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aSqliteDriverThatCannotLoadIsReportedAsTheFirstConnectionFoundItNotAsAMissingNativeMethod() throws Exception {
        // the driver starts in a background thread (SqliteStore.warmUp); its failure is the command's
        run(LAUNCHER, work, "init").expect(0);
        Run r = run(Map.of("COURSEKIT_CDS", "off",
                "COURSEKIT_JAVA_OPTS", "-Dorg.sqlite.lib.path=/nonexistent -Dorg.sqlite.tmpdir=/nonexistent"),
                LAUNCHER, work, "course", "list").expect(70);
        assertThat(r.err()).contains("SQLite: Error opening connection").doesNotContain("_open_utf8");
    }

    /**
     * picocli's model comes from the command index the build writes: no annotation is read at run
     * time, so the JDK makes no proxy class for one (each cost start-up time, and the AOT cache
     * cannot keep them). On the JDK the launcher picks and on the one of JAVA_HOME (Java 17 on CI).
     */
    @Test
    void noProxyClassIsMadeForPicocliAnnotations() throws Exception {
        run(LAUNCHER, work, "init").expect(0);
        for (Map<String, String> logging : onBothJdks("-Xlog:class+load=info")) {
            for (List<String> args : List.of(List.of("course", "list"), List.of("participant", "list", "--course=X"),
                    List.of("--help"), List.of("course", "--help"))) {
                Run r = run(logging, LAUNCHER, work, args.toArray(new String[0]));
                assertThat(r.out()).as(logging + " " + args).contains("org.coursekit.cli.CoursekitCommand source:")
                        .doesNotContain("$Proxy").doesNotContain("__dynamic_proxy__");
            }
        }
    }

    /**
     * The settings that run the launcher with {@code javaOptions} on the JDK it picks itself (the
     * newest of 25 or later) and on the one of JAVA_HOME, the JDK running the tests (Java 17 on CI).
     */
    static List<Map<String, String>> onBothJdks(String javaOptions) {
        String jdk = System.getProperty("java.home");
        return List.of(Map.of("JAVA_HOME", "", "COURSEKIT_JAVA_OPTS", javaOptions),
                Map.of("JAVA_HOME", jdk, "COURSEKIT_JAVA", "", "COURSEKIT_JAVA_OPTS", javaOptions));
    }

    @Test
    void worksThroughSymlinksFromAnotherFolder() throws Exception {
        Path bin = Files.createDirectories(work.resolve("home/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("coursekit"), LAUNCHER);
        Path cwd = Files.createDirectories(work.resolve("somewhere/else"));
        Run r = run(link, cwd, "--version").expect(0);
        assertThat(r.out()).startsWith("coursekit ");

        // a relative link to the absolute link: a chain, resolved hop by hop
        Path other = Files.createDirectories(work.resolve("home/other"));
        Path chained = Files.createSymbolicLink(other.resolve("ck"), Path.of("../bin/coursekit"));
        r = run(chained, cwd, "init").expect(0);
        assertThat(cwd.resolve("coursekit.db")).exists();
        r = run(chained, cwd, "course", "create", "--from=" + EXAMPLES.resolve("course.json")).expect(0);
        assertThat(r.out()).isEqualTo("bm-2018\n");

        // the launcher visits its own folder and comes back (no subshell): a current folder reached
        // through a link is still the one relative paths mean
        Path linkedCwd = Files.createSymbolicLink(work.resolve("here"), cwd);
        run(Map.of("PWD", linkedCwd.toString()), chained, linkedCwd, "--db=relative.db", "init").expect(0);
        assertThat(cwd.resolve("relative.db")).exists();
        assertThat(bin.resolve("relative.db")).doesNotExist();
        assertThat(LAUNCHER.resolveSibling("relative.db")).doesNotExist();

        // started by a relative path while CDPATH names a folder with a folder of that name: the
        // launcher's own folder is still the one the path means (and nothing is printed about it)
        Path decoy = Files.createDirectories(work.resolve("cdpath").resolve(LAUNCHER.getParent().getFileName()));
        Path project = LAUNCHER.getParent().getParent();
        r = run(Map.of("CDPATH", decoy.getParent().toString()), Path.of(LAUNCHER.getParent().getFileName().toString(), "coursekit"),
                project, "--version").expect(0);
        assertThat(r.out()).startsWith("coursekit ");
    }
    @Test
    void aLinkToStandardOutputIsWrittenIntoNotReplaced() throws Exception {
        run(LAUNCHER, work, "init").expect(0);
        run(LAUNCHER, work, "course", "create", "--from=" + EXAMPLES.resolve("course.json")).expect(0);
        run(LAUNCHER, work, "participant", "import", EXAMPLES.resolve("participants.csv").toString(), "--course=bm-2018")
                .expect(0);
        Path link = Files.createSymbolicLink(work.resolve("list.csv"), Path.of("/dev/stdout"));
        // stdout a pipe
        Run r = run(LAUNCHER, work, "export", "participants", "bm-2018", "--output=list.csv").expect(0);
        assertThat(r.out()).startsWith("id,firstName,lastName");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        // stdout a file opened for appending: appended to, not replaced
        Path log = Files.writeString(work.resolve("log.txt"), "before\n");
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "export", "participants", "bm-2018", "--output=list.csv")
                .directory(work.toFile()).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("COURSEKIT_DB");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(log)).startsWith("before\nid,firstName,lastName").contains("Bäuerle");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aBackupThatCannotBeWrittenNamesTheBackupNotTheDatabase() throws Exception {
        run(LAUNCHER, work, "init").expect(0);
        run(LAUNCHER, work, "course", "create", "--from=" + EXAMPLES.resolve("course.json")).expect(0);
        Files.createDirectory(work.resolve("backups"));
        // a file-size limit below the size of the copy (above SQLite's 32 KiB shared-memory file):
        // every write beyond it fails, as on a full disk
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "ulimit -f 40 && exec \"$0\" db backup backups/copy.db",
                LAUNCHER.toString()).directory(work.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(work.resolve("err.txt").toFile());
        pb.environment().remove("COURSEKIT_DB");
        pb.environment().put("COURSEKIT_CDS", "off");   // a class-data archive renewed now would hit the limit too
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(work.resolve("err.txt"));
        assertThat(p.exitValue()).as(err).isEqualTo(6);
        assertThat(err).contains("backups/copy.db").doesNotContain("coursekit.db");
        try (var files = Files.list(work.resolve("backups"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    /**
     * A copy of the installation as {@code mvn package} leaves it, made once for the class: the launcher,
     * the jars, the native library and the caches the build trained for the JDK the launcher picks (JDK 25
     * or later; files and folders with their times, so that the launcher takes the caches as current), but
     * none of the archives the launcher made in {@code target/} since for other JDKs: on those (Java 17)
     * the install makes its own on the first run. The tests check which cache each run opened.
     */
    @TempDir
    static Path installs;
    private static Path install;

    private static synchronized Path builtInstall() throws IOException {
        if (install == null) {
            Path copy = copyOfInstall(installs.resolve("install"));
            Path target = LAUNCHER.getParent();
            copyCaches(target, copy);
            // as the package would have written them there: a key names the installation's folder
            try (var keys = Files.list(copy)) {
                for (Path key : keys.filter(f -> f.getFileName().toString().endsWith(".aot.key")).toList()) {
                    var time = Files.getLastModifiedTime(key);
                    Files.writeString(key, Files.readString(key).replace(" in " + target.toRealPath() + "\n", " in " + copy.toRealPath() + "\n"));
                    Files.setLastModifiedTime(key, time);
                }
            }
            install = copy;
        }
        return install;
    }

    /** The AOT caches the build trained in {@code target}, and their keys, copied into {@code copy} with their times. */
    private static void copyCaches(Path target, Path copy) throws IOException {
        try (var caches = Files.list(target)) {
            for (Path f : caches.filter(f -> f.getFileName().toString().matches("coursekit-\\w+-\\d+\\.aot(\\.key)?")).toList()) {
                Files.copy(f, copy.resolve(f.getFileName().toString()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** A copy of the launcher, the jars, the native library and the texts in {@code copy}, without any cache. */
    private static Path copyOfInstall(Path copy) throws IOException {
        Files.createDirectories(copy);
        Path target = LAUNCHER.getParent();
        List<Path[]> folders = new ArrayList<>();
        for (String part : List.of("coursekit", "coursekit.jar", "lib", "native", "texts")) {
            Path from = target.resolve(part);
            try (var files = Files.walk(from)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path to = copy.resolve(target.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                        folders.add(new Path[] {f, to});
                    } else {
                        Files.copy(f, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        for (Path[] folder : folders) {   // after their files: a file copied into a folder changes its time
            Files.setLastModifiedTime(folder[1], Files.getLastModifiedTime(folder[0]));
        }
        return copy;
    }

    /** The feature version of the JDK in {@code home}, from its release file; 0 when unknown. */
    private static int feature(Path home) {
        String v = release(home, "JAVA_VERSION").replaceAll("^(\\d+).*", "$1");
        return v.matches("\\d+") ? Integer.parseInt(v) : 0;
    }

    /** A value of the JDK's release file ({@code KEY="value"}), unquoted; empty when missing or unreadable. */
    private static String release(Path home, String key) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith(key + "=")) {
                    return line.substring(key.length() + 1).replaceAll("^\"|\"$", "");
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    /**
     * The cache the launcher makes for {@code course list} on {@code jdk}, named with its feature
     * version: the list one, an AOT cache, on 25 and later; else the everyday CDS archive.
     */
    private static String listCache(Path jdk) {
        return feature(jdk) >= 25 ? "coursekit-list-" + feature(jdk) + ".aot" : "coursekit-light-" + feature(jdk) + ".jsa";
    }

    /** Asserts that coursekit's own classes came from the install's cache made for {@code jdk}. */
    private void startsFromItsCache(Path install, Path jdk, String... settings) throws Exception {
        Map<String, String> env = new java.util.HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        run(env, install.resolve("coursekit"), work, "init").expect(0);   // the first run may make the cache
        String cache = listCache(jdk);
        env.put("COURSEKIT_JAVA_OPTS", "-Xlog:class+load=info " + (feature(jdk) >= 25 ? "-Xlog:aot=info" : "-Xlog:cds=info"));
        Run r = run(env, install.resolve("coursekit"), work, "course", "list").expect(0);
        assertThat(r.out()).contains("org.coursekit.Main source: shared objects file")
                .containsPattern("Opened (AOT cache|archive) " + java.util.regex.Pattern.quote(install.resolve(cache) + "."));
        assertThat(r.err()).as("no warnings of the JVM").isEmpty();
        assertThat(Files.readString(install.resolve(cache + ".key"))).as("the key: the JDK's vendor and build, the installation")
                .endsWith(" " + release(jdk, "JAVA_RUNTIME_VERSION") + " in " + install.toRealPath() + "\n");
        Files.delete(work.resolve("coursekit.db"));
    }

    @Test
    void anotherNameOfTheSameJdkStartsFromTheSameCacheWithoutRemakingIt() throws Exception {
        Path install = builtInstall();
        Path jdk = Path.of(System.getProperty("java.home"));
        startsFromItsCache(install, jdk, "JAVA_HOME", jdk.toString(), "COURSEKIT_JAVA", "");
        Path cache = install.resolve(listCache(jdk));
        List<Object> made = madeOnce(cache);

        // as Debian's java-1.17.0-openjdk-amd64 beside java-17-openjdk-amd64: a link to the JDK
        Path alias = Files.createSymbolicLink(work.resolve("jdk-alias"), jdk);
        startsFromItsCache(install, alias, "JAVA_HOME", alias.toString(), "COURSEKIT_JAVA", "");
        assertThat(madeOnce(cache)).as("the cache file was not remade").isEqualTo(made);
    }

    /** What tells a file made again from the same one left alone: its inode (a new file is renamed over it) and its time. */
    private static List<Object> madeOnce(Path file) throws IOException {
        return List.of(Files.getAttribute(file, "unix:ino"), Files.getLastModifiedTime(file));
    }

    @Test
    void twoVersionsOfJavaUsedInTurnsKeepACacheEach() throws Exception {
        Path install = builtInstall();
        Path jdk = Path.of(System.getProperty("java.home"));
        org.junit.jupiter.api.Assumptions.assumeTrue(feature(jdk) < 21, "needs tests that run on a JDK older than 21 (the other JDK says it is 21)");
        startsFromItsCache(install, jdk, "JAVA_HOME", jdk.toString(), "COURSEKIT_JAVA", "");
        Path cache = install.resolve(listCache(jdk));
        List<Object> made = madeOnce(cache);

        // another feature version beside it, as a JDK 21 beside a JDK 17: the same java, its release file saying 21
        Path other = work.resolve("jdk-21");
        Files.createDirectories(other.resolve("bin"));
        Files.createSymbolicLink(other.resolve("bin/java"), jdk.resolve("bin/java"));
        Files.writeString(other.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_RUNTIME_VERSION=\"21.0.9+10\"\nJAVA_VERSION=\"21.0.9\"\n");
        startsFromItsCache(install, other, "JAVA_HOME", other.toString(), "COURSEKIT_JAVA", "");
        assertThat(listCache(other)).isNotEqualTo(cache.getFileName().toString());

        startsFromItsCache(install, jdk, "JAVA_HOME", jdk.toString(), "COURSEKIT_JAVA", "");
        assertThat(madeOnce(cache)).as("the first JDK's cache was not remade").isEqualTo(made);
        assertThat(install.resolve(listCache(other))).exists();
    }

    /**
     * The messages and the command index are read from the copies beside the jar (no command opens
     * the jar), but only while the copies were made with it: after a new jar, the jar's own.
     */
    @Test
    void theTextsBesideTheJarAreReadOnlyWhileTheyWereMadeWithIt() throws Exception {
        Path copy = copyOfInstall(work.resolve("texts-install"));
        Path messages = copy.resolve("texts/org/coursekit/i18n/Messages.properties");
        Files.writeString(messages, Files.readString(messages).replace("column.title=Title", "column.title=Name of the course"));
        Map<String, String> noCache = Map.of("COURSEKIT_CDS", "off");     // this copy has none, and need not make one
        run(noCache, copy.resolve("coursekit"), work, "init").expect(0);
        Run r = run(noCache, copy.resolve("coursekit"), work, "course", "list").expect(0);
        assertThat(r.out()).as("the copy beside the jar").contains("Name of the course");
        assertThat(r.err()).isEmpty();

        // the jar rebuilt (here: only its time changed): the copies no longer fit it
        Files.setLastModifiedTime(copy.resolve("coursekit.jar"), java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(copy.resolve("coursekit.jar")).toMillis() + 2000));
        r = run(noCache, copy.resolve("coursekit"), work, "course", "list").expect(0);
        assertThat(r.out()).as("the jar's own").contains("Title").doesNotContain("Name of the course");
    }

    /**
     * An installation copied elsewhere with its caches (cp -a): a cache names the jars it was made
     * from, and a class from it says it came from there; the copy makes its own caches, as the cache
     * key names the installation, and reads its resources from its own jar.
     */
    @Test
    void anInstallationCopiedWithItsCachesMakesItsOwn() throws Exception {
        Path newest = newestJdk25();
        org.junit.jupiter.api.Assumptions.assumeTrue(newest != null, "no JDK 25 or later in /usr/lib/jvm");
        Path target = LAUNCHER.getParent();
        Path moved = copyOfInstall(work.resolve("moved"));
        copyCaches(target, moved);
        String cache = listCache(newest);
        assertThat(Files.readString(moved.resolve(cache + ".key"))).contains(" in " + target.toRealPath());
        startsFromItsCache(moved, newest, "JAVA_HOME", "", "COURSEKIT_JAVA", "");

        Map<String, String> env = Map.of("JAVA_HOME", "", "COURSEKIT_JAVA", "", "COURSEKIT_JAVA_OPTS", "-Xlog:class+path=info");
        run(env, moved.resolve("coursekit"), work, "init").expect(0);
        Run r = run(env, moved.resolve("coursekit"), work, "course", "list").expect(0);
        assertThat(r.out()).as("the cache names this installation's jars").contains(moved.toRealPath().resolve("coursekit.jar").toString())
                .doesNotContain(target.toRealPath().resolve("coursekit.jar").toString());
    }

    @Test
    void theJdkOfJavaHomeIsUsedWithItsOwnKindOfCache() throws Exception {
        Path install = builtInstall();
        Path jdk = Path.of(System.getProperty("java.home"));   // the JDK running the tests: Java 17 on CI
        startsFromItsCache(install, jdk, "JAVA_HOME", jdk.toString(), "COURSEKIT_JAVA", "");
    }

    @Test
    void withoutJavaHomeCoursekitJavaChoosesTheJdk() throws Exception {
        Path install = builtInstall();
        Path jdk = Path.of(System.getProperty("java.home"));
        startsFromItsCache(install, jdk, "JAVA_HOME", "", "COURSEKIT_JAVA", jdk.toString());
        startsFromItsCache(install, jdk, "JAVA_HOME", "", "COURSEKIT_JAVA", jdk.resolve("bin/java").toString());

        Run r = run(Map.of("JAVA_HOME", "", "COURSEKIT_JAVA", "/nonexistent/jdk"), install.resolve("coursekit"), work,
                "--version").expect(70);
        assertThat(r.err()).contains("COURSEKIT_JAVA=/nonexistent/jdk").contains("JDK folder");
    }

    @Test
    void withoutJavaHomeTheNewestJdk25OrLaterIsFoundAndStartsFromAnAotCache() throws Exception {
        Path newest = newestJdk25();
        org.junit.jupiter.api.Assumptions.assumeTrue(newest != null, "no JDK 25 or later in /usr/lib/jvm");
        Path install = builtInstall();
        startsFromItsCache(install, newest, "JAVA_HOME", "", "COURSEKIT_JAVA", "");
    }

    @Test
    void aJdkThatRefusesAnOptionOfTheAotCacheRunsCoursekitWithoutACache() throws Exception {
        Path newest = newestJdk25();
        org.junit.jupiter.api.Assumptions.assumeTrue(newest != null, "no JDK 25 or later in /usr/lib/jvm");
        // a later JDK that dropped the diagnostic option the launcher gives with its AOT caches
        Path jdk = work.resolve("jdk-without-the-option");
        Files.createDirectories(jdk.resolve("bin"));
        Files.copy(newest.resolve("release"), jdk.resolve("release"));
        Path launcherJava = jdk.resolve("bin/java");
        Files.writeString(launcherJava, "#!/bin/sh\nfor a in \"$@\"; do\n  case $a in -XX:-AOTReplayTraining)"
                + " echo \"Unrecognized VM option 'AOTReplayTraining'\" >&2; exit 1 ;; esac\ndone\nexec "
                + newest.resolve("bin/java") + " \"$@\"\n");
        Files.setPosixFilePermissions(launcherJava, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path bare = copyOfInstall(work.resolve("install"));
        Map<String, String> env = Map.of("JAVA_HOME", jdk.toString(), "COURSEKIT_JAVA", "");

        run(env, bare.resolve("coursekit"), work, "init").expect(0);
        Run r = run(env, bare.resolve("coursekit"), work, "course", "list").expect(0);
        assertThat(r.out()).startsWith("ID ");
        assertThat(r.err()).isEmpty();
        try (var files = Files.list(bare)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no cache was made").noneMatch(n -> n.contains(".aot"));
        }
    }

    /** The newest JDK of version 25 or later in /usr/lib/jvm, as the launcher would choose it; or null. */
    private static Path newestJdk25() {
        Path newest = null;
        try (var found = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path d : found.toList()) {
                if (Files.isExecutable(d.resolve("bin/java")) && feature(d) >= 25
                        && (newest == null || feature(d) > feature(newest))) {
                    newest = d;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return newest;
    }

    /** The JDKs to check the launcher's caches on: the one running the tests, and the newest of 25 or later. */
    private static List<Path> jdks() {
        List<Path> jdks = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        Path newest = newestJdk25();
        if (newest != null && feature(jdks.get(0)) < 25) {
            jdks.add(newest);
        }
        return jdks;
    }

    /**
     * The kind of cache ({@code list}, {@code read}, {@code light}, {@code medium}, {@code full}) the launcher starts {@code args}
     * from on {@code jdk}, as the JVM reports the archive it opened (made first if missing).
     */
    private String cacheOf(Path jdk, Map<String, String> settings, String... args) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(settings);
        env.put("JAVA_HOME", jdk.toString());
        env.put("COURSEKIT_JAVA_OPTS", feature(jdk) >= 25 ? "-Xlog:aot=info" : "-Xlog:cds=info");
        Run r = run(env, LAUNCHER, work, args);
        var m = java.util.regex.Pattern.compile("Opened (?:AOT cache|archive) \\S*/coursekit-(\\w+)-" + feature(jdk) + "\\.(?:aot|jsa)\\.")
                .matcher(r.out());
        assertThat(m.find()).as("no cache of coursekit opened for %s, stdout:%n%s%nstderr:%n%s", List.of(args), r.out(), r.err())
                .isTrue();
        return m.group(1);
    }

    @Test
    void tablesOnAnSqliteFileStartFromTheLightCacheJsonAndPostgresqlFromTheMediumOnePdfsFromTheFullOne() throws Exception {
        run(LAUNCHER, work, "init").expect(0);
        String pg = "postgresql://nobody@127.0.0.1:1/nothing";    // nothing listens there: exit 7, but the cache is chosen first
        List<Path> jdks = jdks();
        for (Path jdk : jdks) {
            Map<String, String> none = Map.of();
            // the commands that only read: caches of their own on Java 25 and later (the listings, the
            // rest), the everyday one before
            String list = feature(jdk) >= 25 ? "list" : "light";
            String read = feature(jdk) >= 25 ? "read" : "light";
            assertThat(cacheOf(jdk, none, "course", "list")).as("course list on %s", jdk).isEqualTo(list);
            if (!jdk.equals(jdks.get(jdks.size() - 1))) {
                // the words choose the kind in the same lines for every JDK: the other two kinds only on
                // the newest (each would be a training run on this one, 5-7 s that no other test needs)
                continue;
            }
            assertThat(cacheOf(jdk, none, "participant", "list", "--csv")).isEqualTo(list);
            assertThat(cacheOf(jdk, none, "certify", "list", "--help")).isEqualTo(list);
            assertThat(cacheOf(jdk, none, "attend", "list", "x", "--help")).isEqualTo(read);
            assertThat(cacheOf(jdk, none, "attend", "report", "x", "--help")).isEqualTo(read);
            assertThat(cacheOf(jdk, none, "certify", "check", "x", "--help")).isEqualTo(read);
            assertThat(cacheOf(jdk, none, "course", "show", "x", "--help")).isEqualTo(read);
            assertThat(cacheOf(jdk, none, "export", "participants", "--help")).isEqualTo("light");
            assertThat(cacheOf(jdk, none, "participant", "import", "x.csv", "--help")).isEqualTo("light");
            assertThat(cacheOf(jdk, none, "attend", "record", "x", "--help")).isEqualTo("light");

            assertThat(cacheOf(jdk, none, "course", "list", "--json")).isEqualTo("medium");
            assertThat(cacheOf(jdk, none, "export", "participants", "x", "--format=json", "--help")).isEqualTo("medium");
            assertThat(cacheOf(jdk, none, "export", "participants", "x", "--format", "JSON", "--help")).isEqualTo("medium");
            assertThat(cacheOf(jdk, none, "course", "export", "--help")).isEqualTo("medium");
            assertThat(cacheOf(jdk, none, "participant", "export-data", "--help")).isEqualTo("medium");
            assertThat(cacheOf(jdk, none, "--db=" + pg, "course", "list")).isEqualTo("medium");
            assertThat(cacheOf(jdk, none, "--db", pg.replace("postgresql:", "POSTGRES:"), "course", "list")).isEqualTo("medium");
            assertThat(cacheOf(jdk, Map.of("COURSEKIT_DB", pg), "course", "list")).isEqualTo("medium");
            assertThat(cacheOf(jdk, none, "db", "copy", "--to=" + pg, "--help")).isEqualTo("medium");

            assertThat(cacheOf(jdk, none, "certify", "issue", "--help")).isEqualTo("full");
            assertThat(cacheOf(jdk, none, "export", "report", "--format=json", "--help")).isEqualTo("full");
            assertThat(cacheOf(jdk, Map.of("COURSEKIT_DB", pg), "attend", "sheet", "--help")).isEqualTo("full");
        }
    }

    @Test
    void aTableOrACsvImportLoadsNeitherJacksonNorThePostgresqlDriver() throws Exception {
        // on Java 25 every class of the AOT cache is loaded at start: what the log shows is what the cache holds
        run(LAUNCHER, work, "init").expect(0);
        run(LAUNCHER, work, "course", "create", "cc", "--title=C").expect(0);
        Files.writeString(work.resolve("p.csv"), "Vorname;Nachname;E-Mail\nKäthe;Köhler;k@example.org\n");
        for (Path jdk : jdks()) {
            for (String[] args : List.of(new String[] {"participant", "import", "p.csv", "--course=cc"},
                    new String[] {"course", "list"})) {
                Run r = run(Map.of("JAVA_HOME", jdk.toString(), "COURSEKIT_JAVA_OPTS", "-Xlog:class+load=info"), LAUNCHER, work, args)
                        .expect(0);
                assertThat(r.out()).as("%s on %s", List.of(args), jdk).contains("org.coursekit.Main source: shared objects file")
                        .doesNotContain("com.fasterxml.jackson.databind", "org.postgresql");
            }
            Files.delete(work.resolve("coursekit.db"));
            run(LAUNCHER, work, "init").expect(0);
            run(LAUNCHER, work, "course", "create", "cc", "--title=C").expect(0);
        }
    }
}
