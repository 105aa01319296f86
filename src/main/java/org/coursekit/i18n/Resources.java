package org.coursekit.i18n;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads coursekit's own resources that every command reads before it can print a word (its
 * messages, the command index): from the copies the build puts beside coursekit's jar (the folder
 * {@value #TEXTS}), else straight from the jar, opened once as a plain zip file.
 *
 * <p>{@link Class#getResourceAsStream} costs 5–10 ms the first time in a JVM: the class loader looks
 * for the name in every module of the JDK first, then opens the jar as a {@link java.util.jar.JarFile}
 * (its manifest, its signatures) behind a {@code jar:} URL. Opening the jar as a zip file still reads
 * its directory of some 600 entries in interpreted code (2 ms on Java 25, where no class of a short
 * command comes from the jar); the files beside it are read as files. They are used only when they
 * were made with this jar: the build names the jar's size in a stamp file there ({@code jar-SIZE.stamp})
 * and gives it the jar's modification time, so a folder left from another build, or a jar replaced since, reads
 * from the jar. Run from a folder of classes (the tests), or when neither has the name, this reads
 * through the class loader.
 */
public final class Resources {
    /** The folder beside the jar with copies of the resources this class reads (written by the build). */
    public static final String TEXTS = "texts";

    private static final Object LOCK = new Object();
    private static File texts;
    private static Path jarPath;
    private static ZipFile jar;
    private static boolean located;
    private static boolean jarOpened;

    private Resources() {
    }

    /** The resource {@code name} (absolute: "/org/coursekit/…"), or null when there is none. */
    public static InputStream open(String name) throws IOException {
        if (!name.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute resource name: " + name);
        }
        File folder;
        synchronized (LOCK) {
            if (!located) {
                located = true;
                jarPath = codeSource();
                texts = textsBeside(jarPath);
            }
            folder = texts;
        }
        if (folder != null) {
            InputStream in = openFile(new File(folder, name.substring(1)));
            if (in != null) {
                return in;
            }
        }
        ZipFile own;
        synchronized (LOCK) {
            if (!jarOpened) {
                jarOpened = true;
                jar = openJar(jarPath);
            }
            own = jar;
        }
        return open(own, name);
    }

    /** The file {@code file} to read, or null if there is none. */
    private static InputStream openFile(File file) {
        try {
            return new FileInputStream(file);
        } catch (IOException e) {
            return null;    // not among the copies: the jar has it, or nobody
        }
    }

    /**
     * The folder of copies beside {@code jar} if it was made with this jar, else null: its stamp,
     * {@code jar-SIZE.stamp}, names the jar's size and has the jar's modification time. (A few
     * {@code stat} calls and no file to read: this runs before anything is compiled, and reading
     * the size from the stamp's content through {@code Files} took 0.7 ms.)
     */
    static File textsBeside(Path jar) {
        if (jar == null) {
            return null;
        }
        File j = jar.toFile();
        File dir = new File(j.getParentFile(), TEXTS);
        long modified = j.lastModified();
        if (modified == 0 || !j.isFile()) {
            return null;
        }
        File stamp = new File(dir, "jar-" + j.length() + ".stamp");
        return stamp.lastModified() == modified ? dir : null;
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
