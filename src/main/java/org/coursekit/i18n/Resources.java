package org.coursekit.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads coursekit's own resources that every command reads before it can print a word (its
 * messages, the command index) straight from coursekit's jar, opened once as a plain zip file.
 *
 * <p>{@link Class#getResourceAsStream} costs 5–10 ms the first time in a JVM: the class loader looks
 * for the name in every module of the JDK first, then opens the jar as a {@link java.util.jar.JarFile}
 * (its manifest, its signatures) behind a {@code jar:} URL. On Java 25 with its AOT cache no class
 * of a short command comes from the jar, so the command's own thread no longer waits for that (the
 * SQLite driver's start still asks the class loader for a file of its own, in its thread). Run from
 * a folder of classes (the tests), or when the jar lacks the name, this reads through the class loader.
 */
public final class Resources {
    private static final Object LOCK = new Object();
    private static ZipFile jar;
    private static boolean opened;

    private Resources() {
    }

    /** The resource {@code name} (absolute: "/org/coursekit/…"), or null when there is none. */
    public static InputStream open(String name) throws IOException {
        ZipFile own;
        synchronized (LOCK) {
            if (!opened) {
                opened = true;
                jar = openJar(codeSource());
            }
            own = jar;
        }
        return open(own, name);
    }

    /** The resource {@code name} from {@code jar} (null: none), else through the class loader. */
    static InputStream open(ZipFile jar, String name) throws IOException {
        if (!name.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute resource name: " + name);
        }
        if (jar != null) {
            ZipEntry e = jar.getEntry(name.substring(1));
            if (e != null && !e.isDirectory()) {
                return jar.getInputStream(e);
            }
        }
        return Resources.class.getResourceAsStream(name);
    }

    /** The zip file at {@code location}, kept open for the JVM's life; null if it is none (a folder, say). */
    static ZipFile openJar(Path location) {
        if (location == null || !Files.isRegularFile(location)) {
            return null;
        }
        try {
            return new ZipFile(location.toFile());
        } catch (IOException e) {
            return null;    // the class loader reads it then
        }
    }

    /**
     * Where this class was loaded from (coursekit's jar, or its folder of classes), if that is on
     * the class path; null if unknown. A class from an AOT cache or CDS archive says where it was
     * when the cache was made: for an installation since copied elsewhere with its caches, that is
     * the other installation's jar, which may be another version (the class loader reads this one's).
     */
    private static Path codeSource() {
        try {
            var source = Resources.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path location = Path.of(source.getLocation().toURI());
            return onClassPath(location, System.getProperty("java.class.path", "")) ? location : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Whether {@code location} is one of the entries of the class path {@code classPath}. */
    static boolean onClassPath(Path location, String classPath) {
        Path wanted = location.toAbsolutePath().normalize();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && Path.of(entry).toAbsolutePath().normalize().equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
