package org.coursekit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The verification site of {@code certify publish} in a real browser: Debian's Chromium, headless,
 * driven by Selenium through Debian's chromedriver, the site served from 127.0.0.1 by a small HTTP
 * server. The example course (examples/ditzingen-2018/run.sh publishes out/zertifikat/) and a copy
 * of its register with a revoked and a reissued certificate. Skipped, saying so, where no Chromium
 * is installed. Screenshots go to target/verify-site-screenshots/.
 */
class VerifySiteIT {
    /** Debian's; COURSEKIT_TEST_CHROMIUM and COURSEKIT_TEST_CHROMEDRIVER name others. */
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("COURSEKIT_TEST_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("COURSEKIT_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path EXAMPLE = Path.of("examples", "ditzingen-2018").toAbsolutePath();
    static final Path OUT = EXAMPLE.resolve("out");
    static final Path SHOTS = Path.of("target", "verify-site-screenshots").toAbsolutePath();
    static final String EXAMPLE_URL = "https://www.ditzingen.example/zertifikat/";

    static Path work;
    static HttpServer server;
    static List<String> requests = new CopyOnWriteArrayList<>();
    static WebDriver browser;
    static String base;
    static JsonNode valid;
    static JsonNode revoked;
    static JsonNode reissued;
    static Path validPdf;
    static Path oldRevisionPdf;
    static Path currentRevisionPdf;

    @BeforeAll
    static void siteAndBrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "VerifySiteIT skipped: the browser tests need Chromium and its driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "); install them with: apt-get install chromium chromium-driver";
            System.err.println(why);
            Assumptions.abort(why);
        }
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
        browser = browser("de-DE");
        Files.createDirectories(SHOTS);
    }

    /** The example's run.sh, shared with ExampleRunIT (run once per test JVM: {@link ExampleRun}). */
    static void runExample() throws Exception {
        ExampleRun.Result run = ExampleRun.get();
        assertThat(run.exitCode()).as("run.sh\n%s\n%s", run.out(), run.err()).isZero();
        assertThat(OUT.resolve("zertifikat").resolve("index.html")).exists();
    }

    static WebDriver browser(String language) throws IOException {
        // no "Unable to find CDP implementation" warnings: the tests use WebDriver only, not DevTools
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--user-data-dir=" + Files.createTempDirectory("chromium"),
                "--lang=" + language, "--window-size=1280,900");
        o.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
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

    /** Opens {@code url} and waits for the page's answer; returns the result element. */
    static WebElement open(String url) {
        load(url);
        return answer();
    }

    /** Opens {@code url} (the page without a code: no answer to wait for). */
    static void load(String url) {
        browser.get("about:blank");
        browser.get(url);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> ((JavascriptExecutor) d).executeScript(
                "return !!window.coursekitSite;"));
    }

    static WebElement answer() {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            String r = d.findElement(By.id("result")).getAttribute("data-result");
            return r != null && !r.equals("working");
        });
        return browser.findElement(By.id("result"));
    }

    static String result(WebElement e) {
        return e.getAttribute("data-result");
    }

    static void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    static void choosePdf(Path pdf) {
        browser.findElement(By.id("pdf")).sendKeys(pdf.toAbsolutePath().toString());
    }

    @Test
    void aValidCodeInTheFragmentShowsHolderCourseOrganiserDateAndSerial() throws Exception {
        WebElement r = open(base + "/test/#" + valid.get("code").asText());
        assertThat(result(r)).isEqualTo("valid");
        assertThat(r.getText()).contains("Gültig", valid.get("fullName").asText(), valid.get("serial").asText(),
                "Bürgermentorenkurs Ditzingen 2018", "Stadt Ditzingen, Anlaufstelle Bürgerschaftliches Engagement", "24. April 2018");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        assertThat(r.getAttribute("aria-live")).isEqualTo("polite");
        shot("desktop-de-valid");
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            open(base + "/test/#" + valid.get("code").asText());
            shot("phone-de-valid");
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
            assertThat(overflow).as("no horizontal scrolling on a phone").isEqualTo(false);
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void aTypedCodeIsCheckedInAnyCaseWithoutDashes() {
        load(base + "/test/");
        assertThat(result(browser.findElement(By.id("result")))).isNull();
        WebElement label = browser.findElement(By.cssSelector("label[for=code]"));
        assertThat(label.getText()).isEqualTo("Prüfcode");
        WebElement input = browser.findElement(By.id("code"));
        input.sendKeys(valid.get("code").asText().replace("-", "").toLowerCase(), Keys.ENTER);
        WebElement r = answer();
        assertThat(result(r)).isEqualTo("valid");
        assertThat(r.getText()).contains(valid.get("serial").asText());
    }

    @Test
    void aRevokedCodeShowsTheDateAndReason() throws Exception {
        WebElement r = open(base + "/test/#" + revoked.get("code").asText());
        assertThat(result(r)).isEqualTo("revoked");
        assertThat(r.getText()).contains("Widerrufen", "Teilnahme nicht nachgewiesen", "2. Mai 2018", revoked.get("serial").asText());
        shot("desktop-de-revoked");
    }

    @Test
    void anEarlierRevisionsPdfIsSupersededAndTheCurrentOneValid() throws Exception {
        WebElement r = open(base + "/test/#" + reissued.get("code").asText());
        assertThat(result(r)).isEqualTo("valid");
        choosePdf(oldRevisionPdf);
        r = answer();
        assertThat(result(r)).isEqualTo("superseded");
        assertThat(r.getText()).contains("Ersetzt", "Revision 1", "Revision 2");
        shot("desktop-de-superseded");
        open(base + "/test/#" + reissued.get("code").asText());
        choosePdf(currentRevisionPdf);
        assertThat(result(answer())).isEqualTo("valid");
    }

    @Test
    void anUnknownCodeAndSomethingThatIsNoCodeSaySo() throws Exception {
        WebElement r = open(base + "/test/#ZZZZ-ZZZZ-ZZZZ");
        assertThat(result(r)).isEqualTo("unknown");
        assertThat(r.getText()).contains("Unbekannt", "ZZZZ-ZZZZ-ZZZZ");
        shot("desktop-de-unknown");
        assertThat(result(open(base + "/test/#hallo"))).isEqualTo("notacode");
    }

    @Test
    void aGenuinePdfIsValidAndAnAlteredOneTampered() throws Exception {
        load(base + "/test/");
        browser.findElement(By.id("code")).sendKeys(valid.get("code").asText());
        choosePdf(validPdf);
        WebElement r = answer();
        assertThat(result(r)).isEqualTo("valid");
        assertThat(r.getText()).contains(validPdf.getFileName().toString(), valid.get("fullName").asText());

        byte[] bytes = Files.readAllBytes(validPdf);
        bytes[bytes.length / 2] ^= 0x20;
        Path altered = Files.write(work.resolve("altered.pdf"), bytes);
        load(base + "/test/");
        browser.findElement(By.id("code")).sendKeys(valid.get("code").asText());
        choosePdf(altered);
        r = answer();
        assertThat(result(r)).isEqualTo("tampered");
        assertThat(r.getText()).contains("Verändert").doesNotContain(valid.get("fullName").asText());
        shot("desktop-de-tampered");
    }

    @Test
    void aPdfWithoutATypedCodeIsMatchedByTheCodeItCarriesOrAsksForOne() throws Exception {
        load(base + "/test/");
        choosePdf(validPdf);
        assertThat(result(answer())).isEqualTo("valid");
        assertThat(browser.findElement(By.id("code")).getAttribute("value")).isEqualTo(valid.get("code").asText());

        load(base + "/test/");
        choosePdf(OUT.resolve("anwesenheit-01.pdf"));   // a PDF without a code
        WebElement r = answer();
        assertThat(result(r)).isEqualTo("needcode");
        assertThat(r.getText()).contains("Prüfcode");
    }

    @Test
    void theLanguageButtonSwitchesToEnglishAndBack() throws Exception {
        WebElement r = open(base + "/test/#" + revoked.get("code").asText());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Zertifikat prüfen");
        WebElement button = browser.findElement(By.id("lang"));
        assertThat(button.getText()).isEqualTo("English");
        button.sendKeys(Keys.ENTER);   // by keyboard
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Check a certificate");
        assertThat(browser.findElement(By.cssSelector("label[for=code]")).getText()).isEqualTo("Verification code");
        r = browser.findElement(By.id("result"));
        assertThat(r.getText()).contains("Revoked", "Reason", "2 May 2018");
        shot("desktop-en-revoked");
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            shot("phone-en-revoked");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
        browser.findElement(By.id("lang")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Zertifikat prüfen");
    }

    @Test
    void anEnglishBrowserGetsTheEnglishPage() throws Exception {
        WebDriver english = browser("en-GB");
        try {
            english.get(base + "/test/#" + valid.get("code").asText());
            new WebDriverWait(english, Duration.ofSeconds(20)).until(d -> "valid".equals(
                    d.findElement(By.id("result")).getAttribute("data-result")));
            assertThat(english.findElement(By.tagName("h1")).getText()).isEqualTo("Check a certificate");
            assertThat(english.findElement(By.id("result")).getText()).contains("Valid", "Holder", "24 April 2018");
        } finally {
            english.quit();
        }
    }

    @Test
    void thePagesDerivationMatchesTheSharedTestVectors() throws Exception {
        load(base + "/test/");
        JsonNode vectors;
        try (InputStream in = VerifySiteIT.class.getResourceAsStream("/org/coursekit/site/vectors.json")) {
            vectors = new ObjectMapper().readTree(in);
        }
        for (JsonNode v : vectors.get("vectors")) {
            Object got = ((JavascriptExecutor) browser).executeAsyncScript("""
                    var done = arguments[arguments.length - 1], v = arguments[0], s = window.coursekitSite;
                    var code = s.normalise(v.code);
                    s.derive(code, { salt: s.fromBase64(v.salt), iterations: v.iterations }).then(function (k) {
                      var file = s.fromBase64(v.file);
                      return crypto.subtle.decrypt({ name: "AES-GCM", iv: file.slice(0, 12), additionalData: new TextEncoder().encode(k.id) },
                                                   k.key, file.slice(12)).then(function (p) {
                        done([code, k.id, new TextDecoder().decode(p).trimEnd()]);
                      });
                    }).catch(function (e) { done(["error", String(e), ""]); });
                    """, Map.of("code", v.get("code").asText(), "salt", v.get("salt").asText(),
                    "iterations", v.get("iterations").asInt(), "file", v.get("file").asText()));
            assertThat(got).as(v.get("code").asText()).isEqualTo(List.of(v.get("normalised").asText(), v.get("id").asText(),
                    v.get("plaintext").asText()));
        }
        // what a check costs the browser: the derivation with the site's iteration count
        Object ms = ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[arguments.length - 1], s = window.coursekitSite, t0 = performance.now();
                s.derive("7KQ2M9XD4TRA", { salt: new Uint8Array(16), iterations: arguments[0] }).then(function () {
                  done(performance.now() - t0);
                });
                """, org.coursekit.app.SitePublisher.ITERATIONS);
        System.err.printf("VerifySiteIT: the page derives a record's name and key with %d iterations in %.1f ms%n",
                org.coursekit.app.SitePublisher.ITERATIONS, ((Number) ms).doubleValue());
        assertThat(((Number) ms).doubleValue()).isLessThan(1000);
    }

    @Test
    void everyExampleCertificatesQrCodeOpensItsOwnValidVerification() throws Exception {
        List<Path> pdfs;
        try (Stream<Path> s = Files.list(OUT.resolve("zertifikate"))) {
            pdfs = s.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
        }
        assertThat(pdfs).hasSizeGreaterThan(10);
        List<String> seen = new ArrayList<>();
        for (Path pdf : pdfs) {
            String target = Pdfs.qr(pdf, 0, 200);
            assertThat(target).startsWith(EXAMPLE_URL + "#");
            WebElement r = open(base + "/example/" + target.substring(EXAMPLE_URL.length()));
            assertThat(result(r)).as(pdf.getFileName().toString()).isEqualTo("valid");
            String serial = Pdfs.info(pdf, "CoursekitSerial");
            assertThat(r.getText()).contains(serial);
            seen.add(serial);
        }
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void thePageFetchesNothingButItsOwnSite() {
        requests.clear();
        open(base + "/test/#" + valid.get("code").asText());
        Object others = ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
                        + ".filter(function (n) { return n.indexOf(location.origin + '/') !== 0; });");
        assertThat((List<?>) others).isEmpty();
        assertThat(requests).allMatch(p -> p.equals("/test/") || p.equals("/test/site.json") || p.matches("/test/records/[0-9a-f]{64}\\.bin"));
        assertThat(String.join(" ", requests)).doesNotContain(valid.get("code").asText());
    }
}
