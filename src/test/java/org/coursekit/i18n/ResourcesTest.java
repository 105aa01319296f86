package org.coursekit.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Resources} reads from coursekit's jar what the class loader would find there, and the rest through it. */
class ResourcesTest {
    @TempDir
    Path dir;

    private Path jar(String name, String text) throws IOException {
        Path jar = dir.resolve("coursekit.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("org/coursekit/"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(name));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aResourceOfTheJarIsReadFromTheJar() throws IOException {
        try (ZipFile zip = Resources.openJar(jar("org/coursekit/i18n/Messages.properties", "greeting = Grüß Gott\n"))) {
            assertThat(read(Resources.open(zip, "/org/coursekit/i18n/Messages.properties"))).isEqualTo("greeting = Grüß Gott\n");
        }
    }

    @Test
    void whatTheJarLacksComesThroughTheClassLoader() throws IOException {
        String real = read(Resources.class.getResourceAsStream("/org/coursekit/i18n/Messages.properties"));
        assertThat(real).isNotEmpty();
        try (ZipFile zip = Resources.openJar(jar("org/coursekit/other.txt", "x"))) {
            assertThat(read(Resources.open(zip, "/org/coursekit/i18n/Messages.properties"))).isEqualTo(real);
            assertThat(Resources.open(zip, "/org/coursekit/nothing-here.txt")).isNull();
        }
    }

    @Test
    void aFolderOfClassesOrAFileThatIsNoZipIsLeftToTheClassLoader() throws IOException {
        assertThat(Resources.openJar(dir)).isNull();
        assertThat(Resources.openJar(Files.writeString(dir.resolve("broken.jar"), "not a zip"))).isNull();
        assertThat(Resources.openJar(null)).isNull();
        assertThat(read(Resources.open("/org/coursekit/i18n/Messages.properties")))
                .isEqualTo(read(Resources.class.getResourceAsStream("/org/coursekit/i18n/Messages.properties")));
    }

    /** The copies beside a jar, as the build leaves them: a stamp named after the jar's size, with the jar's time. */
    private Path textsFor(Path jar, long size, long modified) throws IOException {
        Path texts = jar.resolveSibling(Resources.TEXTS);
        Files.createDirectories(texts);
        Path stamp = Files.createFile(texts.resolve("jar-" + size + ".stamp"));
        assertThat(jar.toFile().setLastModified(1_700_000_000_000L)).isTrue();
        assertThat(stamp.toFile().setLastModified(modified)).isTrue();
        return texts;
    }

    @Test
    void theCopiesBesideTheJarAreReadWhenTheirStampNamesThisJar() throws IOException {
        Path jar = jar("org/coursekit/i18n/Messages.properties", "greeting = Grüß Gott\n");
        Path texts = textsFor(jar, Files.size(jar), 1_700_000_000_000L);
        assertThat(Resources.textsBeside(jar)).isEqualTo(texts.toFile());
    }

    @Test
    void copiesFromAnotherBuildAreNotRead() throws IOException {
        Path jar = jar("org/coursekit/i18n/Messages.properties", "greeting = Grüß Gott\n");
        textsFor(jar, Files.size(jar) + 1, 1_700_000_000_000L);
        assertThat(Resources.textsBeside(jar)).as("another size").isNull();
    }

    @Test
    void copiesOlderOrNewerThanTheJarAreNotRead() throws IOException {
        Path jar = jar("org/coursekit/i18n/Messages.properties", "greeting = Grüß Gott\n");
        textsFor(jar, Files.size(jar), 1_700_000_001_000L);
        assertThat(Resources.textsBeside(jar)).as("another time").isNull();
    }

    @Test
    void withoutCopiesOrJarThereIsNoFolder() throws IOException {
        Path jar = jar("org/coursekit/i18n/Messages.properties", "greeting = Grüß Gott\n");
        assertThat(Resources.textsBeside(jar)).isNull();
        assertThat(Resources.textsBeside(dir.resolve("missing.jar"))).isNull();
        assertThat(Resources.textsBeside(null)).isNull();
        Files.createDirectories(dir.resolve("classes"));
        assertThat(Resources.textsBeside(dir.resolve("classes"))).as("a folder of classes").isNull();
    }

    /** A class from an AOT cache made for another installation names that one's jar: its resources are not read. */
    @Test
    void onlyAJarOnTheClassPathIsReadDirectly() {
        Path here = dir.resolve("install/coursekit.jar");
        String sep = java.io.File.pathSeparator;
        assertThat(Resources.onClassPath(here, here.toString())).isTrue();
        assertThat(Resources.onClassPath(here, "/elsewhere/a.jar" + sep + dir.resolve("install/../install/coursekit.jar"))).isTrue();
        assertThat(Resources.onClassPath(dir.resolve("old-install/coursekit.jar"), here.toString())).isFalse();
        assertThat(Resources.onClassPath(here, "")).isFalse();
    }

    @Test
    void aRelativeNameIsRefused() {
        assertThatThrownBy(() -> Resources.open("Messages.properties")).isInstanceOf(IllegalArgumentException.class);
    }
}
