package org.coursekit.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

import org.coursekit.domain.FileError;

/**
 * Writes a file so that it is either complete or not there: into a temporary file in the same
 * folder, flushed to disk, then renamed over the target.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    public static void writeText(Path target, Consumer<Writer> body) {
        write(target, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            body.accept(w);
            try {
                w.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public static void write(Path target, Consumer<OutputStream> body) {
        write(target, body, true);
    }

    /**
     * As {@link #write(Path, Consumer)}; {@code durable=false} skips forcing the file to disk before
     * the rename. The rename stays atomic for the process (a killed run never leaves a partial file);
     * batches of thousands of files would otherwise spend most of their time waiting for the disk.
     */
    public static void write(Path target, Consumer<OutputStream> body, boolean durable) {
        Path abs = target.toAbsolutePath();
        Path folder = abs.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new FileError(new NoSuchFileException(String.valueOf(folder)), "file.folderMissing", target, folder);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(folder, "." + abs.getFileName(), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                // the body may close the stream it gets (OpenPDF does); the file stays open for the sync
                body.accept(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush();
                    }
                });
                out.flush();
                if (durable) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | UncheckedIOException e) {
            throw new FileError(e, "file.cannotWrite", target, e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // our own temporary file; the original failure matters
                }
            }
        }
    }
}
