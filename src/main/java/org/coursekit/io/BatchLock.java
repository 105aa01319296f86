package org.coursekit.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.coursekit.domain.Conflict;
import org.coursekit.domain.FileError;

/**
 * An exclusive lock on a file that lasts as long as this process holds it (the operating system
 * releases it when a killed process dies): one certificate batch per course at a time.
 */
public final class BatchLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private BatchLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws Conflict when another process holds the lock */
    public static BatchLock acquire(Path file, String what) {
        try {
            FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
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
            return new BatchLock(ch, l);
        } catch (IOException e) {
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
