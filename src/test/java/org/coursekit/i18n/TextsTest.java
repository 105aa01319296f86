package org.coursekit.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link Texts} reads a properties file as {@link Properties#load(java.io.Reader)} does. */
class TextsTest {
    private static Map<String, String> properties(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    private static Map<String, String> texts(String text) {
        Texts t = Texts.parse(text);
        Map<String, String> m = new HashMap<>();
        t.keys().forEach(k -> m.put(k, t.get(k)));
        return m;
    }

    @Test
    void everyPropertiesFileOfCoursekitReadsAsPropertiesReadsIt() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("src/main/resources"))) {
            files = s.filter(p -> p.toString().endsWith(".properties")).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("Messages.properties", "Messages_de.properties", "Help_de.properties");
        assertThat(texts(Files.readString(Path.of("src/main/resources/org/coursekit/i18n/Messages_de.properties"))))
                .containsEntry("error.prefix", "Fehler: {0}");
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertThat(texts(text)).as(f.toString()).isEqualTo(properties(text));
        }
    }

    @Test
    void continuationsSeparatorsEscapesAndCommentsReadAsPropertiesReadsThem() throws IOException {
        String text = "# comment \\\n"
                + "! other comment\n"
                + "   \n"
                + "plain=value\n"
                + "spaced  =  value with  spaces  \n"
                + "colon:value\n"
                + "blank value\n"
                + "empty=\n"
                + "lonely\n"
                + "esc\\=aped\\ key=a\\tb\\nc\\\\d\\u00e4\\q\n"
                + "joined=first \\\n"
                + "     second \\\n"
                + "\tthird\n"
                + "even=ends in one backslash \\\\\n"
                + "crlf=one\r\n"
                + "cr=two\r"
                + "last=no newline";
        assertThat(texts(text)).isEqualTo(properties(text))
                .containsEntry("joined", "first second third")
                .containsEntry("esc=aped key", "a\tb\nc\\dä\\q".replace("\\q", "q"))
                .containsEntry("cr", "two");
    }

    @Test
    void aMalformedUnicodeEscapeIsRefusedAsPropertiesRefusesIt() {
        assertThatThrownBy(() -> properties("k=\\u+123")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Texts.parse("k=\\u+123")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Texts.parse("k=\\u12")).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.strings().withChars("ab=:#! \t\f\\\n\ru0f9äЖ").ofMaxLength(60);
    }

    @Property(tries = 2000)
    void anyTextReadsAsPropertiesReadsIt(@ForAll("files") String text) throws IOException {
        Map<String, String> expected;
        try {
            expected = properties(text);
        } catch (IllegalArgumentException e) {
            assertThatThrownBy(() -> Texts.parse(text)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        assertThat(texts(text)).isEqualTo(expected);
    }

    @Property
    void whatPropertiesWritesReadsBack(@ForAll("entries") Map<String, String> entries) throws IOException {
        Properties p = new Properties();
        p.putAll(entries);
        StringWriter w = new StringWriter();
        p.store(w, "a comment\nover two lines");
        assertThat(texts(w.toString())).isEqualTo(entries);
    }

    @Provide
    Arbitrary<Map<String, String>> entries() {
        Arbitrary<String> s = Arbitraries.strings().withChars("ab =:#!\t\\\n\räЖ€").ofMaxLength(10);
        return Arbitraries.maps(s, s).ofMaxSize(6);
    }

    @Test
    void theBundleLooksUpItsOwnTextsThenItsParents() {
        ResourceBundle parent = Texts.parse("a=parent\nb=parent").bundle(null);
        ResourceBundle child = Texts.parse("a=child\nc=child").bundle(parent);
        assertThat(child.getString("a")).isEqualTo("child");
        assertThat(child.getString("b")).isEqualTo("parent");
        assertThat(java.util.Collections.list(child.getKeys())).containsExactlyInAnyOrder("a", "b", "c");
    }
}
