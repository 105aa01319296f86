package org.coursekit.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

import org.coursekit.domain.StoreError;
import org.coursekit.store.sqlite.SqliteStore;

/**
 * Opens a {@link Store}: the one place that picks the engine from the {@code --db} value. A plain
 * path is an SQLite file; a {@code postgresql://} (or {@code postgres://}) address is refused until
 * coursekit has that engine.
 */
public final class Stores {
    private Stores() {
    }

    /** Opens an existing database, migrating an older schema after a backup copy. */
    public static Store open(String spec, Clock clock) {
        refuseUnsupported(spec);
        return SqliteStore.open(Path.of(spec), clock);
    }

    /** Creates a new database with the current schema; refuses an existing one. */
    public static Store create(String spec, Clock clock) {
        refuseUnsupported(spec);
        return SqliteStore.create(Path.of(spec), clock);
    }

    /** Whether {@code spec} is a server's address rather than a file. */
    public static boolean isAddress(String spec) {
        String s = spec.toLowerCase(Locale.ROOT);
        return s.startsWith("postgresql:/") || s.startsWith("postgres:/");   // "//" as a Path gives "/"
    }

    private static void refuseUnsupported(String spec) {
        if (isAddress(spec)) {
            throw new StoreError(null, "db.engineUnsupported", "PostgreSQL");
        }
    }
}
