package org.coursekit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;
import org.sqlite.SQLiteJDBCLoader;

/**
 * coursekit's copies of three classes of sqlite-jdbc (src/main/java/org/sqlite), which come before
 * the driver's own on the class path and make its start shorter: they must be the ones loaded,
 * keep every member of the originals, and be checked again when the driver changes.
 */
class ShadowedDriverClassesTest {
    /** The driver version the copies were written for: with another, compare them with its sources and update this. */
    static final String WRITTEN_FOR = "3.54.1.0";

    @Test
    void theDriverIsTheVersionTheCopiesWereWrittenFor() throws Exception {
        assertThat(versionInTheDriversJar())
                .as("sqlite-jdbc changed: compare src/main/java/org/sqlite/** with the new version's classes, then update WRITTEN_FOR")
                .isEqualTo(WRITTEN_FOR);
    }

    @Test
    void theDriverIsToldTheVersionItsJarNamesWithoutReadingIt() throws Exception {
        assertThat(SQLiteJDBCLoader.getVersion()).isEqualTo(versionInTheDriversJar());
        assertThat(SQLiteJDBCLoader.getMajorVersion()).isEqualTo(3);
    }

    /** The version in the driver's own jar, read as the driver's own VersionHolder reads it. */
    private static String versionInTheDriversJar() throws Exception {
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(driverJar().toFile());
             var in = jar.getInputStream(jar.getEntry("META-INF/maven/org.xerial/sqlite-jdbc/pom.properties"))) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version").trim();
        }
    }

    private static Path driverJar() throws Exception {
        return Path.of(SQLiteJDBCLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"org.sqlite.util.LoggerFactory", "org.sqlite.SQLiteConnectionConfig", "org.sqlite.SQLiteJDBCLoader$VersionHolder"})
    void ourCopyIsTheOneLoadedAndHasEveryMemberOfTheDriversOwn(String name) throws Exception {
        Class<?> ours = Class.forName(name);
        Path driverJar = driverJar();
        assertThat(Path.of(ours.getProtectionDomain().getCodeSource().getLocation().toURI())).isNotEqualTo(driverJar);
        try (URLClassLoader jar = new URLClassLoader(new URL[] {driverJar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> theirs = jar.loadClass(name);
            assertThat(signatures(ours)).containsAll(signatures(theirs));
            assertThat(ours.getSuperclass().getName()).isEqualTo(theirs.getSuperclass().getName());
            assertThat(names(ours.getInterfaces())).isEqualTo(names(theirs.getInterfaces()));
        }
    }

    @Test
    void aConnectionNoLongerMakesTheDateFormatButDatesStillUseIt() throws Exception {
        Properties p = new Properties();
        p.setProperty("date_class", "text");
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite::memory:", p)) {
            SQLiteConnectionConfig config = ((SQLiteConnection) c).getConnectionConfig();
            Field made = SQLiteConnectionConfig.class.getDeclaredField("dateFormat");
            made.setAccessible(true);
            assertThat(made.get(config)).as("made with the connection").isNull();

            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (at TEXT)");
            }
            Timestamp at = Timestamp.valueOf("2026-12-02 10:20:30.5");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
                ps.setTimestamp(1, at);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT at FROM t")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("2026-12-02 10:20:30.500");   // the driver's default pattern
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT at FROM t")) {
                rs.next();
                assertThat(rs.getTimestamp(1)).isEqualTo(at);
            }
        }
    }

    /** The non-private members of {@code c}: fields, constructors, methods, with their types and whether static. */
    private static List<String> signatures(Class<?> c) {
        List<String> all = new ArrayList<>();
        for (Member m : Stream.of(c.getDeclaredFields(), c.getDeclaredConstructors(), c.getDeclaredMethods())
                .flatMap(Arrays::stream).map(Member.class::cast).toList()) {
            if (Modifier.isPrivate(m.getModifiers()) || m.isSynthetic()) {
                continue;
            }
            String type = m instanceof Field f ? f.getType().getName()
                    : m instanceof Method meth ? meth.getReturnType().getName() + " " + names(meth.getParameterTypes())
                    : names(((java.lang.reflect.Constructor<?>) m).getParameterTypes()).toString();
            all.add((Modifier.isStatic(m.getModifiers()) ? "static " : "") + m.getName() + " " + type);
        }
        return all;
    }

    private static List<String> names(Class<?>[] types) {
        return Arrays.stream(types).map(Class::getName).toList();
    }
}
