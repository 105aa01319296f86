package org.coursekit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.coursekit.cli.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch of certificates killed with SIGKILL in the middle (issue 4: "a batch killed at any moment can
 * be run again and completes with no duplicates and no gaps"). The final state is asserted, which must
 * hold after a kill at any moment; the test kills it deterministically mid-batch (a test hook halts the
 * JVM right after a given number of PDFs is written, with some of their hashes recorded and some not).
 */
class CertifyCrashIT {
    static final int PEOPLE = 300;
    /** The batch is halted right after this many PDFs are written ... */
    static final int HALT_AT = 150;
    /** ... of which the first 100 (the batch records hashes every 100 PDFs) are recorded. */
    static final int RECORDED = 100;
    /** The exit status of the halt the hook performs. */
    static final int HALTED = 86;
    static final Path LAUNCHER = Path.of("target", "coursekit").toAbsolutePath();

    @TempDir
    Path work;

    @BeforeAll
    static void launcherIsBuilt() {
        assertThat(LAUNCHER).as("run 'mvn package' first").isExecutable();
    }

    private ProcessBuilder process(String db, String... args) {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "--db=" + db));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        Map<String, String> env = pb.environment();
        env.remove("COURSEKIT_DB");
        env.remove("LANG");
        env.remove("LC_ALL");
        env.put("PGPASSFILE", work.resolve("no.pgpass").toString());
        return pb;
    }

    private int runToEnd(String db, String... args) throws Exception {
        Process p = process(db, args).redirectOutput(work.resolve("out.log").toFile())
                .redirectError(work.resolve("err.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("coursekit " + String.join(" ", args) + " did not finish within 120 s");
        }
        return p.exitValue();
    }

    private static long pdfs(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".pdf")).count();
        }
    }

    @Test
    void aKilledBatchCompletesWithoutGapsOrDuplicates() throws Exception {
        killedBatchCompletes(new Cli(work));
    }

    /** The same on PostgreSQL: the batch's lock is the connection's advisory lock, gone with the killed process. */
    @Test
    void aKilledBatchOnPostgresqlCompletesWithoutGapsOrDuplicates() throws Exception {
        killedBatchCompletes(Cli.postgres(work));
    }

    private void killedBatchCompletes(Cli fresh) throws Exception {
        // the course, its people and their attendance, quickly in-process
        Cli cli = fresh.init().clock(Cli.at(2018, 6, 1, 12, 0));
        cli.run("course", "create", "crash-2018", "--title=Absturzkurs 2018", "--language=de", "--capacity=1000",
                "--min-attendance=2").ok();
        for (String day : new String[] {"06", "13", "20"}) {
            cli.run("course", "session", "add", "crash-2018", "--date=2018-03-" + day, "--start=18:30", "--end=21:30",
                    "--title=Abend " + day).ok();
        }
        StringBuilder csv = new StringBuilder("first_name,last_name,email\n");
        for (int i = 1; i <= PEOPLE; i++) {
            csv.append("Vorname").append(i).append(",Nachname").append(i).append(",p").append(i).append("@mail.example\n");
        }
        Path people = work.resolve("people.csv");
        Files.writeString(people, csv, StandardCharsets.UTF_8);
        cli.run("participant", "import", people.toString(), "--course=crash-2018").ok();
        for (int s = 1; s <= 3; s++) {
            cli.run("attend", "record", "crash-2018", "--session=" + s, "--all-present").ok();
        }
        String db = cli.spec();
        Path out = Files.createDirectory(work.resolve("zertifikate"));

        // the batch as a real process, halted by a test hook right after its HALT_AT-th PDF is written (as a
        // SIGKILL would: no clean-up runs); the first RECORD_EVERY PDFs' hashes are committed, the rest not
        ProcessBuilder p = process(db, "certify", "issue", "crash-2018", "--output=" + out)
                .redirectOutput(work.resolve("killed.out").toFile()).redirectError(work.resolve("killed.err").toFile());
        p.environment().put("COURSEKIT_JAVA_OPTS", "-Dcoursekit.test.haltAfterCertificates=" + HALT_AT);
        Process killed = p.start();
        assertThat(killed.waitFor(120, TimeUnit.SECONDS)).as("the halted batch ended").isTrue();
        assertThat(killed.exitValue()).as(Files.readString(work.resolve("killed.err"))).isEqualTo(HALTED);
        // the kill landed mid-batch: at least HALT_AT PDFs on disk (other render threads may have finished a
        // few more), far from all; the register has every certificate, only the first batch of hashes recorded
        assertThat(pdfs(out)).isBetween((long) HALT_AT, (long) PEOPLE - 1);
        assertThat(runToEnd(db, "certify", "list", "crash-2018", "--json")).isZero();
        JsonNode before = new ObjectMapper().readTree(work.resolve("out.log").toFile());
        assertThat(before).hasSize(PEOPLE);
        int recorded = 0;
        for (JsonNode c : before) {
            recorded += c.hasNonNull("sha256") ? 1 : 0;
        }
        assertThat(recorded).as("hashes recorded before the kill").isEqualTo(RECORDED);

        assertThat(runToEnd(db, "db", "check")).as("db check after the kill").isZero();
        assertThat(runToEnd(db, "certify", "issue", "crash-2018", "--output=" + out)).as(Files.readString(work.resolve("err.log")))
                .isZero();
        assertThat(runToEnd(db, "db", "check")).isZero();

        assertThat(runToEnd(db, "certify", "list", "crash-2018", "--json")).isZero();
        JsonNode register = new ObjectMapper().readTree(work.resolve("out.log").toFile());
        assertThat(register).hasSize(PEOPLE);
        Set<String> serials = new HashSet<>();
        Set<Long> holders = new HashSet<>();
        Set<String> files = new HashSet<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (JsonNode c : register) {
            serials.add(c.get("serial").asText());
            holders.add(c.get("participantId").asLong());
            assertThat(c.get("status").asText()).isEqualTo("valid");
            assertThat(c.get("revision").asInt()).isEqualTo(1);
            Path file = out.resolve(c.get("file").asText());
            assertThat(file).exists();
            files.add(file.getFileName().toString());
            assertThat(HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file)))).as(file.toString())
                    .isEqualTo(c.get("sha256").asText());
        }
        Set<String> expected = new HashSet<>();
        for (int i = 1; i <= PEOPLE; i++) {
            expected.add(String.format("CRASH-2018-%03d", i));
        }
        assertThat(serials).isEqualTo(expected);
        assertThat(holders).hasSize(PEOPLE);
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".pdf")).toList())
                    .containsExactlyInAnyOrderElementsOf(files);
        }
        // and nothing of the killed run's temporary files is left (hidden files, which held names before)
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".pdf")).toList()).isEmpty();
        }
        // and a third run issues nothing
        assertThat(runToEnd(db, "certify", "issue", "crash-2018", "--output=" + out)).isZero();
        assertThat(Files.readString(work.resolve("out.log"))).isEmpty();
        assertThat(Files.readString(work.resolve("err.log"))).contains("issued 0, already issued " + PEOPLE);
        assertThat(new File(out.toString()).list((d, n) -> n.endsWith(".pdf"))).hasSize(PEOPLE);
    }
}
