package org.coursekit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.coursekit.cli.Cli;
import org.coursekit.cli.Pdfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The verification site of {@code certify publish} in real browsers, each scenario in both: Debian's
 * Chromium, headless, driven by Selenium through Debian's chromedriver ({@link VerifySiteInChromiumIT}),
 * and Debian's Firefox ESR, headless, driven through its own WebDriver BiDi ({@link FirefoxBidi}, no
 * geckodriver; {@link VerifySiteInFirefoxIT}). The two classes run in parallel, one browser process
 * each, started by the first test that asks for it. The site is made once per test JVM ({@link Site}):
 * the example course (examples/ditzingen-2018/run.sh publishes out/zertifikat/) and a copy of its
 * register with a revoked and a reissued certificate; each class serves it from 127.0.0.1 by its own
 * small HTTP server, which logs what its browser asked for. A browser that is not installed is skipped,
 * saying so, and the end names the browser the class ran in. Screenshots, and Firefox's own output
 * (firefox-LANG.log), go to target/verify-site-screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VerifySiteIT {
    /** The browsers the scenarios run in. */
    enum Engine {
        CHROMIUM, FIREFOX;

        /** Why this browser's tests are skipped, or null when it is installed. */
        String missing() {
            return switch (this) {
                case CHROMIUM -> Files.isExecutable(CHROMIUM_BIN) && Files.isExecutable(CHROMEDRIVER) ? null
                        : "VerifySiteIT skipped in Chromium: it needs Chromium and its driver (" + CHROMIUM_BIN + ", " + CHROMEDRIVER
                                + "); install them with: apt-get install chromium chromium-driver";
                case FIREFOX -> Files.isExecutable(FIREFOX_BIN) ? null
                        : "VerifySiteIT skipped in Firefox: it needs Firefox (" + FIREFOX_BIN
                                + ", a current one: the tests drive it through WebDriver BiDi); install it with: apt-get install firefox-esr";
            };
        }

        Browser start(String language) throws Exception {
            return switch (this) {
                case CHROMIUM -> new ChromiumBrowser(CHROMIUM_BIN, CHROMEDRIVER, language);
                case FIREFOX -> new FirefoxBrowser(FIREFOX_BIN, language, SHOTS.resolve("firefox-" + language + ".log"));
            };
        }
    }

    /** Debian's; COURSEKIT_TEST_CHROMIUM, COURSEKIT_TEST_CHROMEDRIVER and COURSEKIT_TEST_FIREFOX name others. */
    static final Path CHROMIUM_BIN = Path.of(System.getenv().getOrDefault("COURSEKIT_TEST_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("COURSEKIT_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path FIREFOX_BIN = Path.of(System.getenv().getOrDefault("COURSEKIT_TEST_FIREFOX", "/usr/bin/firefox-esr"));
    static final Path EXAMPLE = Path.of("examples", "ditzingen-2018").toAbsolutePath();
    static final Path OUT = EXAMPLE.resolve("out");
    static final Path SHOTS = Path.of("target", "verify-site-screenshots").toAbsolutePath();
    static final String EXAMPLE_URL = "https://www.ditzingen.example/zertifikat/";

    /**
     * What both classes check, made by the first of them: the example's site, and a copy of its
     * register with a revoked and a reissued certificate published into {@code site}.
     */
    record Site(Path site, JsonNode valid, JsonNode revoked, JsonNode reissued, Path validPdf, Path alteredPdf,
                Path oldRevisionPdf, Path currentRevisionPdf) {
        private static Site made;

        static synchronized Site get() throws Exception {
            if (made == null) {
                made = make();
            }
            return made;
        }

        private static Site make() throws Exception {
            assertThat(Path.of("target", "coursekit").toAbsolutePath()).as("run 'mvn package' first").isExecutable();
            ExampleRun.Result run = ExampleRun.get();   // the example's run.sh, shared with ExampleRunIT
            assertThat(run.exitCode()).as("run.sh\n%s\n%s", run.out(), run.err()).isZero();
            assertThat(OUT.resolve("zertifikat").resolve("index.html")).exists();
            Path work = Files.createTempDirectory("verify-site-it");

            Cli cli = new Cli(work, "copy.db").clock(Cli.at(2018, 5, 2, 10, 0));
            cli.raw("--db=" + OUT.resolve("coursekit.db"), "db", "backup", work.resolve("copy.db").toString()).ok();
            JsonNode all = cli.run("certify", "list", "--json").ok().json();
            JsonNode valid = all.get(0);
            JsonNode revoked = all.get(1);
            JsonNode reissued = all.get(2);
            Path validPdf = OUT.resolve("zertifikate").resolve(valid.get("file").asText());
            byte[] bytes = Files.readAllBytes(validPdf);
            bytes[bytes.length / 2] ^= 0x20;
            Path alteredPdf = Files.write(work.resolve("altered.pdf"), bytes);
            Path oldRevisionPdf = Files.copy(OUT.resolve("zertifikate").resolve(reissued.get("file").asText()), work.resolve("old.pdf"));
            cli.run("certify", "revoke", revoked.get("serial").asText(), "--reason=Teilnahme nicht nachgewiesen").ok();
            Path pdf2 = work.resolve("pdf2");
            cli.run("certify", "issue", "bm-2018", "--output=" + pdf2, "--reissue",
                    "--only=" + reissued.get("participantId").asText()).ok();
            Path currentRevisionPdf = pdf2.resolve(reissued.get("file").asText());
            cli.run("certify", "publish", "--output=" + work.resolve("site")).ok();
            Files.createDirectories(SHOTS);
            return new Site(work.resolve("site"), valid, revoked, reissued, validPdf, alteredPdf, oldRevisionPdf, currentRevisionPdf);
        }
    }

    private static Map<Path, String> qrTargets;

    final Engine engine;
    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    Browser browser;
    String base;
    JsonNode valid;
    JsonNode revoked;
    JsonNode reissued;
    Path validPdf;
    Path alteredPdf;
    Path oldRevisionPdf;
    Path currentRevisionPdf;

    VerifySiteIT(Engine engine) {
        this.engine = engine;
    }

    @BeforeAll
    void site() throws Exception {
        String missing = engine.missing();
        if (missing != null) {
            System.err.println(missing);
        }
        Assumptions.assumeTrue(missing == null, missing);
        Site site = Site.get();
        valid = site.valid();
        revoked = site.revoked();
        reissued = site.reissued();
        validPdf = site.validPdf();
        alteredPdf = site.alteredPdf();
        oldRevisionPdf = site.oldRevisionPdf();
        currentRevisionPdf = site.currentRevisionPdf();

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/example/", x -> serve(x, "/example/", OUT.resolve("zertifikat")));
        server.createContext("/test/", x -> serve(x, "/test/", site.site()));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** This class's German browser, started the first time a test asks for it. */
    Browser browser() throws Exception {
        if (browser == null) {
            browser = engine.start("de-DE");
        }
        return browser;
    }

    @AfterAll
    void stop() throws Exception {
        // which browser these tests ran in (a missing one was named at the start)
        if (engine.missing() == null) {
            System.err.println("VerifySiteIT ran in " + (browser != null ? browser.version() : "no browser"));
        }
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (server != null) {
            server.stop(0);
        }
    }

    /** Serves the files of {@code root} (GET only, no listing, nothing outside it), 404 for anything else. */
    void serve(HttpExchange x, String prefix, Path root) throws IOException {
        String path = x.getRequestURI().getPath();
        requests.add(path);
        String rel = path.substring(prefix.length());
        if (rel.isEmpty()) {
            rel = "index.html";
        }
        Path f = root.resolve(rel).normalize();
        byte[] body;
        int status;
        String type = "text/plain";
        if (!x.getRequestMethod().equals("GET") || !f.startsWith(root) || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            status = 404;
            body = "not found".getBytes(StandardCharsets.UTF_8);
        } else {
            status = 200;
            body = Files.readAllBytes(f);
            String n = f.getFileName().toString();
            type = n.endsWith(".html") ? "text/html; charset=utf-8" : n.endsWith(".json") ? "application/json"
                    : "application/octet-stream";
        }
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s for %s", what).isLessThan(end);
            Thread.sleep(25);
        }
    }

    /** Opens {@code url} and waits for the page's answer; returns it (data-result of #result). */
    static String open(Browser b, String url) throws InterruptedException {
        load(b, url);
        return answer(b);
    }

    /** Opens {@code url} (the page without a code: no answer to wait for). */
    static void load(Browser b, String url) throws InterruptedException {
        b.get("about:blank");   // a new document even where only the fragment differs
        b.get(url);
        await("the page's script", () -> Boolean.TRUE.equals(b.script("return !!window.coursekitSite;")));
    }

    /** Waits for the page's answer and returns it (data-result of #result). */
    static String answer(Browser b) throws InterruptedException {
        String[] r = new String[1];
        await("the page's answer", () -> {
            r[0] = b.attribute("#result", "data-result");
            return r[0] != null && !r[0].equals("working");
        });
        return r[0];
    }

    static String result(Browser b) {
        return b.text("#result");
    }

    void shot(Browser b, String name) throws IOException {
        Files.write(SHOTS.resolve(engine.name().toLowerCase() + "-" + name + ".png"), b.screenshot());
    }

    @Test
    void aValidCodeInTheFragmentShowsHolderCourseOrganiserDateAndSerial() throws Exception {
        Browser b = browser();
        assertThat(open(b, base + "/test/#" + valid.get("code").asText())).isEqualTo("valid");
        assertThat(result(b)).contains("Gültig", valid.get("fullName").asText(), valid.get("serial").asText(),
                "Bürgermentorenkurs Ditzingen 2018", "Stadt Ditzingen, Anlaufstelle Bürgerschaftliches Engagement", "24. April 2018");
        assertThat(b.attribute("html", "lang")).isEqualTo("de");
        assertThat(b.attribute("#result", "aria-live")).isEqualTo("polite");
        shot(b, "desktop-de-valid");
        b.size(390, 844);
        try {
            open(b, base + "/test/#" + valid.get("code").asText());
            shot(b, "phone-de-valid");
            Object overflow = b.script("return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
            assertThat(overflow).as("no horizontal scrolling on a phone").isEqualTo(false);
        } finally {
            b.size(1280, 900);
        }
    }

    @Test
    void aTypedCodeIsCheckedInAnyCaseWithoutDashes() throws Exception {
        Browser b = browser();
        load(b, base + "/test/");
        assertThat(b.attribute("#result", "data-result")).isNull();
        assertThat(b.text("label[for=code]")).isEqualTo("Prüfcode");
        b.type("#code", valid.get("code").asText().replace("-", "").toLowerCase() + Browser.ENTER);
        assertThat(answer(b)).isEqualTo("valid");
        assertThat(result(b)).contains(valid.get("serial").asText());
    }

    @Test
    void aRevokedCodeShowsTheDateAndReason() throws Exception {
        Browser b = browser();
        assertThat(open(b, base + "/test/#" + revoked.get("code").asText())).isEqualTo("revoked");
        assertThat(result(b)).contains("Widerrufen", "Teilnahme nicht nachgewiesen", "2. Mai 2018", revoked.get("serial").asText());
        shot(b, "desktop-de-revoked");
    }

    @Test
    void anEarlierRevisionsPdfIsSupersededAndTheCurrentOneValid() throws Exception {
        Browser b = browser();
        assertThat(open(b, base + "/test/#" + reissued.get("code").asText())).isEqualTo("valid");
        b.chooseFile("#pdf", oldRevisionPdf);
        await("the answer to the PDF", () -> "superseded".equals(b.attribute("#result", "data-result")));
        assertThat(result(b)).contains("Ersetzt", "Revision 1", "Revision 2");
        shot(b, "desktop-de-superseded");
        open(b, base + "/test/#" + reissued.get("code").asText());
        b.chooseFile("#pdf", currentRevisionPdf);
        await("the answer to the PDF", () -> result(b).contains(currentRevisionPdf.getFileName().toString()));
        assertThat(answer(b)).isEqualTo("valid");
    }

    @Test
    void anUnknownCodeAndSomethingThatIsNoCodeSaySo() throws Exception {
        Browser b = browser();
        assertThat(open(b, base + "/test/#ZZZZ-ZZZZ-ZZZZ")).isEqualTo("unknown");
        assertThat(result(b)).contains("Unbekannt", "ZZZZ-ZZZZ-ZZZZ");
        shot(b, "desktop-de-unknown");
        assertThat(open(b, base + "/test/#hallo")).isEqualTo("notacode");
    }

    @Test
    void aGenuinePdfIsValidAndAnAlteredOneTampered() throws Exception {
        Browser b = browser();
        load(b, base + "/test/");
        b.type("#code", valid.get("code").asText());
        b.chooseFile("#pdf", validPdf);
        assertThat(answer(b)).isEqualTo("valid");
        assertThat(result(b)).contains(validPdf.getFileName().toString(), valid.get("fullName").asText());

        load(b, base + "/test/");
        b.type("#code", valid.get("code").asText());
        b.chooseFile("#pdf", alteredPdf);
        assertThat(answer(b)).isEqualTo("tampered");
        assertThat(result(b)).contains("Verändert").doesNotContain(valid.get("fullName").asText());
        shot(b, "desktop-de-tampered");
    }

    /**
     * Drops {@code pdf} on the drop zone as a file dragged from the desktop arrives: dragenter, dragover
     * and drop with a DataTransfer holding the file. Returns, per event, whether the page took it
     * (cancelled it: a browser drops only where dragover was cancelled), and whether the zone lit up.
     */
    static Map<?, ?> drop(Browser b, Path pdf) throws IOException {
        return (Map<?, ?>) b.script("""
                var bin = atob(arg.data), bytes = new Uint8Array(bin.length);
                for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
                var dt = new DataTransfer();
                dt.items.add(new File([bytes], arg.name, { type: "application/pdf" }));
                var zone = document.getElementById("drop"), taken = [], lit = false;
                ["dragenter", "dragover", "drop"].forEach(function (type) {
                  taken.push(!zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer: dt })));
                  if (type === "dragover") lit = zone.classList.contains("over");
                });
                return { taken: taken, lit: lit, unlit: !zone.classList.contains("over") };
                """, Map.of("name", pdf.getFileName().toString(), "data", Base64.getEncoder().encodeToString(Files.readAllBytes(pdf))));
    }

    @Test
    void aPdfDroppedOnThePageIsCheckedGenuineAsValidAlteredAsTampered() throws Exception {
        Browser b = browser();
        load(b, base + "/test/");
        Map<?, ?> dropped = drop(b, validPdf);
        assertThat(dropped.get("taken")).as("dragenter, dragover, drop accepted").isEqualTo(List.of(true, true, true));
        assertThat(dropped.get("lit")).as("the drop zone lights up while a file is over it").isEqualTo(true);
        assertThat(dropped.get("unlit")).as("and no longer after the drop").isEqualTo(true);
        assertThat(answer(b)).isEqualTo("valid");
        assertThat(result(b)).contains(validPdf.getFileName().toString(), valid.get("fullName").asText());
        assertThat(b.value("#code")).isEqualTo(valid.get("code").asText());

        load(b, base + "/test/");
        b.type("#code", valid.get("code").asText());
        drop(b, alteredPdf);
        assertThat(answer(b)).isEqualTo("tampered");
        assertThat(result(b)).contains("Verändert", alteredPdf.getFileName().toString()).doesNotContain(valid.get("fullName").asText());
    }

    @Test
    void aPdfWithoutATypedCodeIsMatchedByTheCodeItCarriesOrAsksForOne() throws Exception {
        Browser b = browser();
        load(b, base + "/test/");
        b.chooseFile("#pdf", validPdf);
        assertThat(answer(b)).isEqualTo("valid");
        assertThat(b.value("#code")).isEqualTo(valid.get("code").asText());

        load(b, base + "/test/");
        b.chooseFile("#pdf", OUT.resolve("anwesenheit-01.pdf"));   // a PDF without a code
        assertThat(answer(b)).isEqualTo("needcode");
        assertThat(result(b)).contains("Prüfcode");
    }

    @Test
    void theLanguageButtonSwitchesToEnglishAndBack() throws Exception {
        Browser b = browser();
        open(b, base + "/test/#" + revoked.get("code").asText());
        assertThat(b.text("h1")).isEqualTo("Zertifikat prüfen");
        assertThat(b.text("#lang")).isEqualTo("English");
        b.type("#lang", Browser.ENTER);   // by keyboard
        assertThat(b.attribute("html", "lang")).isEqualTo("en");
        assertThat(b.text("h1")).isEqualTo("Check a certificate");
        assertThat(b.text("label[for=code]")).isEqualTo("Verification code");
        assertThat(result(b)).contains("Revoked", "Reason", "2 May 2018");
        shot(b, "desktop-en-revoked");
        b.size(390, 844);
        try {
            shot(b, "phone-en-revoked");
        } finally {
            b.size(1280, 900);
        }
        b.click("#lang");
        assertThat(b.text("h1")).isEqualTo("Zertifikat prüfen");
    }

    @Test
    void anEnglishBrowserGetsTheEnglishPage() throws Exception {
        try (Browser english = engine.start("en-GB")) {
            assertThat(open(english, base + "/test/#" + valid.get("code").asText())).isEqualTo("valid");
            assertThat(english.text("h1")).isEqualTo("Check a certificate");
            assertThat(result(english)).contains("Valid", "Holder", "24 April 2018");
        }
    }

    @Test
    void thePagesDerivationMatchesTheSharedTestVectors() throws Exception {
        Browser b = browser();
        load(b, base + "/test/");
        JsonNode vectors;
        try (InputStream in = VerifySiteIT.class.getResourceAsStream("/org/coursekit/site/vectors.json")) {
            vectors = new ObjectMapper().readTree(in);
        }
        for (JsonNode v : vectors.get("vectors")) {
            Object got = b.script("""
                    var s = window.coursekitSite, code = s.normalise(arg.code);
                    var k = await s.derive(code, { salt: s.fromBase64(arg.salt), iterations: arg.iterations });
                    var file = s.fromBase64(arg.file);
                    var p = await crypto.subtle.decrypt({ name: "AES-GCM", iv: file.slice(0, 12), additionalData: new TextEncoder().encode(k.id) },
                                                        k.key, file.slice(12));
                    return [code, k.id, new TextDecoder().decode(p).trimEnd()];
                    """, Map.of("code", v.get("code").asText(), "salt", v.get("salt").asText(),
                    "iterations", v.get("iterations").asInt(), "file", v.get("file").asText()));
            assertThat(got).as(v.get("code").asText()).isEqualTo(List.of(v.get("normalised").asText(), v.get("id").asText(),
                    v.get("plaintext").asText()));
        }
        // what a check costs the browser: the derivation with the site's iteration count
        Object ms = b.script("""
                var t0 = performance.now();
                await window.coursekitSite.derive("7KQ2M9XD4TRA", { salt: new Uint8Array(16), iterations: arg });
                return performance.now() - t0;
                """, org.coursekit.app.SitePublisher.ITERATIONS);
        System.err.printf("VerifySiteIT: %s derives a record's name and key with %d iterations in %.1f ms%n",
                engine, org.coursekit.app.SitePublisher.ITERATIONS, ((Number) ms).doubleValue());
        assertThat(((Number) ms).doubleValue()).isLessThan(1000);
    }

    static synchronized Map<Path, String> qrTargets() throws IOException {
        if (qrTargets == null) {
            Map<Path, String> m = new java.util.LinkedHashMap<>();
            try (Stream<Path> s = Files.list(OUT.resolve("zertifikate"))) {
                for (Path pdf : s.filter(p -> p.toString().endsWith(".pdf")).sorted().toList()) {
                    m.put(pdf, Pdfs.qr(pdf, 0, 200));
                }
            }
            qrTargets = m;
        }
        return qrTargets;
    }

    @Test
    void everyExampleCertificatesQrCodeOpensItsOwnValidVerification() throws Exception {
        Browser b = browser();
        assertThat(qrTargets()).hasSizeGreaterThan(10);
        List<String> seen = new ArrayList<>();
        for (var pdf : qrTargets().entrySet()) {
            String target = pdf.getValue();
            assertThat(target).startsWith(EXAMPLE_URL + "#");
            assertThat(open(b, base + "/example/" + target.substring(EXAMPLE_URL.length())))
                    .as(pdf.getKey().getFileName().toString()).isEqualTo("valid");
            String serial = Pdfs.info(pdf.getKey(), "CoursekitSerial");
            assertThat(result(b)).contains(serial);
            seen.add(serial);
        }
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void thePageFetchesNothingButItsOwnSite() throws Exception {
        Browser b = browser();
        requests.clear();
        open(b, base + "/test/#" + valid.get("code").asText());
        Object others = b.script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
                + ".filter(function (n) { return n.indexOf(location.origin + '/') !== 0; });");
        assertThat((List<?>) others).isEmpty();
        assertThat(requests).allMatch(p -> p.equals("/test/") || p.equals("/test/site.json") || p.matches("/test/records/[0-9a-f]{64}\\.bin"));
        assertThat(String.join(" ", requests)).doesNotContain(valid.get("code").asText());
    }
}
