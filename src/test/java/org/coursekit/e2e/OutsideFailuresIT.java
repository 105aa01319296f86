package org.coursekit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.coursekit.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures whose cause lies outside coursekit, through the real launcher: a standard output that
 * cannot be written, a disk that fills up while certificates are written, a heap that runs out.
 * Each is its own exit code with a plain message, never a silent 0 nor an "internal error".
 */
class OutsideFailuresIT {
    static final Path LAUNCHER = Path.of("target", "coursekit").toAbsolutePath();
    static final Path EXAMPLES = Path.of("examples", "ditzingen-2018").toAbsolutePath();

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "--db=" + dir.resolve("c.db")));
        cmd.addAll(List.of(args));
        return cmd;
    }

    Result run(ProcessBuilder pb) throws Exception {
        pb.directory(dir.toFile());
        if (pb.redirectOutput() == ProcessBuilder.Redirect.PIPE) {
            pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        }
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        Path out = dir.resolve("stdout.txt");
        return new Result(p.exitValue(), Files.exists(out) ? Files.readString(out) : "", err);
    }

    Result run(String... args) throws Exception {
        return run(new ProcessBuilder(command(args)));
    }

    /** A step of a test's set-up, run in this JVM (a process each would only cost time), on the file the processes use. */
    void prepare(String... args) {
        Cli.sqlite(dir, "c.db").clock(Clock.systemUTC()).run(args).ok();
    }

    /** The Ditzingen course with its 16 participants, all present at every session (set up in this JVM). */
    void eligibleCourse() {
        prepare("init");
        prepare("course", "create", "--from=" + EXAMPLES.resolve("course.json"));
        prepare("participant", "import", EXAMPLES.resolve("participants.csv").toString(), "--course=bm-2018");
        for (int s = 1; s <= 12; s++) {
            prepare("attend", "record", "bm-2018", "--session=" + s, "--all-present");
        }
    }

    @Test
    void writeFailureOnStandardOutputIsExit6() throws Exception {
        prepare("init");
        prepare("course", "create", "--from=" + EXAMPLES.resolve("course.json"));
        prepare("participant", "import", EXAMPLES.resolve("participants.csv").toString(), "--course=bm-2018");
        for (String[] args : List.of(new String[] {"export", "participants", "bm-2018"},
                new String[] {"participant", "list", "--json"}, new String[] {"--help"})) {
            Result r = run(new ProcessBuilder(command(args)).redirectOutput(new File("/dev/full")));
            assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(6);
            assertThat(r.err()).contains("standard output").doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    @Test
    void aPipeClosedByItsReaderEndsQuietlyWithExit6() throws Exception {
        prepare("init");
        StringBuilder csv = new StringBuilder("first_name,last_name,email\n");
        for (int i = 0; i < 3000; i++) {
            csv.append("Vorname").append(i).append(",Nachname").append(i).append(",person").append(i).append("@mail.example\n");
        }
        Files.writeString(dir.resolve("many.csv"), csv);
        prepare("participant", "import", dir.resolve("many.csv").toString());
        // `| head -c 1`: the reader leaves after one byte, on purpose; the list (~200 KB) is far larger
        // than a pipe's buffer (64 KB), so the writer meets the closed pipe
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "\"$@\" | head -c 1 > /dev/null; exit ${PIPESTATUS[0]}",
                "coursekit", LAUNCHER.toString(), "--db=" + dir.resolve("c.db"), "participant", "list", "--csv");
        Result r = run(pb);
        assertThat(r.code()).as(r.err()).isEqualTo(6);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aFullDiskWhileWritingCertificatesIsExit6NamingTheFolderAndARerunCompletes() throws Exception {
        eligibleCourse();
        // a background of noise makes each PDF about 1 MB; the shell's file-size limit (700 KiB, which
        // the database stays under) fails the write as a full disk does
        writeNoisePng(dir.resolve("noise.png"), 600, 600);
        Path template = Files.writeString(dir.resolve("template.json"), "{\"background\": {\"image\": \"noise.png\"}}");
        Path out = Files.createDirectory(dir.resolve("zertifikate"));
        List<String> issue = command("certify", "issue", "bm-2018", "--template=" + template, "--output=" + out);
        List<String> limited = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -f 700 && exec \"$0\" \"$@\""));
        limited.addAll(issue);
        ProcessBuilder pb = new ProcessBuilder(limited);
        pb.environment().put("COURSEKIT_CDS", "off");
        Result full = run(pb);
        assertThat(full.code()).as(full.err()).isEqualTo(6);
        assertThat(full.err()).contains(out.toString()).contains("run the same command again")
                .doesNotContain("internal error").doesNotContain("\tat ");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(f -> !f.getFileName().toString().endsWith(".pdf"))).isEmpty();   // no temporary files left
        }

        Result again = run(new ProcessBuilder(issue));
        assertThat(again.code()).as(again.err()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".pdf"))).hasSize(16);
        }
        com.fasterxml.jackson.databind.JsonNode register = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                run("certify", "list", "bm-2018", "--json").out());
        assertThat(register).hasSize(16);
        for (int i = 0; i < 16; i++) {   // no gaps, no duplicates, none pending
            assertThat(register.get(i).get("serial").asText()).isEqualTo(String.format("BM-2018-%03d", i + 1));
            assertThat(register.get(i).get("sha256").isTextual()).isTrue();
        }
    }

    @Test
    void outOfMemoryIsOnePlainLineWithoutATrace() throws Exception {
        eligibleCourse();
        // 10,000 × 10,000 pixels in 300 KB: decoding it needs 300 MB, more than the heap given
        Path png = dir.resolve("huge.png");
        writeBlankPng(png, 10_000, 10_000);
        Path template = Files.writeString(dir.resolve("template.json"), "{\"background\": {\"image\": \"huge.png\"}}");
        Path out = Files.createDirectory(dir.resolve("out"));
        ProcessBuilder pb = new ProcessBuilder(command("certify", "issue", "bm-2018", "--template=" + template,
                "--output=" + out));
        pb.environment().putAll(Map.of("COURSEKIT_JAVA_OPTS", "-Xms16m -Xmx64m", "COURSEKIT_CDS", "off"));
        Result r = run(pb);
        assertThat(r.code()).as(r.err()).isEqualTo(70);
        assertThat(r.err()).contains("out of memory").doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(r.err().lines()).hasSize(1);
    }

    static void writeNoisePng(Path file, int w, int h) throws IOException {
        Random random = new Random(42);
        writePng(file, w, h, row -> random.nextBytes(row));
    }

    static void writeBlankPng(Path file, int w, int h) throws IOException {
        writePng(file, w, h, row -> java.util.Arrays.fill(row, (byte) 0xFF));
    }

    /** An 8-bit RGB PNG whose rows {@code fill} gives (without the filter byte). */
    static void writePng(Path file, int w, int h, java.util.function.Consumer<byte[]> fill) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_SPEED))) {
            byte[] row = new byte[w * 3];
            for (int y = 0; y < h; y++) {
                z.write(0);
                fill.accept(row);
                z.write(row);
            }
        }
        try (OutputStream o = Files.newOutputStream(file)) {
            o.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            chunk(o, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                    .put((byte) 0).put((byte) 0).array());
            chunk(o, "IDAT", idat.toByteArray());
            chunk(o, "IEND", new byte[0]);
        }
    }

    static void chunk(OutputStream o, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        o.write(ByteBuffer.allocate(4).putInt(data.length).array());
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        o.write(t);
        o.write(data);
        o.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
