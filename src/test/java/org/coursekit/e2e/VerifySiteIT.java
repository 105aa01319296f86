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
import java.util.EnumMap;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The verification site of {@code certify publish} in real browsers, each scenario in both: Debian's
 * Chromium, headless, driven by Selenium through Debian's chromedriver, and Debian's Firefox ESR,
 * headless, driven through its own WebDriver BiDi ({@link FirefoxBidi}, no geckodriver). The site is
 * served from 127.0.0.1 by a small HTTP server: the example course (examples/ditzingen-2018/run.sh
 * publishes out/zertifikat/) and a copy of its register with a revoked and a reissued certificate.
 * One browser process per browser for the whole class. A browser that is not installed is skipped,
 * saying so, and the end names the browsers it ran in. Screenshots, and Firefox's own output
 * (firefox-LANG.log), go to target/verify-site-screenshots/.
 */
class VerifySiteIT {
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

    static Path work;
    static HttpServer server;
    static List<String> requests = new CopyOnWriteArrayList<>();
    static final Map<Engine, Browser> browsers = new EnumMap<>(Engine.class);
    static String base;
    static JsonNode valid;
    static JsonNode revoked;
    static JsonNode reissued;
    static Path validPdf;
    static Path alteredPdf;
    static Path oldRevisionPdf;
    static Path currentRevisionPdf;
    /** The example certificates with the targets of their QR codes (read once, for both browsers). */
    static Map<Path, String> qrTargets;

    @BeforeAll
    static void site() throws Exception {
        List<String> skipped = Stream.of(Engine.values()).map(Engine::missing).filter(m -> m != null).toList();
        skipped.forEach(System.err::println);
        Assumptions.assumeTrue(skipped.size() < Engine.values().length, String.join("; ", skipped));
        assertThat(Path.of("target", "coursekit").toAbsolutePath()).as("run 'mvn package' first").isExecutable();
        runExample();
        work = Files.createTempDirectory("verify-site-it");

        // a copy of the example's register, with a revoked and a reissued certificate
        Cli cli = new Cli(work, "copy.db").clock(Cli.at(2018, 5, 2, 10, 0));
        cli.raw("--db=" + OUT.resolve("coursekit.db"), "db", "backup", work.resolve("copy.db").toString()).ok();
        JsonNode all = cli.run("certify", "list", "--json").ok().json();
        valid = all.get(0);
        revoked = all.get(1);
        reissued = all.get(2);
        validPdf = OUT.resolve("zertifikate").resolve(valid.get("file").asText());
        byte[] bytes = Files.readAllBytes(validPdf);
        bytes[bytes.length / 2] ^= 0x20;
        alteredPdf = Files.write(work.resolve("altered.pdf"), bytes);
        oldRevisionPdf = Files.copy(OUT.resolve("zertifikate").resolve(reissued.get("file").asText()), work.resolve("old.pdf"));
        cli.run("certify", "revoke", revoked.get("serial").asText(), "--reason=Teilnahme nicht nachgewiesen").ok();
        Path pdf2 = work.resolve("pdf2");
        cli.run("certify", "issue", "bm-2018", "--output=" + pdf2, "--reissue",
                "--only=" + reissued.get("participantId").asText()).ok();
        currentRevisionPdf = pdf2.resolve(reissued.get("file").asText());
        cli.run("certify", "publish", "--output=" + work.resolve("site")).ok();

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/example/", x -> serve(x, "/example/", OUT.resolve("zertifikat")));
        server.createContext("/test/", x -> serve(x, "/test/", work.resolve("site")));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        Files.createDirectories(SHOTS);
    }

    /** The example's run.sh, shared with ExampleRunIT (run once per test JVM: {@link ExampleRun}). */
    static void runExample() throws Exception {
        ExampleRun.Result run = ExampleRun.get();
        assertThat(run.exitCode()).as("run.sh\n%s\n%s", run.out(), run.err()).isZero();
        assertThat(OUT.resolve("zertifikat").resolve("index.html")).exists();
    }

    /** The German browser of {@code e}, started the first time a test asks for it; skips the test where it is not installed. */
    static Browser browser(Engine e) throws Exception {
        String missing = e.missing();
        Assumptions.assumeTrue(missing == null, missing);
        Browser b = browsers.get(e);
        if (b == null) {
            b = e.start("de-DE");
            browsers.put(e, b);
        }
        return b;
    }

    @AfterAll
    static void stop() throws Exception {
        // which browsers these tests ran in, and which were skipped
        List<String> ran = browsers.values().stream().map(Browser::version).toList();
        List<String> skipped = Stream.of(Engine.values()).filter(e -> e.missing() != null).map(e -> e.name().charAt(0)
                + e.name().substring(1).toLowerCase() + " (not installed)").toList();
        System.err.println("VerifySiteIT ran in " + (ran.isEmpty() ? "no browser" : String.join(" and ", ran))
                + (skipped.isEmpty() ? "" : "; skipped in " + String.join(" and ", skipped)));
        for (Browser b : browsers.values()) {
            b.close();
        }
        browsers.clear();
        if (server != null) {
            server.stop(0);
        }
    }

    /** Serves the files of {@code root} (GET only, no listing, nothing outside it), 404 for anything else. */
    static void serve(HttpExchange x, String prefix, Path root) throws IOException {
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

    static void shot(Browser b, Engine e, String name) throws IOException {
        Files.write(SHOTS.resolve(e.name().toLowerCase() + "-" + name + ".png"), b.screenshot());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Engine.class)
    void aValidCodeInTheFragmentShowsHolderCourseOrganiserDateAndSerial(Engine e) throws Exception {
        Browser b = browser(e);
        assertThat(open(b, base + "/test/#" + valid.get("code").asText())).isEqualTo("valid");
        assertThat(result(b)).contains("Gültig", valid.get("fullName").asText(), valid.get("serial").asText(),
                "Bürgermentorenkurs Ditzingen 2018", "Stadt Ditzingen, Anlaufstelle Bürgerschaftliches Engagement", "24. April 2018");
        assertThat(b.attribute("html", "lang")).isEqualTo("de");
        assertThat(b.attribute("#result", "aria-live")).isEqualTo("polite");
        shot(b, e, "desktop-de-valid");
        b.size(390, 844);
        try {
            open(b, base + "/test/#" + valid.get("code").asText());
            shot(b, e, "phone-de-valid");
            Object overflow = b.script("return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
            assertThat(overflow).as("no horizontal scrolling on a phone").isEqualTo(false);
        } finally {
            b.size(1280, 900);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Engine.class)
    void aTypedCodeIsCheckedInAnyCaseWithoutDashes(Engine e) throws Exception {
        Browser b = browser(e);
        load(b, base + "/test/");
        assertThat(b.attribute("#result", "data-result")).isNull();
        assertThat(b.text("label[for=code]")).isEqualTo("Prüfcode");
        b.type("#code", valid.get("code").asText().replace("-", "").toLowerCase() + Browser.ENTER);
        assertThat(answer(b)).isEqualTo("valid");
        assertThat(result(b)).contains(valid.get("serial").asText());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Engine.class)
    void aRevokedCodeShowsTheDateAndReason(Engine e) throws Exception {
        Browser b = browser(e);
        assertThat(open(b, base + "/test/#" + revoked.get("code").asText())).isEqualTo("revoked");
        assertThat(result(b)).contains("Widerrufen", "Teilnahme nicht nachgewiesen", "2. Mai 2018", revoked.get("serial").asText());
        shot(b, e, "desktop-de-revoked");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Engine.class)
    void anEarlierRevisionsPdfIsSupersededAndTheCurrentOneValid(Engine e) throws Exception {
        Browser b = browser(e);
        assertThat(open(b, base + "/test/#" + reissued.get("code").asText())).isEqualTo("valid");
        b.chooseFile("#pdf", oldRevisionPdf);
        await("the answer to the PDF", () -> "superseded".equals(b.attribute("#result", "data-result")));
        assertThat(result(b)).contains("Ersetzt", "Revision 1", "Revision 2");
        shot(b, e, "desktop-de-superseded");
        open(b, base + "/test/#" + reissued.get("code").asText());
        b.chooseFile("#pdf", currentRevisionPdf);
        await("the answer to the PDF", () -> result(b).contains(currentRevisionPdf.getFileName().toString()));
        assertThat(answer(b)).isEqualTo("valid");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Engine.class)
    void anUnknownCodeAndSomethingThatIsNoCodeSaySo(Engine e) throws Exception {
        Browser b = browser(e);
        assertThat(open(b, base + "/test/#ZZZZ-ZZZZ-ZZZZ")).isEqualTo("unknown");
        assertThat(result(b)).contains("Unbekannt", "ZZZZ-ZZZZ-ZZZZ");
        shot(b, e, "desktop-de-unknown");
        assertThat(open(b, base + "/test/#hallo")).isEqualTo("notacode");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Engine.class)
    void aGenuinePdfIsValidAndAnAlteredOneTampered(Engine e) throws Exception {
        Browser b = browser(e);
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
        shot(b, e, "desktop-de-tampered");
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

    @ParameterizedTest(name = "{0}")
    @EnumSource(Engine.class)
    void aPdfDroppedOnThePageIsCheckedGenuineAsValidAlteredAsTampered(Engine e) throws Exception {
        Browser b = browser(e);
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

    @ParameterizedTest(name = "{0}")
    @EnumSource(Engine.class)
    void aPdfWithoutATypedCodeIsMatchedByTheCodeItCarriesOrAsksForOne(Engine e) throws Exception {
        Browser b = browser(e);
        load(b, base + "/test/");
        b.chooseFile("#pdf", validPdf);
        assertThat(answer(b)).isEqualTo("valid");
        assertThat(b.value("#code")).isEqualTo(valid.get("code").asText());

        load(b, base + "/test/");
        b.chooseFile("#pdf", OUT.resolve("anwesenheit-01.pdf"));   // a PDF without a code
        assertThat(answer(b)).isEqualTo("needcode");
        assertThat(result(b)).contains("Prüfcode");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Engine.class)
    void theLanguageButtonSwitchesToEnglishAndBack(Engine e) throws Exception {
        Browser b = browser(e);
        open(b, base + "/test/#" + revoked.get("code").asText());
        assertThat(b.text("h1")).isEqualTo("Zertifikat prüfen");
        assertThat(b.text("#lang")).isEqualTo("English");
        b.type("#lang", Browser.ENTER);   // by keyboard
        assertThat(b.attribute("html", "lang")).isEqualTo("en");
        assertThat(b.text("h1")).isEqualTo("Check a certificate");
        assertThat(b.text("label[for=code]")).isEqualTo("Verification code");
        assertThat(result(b)).contains("Revoked", "Reason", "2 May 2018");
        shot(b, e, "desktop-en-revoked");
        b.size(390, 844);
        try {
            shot(b, e, "phone-en-revoked");
        } finally {
            b.size(1280, 900);
        }
        b.click("#lang");
        assertThat(b.text("h1")).isEqualTo("Zertifikat prüfen");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Engine.class)
    void anEnglishBrowserGetsTheEnglishPage(Engine e) throws Exception {
        Assumptions.assumeTrue(e.missing() == null, e.missing());
        try (Browser english = e.start("en-GB")) {
            assertThat(open(english, base + "/test/#" + valid.get("code").asText())).isEqualTo("valid");
            assertThat(english.text("h1")).isEqualTo("Check a certificate");
            assertThat(result(english)).contains("Valid", "Holder", "24 April 2018");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Engine.class)
    void thePagesDerivationMatchesTheSharedTestVectors(Engine e) throws Exception {
        Browser b = browser(e);
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
                e, org.coursekit.app.SitePublisher.ITERATIONS, ((Number) ms).doubleValue());
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

    @ParameterizedTest(name = "{0}")
    @EnumSource(Engine.class)
    void everyExampleCertificatesQrCodeOpensItsOwnValidVerification(Engine e) throws Exception {
        Browser b = browser(e);
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

    @ParameterizedTest(name = "{0}")
    @EnumSource(Engine.class)
    void thePageFetchesNothingButItsOwnSite(Engine e) throws Exception {
        Browser b = browser(e);
        requests.clear();
        open(b, base + "/test/#" + valid.get("code").asText());
        Object others = b.script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
                + ".filter(function (n) { return n.indexOf(location.origin + '/') !== 0; });");
        assertThat((List<?>) others).isEmpty();
        assertThat(requests).allMatch(p -> p.equals("/test/") || p.equals("/test/site.json") || p.matches("/test/records/[0-9a-f]{64}\\.bin"));
        assertThat(String.join(" ", requests)).doesNotContain(valid.get("code").asText());
    }
}
