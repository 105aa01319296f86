package org.coursekit.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.coursekit.domain.Msg;
import org.coursekit.store.postgres.PgAddress;
import org.coursekit.store.postgres.PostgresStore;
import org.coursekit.store.sqlite.SqliteStore;

/**
 * Opens a {@link Store}: the one place that picks the engine from the {@code --db} value. A
 * {@code postgresql://} (or {@code postgres://}) address is a PostgreSQL database, anything else
 * the path of an SQLite file.
 */
public final class Stores {
    private Stores() {
    }

    /** Opens an existing database, migrating an older schema (SQLite: after a backup copy). */
    public static Store open(String spec, Clock clock, Map<String, String> env) {
        return PgAddress.isPostgres(spec) ? PostgresStore.open(spec, clock, env) : SqliteStore.open(Path.of(spec), clock);
    }

    /** Creates a new database with the current schema; refuses an existing one. */
    public static Store create(String spec, Clock clock, Map<String, String> env) {
        return PgAddress.isPostgres(spec) ? PostgresStore.create(spec, clock, env) : SqliteStore.create(Path.of(spec), clock);
    }

    /** {@link #open(String, Clock, Map)} with this process's environment. */
    public static Store open(String spec, Clock clock) {
        return open(spec, clock, System.getenv());
    }

    /**
     * Starts the engine {@code spec} names in the background, when that takes time before the
     * first connection (SQLite: {@link SqliteStore#warmUp}); a start-up speed-up, nothing else.
     */
    public static void warmUp(String spec) {
        if (!PgAddress.isPostgres(spec)) {
            SqliteStore.warmUp();
        }
    }

    /**
     * Why {@code spec} cannot be used as given, a usage error (exit 2): e.g. a PostgreSQL URI with a
     * password in it. Empty when it can.
     */
    public static Optional<Msg> usageProblem(String spec) {
        return PgAddress.isPostgres(spec) ? PgAddress.problem(spec) : Optional.empty();
    }

    /** Whether {@code spec} names a PostgreSQL database rather than an SQLite file. */
    public static boolean isServer(String spec) {
        return PgAddress.isPostgres(spec);
    }
}
