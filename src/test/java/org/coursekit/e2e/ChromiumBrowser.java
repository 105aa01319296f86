package org.coursekit.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Chromium through Selenium and chromedriver. */
final class ChromiumBrowser implements Browser {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** No "Unable to find CDP implementation" warnings: the tests use WebDriver only, not DevTools (held: a logger is kept weakly). */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");
    private final ChromeDriver driver;
    private final Path profile;

    ChromiumBrowser(Path chromium, Path chromedriver, String language) throws IOException {
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
        profile = Files.createTempDirectory("chromium");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--user-data-dir=" + profile,
                "--lang=" + language, "--window-size=1280,900");
        // less work of its own: one renderer process for all pages (they are all of one site), reused from page to
        // page rather than a new one for each (no back-forward cache, no spare renderer), the GPU code in the main
        // process, and none of the services that would start in the background (30 pages: 13 s of CPU instead of 21 s)
        o.addArguments("--renderer-process-limit=1", "--disable-site-isolation-trials", "--in-process-gpu",
                "--disable-features=BackForwardCache,SpareRendererForSitePerProcess,Translate,OptimizationHints,MediaRouter,"
                        + "DialMediaRouteProvider,CalculateNativeWinOcclusion,InterestFeedContentSuggestions,"
                        + "CertificateTransparencyComponentUpdater,AutofillServerCommunication,PrivacySandboxSettings4,LensOverlay",
                "--disable-extensions", "--disable-sync", "--disable-default-apps", "--mute-audio", "--no-default-browser-check",
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows", "--disable-background-timer-throttling",
                "--disable-ipc-flooding-protection", "--disable-hang-monitor", "--disable-breakpad",
                "--disable-client-side-phishing-detection", "--disable-domain-reliability", "--disable-dev-shm-usage",
                "--password-store=basic", "--metrics-recording-only", "--disable-field-trial-config");
        o.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
    }

    @Override
    public String version() {
        return "Chromium " + driver.getCapabilities().getBrowserVersion();
    }

    @Override
    public void get(String url) {
        driver.get(url);
    }

    @Override
    public Object script(String body, Object arg) {
        Object r;
        try {
            r = driver.executeAsyncScript("""
                    var json = arguments[0], done = arguments[1];
                    (async function (arg) { %s })(JSON.parse(json)).then(function (v) { done({ ok: v === undefined ? null : v }); },
                        function (e) { done({ error: String(e && e.stack || e) }); });
                    """.formatted(body), JSON.writeValueAsString(arg));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        Map<?, ?> m = (Map<?, ?>) r;
        if (m.containsKey("error")) {
            throw new IllegalStateException("script: " + m.get("error"));
        }
        return m.get("ok");
    }

    @Override
    public void type(String css, CharSequence keys) {
        driver.findElement(By.cssSelector(css)).sendKeys(keys);
    }

    @Override
    public void click(String css) {
        driver.findElement(By.cssSelector(css)).click();
    }

    @Override
    public void chooseFile(String css, Path file) {
        driver.findElement(By.cssSelector(css)).sendKeys(file.toAbsolutePath().toString());
    }

    @Override
    public void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    @Override
    public byte[] screenshot() {
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    @Override
    public void close() {
        driver.quit();
        FirefoxBidi.delete(profile);
    }
}
