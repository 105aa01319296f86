package org.coursekit.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Headless Firefox through its own WebDriver BiDi ({@link FirefoxBidi}). */
final class FirefoxBrowser implements Browser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FirefoxBidi bidi;

    FirefoxBrowser(Path firefox, String language, Path log) throws IOException, InterruptedException {
        bidi = FirefoxBidi.start(firefox, language, log);
        size(1280, 900);
    }

    @Override
    public String version() {
        return "Firefox " + bidi.version;
    }

    @Override
    public void get(String url) {
        bidi.navigate(url);
    }

    @Override
    public Object script(String body, Object arg) {
        try {
            return bidi.call("function (json) { return (async function (arg) { " + body + " })(JSON.parse(json)); }",
                    JSON.writeValueAsString(arg));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void type(String css, CharSequence keys) {
        script("var e = document.querySelector(arg.css); e.focus(); if (e.setSelectionRange) e.setSelectionRange(e.value.length, e.value.length);",
                Map.of("css", css));
        bidi.keys(keys);
    }

    @Override
    public void click(String css) {
        bidi.click(css);
    }

    @Override
    public void chooseFile(String css, Path file) {
        bidi.setFiles(css, file);
    }

    @Override
    public void size(int width, int height) {
        bidi.viewport(width, height);
    }

    @Override
    public byte[] screenshot() {
        return bidi.screenshot();
    }

    @Override
    public void close() throws Exception {
        bidi.close();
    }
}
