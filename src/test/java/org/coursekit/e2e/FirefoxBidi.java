package org.coursekit.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small WebDriver BiDi client for Firefox, which speaks the protocol itself (no geckodriver): starts
 * {@code firefox --headless --remote-debugging-port=0} on a fresh profile, reads the port it prints
 * ("WebDriver BiDi listening on ws://127.0.0.1:PORT"), opens a session over a WebSocket and sends
 * commands as JSON ({@code {"id", "method", "params"}}), each answered by a message with the same id.
 * Events are not used. See https://w3c.github.io/webdriver-bidi/.
 */
final class FirefoxBidi implements AutoCloseable {
    static final Duration START = Duration.ofSeconds(60);
    static final Duration COMMAND = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    /** The browsing context (tab) the commands go to. */
    final String context;
    /** Firefox's version, as the session reports it. */
    final String version;

    private FirefoxBidi(Process process, Path profile, String url) throws IOException {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(START)
                .buildAsync(URI.create(url + "/session"), new Listener()).join();
        version = send("session.new", Map.of("capabilities", Map.of())).path("capabilities").path("browserVersion").asText();
        // a window of our own: the one headless Firefox starts with never gets the focus (document.hasFocus() stays
        // false: no focus events, and Enter on a focused button does nothing), a window opened in the foreground does
        String first = send("browsingContext.getTree", Map.of()).get("contexts").get(0).get("context").asText();
        context = send("browsingContext.create", Map.of("type", "window", "background", false)).get("context").asText();
        send("browsingContext.close", Map.of("context", first));
    }

    /**
     * Starts {@code binary} headless on a fresh profile whose preferences ask for {@code language}
     * (navigator.language) and switch off what would reach the network on its own; its output goes to
     * {@code log}.
     */
    static FirefoxBidi start(Path binary, String language, Path log) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("firefox-profile");
        Files.writeString(profile.resolve("user.js"), prefs(Map.ofEntries(
                Map.entry("intl.accept_languages", language),
                Map.entry("app.update.auto", false),
                Map.entry("app.update.checkInstallTime", false),
                Map.entry("app.normandy.enabled", false),
                Map.entry("browser.shell.checkDefaultBrowser", false),
                Map.entry("browser.startup.homepage_override.mstone", "ignore"),
                Map.entry("browser.safebrowsing.update.enabled", false),
                Map.entry("datareporting.policy.dataSubmissionEnabled", false),
                Map.entry("datareporting.healthreport.uploadEnabled", false),
                Map.entry("toolkit.telemetry.enabled", false),
                Map.entry("network.captive-portal-service.enabled", false),
                Map.entry("network.connectivity-service.enabled", false),
                Map.entry("messaging-system.rsexperimentloader.enabled", false),
                Map.entry("extensions.update.enabled", false),
                Map.entry("services.settings.server", "data:,#remote-settings-dummy/v1"),
                // less work of its own: one content process for all pages (they are all of one site), none started
                // in advance, no socket process, no lists of dangerous sites or trackers, no disk cache, no form
                // autofill or saved passwords (10 pages: 12 s of CPU instead of 14 s, 8 processes instead of 20)
                Map.entry("fission.autostart", false),
                Map.entry("dom.ipc.processCount", 1),
                Map.entry("dom.ipc.processPrelaunch.enabled", false),
                Map.entry("browser.newtab.preload", false),
                Map.entry("browser.newtabpage.enabled", false),
                Map.entry("network.process.enabled", false),
                Map.entry("browser.safebrowsing.malware.enabled", false),
                Map.entry("browser.safebrowsing.phishing.enabled", false),
                Map.entry("browser.safebrowsing.blockedURIs.enabled", false),
                Map.entry("browser.safebrowsing.downloads.enabled", false),
                Map.entry("browser.contentblocking.category", "custom"),
                Map.entry("privacy.trackingprotection.enabled", false),
                Map.entry("browser.places.importBookmarksHTML", false),
                Map.entry("browser.sessionstore.resume_from_crash", false),
                Map.entry("browser.cache.disk.enable", false),
                Map.entry("browser.search.update", false),
                Map.entry("extensions.pocket.enabled", false),
                Map.entry("extensions.formautofill.addresses.enabled", false),
                Map.entry("extensions.formautofill.creditCards.enabled", false),
                Map.entry("signon.rememberSignons", false))));
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--headless", "--no-remote", "--profile", profile.toString(),
                "--remote-debugging-port=0", "about:blank");
        pb.redirectErrorStream(true);
        pb.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IOException("Firefox ended before it listened for WebDriver BiDi; see " + log));
        }, "firefox-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new FirefoxBidi(p, profile, url.get(START.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("could not start " + binary + " for WebDriver BiDi (see " + log + "): " + e, e);
        }
    }

    private static String prefs(Map<String, Object> prefs) throws IOException {
        StringBuilder s = new StringBuilder();
        for (var e : prefs.entrySet()) {
            s.append("user_pref(").append(JSON.writeValueAsString(e.getKey())).append(", ")
                    .append(JSON.writeValueAsString(e.getValue())).append(");\n");
        }
        return s.toString();
    }

    /** Sends a command and waits for its result; an error answer is thrown as an {@link IllegalStateException}. */
    synchronized JsonNode send(String method, Object params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        try {
            socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).join();
            JsonNode m = answer.get(COMMAND.toSeconds(), TimeUnit.SECONDS);
            if ("error".equals(m.path("type").asText())) {
                throw new IllegalStateException(method + ": " + m.path("error").asText() + ": " + m.path("message").asText());
            }
            return m.get("result");
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(method + ": no answer from Firefox: " + e, e);
        } finally {
            waiting.remove(id);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(text.toString());
                    CompletableFuture<JsonNode> f = m.has("id") ? waiting.get(m.get("id").asInt()) : null;
                    if (f != null) {
                        f.complete(m);
                    }
                } catch (IOException e) {
                    waiting.values().forEach(f -> f.completeExceptionally(e));
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            waiting.values().forEach(f -> f.completeExceptionally(new IOException("WebSocket closed: " + status + " " + reason)));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            waiting.values().forEach(f -> f.completeExceptionally(error));
        }
    }

    // ---- the commands the tests use ---------------------------------------------------------------

    /** Opens {@code url} and waits until the document has loaded. */
    void navigate(String url) {
        send("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"));
    }

    /**
     * Calls {@code function} (a JavaScript function declaration) with the arguments (strings, numbers,
     * booleans), awaiting a promise it returns; returns its result as plain Java values (String,
     * Number, Boolean, List, Map, null), or for a DOM node its shared id. A thrown exception is
     * thrown as an {@link IllegalStateException}.
     */
    Object call(String function, Object... args) {
        List<Object> values = new ArrayList<>();
        for (Object a : args) {
            values.add(a == null ? Map.of("type", "null")
                    : Map.of("type", a instanceof String ? "string" : a instanceof Number ? "number" : "boolean", "value", a));
        }
        JsonNode r = send("script.callFunction", Map.of("functionDeclaration", function, "arguments", values,
                "target", Map.of("context", context), "awaitPromise", true, "resultOwnership", "none",
                "serializationOptions", Map.of("maxObjectDepth", 10)));
        if ("exception".equals(r.path("type").asText())) {
            throw new IllegalStateException("script: " + r.path("exceptionDetails").path("text").asText());
        }
        return value(r.get("result"));
    }

    /** A remote value (https://w3c.github.io/webdriver-bidi/#type-script-RemoteValue) as a Java value. */
    static Object value(JsonNode v) {
        JsonNode x = v.get("value");
        switch (v.get("type").asText()) {
            case "undefined", "null":
                return null;
            case "string":
                return x.asText();
            case "boolean":
                return x.asBoolean();
            case "number":
                return x.isNumber() ? x.numberValue() : Double.valueOf(x.asText());   // NaN, -0, Infinity, -Infinity
            case "array":
                List<Object> list = new ArrayList<>();
                x.forEach(e -> list.add(value(e)));
                return list;
            case "object":
                Map<String, Object> map = new LinkedHashMap<>();
                x.forEach(kv -> map.put(kv.get(0).isTextual() ? kv.get(0).asText() : String.valueOf(value(kv.get(0))), value(kv.get(1))));
                return map;
            case "node":
                return v.get("sharedId").asText();
            default:
                return v.get("type").asText();
        }
    }

    /** The shared id of the first element {@code css} selects (scrolled into view), for the input commands. */
    String element(String css) {
        Object id = call("function (css) { var e = document.querySelector(css); if (e) e.scrollIntoView({ block: 'center' }); return e; }", css);
        if (id == null) {
            throw new IllegalStateException("no element " + css);
        }
        return (String) id;
    }

    /** Clicks the middle of the element with the (virtual) mouse. */
    void click(String css) {
        Map<String, Object> at = Map.of("type", "element", "element", Map.of("sharedId", element(css)));
        perform(Map.of("type", "pointer", "id", "mouse", "parameters", Map.of("pointerType", "mouse"), "actions", List.of(
                Map.of("type", "pointerMove", "x", 0, "y", 0, "origin", at),
                Map.of("type", "pointerDown", "button", 0),
                Map.of("type", "pointerUp", "button", 0))));
    }

    /** Presses and releases one key per character, as a keyboard would, into whatever has the focus. */
    void keys(CharSequence text) {
        List<Object> actions = new ArrayList<>();
        text.codePoints().forEach(c -> {
            String key = new String(Character.toChars(c));
            actions.add(Map.of("type", "keyDown", "value", key));
            actions.add(Map.of("type", "keyUp", "value", key));
        });
        perform(Map.of("type", "key", "id", "keyboard", "actions", actions));
    }

    private void perform(Object source) {
        send("input.performActions", Map.of("context", context, "actions", List.of(source)));
        send("input.releaseActions", Map.of("context", context));
    }

    /** Sets the files of a file input, as choosing them would (input and change events). */
    void setFiles(String css, Path... files) {
        send("input.setFiles", Map.of("context", context, "element", Map.of("sharedId", element(css)),
                "files", Stream.of(files).map(f -> f.toAbsolutePath().toString()).toList()));
    }

    void viewport(int width, int height) {
        send("browsingContext.setViewport", Map.of("context", context, "viewport", Map.of("width", width, "height", height)));
    }

    /** A PNG of what the viewport shows. */
    byte[] screenshot() {
        return java.util.Base64.getDecoder().decode(send("browsingContext.captureScreenshot", Map.of("context", context)).get("data").asText());
    }

    /** Ends the browser (browser.close), then its process, and removes the profile. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            send("browser.close", Map.of());
        } catch (IllegalStateException e) {
            // the socket may close before the answer arrives
        }
        socket.abort();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        delete(profile);
    }

    /**
     * Removes a browser's profile folder, trying again for a second while the ending browser still writes
     * into it; one left over is harmless.
     */
    static void delete(Path profile) {
        for (int attempt = 0; attempt < 5 && Files.exists(profile); attempt++) {
            try (Stream<Path> s = Files.walk(profile)) {
                for (Iterator<Path> i = s.sorted(Comparator.reverseOrder()).iterator(); i.hasNext(); ) {
                    Files.deleteIfExists(i.next());
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
