package org.coursekit.store;

import java.nio.file.Path;
import java.util.List;

/**
 * An open coursekit database, whichever engine holds it: transactions with the repositories,
 * backup, erasure and the integrity check. Opened by {@link Stores}; the use cases
 * never learn which engine answers.
 */
public interface Store extends AutoCloseable {
    /** Work done inside a transaction; gets the transaction's repositories. */
    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx);
    }

    /** The database as messages name it (for SQLite its file, as given). */
    String name();

    /** The schema version of this coursekit. */
    int schemaVersion();

    /** The schema version this database was migrated from when opened; 0 when it was current. */
    int migratedFrom();

    /** Where the copy made before migrating went (see {@link #migratedFrom()}); null when none was made. */
    String migrationBackup();

    /** A lock held until it is closed, or until the process ends (also when it is killed). */
    @FunctionalInterface
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the lock through which processes take turns at work on this database that spans several
     * transactions (a certificate batch of one course), without waiting: for SQLite a locked file next
     * to the database (its name, a dot, {@code name}, {@code .lock}); for PostgreSQL an advisory lock
     * of the connection. The lock goes with the process, also when it is killed.
     *
     * @throws org.coursekit.domain.Conflict when another process holds it ({@code what} names the work)
     */
    Lock lock(String name, String what);

    /**
     * Runs {@code work} in a write transaction that takes the write lock up front, so concurrent
     * writers wait (busy timeout) instead of failing half-way. Any exception rolls everything back.
     */
    <T> T write(Work<T> work);

    /** Runs {@code work} in a read transaction: one consistent snapshot. */
    <T> T read(Work<T> work);

    /**
     * Refuses (exit 5) to let coursekit write onto the database or a file that belongs to it (its
     * logs, locks, migration backups), also through a link. Every output file is checked here first.
     */
    void refuseOwnFile(Path target);

    /** Writes a consistent copy of the database to {@code target} (mode 0600), safe while others write. */
    void backupTo(Path target, boolean replace);

    /**
     * Runs {@code work}, which erases personal data, as a write transaction after which nothing
     * erased stays readable in any file the engine keeps for the database (its storage, logs and
     * coursekit's own migration backups), even if the process is killed right after the commit.
     */
    <T> T erase(Work<T> work);

    /** The copies the engine made of the database before migrating it (erasure reaches them too). */
    List<Path> migrationBackups();

    /**
     * Grants the PostgreSQL user {@code user} the role {@code role} ("organiser", "coordinator") in
     * organisation {@code organisation}: the row of the register's grants and the user's privileges
     * on the tables. Only an engine with users has it (the CLI refuses the others first).
     */
    default void grant(String user, String organisation, String role) {
        throw new UnsupportedOperationException("grants need the PostgreSQL register");
    }

    /** Takes back {@code user}'s role in {@code organisation}; false when they had none there. */
    default boolean revoke(String user, String organisation) {
        throw new UnsupportedOperationException("grants need the PostgreSQL register");
    }

    /** The register's grants, by user and organisation. */
    default List<org.coursekit.domain.RegisterGrant> grants() {
        throw new UnsupportedOperationException("grants need the PostgreSQL register");
    }

    /** Integrity and foreign-key problems, empty when the database is sound. */
    List<String> check();

    @Override
    void close();
}
