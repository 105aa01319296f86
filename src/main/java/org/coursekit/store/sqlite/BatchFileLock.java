package org.coursekit.store.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.coursekit.domain.Conflict;
import org.coursekit.domain.FileError;

/**
 * An exclusive lock on a file that lasts as long as this process holds it (the operating system
 * releases it when a killed process dies): one certificate batch per course at a time (SQLite's {@link org.coursekit.store.Store#lock}).
 */
final class BatchFileLock implements org.coursekit.store.Store.Lock {
    private final FileChannel channel;
    private final FileLock lock;

    private BatchFileLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Opens (or creates, mode 0600) the lock file without following links: a symbolic link, folder
     * or device planted there is refused (exit 6), never the file it points to created.
     *
     * @throws Conflict when another process holds the lock
     */
    static BatchFileLock acquire(Path file, String what) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileError(null, "lock.notAFile", file, what);
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            if (Files.isSymbolicLink(file)) {   // planted between the check and the open
                throw new FileError(e, "lock.notAFile", file, what);
            }
            throw new FileError(e, "file.cannotWrite", file, e.getMessage());
        }
        try {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new Conflict("batch.running", what);
            }
            return new BatchFileLock(ch, l);
        } catch (IOException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the original failure matters
            }
            throw new FileError(e, "file.cannotWrite", file, e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
