package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.coursekit.app.SiteCrypto;
import org.coursekit.app.SitePublisher;
import org.coursekit.domain.SiteRecord;
import org.coursekit.io.SiteFiles;
import org.coursekit.store.Store;
import org.coursekit.store.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** {@code certify publish}: the static verification site, its records and its updates. */
@EveryEngine
class PublishCliTest {
    @TempDir
    Path dir;
    Path site;
    Cli cli;

    @BeforeEach
    void course() throws Exception {
        site = dir.resolve("site");
        // every test's database (and its certificates in pdf/) is a copy of one made once
        cli = new Cli(dir).copyOf("publish", c -> {
            c.withExampleCourse().clock(Cli.at(2018, 4, 24, 20, 0));
            c.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
            c.run("participant", "import", Cli.PARTICIPANTS_UNICODE_CSV.toString(), "--course=bm-2018").ok();
            for (int s = 2; s <= 12; s++) {
                c.run("attend", "record", "bm-2018", "--session=" + s, "--all-present").ok();
            }
            c.run("certify", "issue", "bm-2018", "--output=" + c.dir().resolve("pdf"), "--date=24.04.2018").ok();
        }).clock(Cli.at(2018, 4, 24, 20, 0));
    }

    private JsonNode register() {
        return cli.run("certify", "list", "--json").ok().json();
    }

    /** The record the site holds for a code, read as the page reads it; null when there is none. */
    static SiteRecord recordFor(Path site, String code) throws Exception {
        SiteFiles.Site s = SiteFiles.readSite(site.resolve("site.json"), Files.readAllBytes(site.resolve("site.json")));
        SiteCrypto.Keys k = SiteCrypto.derive(code, s.salt(), s.iterations());
        Path f = site.resolve("records").resolve(k.id() + ".bin");
        if (!Files.exists(f)) {
            return null;
        }
        byte[] plain = SiteCrypto.open(k, Files.readAllBytes(f));
        assertThat(plain).as("record of " + code + " opens with its key").isNotNull();
        return SiteFiles.readRecord(plain);
    }

    private Map<String, byte[]> contents() throws Exception {
        Map<String, byte[]> m = new HashMap<>();
        try (Stream<Path> all = Files.walk(site)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                m.put(site.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    private List<Path> records() throws Exception {
        try (Stream<Path> s = Files.list(site.resolve("records"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void publishWritesThePageTheSiteFileAndOneRecordOfOneSizePerCertificate() throws Exception {
        CliResult r = cli.run("certify", "publish", "--output=" + site).ok();
        int n = register().size();
        assertThat(n).isGreaterThan(10);
        assertThat(r.err()).contains("published " + n + " certificates into " + site + ": " + n + " written, 0 unchanged, 0 removed");
        assertThat(site.resolve("index.html")).exists();
        assertThat(site.resolve("site.json")).exists();
        assertThat(records()).hasSize(n).allSatisfy(p -> {
            assertThat(p.getFileName().toString()).matches("[0-9a-f]{64}\\.bin");
            assertThat(p).hasSize(SiteCrypto.FILE_SIZE);
        });
        for (JsonNode c : register()) {
            SiteRecord rec = recordFor(site, c.get("code").asText());
            assertThat(rec.status()).isEqualTo("valid");
            assertThat(rec.holder()).isEqualTo(c.get("fullName").asText());
            assertThat(rec.serial()).isEqualTo(c.get("serial").asText());
            assertThat(rec.courseTitle()).isEqualTo("Bürgermentorenkurs Ditzingen 2018");
            assertThat(rec.organiser()).isEqualTo("Stadt Ditzingen, Anlaufstelle Bürgerschaftliches Engagement");
            assertThat(rec.issuedOn()).isEqualTo("2018-04-24");
            assertThat(rec.revisions()).containsExactly(new SiteRecord.Revision(1, c.get("sha256").asText()));
            assertThat(rec.currentRevision()).isEqualTo(1);
        }
        assertThat(recordFor(site, "ZZZZ-ZZZZ-ZZZZ")).isNull();
    }

    @Test
    void thePublishedFolderNamesNoHolderSerialEmailCourseOrCode() throws Exception {
        cli.run("certify", "publish", "--output=" + site).ok();
        List<String> secrets = new ArrayList<>(List.of("bm-2018", "BM-2018", "Bürgermentorenkurs", "Ditzingen", "Anlaufstelle"));
        for (JsonNode c : register()) {
            secrets.add(c.get("serial").asText());
            secrets.add(c.get("code").asText());
            secrets.add(c.get("code").asText().replace("-", ""));
            secrets.add(c.get("sha256").asText());
        }
        for (JsonNode p : cli.run("participant", "list", "--json").ok().json()) {
            secrets.add(p.get("firstName").asText());
            secrets.add(p.get("lastName").asText());
            if (!p.get("email").isNull()) {
                secrets.add(p.get("email").asText());
            }
        }
        Map<String, byte[]> files = contents();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String text = new String(f.getValue(), StandardCharsets.ISO_8859_1);
            String utf8 = new String(f.getValue(), StandardCharsets.UTF_8);
            // The records are ciphertext: random bytes hold a short name like "Olga" by chance
            // (ignoring case, about once in a few hundred runs), so there only the secrets of six
            // bytes and more are looked for, byte for byte.
            boolean ciphertext = f.getKey().endsWith(".bin");
            for (String s : secrets) {
                assertThat(f.getKey()).doesNotContainIgnoringCase(s);
                String bytes = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
                if (ciphertext) {
                    if (bytes.length() >= 6) {
                        assertThat(text).as(f.getKey()).doesNotContain(bytes);
                    }
                    continue;
                }
                assertThat(utf8).as(f.getKey()).doesNotContainIgnoringCase(s);
                assertThat(text).as(f.getKey()).doesNotContain(bytes);
            }
        }
        assertThat(files.keySet()).contains("index.html", "site.json");
    }

    @Test
    void aRevocationReachesTheSiteOnTheNextRunAndUnchangedRecordsKeepTheirBytes() throws Exception {
        cli.run("certify", "publish", "--output=" + site).ok();
        Map<String, byte[]> before = contents();
        JsonNode first = register().get(0);
        cli.run("certify", "revoke", first.get("serial").asText(), "--reason=issued by mistake").ok();
        CliResult r = cli.run("certify", "publish", "--output=" + site).ok();
        int n = register().size();
        assertThat(r.err()).contains(": 1 written, " + (n - 1) + " unchanged, 0 removed");
        SiteRecord rec = recordFor(site, first.get("code").asText());
        assertThat(rec.status()).isEqualTo("revoked");
        assertThat(rec.revokeReason()).isEqualTo("issued by mistake");
        assertThat(rec.revokedAt()).startsWith("2018-04-24T18:00");
        Map<String, byte[]> after = contents();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        int changed = 0;
        for (String name : before.keySet()) {
            if (!java.util.Arrays.equals(before.get(name), after.get(name))) {
                changed++;
            }
        }
        assertThat(changed).isEqualTo(1);   // the revoked record; the page, the salt and every other record as they were

        cli.run("certify", "unrevoke", first.get("serial").asText(), "--reason=wrong one").ok();
        cli.run("certify", "publish", "--output=" + site).ok();
        assertThat(recordFor(site, first.get("code").asText()).status()).isEqualTo("valid");
        assertThat(recordFor(site, first.get("code").asText()).revokeReason()).isNull();
        assertThat(contents().get("site.json")).isEqualTo(before.get("site.json"));
    }

    /**
     * Counts the derivations of this JVM: no other test may derive keys meanwhile (this class's
     * other tests and its other engine's run then wait too, and SiteCryptoTest, which reads the lock).
     */
    @Test
    @ResourceLock("org.coursekit.app.SiteCrypto.derivations")
    void publishingAgainDerivesNoKeyAndAnotherSiteDerivesItsOwn() throws Exception {
        int n = register().size();
        long before = SiteCrypto.derivations();
        cli.run("certify", "publish", "--output=" + site).ok();
        assertThat(SiteCrypto.derivations() - before).isEqualTo(n);
        before = SiteCrypto.derivations();
        CliResult again = cli.run("certify", "publish", "--output=" + site).ok();
        assertThat(SiteCrypto.derivations() - before).as("keys kept from the first run").isZero();
        assertThat(again.err()).contains(": 0 written, " + n + " unchanged, 0 removed");

        // a second site (another salt) derives its own keys, and keeps them too
        Path other = dir.resolve("other-site");
        before = SiteCrypto.derivations();
        cli.run("certify", "publish", "--output=" + other).ok();
        cli.run("certify", "publish", "--output=" + other).ok();
        assertThat(SiteCrypto.derivations() - before).isEqualTo(n);
        for (JsonNode c : register()) {
            assertThat(recordFor(site, c.get("code").asText()).serial()).isEqualTo(c.get("serial").asText());
            assertThat(recordFor(other, c.get("code").asText()).serial()).isEqualTo(c.get("serial").asText());
        }
    }

    @Test
    void aRecordLeftShortByAKilledRunIsRewrittenByTheNextPublish() throws Exception {
        // a run killed while writing a new record leaves it shorter than every record (4,096 bytes)
        cli.run("certify", "publish", "--output=" + site).ok();
        int n = register().size();
        JsonNode first = register().get(0);
        JsonNode second = register().get(1);
        Path short1 = recordFile(site, first.get("code").asText());
        Path empty = recordFile(site, second.get("code").asText());
        Files.write(short1, java.util.Arrays.copyOf(Files.readAllBytes(short1), 1000));
        Files.write(empty, new byte[0]);
        CliResult r = cli.run("certify", "publish", "--output=" + site).ok();
        assertThat(r.err()).contains(": 2 written, " + (n - 2) + " unchanged, 0 removed");
        assertThat(short1).hasSize(SiteCrypto.FILE_SIZE);
        assertThat(empty).hasSize(SiteCrypto.FILE_SIZE);
        assertThat(recordFor(site, first.get("code").asText()).serial()).isEqualTo(first.get("serial").asText());
        assertThat(recordFor(site, second.get("code").asText()).serial()).isEqualTo(second.get("serial").asText());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(short1))).isEqualTo("rw-r--r--");
    }

    @Test
    void aSitePublishedOnManyThreadsHoldsWhatOneThreadWrites() throws Exception {
        Path one = dir.resolve("one");
        Path many = dir.resolve("many");
        Path fresh = dir.resolve("fresh");
        try (Store db = Stores.open(cli.spec(), Cli.at(2018, 4, 24, 20, 0), Map.of())) {
            new SitePublisher(db, 1).publish(List.of(), one);      // derives every key on one thread
            Files.createDirectories(many);
            Files.copy(one.resolve("site.json"), many.resolve("site.json"));
            new SitePublisher(db, 8).publish(List.of(), many);     // the same salt: the kept keys, written on 8 threads
            new SitePublisher(db, 8).publish(List.of(), fresh);    // a new salt: every key derived on 8 threads
        }
        assertThat(names(many)).isEqualTo(names(one)).hasSize(register().size());
        for (JsonNode c : register()) {
            String code = c.get("code").asText();
            assertThat(plaintext(many, code)).isEqualTo(plaintext(one, code));
            assertThat(plaintext(fresh, code)).as("derived on 8 threads, opened with the key derived here").isEqualTo(plaintext(one, code));
        }
        assertThat(names(fresh)).hasSize(register().size()).doesNotContainAnyElementsOf(names(one));
    }

    private static Path recordFile(Path site, String code) throws Exception {
        SiteFiles.Site s = SiteFiles.readSite(site.resolve("site.json"), Files.readAllBytes(site.resolve("site.json")));
        return site.resolve("records").resolve(SiteCrypto.derive(code, s.salt(), s.iterations()).id() + ".bin");
    }

    private static byte[] plaintext(Path site, String code) throws Exception {
        SiteFiles.Site s = SiteFiles.readSite(site.resolve("site.json"), Files.readAllBytes(site.resolve("site.json")));
        SiteCrypto.Keys k = SiteCrypto.derive(code, s.salt(), s.iterations());
        return SiteCrypto.open(k, Files.readAllBytes(site.resolve("records").resolve(k.id() + ".bin")));
    }

    private static java.util.Set<String> names(Path site) throws Exception {
        try (Stream<Path> s = Files.list(site.resolve("records"))) {
            return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void aReissueListsBothRevisionsAndTheCurrentOne() throws Exception {
        cli.run("certify", "publish", "--output=" + site).ok();
        JsonNode first = register().get(0);
        cli.run("certify", "issue", "bm-2018", "--output=" + dir.resolve("pdf"), "--reissue",
                "--only=" + first.get("participantId").asText()).ok();
        cli.run("certify", "publish", "--output=" + site).ok();
        JsonNode now = register().get(0);
        SiteRecord rec = recordFor(site, first.get("code").asText());
        assertThat(rec.currentRevision()).isEqualTo(2);
        assertThat(rec.revisions()).containsExactly(new SiteRecord.Revision(1, first.get("sha256").asText()),
                new SiteRecord.Revision(2, now.get("sha256").asText()));
    }

    @Test
    void anErasedHolderShowsErasedAndTheirNameLeavesTheFolder() throws Exception {
        cli.run("certify", "publish", "--output=" + site).ok();
        JsonNode first = register().get(0);
        String last = cli.run("participant", "show", first.get("participantId").asText(), "--json").ok().json().get("lastName").asText();
        cli.run("participant", "erase", first.get("participantId").asText(), "--yes").ok();
        cli.run("certify", "publish", "--output=" + site).ok();
        SiteRecord rec = recordFor(site, first.get("code").asText());
        assertThat(rec.holder()).isEqualTo("(erased)");
        assertThat(rec.serial()).isEqualTo(first.get("serial").asText());
        for (JsonNode c : register()) {
            assertThat(recordFor(site, c.get("code").asText()).holder()).doesNotContain(last);
        }
    }

    @Test
    void recordsOfCertificatesNoLongerPublishedAreRemovedAndNothingElse() throws Exception {
        cli.run("course", "create", "bm-2019", "--title=Bürgermentorenkurs 2019").ok();
        cli.run("certify", "publish", "--output=" + site).ok();
        int n = records().size();
        Files.writeString(site.resolve("records").resolve("README.txt"), "ours");
        Files.writeString(site.resolve("impressum.html"), "<p>Impressum</p>");
        Files.writeString(site.resolve("records").resolve("0".repeat(63) + ".bin.bak"), "a copy");
        CliResult r = cli.run("certify", "publish", "bm-2019", "--output=" + site).ok();
        assertThat(r.err()).contains("published 0 certificates into " + site + ": 0 written, 0 unchanged, " + n + " removed");
        assertThat(records()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("README.txt", "0".repeat(63) + ".bin.bak");
        assertThat(site.resolve("impressum.html")).hasContent("<p>Impressum</p>");
        r = cli.run("certify", "publish", "bm-2018", "--output=" + site).ok();
        assertThat(r.err()).contains(": " + n + " written, 0 unchanged, 0 removed");
    }

    @Test
    void aFolderWithAnotherIndexHtmlIsNotOverwritten() throws Exception {
        Files.createDirectories(site);
        Files.writeString(site.resolve("index.html"), "<h1>Stadt Ditzingen</h1>");
        CliResult r = cli.run("certify", "publish", "--output=" + site).expect(5);
        assertThat(r.err()).contains("cannot publish into " + site).contains("no site.json").contains("new or empty folder");
        assertThat(site.resolve("index.html")).hasContent("<h1>Stadt Ditzingen</h1>");
        assertThat(site.resolve("site.json")).doesNotExist();
    }

    @Test
    void aDamagedSiteFileIsRefusedNamingIt() throws Exception {
        cli.run("certify", "publish", "--output=" + site).ok();
        Files.writeString(site.resolve("site.json"), "{\"format\": 1, \"salt\": \"\"}");
        CliResult r = cli.run("certify", "publish", "--output=" + site).expect(4);
        assertThat(r.err()).contains(site.resolve("site.json").toString()).contains("is not the site.json");
    }

    @Test
    void anUnknownCourseIsNotFoundAndNothingIsWritten() {
        cli.run("certify", "publish", "xx-2018", "--output=" + site).expect(3);
        assertThat(site).doesNotExist();
    }

    @Test
    void theSiteIsReadableByAWebServer() throws Exception {
        cli.run("certify", "publish", "--output=" + site).ok();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site.resolve("index.html")))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(records().get(0)))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site.resolve("records")))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void publishingOntoTheDatabaseIsRefused() throws Exception {
        Path db = cli.db();
        Files.createDirectories(site.resolve("records"));
        Files.writeString(site.resolve("site.json"), new String(SiteFiles.siteJson(new SiteFiles.Site(new byte[16], 1)),
                StandardCharsets.UTF_8));
        JsonNode first = register().get(0);
        SiteCrypto.Keys k = SiteCrypto.derive(first.get("code").asText(), new byte[16], 1);
        Files.createSymbolicLink(site.resolve("records").resolve(k.id() + ".bin"), db);
        byte[] dbBefore = Files.readAllBytes(db);
        cli.run("certify", "publish", "--output=" + site).expect(5);
        assertThat(Files.readAllBytes(db)).isEqualTo(dbBefore);
    }

    @Test
    void certifyVerifyAsksThePublishedSiteWithoutTheDatabase() throws Exception {
        JsonNode all = register();
        JsonNode first = all.get(0);
        JsonNode second = all.get(1);
        Path pdf = dir.resolve("pdf").resolve(first.get("file").asText());
        Path old = Files.copy(pdf, dir.resolve("old.pdf"));
        cli.run("certify", "revoke", second.get("serial").asText(), "--reason=issued by mistake").ok();
        cli.run("certify", "issue", "bm-2018", "--output=" + dir.resolve("pdf"), "--reissue",
                "--only=" + first.get("participantId").asText()).ok();
        cli.run("certify", "publish", "--output=" + site).ok();
        Files.delete(cli.db());   // the site answers by itself

        CliResult r = cli.run("certify", "verify", first.get("code").asText().toLowerCase(), "--site=" + site).ok();
        assertThat(r.out()).startsWith("valid: " + first.get("serial").asText() + ", " + first.get("fullName").asText());
        r = cli.run("certify", "verify", second.get("code").asText(), "--site=" + site, "--json").expect(1);
        assertThat(r.json().get("result").asText()).isEqualTo("revoked");
        assertThat(r.json().get("revokeReason").asText()).isEqualTo("issued by mistake");
        assertThat(cli.run("certify", "verify", old.toString(), "--site=" + site).expect(1).out())
                .startsWith("superseded: " + first.get("serial").asText());
        assertThat(cli.run("certify", "verify", pdf.toString(), "--site=" + site).ok().out()).startsWith("valid: ");
        byte[] bytes = Files.readAllBytes(pdf);
        bytes[bytes.length / 2] ^= 0x20;
        Path altered = Files.write(dir.resolve("altered.pdf"), bytes);
        assertThat(cli.run("certify", "verify", altered.toString(), "--site=" + site).expect(1).out())
                .startsWith("tampered: the file names certificate " + first.get("serial").asText());
        assertThat(cli.run("certify", "verify", "ZZZZ-ZZZZ-ZZZZ", "--site=" + site).expect(1).out())
                .startsWith("unknown: ZZZZ-ZZZZ-ZZZZ is no certificate of the site " + site);
        cli.run("certify", "verify", "ZZZZ-ZZZZ-ZZZZ", "--site=" + dir.resolve("nothing")).expect(3);
    }
}
