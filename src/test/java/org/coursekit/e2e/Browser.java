package org.coursekit.e2e;

import java.nio.file.Path;
import java.util.Map;

/**
 * What VerifySiteIT does with a browser, the same for Chromium (Selenium and chromedriver) and for
 * Firefox (WebDriver BiDi, {@link FirefoxBidi}): open a page, run a script in it, type real keys, click,
 * choose a file, resize, take a screenshot.
 */
interface Browser extends AutoCloseable {
    /** The Enter key, in WebDriver's key codes (Selenium's {@code Keys.ENTER}). */
    String ENTER = "\uE007";

    /** The browser's name and version, e.g. "Firefox 153.8.0esr". */
    String version();

    /** Opens {@code url} and waits until the document has loaded. */
    void get(String url);

    /**
     * Runs {@code body}, the body of an async JavaScript function of {@code arg} (given as JSON, so
     * strings, numbers, lists and maps), and returns what it returns (String, Number, Boolean, List,
     * Map or null).
     */
    Object script(String body, Object arg);

    default Object script(String body) {
        return script(body, Map.of());
    }

    /** Focuses the element (as WebDriver's Element Send Keys does) and types {@code keys}, one key press each. */
    void type(String css, CharSequence keys);

    /** Clicks the element with the mouse. */
    void click(String css);

    /** Chooses {@code file} in the file input, as the file dialog would. */
    void chooseFile(String css, Path file);

    /** Sets the size of the page's viewport. */
    void size(int width, int height);

    /** A PNG of what the page shows. */
    byte[] screenshot();

    @Override
    void close() throws Exception;

    /** The element's text as it is shown (innerText), or null when there is no such element. */
    default String text(String css) {
        return (String) script("var e = document.querySelector(arg.css); return e ? e.innerText : null;", Map.of("css", css));
    }

    /** The element's attribute, or null. */
    default String attribute(String css, String name) {
        return (String) script("var e = document.querySelector(arg.css); return e ? e.getAttribute(arg.name) : null;",
                Map.of("css", css, "name", name));
    }

    /** What the input field holds. */
    default String value(String css) {
        return (String) script("return document.querySelector(arg.css).value;", Map.of("css", css));
    }
}
