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
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.coursekit.domain.Conflict;
import org.coursekit.domain.FileError;

/**
 * Writes a file so that it is either complete or not there: into a temporary file in the same
 * folder, flushed to disk, then renamed over the target.
 *
 * <p>What the target is decides how: a symbolic link is followed, and the real file it leads to is
 * replaced in its own folder (the link stays); a FIFO or a character device ({@code /dev/null}, a
 * terminal) is written straight into, without a temporary file or a rename, so a device node is
 * never replaced; a link into {@code /proc} (the process's own streams, {@code /dev/stdout}) is
 * written into as it is. Folders, block devices and sockets are refused. Before anything is written
 * the caller's {@code guard} sees the real path and may refuse it (the database refuses its own files).
 *
 * <p>Temporary files are named {@code .coursekit-<16 hex digits>.tmp} (no names of people in them),
 * created new (never through a link planted there) with mode 0600, and locked while written, so that
 * {@link #removeLeftovers} can tell those of a killed run from those of a run still writing.
 */
public final class AtomicFile {
    /** The name of every temporary file this class creates. */
    static final Pattern TEMP = Pattern.compile("\\.coursekit-[0-9a-f]{16}\\.tmp");
    /** The temporary certificates of coursekit before 2026-11: {@code .SERIAL_Lastname_Firstname.pdf<digits>.tmp}. */
    static final Pattern OLD_TEMP = Pattern.compile("\\..+\\.pdf\\d+\\.tmp");
    private static final int MAX_LINKS = 40;
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFile() {
    }

    public static void writeText(Path target, Consumer<Path> guard, Consumer<Writer> body) {
        write(target, guard, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            body.accept(w);
            try {
                w.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public static void write(Path target, Consumer<Path> guard, Consumer<OutputStream> body) {
        write(target, guard, body, true);
    }

    /**
     * As {@link #write(Path, Consumer, Consumer)}; {@code durable=false} skips forcing the file to disk
     * before the rename. The rename stays atomic for the process (a killed run never leaves a partial
     * file); batches of thousands of files would otherwise spend most of their time waiting for the disk.
     */
    public static void write(Path target, Consumer<Path> guard, Consumer<OutputStream> body, boolean durable) {
        Resolved r = resolve(target);
        guard.accept(r.path());
        if (r.stream()) {
            straight(target, r, body);
        } else {
            replace(target, r.path(), body, durable, false);
        }
    }

    /**
     * Writes {@code name} into the folder {@code dir}, as {@link #write(Path, Consumer, Consumer, boolean)},
     * and only there: a name with a separator, or one whose file (after following links) lies
     * anywhere but directly inside {@code dir}, is refused (exit 5) and nothing is written.
     */
    public static void writeInto(Path dir, String name, Consumer<Path> guard, Consumer<OutputStream> body, boolean durable) {
        writeInto(dir, name, guard, body, durable, false);
    }

    /**
     * As {@link #writeInto(Path, String, Consumer, Consumer, boolean)}; {@code readable} makes the file
     * readable by everyone (mode 0644) instead of the owner only: for what a web server must serve
     * (the verification site, whose files reveal nothing without a certificate's code).
     */
    public static void writeInto(Path dir, String name, Consumer<Path> guard, Consumer<OutputStream> body, boolean durable,
                                 boolean readable) {
        Path target = dir.resolve(name);
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0
                || name.indexOf('\0') >= 0 || !target.getFileName().toString().equals(name)) {
            throw new Conflict("file.outsideFolder", target, dir);
        }
        ensureFolder(dir, target);
        Resolved r = resolve(target);
        Path folder;
        try {
            folder = dir.toRealPath();
        } catch (IOException e) {
            throw new FileError(e, "file.folderMissing", target, dir);
        }
        Path parent = r.path().toAbsolutePath().getParent();
        try {
            parent = parent == null ? null : parent.toRealPath();
        } catch (IOException e) {
            parent = null;
        }
        if (!folder.equals(parent)) {
            throw new Conflict("file.outsideFolder", target, dir);
        }
        guard.accept(r.path());
        if (r.stream()) {
            straight(target, r, body);
        } else {
            replace(target, r.path(), body, durable, readable);
        }
    }

    /**
     * Makes sure {@code dir} is a folder, creating it and any missing parents (mode 0700: what goes
     * in there is usually personal) when it is not there; {@code target} is named when that fails.
     */
    public static void ensureFolder(Path dir, Path target) {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return;
        }
        try {
            Files.createDirectories(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            throw new FileError(e, "file.notAFolder", target, dir);
        } catch (IOException | UnsupportedOperationException e) {
            throw new FileError(e, "file.cannotCreateFolder", target, dir, e.getMessage());
        }
    }

    /** Where writing {@code target} goes: a file to replace (its real path) or a stream to write into. */
    private record Resolved(Path path, boolean stream, boolean append) {
    }

    private static Resolved resolve(Path target) {
        Path p = target.toAbsolutePath();
        try {
            for (int links = 0; links <= MAX_LINKS; links++) {
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    // a new file (also where a dangling link points): created in its folder
                    Path folder = p.getParent();
                    if (folder == null) {
                        throw new FileError(new NoSuchFileException(String.valueOf(folder)), "file.folderMissing", target,
                                folder);
                    }
                    ensureFolder(folder, target);
                    return new Resolved(folder.toRealPath().resolve(p.getFileName()), false, false);
                }
                if (a.isSymbolicLink()) {
                    if (p.startsWith("/proc")) {
                        // the process's own streams (/dev/stdout -> /proc/self/fd/1): written into as they are
                        BasicFileAttributes real = Files.readAttributes(p, BasicFileAttributes.class);
                        if (real.isRegularFile()) {
                            return new Resolved(p, true, true);
                        }
                        return special(target, p, real);
                    }
                    Path link = Files.readSymbolicLink(p);
                    Path folder = p.getParent();
                    p = folder == null ? link : folder.resolve(link);
                    continue;
                }
                if (a.isRegularFile()) {
                    return new Resolved(p.toRealPath(), false, false);
                }
                return special(target, p, a);
            }
            throw new FileError(null, "file.tooManyLinks", target);
        } catch (IOException e) {
            throw new FileError(e, "file.cannotWrite", target, e.getMessage());
        }
    }

    /** A folder or something other than a file: FIFOs and character devices are written into, the rest refused. */
    private static Resolved special(Path target, Path p, BasicFileAttributes a) throws IOException {
        if (a.isDirectory()) {
            throw new FileError(null, "file.isFolder", target);
        }
        int type;
        try {
            type = (Integer) Files.getAttribute(p, "unix:mode") & S_IFMT;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            type = 0;
        }
        if (type == S_IFIFO || type == S_IFCHR) {
            return new Resolved(p, true, false);
        }
        throw new FileError(null, "file.notAFile", target);
    }

    /** Into a FIFO, a character device or one of the process's streams: no temporary file, no rename. */
    private static void straight(Path target, Resolved r, Consumer<OutputStream> body) {
        Set<OpenOption> options = r.append() ? Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                : Set.of(StandardOpenOption.WRITE);
        try (FileChannel ch = FileChannel.open(r.path(), options);
             OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
            body.accept(keepOpen(out));
            out.flush();
        } catch (IOException | UncheckedIOException e) {
            throw new FileError(e, "file.cannotWrite", target, reason(e));
        }
    }

    /** Into a temporary file beside {@code real}, then renamed over it. */
    private static void replace(Path target, Path real, Consumer<OutputStream> body, boolean durable, boolean readable) {
        Path folder = real.getParent();
        Path tmp = null;
        try {
            tmp = folder.resolve(".coursekit-" + HexFormat.of().toHexDigits(RANDOM.nextLong()) + ".tmp");
            try (FileChannel ch = createNew(tmp, readable)) {
                // locked until renamed: removeLeftovers() leaves the temporary files of running writers alone
                tryLock(ch);
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                body.accept(keepOpen(out));
                out.flush();
                if (durable) {
                    ch.force(true);
                }
                try {
                    Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
                }
                tmp = null;
            }
        } catch (IOException | UncheckedIOException e) {
            throw new FileError(e, "file.cannotWrite", target, reason(e));
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

    /** A new file (never an existing one, never through a link), mode 0600 (0644 when {@code readable}) where the file system has modes. */
    private static FileChannel createNew(Path file, boolean readable) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try {
            FileChannel ch = FileChannel.open(file, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            if (readable) {   // not at creation: the umask would take it away again
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    throw e;
                }
            }
            return ch;
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(file, options);
        }
    }

    private static void tryLock(FileChannel ch) {
        try {
            ch.tryLock();   // released when the channel closes, after the rename
        } catch (IOException | OverlappingFileLockException e) {
            // a file system without locks: the file is written all the same
        }
    }

    /** The body may close the stream it gets (OpenPDF does); the file stays open for the flush and sync. */
    private static OutputStream keepOpen(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    private static String reason(Exception e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        return t.getMessage();
    }

    /**
     * Removes from {@code dir} the temporary files that a killed run of coursekit left behind: only
     * files named as coursekit names them, and only those no running process is writing (locked).
     * Best effort: what cannot be removed stays. Returns how many were removed.
     */
    public static int removeLeftovers(Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                f -> TEMP.matcher(f.getFileName().toString()).matches() || OLD_TEMP.matcher(f.getFileName().toString()).matches())) {
            for (Path f : files) {
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    FileLock lock = ch.tryLock();
                    if (lock != null) {
                        Files.delete(f);
                        removed++;
                    }
                } catch (IOException | OverlappingFileLockException e) {
                    // being written, or not ours to remove
                }
            }
        } catch (IOException e) {
            // a folder we cannot list: writing into it will say so
        }
        return removed;
    }
}
