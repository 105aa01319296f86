package org.coursekit.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.coursekit.domain.Certificate;
import org.coursekit.domain.Conflict;
import org.coursekit.domain.Course;
import org.coursekit.domain.FileError;
import org.coursekit.domain.SiteRecord;
import org.coursekit.domain.StoreError;
import org.coursekit.io.AtomicFile;
import org.coursekit.io.SiteFiles;
import org.coursekit.store.CertificateRepository;
import org.coursekit.store.Store;

/**
 * {@code certify publish}: the static verification site. {@code DIR/index.html} (the page),
 * {@code DIR/site.json} (salt and iteration count) and {@code DIR/records/ID.bin}, one encrypted
 * record per certificate, named and keyed by the certificate's code ({@link SiteCrypto}).
 * Running it again brings the folder to the register's state: changed records are rewritten,
 * unchanged ones keep their bytes, records of certificates no longer published are removed (only
 * files named as records are); the salt stays.
 */
public final class SitePublisher {
    /** The iteration count of a new site (see the README, "Publishing a verification site"). */
    public static final int ITERATIONS = 2_000;
    public static final String RECORDS = "records";
    public static final String PAGE = "index.html";
    public static final String SITE = "site.json";
    static final Pattern RECORD_NAME = Pattern.compile("[0-9a-f]{64}\\.bin");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<java.nio.file.attribute.PosixFilePermission> READABLE =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");

    /** What a run did: records now in the folder, of those written anew, left as they were, and removed. */
    public record Result(Path dir, int records, int written, int unchanged, int removed) {
    }

    private final Store db;
    private final int threads;

    /** A publisher that derives and writes on all cores. */
    public SitePublisher(Store db) {
        this(db, Runtime.getRuntime().availableProcessors());
    }

    /** A publisher that derives and writes on at most {@code threads} threads. */
    public SitePublisher(Store db, int threads) {
        this.db = db;
        this.threads = Math.max(1, threads);
    }

    /** The site's page, as coursekit ships it. */
    public static byte[] page() {
        try (InputStream in = SitePublisher.class.getResourceAsStream("/org/coursekit/site/index.html")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record of a certificate, as the site shows it. */
    static SiteRecord record(Certificate c, Course course, List<SiteRecord.Revision> revisions) {
        Map<String, String> v = c.values();
        String title = v.getOrDefault("courseTitle", course == null ? c.courseId() : course.title());
        String organiser = v.getOrDefault("organiser", course == null ? null : course.organiser());
        return new SiteRecord(c.status().id(), c.fullName(), title, organiser == null || organiser.isEmpty() ? null : organiser,
                c.issuedOn() == null ? null : c.issuedOn().toString(), c.serial(), c.revokedAt(), c.revokeReason(), revisions,
                c.revision(), false);
    }

    private record Item(Certificate certificate, SiteRecord record) {
    }

    public Result publish(List<String> courseIds, Path dir) {
        List<Item> items = db.read(tx -> {
            Set<String> ids = new LinkedHashSet<>(courseIds);
            Map<String, Course> courses = new HashMap<>();
            for (String id : ids) {
                courses.put(id, CourseService.course(tx, id));
            }
            List<Certificate> certs = new ArrayList<>();
            Map<Long, List<SiteRecord.Revision>> revs = new HashMap<>();
            for (String id : ids.isEmpty() ? Arrays.asList((String) null) : new ArrayList<>(ids)) {
                certs.addAll(tx.certificates().list(id));
                for (CertificateRepository.RevisionHash h : tx.certificates().revisionHashes(id)) {
                    revs.computeIfAbsent(h.certificateId(), k -> new ArrayList<>()).add(new SiteRecord.Revision(h.revision(), h.sha256()));
                }
            }
            List<Item> all = new ArrayList<>(certs.size());
            for (Certificate c : certs) {
                Course course = courses.computeIfAbsent(c.courseId(), k -> tx.courses().find(k).orElse(null));
                all.add(new Item(c, record(c, course, revs.getOrDefault(c.id(), List.of()))));
            }
            return all;
        });

        Path siteFile = dir.resolve(SITE);
        SiteFiles.Site site = readOrCreateSite(dir, siteFile);
        Path records = dir.resolve(RECORDS);
        folder(dir);
        folder(records);
        AtomicFile.removeLeftovers(dir);
        AtomicFile.removeLeftovers(records);
        Set<String> present = recordNames(records);

        // the keys kept from earlier runs: only certificates new to this site need PBKDF2
        String salt = HexFormat.of().formatHex(site.salt());
        Map<Long, CertificateRepository.SiteKey> known = db.read(tx -> tx.certificates().siteKeys(salt, site.iterations()));
        Set<String> keep = new HashSet<>();
        List<CertificateRepository.SiteKey> derived = new ArrayList<>();
        int[] counts = new int[2];   // written, unchanged
        int threads = Math.max(1, Math.min(this.threads, items.size() / 8));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "publish");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Done>> futures = new ArrayList<>(items.size());
            int chunk = Math.max(1, (items.size() + threads * 4 - 1) / (threads * 4));
            for (int from = 0; from < items.size(); from += chunk) {
                List<Item> part = items.subList(from, Math.min(items.size(), from + chunk));
                futures.add(pool.submit(() -> writeRecords(part, known, site, records, present)));
            }
            for (Future<Done> f : futures) {
                Done d = get(f);
                for (String s : d.names()) {
                    keep.add(s.substring(1));
                    counts[s.charAt(0) == 'w' ? 0 : 1]++;
                }
                derived.addAll(d.derived());
            }
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        keepKeys(salt, site.iterations(), derived);
        int removed = removeOthers(records, keep);
        writeIfChanged(dir, PAGE, page());
        return new Result(dir, items.size(), counts[0], counts[1], removed);
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** What one part of the records came to: "w"+name or "u"+name per record, and the keys derived anew. */
    private record Done(String[] names, List<CertificateRepository.SiteKey> derived) {
    }

    /**
     * Finds (kept) or derives each record's keys, compares the record with its file and writes it
     * where it changed.
     */
    private Done writeRecords(List<Item> part, Map<Long, CertificateRepository.SiteKey> known, SiteFiles.Site site, Path records,
                              Set<String> present) {
        String[] done = new String[part.size()];
        List<CertificateRepository.SiteKey> derived = new ArrayList<>();
        for (int i = 0; i < part.size(); i++) {
            Item item = part.get(i);
            long id = item.certificate().id();
            CertificateRepository.SiteKey kept = known.get(id);
            SiteCrypto.Keys keys;
            if (kept != null) {
                keys = new SiteCrypto.Keys(kept.recordId(), HexFormat.of().parseHex(kept.key()));
            } else {
                keys = SiteCrypto.derive(item.certificate().code(), site.salt(), site.iterations());
                derived.add(new CertificateRepository.SiteKey(id, keys.id(), HexFormat.of().formatHex(keys.key())));
            }
            String name = keys.id() + ".bin";
            byte[] plain = SiteFiles.recordPlaintext(item.record(), SiteCrypto.PLAINTEXT_SIZE);
            boolean there = present.contains(name);
            byte[] old = there ? readIfRecord(records.resolve(name)) : null;
            byte[] oldPlain = old == null ? null : SiteCrypto.open(keys, old);
            if (oldPlain != null && Arrays.equals(oldPlain, plain)) {
                done[i] = "u" + name;
                continue;
            }
            byte[] file = SiteCrypto.seal(keys, plain, RANDOM);
            if (!there && createRecord(records.resolve(name), file)) {
                done[i] = "w" + name;
                continue;
            }
            AtomicFile.writeInto(records, name, db::refuseOwnFile, out -> {
                try {
                    out.write(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, false, true);
            done[i] = "w" + name;
        }
        return new Done(done, derived);
    }

    /**
     * Keeps the keys derived in this run for the next (see {@link CertificateRepository#keepSiteKeys}).
     * They are only a shortcut: a database that cannot take them now (busy with another batch,
     * read-only) leaves the site as complete as ever and the next run derives them again.
     */
    private void keepKeys(String salt, int iterations, List<CertificateRepository.SiteKey> derived) {
        if (derived.isEmpty()) {
            return;
        }
        try {
            db.write(tx -> {
                tx.certificates().keepSiteKeys(salt, iterations, derived);
                return null;
            });
        } catch (StoreError e) {
            // see above: the site is written; only the shortcut is missing
        }
    }

    /** The names of the files (and anything else) in {@code records} that are named as records. */
    private static Set<String> recordNames(Path records) {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(records,
                f -> RECORD_NAME.matcher(f.getFileName().toString()).matches())) {
            for (Path f : files) {
                names.add(f.getFileName().toString());
            }
        } catch (IOException e) {
            throw new FileError(e, "file.cannotRead", records, e.getMessage());
        }
        return names;
    }

    /**
     * Writes a record that is not in the folder yet straight into its file: created new (never over
     * a file or through a link that appeared meanwhile: then false, and the caller replaces it
     * atomically), mode 0644, deleted again when writing fails. No temporary file and no rename:
     * a first publication creates thousands of records, and each rename costs as much as the file.
     * A run killed in the middle leaves at most the records being written short (every record has
     * {@link SiteCrypto#FILE_SIZE} bytes), and the next run rewrites them like any record that
     * changed. The database's own files are never among these: they exist already.
     */
    private static boolean createRecord(Path p, byte[] file) {
        FileChannel ch;
        try {
            ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new FileError(e, "file.cannotWrite", p, e.getMessage());
        }
        boolean complete = false;
        try {
            try (ch) {
                try {
                    Files.setPosixFilePermissions(p, READABLE);   // not at creation: the umask would take it away again
                } catch (UnsupportedOperationException e) {
                    // a file system without modes
                }
                ByteBuffer b = ByteBuffer.wrap(file);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            complete = true;
        } catch (IOException e) {
            throw new FileError(e, "file.cannotWrite", p, e.getMessage());
        } finally {
            if (!complete) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a short record: the next run rewrites it
                }
            }
        }
        return true;
    }

    /** The bytes of a plain file of a record's size at {@code p}, else null (missing, a link, another size). */
    private static byte[] readIfRecord(Path p) {
        try {
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) != SiteCrypto.FILE_SIZE) {
                return null;
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            return null;
        }
    }

    private SiteFiles.Site readOrCreateSite(Path dir, Path siteFile) {
        if (Files.exists(siteFile, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(siteFile)) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(siteFile);
            } catch (IOException e) {
                throw new FileError(e, "file.cannotRead", siteFile, e.getMessage());
            }
            return SiteFiles.readSite(siteFile, bytes);
        }
        if (Files.exists(dir.resolve(PAGE), LinkOption.NOFOLLOW_LINKS) || Files.exists(dir.resolve(RECORDS), LinkOption.NOFOLLOW_LINKS)) {
            throw new Conflict("publish.notASite", dir);
        }
        folder(dir);
        byte[] salt = new byte[SiteCrypto.SALT_SIZE];
        RANDOM.nextBytes(salt);
        SiteFiles.Site site = new SiteFiles.Site(salt, ITERATIONS);
        writeIfChanged(dir, SITE, SiteFiles.siteJson(site));
        return site;
    }

    private void writeIfChanged(Path dir, String name, byte[] content) {
        Path p = dir.resolve(name);
        try {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(p), content)) {
                return;
            }
        } catch (IOException e) {
            // written anew below, which names the file if that fails too
        }
        AtomicFile.writeInto(dir, name, db::refuseOwnFile, out -> {
            try {
                out.write(content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, true, true);
    }

    /**
     * Creates a folder of the site when it is missing, readable by everyone (mode 0755): a web server
     * serves it. A folder that is there keeps its mode (yours to choose).
     */
    private static void folder(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new FileError(e, "file.notAFolder", dir, dir);
        } catch (UnsupportedOperationException e) {
            // a file system without modes
        } catch (IOException e) {
            throw new FileError(e, "file.cannotCreateFolder", dir, dir, e.getMessage());
        }
    }

    /** Removes the record files not in {@code keep}; nothing else (other names, folders, links) is touched. */
    private static int removeOthers(Path records, Set<String> keep) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(records,
                f -> RECORD_NAME.matcher(f.getFileName().toString()).matches())) {
            for (Path f : files) {
                if (!keep.contains(f.getFileName().toString()) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.delete(f);
                        removed++;
                    } catch (NoSuchFileException e) {
                        // gone already
                    }
                }
            }
        } catch (IOException e) {
            throw new FileError(e, "file.cannotWrite", records, e.getMessage());
        }
        return removed;
    }
}
