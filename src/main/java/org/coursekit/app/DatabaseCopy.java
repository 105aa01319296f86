package org.coursekit.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.coursekit.store.Store;
import org.coursekit.store.StoreCopy;
import org.coursekit.store.Stores;

/**
 * {@code db copy}: one database's data (or one organisation's) into another, e.g. a town's SQLite
 * file into the register and back. A target file that does not exist is created (as {@code init}
 * would) and removed again when the copy fails; an existing target must be a coursekit database.
 */
public final class DatabaseCopy {
    /** What was copied, and whether the target was made for it. */
    public record Copied(String from, String to, boolean created, java.util.List<String> courses, int participants,
                         int certificates, int auditEntries) {
    }

    private DatabaseCopy() {
    }

    public static Copied copy(String from, String to, String organisation, Clock clock, java.util.Map<String, String> env) {
        try (Store source = Stores.open(from, clock, env)) {
            boolean file = !Stores.isServer(to);
            if (file) {
                source.refuseOwnFile(Path.of(to));      // also through a link, and its -wal, backups, locks
            }
            boolean created = file && !Files.exists(Path.of(to));
            Store target = created ? Stores.create(to, clock, env) : Stores.open(to, clock, env);
            StoreCopy.Result result;
            try (target) {
                result = StoreCopy.copy(source, target, organisation);
            } catch (RuntimeException e) {
                if (created) {
                    removeQuietly(Path.of(to));
                }
                throw e;
            }
            return new Copied(source.name(), target.name(), created, result.courses(), result.count("participant"),
                    result.count("certificate"), result.count("audit"));
        }
    }

    /** The file made for a copy that failed, with the engine's files beside it. */
    private static void removeQuietly(Path db) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
            } catch (IOException ignored) {
                // the failure of the copy is what matters
            }
        }
    }
}
