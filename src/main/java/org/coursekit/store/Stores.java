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

    private static void refuseUnsupported(String spec) {
        String s = spec.toLowerCase(Locale.ROOT);
        if (s.startsWith("postgresql:/") || s.startsWith("postgres:/")) {   // "//" as a Path gives "/"
            throw new StoreError(null, "db.engineUnsupported", "PostgreSQL");
        }
    }
}
