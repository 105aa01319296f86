package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where coursekit's output may land: never outside the folder it was given, never onto the database
 * or its companions, into FIFOs and devices instead of over them, through symbolic links to the real
 * file, and never through a link planted where coursekit keeps its own lock and temporary files.
 */
@EveryEngine
class OutputSafetyTest {
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;

    @TempDir
    Path dir;
    Path out;
    Cli cli;
    ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fifo-reader");
        t.setDaemon(true);
        return t;
    });

    @BeforeEach
    void setUp() throws Exception {
        out = Files.createDirectory(dir.resolve("out"));
    }

    @AfterEach
    void tearDown() {
        readers.shutdownNow();
    }

    /** The certificate test course with two people who attended everything: both are due a certificate. */
    private Cli certifiable(String course) throws Exception {
        cli = new Cli(dir).init().clock(Cli.at(2018, 6, 1, 12, 0));
        Path json = dir.resolve("course.json");
        Files.writeString(json, course, StandardCharsets.UTF_8);
        cli.run("course", "create", "--from=" + json).ok();
        Path people = dir.resolve("people.csv");
        Files.writeString(people, "first_name,last_name,email\nAnna,Alpha,a@mail.example\nBert,Beta,b@mail.example\n");
        cli.run("participant", "import", people.toString(), "--course=ck-2018").ok();
        for (int s = 1; s <= 3; s++) {
            cli.run("attend", "record", "ck-2018", "--session=" + s, "--all-present").ok();
        }
        return cli;
    }

    private Cli certifiable() throws Exception {
        return certifiable(CertifyCliTest.COURSE);
    }

    private Cli withPeople() {
        cli = new Cli(dir).withExampleCourse();
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        return cli;
    }

    private static String coursePrefixed(String prefix) {
        return CertifyCliTest.COURSE.replace("\"serialPrefix\": \"CK-2018\"",
                "\"serialPrefix\": \"" + prefix.replace("\\", "\\\\") + "\"");
    }

    private long pdfsUnder(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".pdf")).count();
        }
    }

    private List<String> filesIn(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static int type(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
    }

    private void assertDatabaseIntact() {
        cli.run("db", "check").ok();
        assertThat(cli.run("participant", "list", "--json").ok().json().size()).isPositive();
    }

    private static boolean sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    // 1. certificates outside --output

    @ParameterizedTest
    @ValueSource(strings = {"../../elsewhere/PWN", "/tmp/PWN", "A/B", "..", "A\\B", "CK 2018"})
    void serialPrefixWithPathSeparatorsIsRefused(String prefix) throws Exception {
        cli = new Cli(dir).init();
        Path json = dir.resolve("course.json");
        Files.writeString(json, coursePrefixed(prefix), StandardCharsets.UTF_8);
        CliResult r = cli.run("course", "create", "--from=" + json).expect(4);
        assertThat(r.err()).contains("course.json").contains("certificate.serialPrefix");
        assertThat(cli.run("course", "list", "--json").ok().json()).isEmpty();
    }

    @Test
    void aBadSerialPrefixAlreadyStoredStopsTheBatchBeforeAnythingIsRegistered() throws Exception {
        certifiable();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cli.db());
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE course SET serial_prefix = '../elsewhere/PWN' WHERE id = 'ck-2018'");
        }
        Files.createDirectory(dir.resolve("elsewhere"));
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out).expect(4);
        assertThat(r.err()).contains("certificate.serialPrefix").contains("ck-2018");
        assertThat(pdfsUnder(dir)).isZero();
        assertThat(cli.run("certify", "list", "ck-2018", "--json").ok().json()).isEmpty();
    }

    @Test
    void aCertificateIsNeverWrittenThroughALinkOutOfTheOutputFolder() throws Exception {
        certifiable();
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path victim = Files.writeString(elsewhere.resolve("victim.pdf"), "mine");
        for (String line : cli.run("certify", "issue", "ck-2018", "--output=" + out, "--dry-run").ok().lines()) {
            Files.createSymbolicLink(Path.of(line.split("\t")[2]), victim);
        }
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out).expect(5);
        assertThat(r.err()).contains(out.toString()).contains("outside");
        assertThat(Files.readString(victim)).isEqualTo("mine");
        assertThat(pdfsUnder(elsewhere)).isEqualTo(1);
    }

    // 2. exports over the database

    @ParameterizedTest
    @ValueSource(strings = {"", "-wal", "-shm", "-journal", ".issue-bm-2018.lock", ".bak-v1"})
    void exportOntoTheDatabaseOrItsFilesIsRefused(String suffix) throws Exception {
        withPeople();
        Path target = Path.of(cli.db() + suffix);
        boolean existed = Files.exists(target);
        byte[] before = existed ? Files.readAllBytes(target) : null;
        CliResult r = cli.run("export", "participants", "bm-2018", "--output=" + target).expect(5);
        assertThat(r.err()).contains(target.toString()).contains("database");
        if (existed) {
            assertThat(Files.readAllBytes(target)).isEqualTo(before);
        } else {
            assertThat(target).doesNotExist();
        }
        assertDatabaseIntact();
    }

    @Test
    void exportThroughASymlinkOrHardLinkToTheDatabaseIsRefused() throws Exception {
        withPeople();
        Path soft = Files.createSymbolicLink(dir.resolve("soft.csv"), cli.db());
        Path hard = Files.createLink(dir.resolve("hard.csv"), cli.db());
        cli.run("export", "participants", "bm-2018", "--output=" + soft).expect(5);
        cli.run("export", "participants", "bm-2018", "--output=" + hard).expect(5);
        Path sub = Files.createDirectory(dir.resolve("sub"));
        cli.run("export", "participants", "bm-2018", "--output=" + sub.resolve("../test.db")).expect(5);
        assertThat(Files.isSymbolicLink(soft)).isTrue();
        assertDatabaseIntact();
    }

    @Test
    void theOtherOutputsOntoTheDatabaseAreRefusedToo() throws Exception {
        withPeople();
        cli.run("attend", "sheet", "bm-2018", "--session=1", "--output=" + cli.db()).expect(5);
        cli.run("course", "export", "bm-2018", "--output=" + cli.db()).expect(5);
        cli.run("export", "calendar", "bm-2018", "--output=" + cli.db() + "-wal").expect(5);
        assertDatabaseIntact();
    }

    @Test
    void mergedOntoTheDatabaseIsRefusedBeforeAnythingIsIssued() throws Exception {
        certifiable();
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out, "--merged=" + cli.db()).expect(5);
        assertThat(r.err()).contains(cli.db().toString());
        assertThat(cli.run("certify", "list", "ck-2018", "--json").ok().json()).isEmpty();
        cli.run("db", "check").ok();
    }

    @Test
    void backupOntoTheDatabaseOrItsWriteAheadLogIsRefused() throws Exception {
        withPeople();
        Path cwdRelativeWal = Path.of(cli.db() + "-wal");
        cli.run("db", "backup", cwdRelativeWal.toString(), "--force").expect(5);
        assertThat(cwdRelativeWal).doesNotExist();
        cli.run("db", "backup", cli.db().toString(), "--force").expect(5);
        cli.run("db", "backup", cli.db() + ".bak-v3", "--force").expect(5);
        cli.run("db", "backup", cli.db() + ".issue-bm-2018.lock", "--force").expect(5);
        Path soft = Files.createSymbolicLink(dir.resolve("soft.db"), cli.db());
        cli.run("db", "backup", soft.toString(), "--force").expect(5);
        assertDatabaseIntact();
        cli.run("db", "backup", dir.resolve("fine.db").toString()).ok();
    }

    // 4. FIFOs, devices and symlinks as --output

    @Test
    void outputIntoAFifoIsWrittenIntoNotReplaced() throws Exception {
        withPeople();
        Path fifo = dir.resolve("pipe.csv");
        assumeTrue(sh("mkfifo", fifo.toString()), "mkfifo");
        Future<byte[]> read = readers.submit(() -> Files.readAllBytes(fifo));
        cli.run("export", "participants", "bm-2018", "--output=" + fifo).ok();
        assertThat(new String(read.get(20, TimeUnit.SECONDS), StandardCharsets.UTF_8)).startsWith("id,firstName,lastName");
        assertThat(type(fifo)).isEqualTo(S_IFIFO);
        assertThat(filesIn(dir)).noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void outputThroughASymlinkToAFifoIsWrittenIntoTheFifo() throws Exception {
        withPeople();
        Path fifo = dir.resolve("pipe");
        assumeTrue(sh("mkfifo", fifo.toString()), "mkfifo");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), fifo);
        Future<byte[]> read = readers.submit(() -> Files.readAllBytes(fifo));
        cli.run("export", "participants", "bm-2018", "--output=" + link).ok();
        assertThat(new String(read.get(20, TimeUnit.SECONDS), StandardCharsets.UTF_8)).startsWith("id,firstName,lastName");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(type(fifo)).isEqualTo(S_IFIFO);
    }

    /** A device node of our own (as root), so that the system's /dev/null is never at stake; else /dev/null itself. */
    private Path device(String name, int major, int minor, String system) throws Exception {
        Path node = dir.resolve(name);
        if (sh("mknod", node.toString(), "c", Integer.toString(major), Integer.toString(minor))) {
            return node;
        }
        Path sys = Path.of(system);
        assumeTrue(Files.exists(sys) && !Files.isWritable(sys.getParent()), "no device to test with");
        return sys;
    }

    @Test
    void outputIntoACharacterDeviceKeepsTheDevice() throws Exception {
        withPeople();
        Path nul = device("null", 1, 3, "/dev/null");
        cli.run("export", "participants", "bm-2018", "--output=" + nul).ok();
        assertThat(type(nul)).isEqualTo(S_IFCHR);
        assertThat(Files.size(nul)).isZero();
        assertThat(filesIn(nul.getParent())).noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void outputIntoAFullDeviceFailsWithExit6NamingIt() throws Exception {
        withPeople();
        Path full = device("full", 1, 7, "/dev/full");
        CliResult r = cli.run("export", "participants", "bm-2018", "--output=" + full).expect(6);
        assertThat(r.err()).contains(full.toString());
        assertThat(type(full)).isEqualTo(S_IFCHR);
    }

    @Test
    void aSymlinkedOutputIsFollowedAndTheRealFileReplaced() throws Exception {
        withPeople();
        Path real = Files.createDirectory(dir.resolve("real"));
        Path file = Files.writeString(real.resolve("list.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("list.csv"), Path.of("real", "list.csv"));
        cli.run("export", "participants", "bm-2018", "--output=" + link).ok();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(file)).startsWith("id,firstName,lastName");
        assertThat(filesIn(real)).containsExactly("list.csv");
        assertThat(filesIn(dir)).noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void outputOntoAFolderIsRefused() throws Exception {
        withPeople();
        Path folder = Files.createDirectory(dir.resolve("empty"));
        CliResult r = cli.run("export", "participants", "bm-2018", "--output=" + folder).expect(6);
        assertThat(r.err()).contains(folder.toString());
        assertThat(folder).isDirectory();
    }

    // 8. the batch lock

    @Test
    void aSymlinkPlantedAtTheBatchLockIsRefused() throws Exception {
        certifiable();
        Path victim = dir.resolve("victim");
        Path lock = Path.of(cli.db() + ".issue-ck-2018.lock");
        Files.createSymbolicLink(lock, victim);
        CliResult r = cli.run("certify", "issue", "ck-2018", "--output=" + out).expect(6);
        assertThat(r.err()).contains(lock.toString()).contains("link");
        assertThat(victim).doesNotExist();
        assertThat(Files.isSymbolicLink(lock)).isTrue();
        assertThat(cli.run("certify", "list", "ck-2018", "--json").ok().json()).isEmpty();
    }

    // 9. temporary files of a killed batch

    @Test
    void temporaryFilesOfAKilledBatchAreRemovedByTheNextRun() throws Exception {
        certifiable();
        // what a batch killed mid-write leaves: this version's pattern, and the older one with the name in it
        Files.writeString(out.resolve(".coursekit-0f3a9c2b7d1e4a5f.tmp"), "%PDF-1.7 partial");
        Files.writeString(out.resolve(".CK-2018-001_Alpha_Anna.pdf8163524977420133.tmp"), "%PDF-1.7 partial");
        // files of the user's own that only look alike
        Files.writeString(out.resolve(".coursekit-notes.txt"), "mine");
        Files.writeString(out.resolve("draft.tmp"), "mine");
        cli.run("certify", "issue", "ck-2018", "--output=" + out).ok();
        assertThat(filesIn(out)).containsExactly(".coursekit-notes.txt", "CK-2018-001_Alpha_Anna.pdf",
                "CK-2018-002_Beta_Bert.pdf", "draft.tmp");
    }
}
