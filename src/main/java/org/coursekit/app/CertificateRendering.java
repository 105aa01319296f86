package org.coursekit.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.coursekit.domain.Certificate;
import org.coursekit.domain.CertificateTemplate;
import org.coursekit.domain.EnrolmentStatus;
import org.coursekit.domain.FileError;
import org.coursekit.render.CertificateRenderer;
import org.coursekit.store.Store;

/**
 * Renders pending certificates' PDFs on all cores (one renderer, whose fonts are subset once for the
 * batch) and records their hashes from the calling thread, in small
 * transactions. A failure stops the batch; what was recorded stays, the rest stays pending for
 * the next run.
 */
final class CertificateRendering {
    private static final int RECORD_EVERY = 100;

    /** One PDF written: the certificate and the SHA-256 of exactly the bytes written. */
    private record Rendered(Certificate certificate, String sha256) {
    }

    private final Store db;
    private final CertificateFiles files;

    CertificateRendering(Store db, CertificateFiles files) {
        this.db = db;
        this.files = files;
    }

    /** Writes every certificate of {@code work} into {@code dir}; returns them sorted by serial. */
    List<CertificateBatch.Written> renderAll(List<Certificate> work, Path dir, CertificateTemplate template, String courseId,
                                             CertificateBatch.Progress progress) {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), Math.min(4, work.size() / 20)));
        List<CertificateBatch.Written> written = new ArrayList<>();
        List<Rendered> done = new ArrayList<>();
        // one renderer for all threads, its fonts subset once for the whole batch (OpenPDF's fonts are
        // only read once made; OpenPDF itself shares them between documents and threads)
        CertificateRenderer renderer = work.isEmpty() ? null
                : new CertificateRenderer(template).forBatch(work.stream().map(Certificate::values).toList());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "render");
            t.setDaemon(true);
            return t;
        });
        CompletionService<Rendered> results = new ExecutorCompletionService<>(pool);
        try {
            for (Certificate c : work) {
                results.submit(() -> new Rendered(c, files.writePdf(dir, c.file(), out -> renderer.write(out, c.values()))));
            }
            for (int i = 0; i < work.size(); i++) {
                Rendered d;
                try {
                    d = results.take().get();
                } catch (ExecutionException e) {
                    record(courseId, done);
                    if (e.getCause() instanceof FileError fe && "file.cannotWrite".equals(fe.msg().key())) {
                        // a full disk: say which folder, and that a rerun completes the batch
                        throw new FileError(fe, "certify.writeFailed", dir, reason(fe), written.size(), work.size());
                    }
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());   // an Error (out of memory): reported as such
                }
                Certificate c = d.certificate();
                done.add(d);
                written.add(new CertificateBatch.Written(c.serial(), c.fullName(), dir.resolve(c.file())));
                progress.step(written.size(), work.size());
                if (written.size() == Integer.getInteger("coursekit.test.haltAfterCertificates", -1)) {
                    Runtime.getRuntime().halt(86);     // tests only: a kill mid-batch (no clean-up, nothing more recorded)
                }
                if (done.size() >= RECORD_EVERY) {
                    record(courseId, done);
                }
            }
            record(courseId, done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
            try {   // after a failure: let the other writers remove their temporary files before the process ends
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        written.sort(Comparator.comparing(CertificateBatch.Written::serial));
        return written;
    }

    /** Why a write failed, as the system says it ("No space left on device"), without the file's name. */
    static String reason(Throwable t) {
        String reason = t.getMessage();
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof java.nio.file.FileSystemException fse) {
                reason = fse.getReason() != null ? fse.getReason() : fse.getClass().getSimpleName();
            } else if (c instanceof IOException && c.getMessage() != null) {
                reason = c.getMessage();
            }
        }
        return reason;
    }

    /** Records the hashes of {@code done} and marks their people completed, in one transaction; empties it. */
    private void record(String courseId, List<Rendered> done) {
        if (done.isEmpty()) {
            return;
        }
        db.write(tx -> {
            for (Rendered d : done) {
                Certificate c = d.certificate();
                tx.certificates().written(c.id(), c.revision(), d.sha256());
                if (c.participantId() != null) {
                    tx.participants().setStatus(courseId, c.participantId(), EnrolmentStatus.COMPLETED);
                }
            }
            return null;
        });
        done.clear();
    }
}
