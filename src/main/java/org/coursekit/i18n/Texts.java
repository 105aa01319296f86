package org.coursekit.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The texts of a UTF-8 properties file, read as {@link java.util.Properties#load(java.io.Reader)}
 * reads them (the same keys and values: {@code TextsTest} compares them), but in a fraction of its
 * time: the file is decoded at once and cut at its line ends, instead of being read character by
 * character through a reader. Every command reads one or two of these files before it can print a
 * word, so this is start-up time.
 */
public final class Texts {
    private final Map<String, String> values;

    private Texts(Map<String, String> values) {
        this.values = values;
    }

    /** The resources read in this JVM: a JVM that runs many commands (the tests) reads each once. */
    private static final Map<String, Texts> READ = new ConcurrentHashMap<>();

    /**
     * The texts of the class-path resource {@code name} (absolute, "/org/…"); none when it is missing.
     * Read once per JVM: they are coursekit's own files, and Texts do not change.
     */
    public static Texts resource(String name) {
        Texts t = READ.get(name);
        if (t == null) {
            t = read(name);
            READ.putIfAbsent(name, t);
        }
        return t;
    }

    private static Texts read(String name) {
        try (InputStream in = Resources.open(name)) {
            return parse(in == null ? new byte[0] : in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
        return values.get(key);
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** These texts as a resource bundle (picocli's help texts), looking up in {@code parent} what they lack. */
    public ResourceBundle bundle(ResourceBundle fallback) {
        return new ResourceBundle() {
            {
                setParent(fallback);
            }

            @Override
            protected Object handleGetObject(String key) {
                return values.get(key);
            }

            @Override
            protected Set<String> handleKeySet() {
                return values.keySet();
            }

            @Override
            public Enumeration<String> getKeys() {
                Set<String> all = new java.util.LinkedHashSet<>(values.keySet());
                if (parent != null) {
                    all.addAll(parent.keySet());
                }
                return Collections.enumeration(all);
            }
        };
    }

    /** The properties in {@code text}: the syntax of {@link java.util.Properties#load(java.io.Reader)}. */
    static Texts parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The properties in the UTF-8 bytes {@code b}, split into logical lines exactly as Properties'
     * line reader splits them (a port of its state machine). It works on the bytes, not on decoded
     * text: this runs before the JIT compiler has compiled anything, and the interpreter steps through
     * an array several times faster than through a decoder (in UTF-8 no byte of a multi-byte
     * character is ASCII, so line ends, separators and backslashes can be found among the bytes).
     */
    static Texts parse(byte[] b) {
        Map<String, String> values = new HashMap<>(1024);
        byte[] line = new byte[256];
        int n = b.length;
        int off = 0;
        boolean skipLF = false;
        while (true) {
            // one logical line into line[0, len), or none at the end
            int len = 0;
            boolean skipWhiteSpace = true;
            boolean appendedLineBegin = false;
            boolean precedingBackslash = false;
            boolean done = false;
            while (true) {
                if (off >= n) {
                    if (len == 0) {
                        done = true;
                    } else if (precedingBackslash) {
                        len--;
                    }
                    break;
                }
                byte c = b[off++];
                if (skipLF) {
                    skipLF = false;
                    if (c == '\n') {
                        continue;
                    }
                }
                if (skipWhiteSpace) {
                    if (c == ' ' || c == '\t' || c == '\f' || !appendedLineBegin && (c == '\r' || c == '\n')) {
                        continue;
                    }
                    skipWhiteSpace = false;
                    appendedLineBegin = false;
                }
                if (len == 0 && (c == '#' || c == '!')) {     // a comment: to the end of its line
                    while (off < n && b[off] != '\n' && b[off] != '\r') {
                        off++;
                    }
                    if (off < n && b[off++] == '\r') {
                        skipLF = true;
                    }
                    skipWhiteSpace = true;
                    continue;
                }
                if (c != '\n' && c != '\r') {
                    if (len == line.length) {
                        line = java.util.Arrays.copyOf(line, len * 2);
                    }
                    line[len++] = c;
                    precedingBackslash = c == '\\' && !precedingBackslash;
                    continue;
                }
                if (len == 0) {             // an empty line
                    skipWhiteSpace = true;
                    continue;
                }
                if (off >= n) {
                    if (precedingBackslash) {
                        len--;
                    }
                    break;
                }
                if (!precedingBackslash) {
                    if (c == '\r') {
                        skipLF = true;
                    }
                    break;
                }
                len--;                      // a backslash at the end: the next line continues this one
                skipWhiteSpace = true;
                appendedLineBegin = true;
                precedingBackslash = false;
                if (c == '\r') {
                    skipLF = true;
                }
            }
            if (done) {
                return new Texts(values);
            }
            entry(line, 0, len, values);
        }
    }

    private static void entry(byte[] line, int start, int end, Map<String, String> values) {
        int keyEnd = start;
        int valueStart = end;
        boolean separator = false;
        boolean precedingBackslash = false;
        while (keyEnd < end) {
            byte c = line[keyEnd];
            if ((c == '=' || c == ':') && !precedingBackslash) {
                valueStart = keyEnd + 1;
                separator = true;
                break;
            } else if ((c == ' ' || c == '\t' || c == '\f') && !precedingBackslash) {
                valueStart = keyEnd + 1;
                break;
            }
            precedingBackslash = c == '\\' && !precedingBackslash;
            keyEnd++;
        }
        while (valueStart < end) {
            byte c = line[valueStart];
            if (c != ' ' && c != '\t' && c != '\f') {
                if (!separator && (c == '=' || c == ':')) {
                    separator = true;
                } else {
                    break;
                }
            }
            valueStart++;
        }
        values.put(text(line, start, keyEnd), text(line, valueStart, end));
    }

    /** The bytes from {@code from} to {@code to} decoded, their escapes resolved. */
    private static String text(byte[] b, int from, int to) {
        String s = new String(b, from, to - from, StandardCharsets.UTF_8);
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                return unescape(s, 0, s.length());
            }
        }
        return s;
    }

    private static String unescape(String s, int from, int to) {
        int slash = s.indexOf('\\', from);
        if (slash < 0 || slash >= to) {
            return s.substring(from, to);
        }
        StringBuilder out = new StringBuilder(to - from);
        out.append(s, from, slash);
        int i = slash;
        while (i < to) {
            char c = s.charAt(i++);
            if (c != '\\' || i == to) {
                if (c != '\\') {
                    out.append(c);
                }
                continue;
            }
            c = s.charAt(i++);
            switch (c) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        int digit = i < to ? hex(s.charAt(i++)) : -1;
                        if (digit < 0) {
                            throw new IllegalArgumentException("Malformed \\uxxxx encoding.");
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        } else if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
