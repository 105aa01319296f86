package org.sqlite;

/**
 * coursekit's copy of the holder of sqlite-jdbc's version (this class comes before the driver's own
 * on the class path; {@code ShadowedDriverClassesTest} checks that it keeps the original's members
 * and that its version is the one the driver's jar names). The original reads the version from the
 * driver's jar ({@code META-INF/maven/org.xerial/sqlite-jdbc/pom.properties}) the first time the
 * driver starts, to name the native libraries it extracts: with the library coursekit extracts at
 * build time nothing is extracted, but reading that file cost every start the class loader's search
 * of coursekit's jar and the driver's, a {@code jar:} URL, the inflater and its native library, and
 * a properties parser (1-2 ms of the driver's start on Java 25). The source file's name is the
 * binary name of the nested class the driver calls.
 */
public final class SQLiteJDBCLoader$VersionHolder {
    /** The version of the sqlite-jdbc jar this build is made with, as its pom.properties says. */
    static final String VERSION = "3.54.1.0";

    public SQLiteJDBCLoader$VersionHolder() {
    }

    /** The driver's way in (its compiler's accessor for the private field). */
    static String access$000() {
        return VERSION;
    }
}
