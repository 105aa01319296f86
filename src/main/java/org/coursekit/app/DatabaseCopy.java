package org.coursekit.app;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.coursekit.domain.Conflict;
import org.coursekit.domain.FileError;
import org.coursekit.store.Store;
import org.coursekit.store.StoreCopy;
import org.coursekit.store.Stores;

/**
 * {@code db copy}: one database's data (or one organisation's) into another, e.g. a town's SQLite
 * file into the register and back. A target file that does not exist is created (as {@code init}
 * would), under its name only once the copy is complete; an existing target must be a coursekit database.
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
            if (file && !Files.exists(Path.of(to), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return intoNewFile(source, Path.of(to), organisation, clock, env);
            }
            try (Store target = Stores.open(to, clock, env)) {
                StoreCopy.Result r = StoreCopy.copy(source, target, organisation);
                return copied(source, target.name(), false, r);
            }
        }
    }

    /**
     * A new file: made under a temporary name beside it and given its name only once the copy has
     * committed, so that a failed or killed copy leaves no half-made database behind.
     */
    private static Copied intoNewFile(Store source, Path to, String organisation, Clock clock,
                                      java.util.Map<String, String> env) {
        Path tmp = to.toAbsolutePath().resolveSibling(".coursekit-copy-" + Long.toHexString(System.nanoTime()) + ".db");
        try {
            StoreCopy.Result r;
            try (Store target = Stores.create(tmp.toString(), clock, env)) {
                r = StoreCopy.copy(source, target, organisation);
            }
            try {
                Files.createLink(to, tmp);         // never over a file that appeared meanwhile
            } catch (FileAlreadyExistsException e) {
                throw new Conflict("db.copy.appeared", to);
            } catch (IOException | UnsupportedOperationException e) {
                try {
                    Files.move(tmp, to);
                } catch (IOException ex) {
                    throw new FileError(ex, "file.cannotWrite", to, ex.getMessage());
                }
            }
            return copied(source, to.toString(), true, r);
        } finally {
            removeQuietly(tmp);
        }
    }

    private static Copied copied(Store source, String to, boolean created, StoreCopy.Result r) {
        return new Copied(source.name(), to, created, r.courses(), r.count("participant"), r.count("certificate"),
                r.count("audit"));
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
