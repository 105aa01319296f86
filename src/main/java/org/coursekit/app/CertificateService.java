package org.coursekit.app;

import java.time.Clock;
import java.util.List;

import org.coursekit.domain.Certificate;
import org.coursekit.store.Store;

/**
 * The certificates' use cases, the one door the commands use. The work is done by
 * {@link CertificateBatch} (issuing and reissuing), {@link CertificateRendering} (the PDFs, on all
 * cores), {@link CertificateFiles} (names, leftovers, superseded files), {@link CertificateValues}
 * (what a certificate shows, from {@link org.coursekit.domain.Placeholder}) and
 * {@link CertificateRegister} (list, verify, revoke, unrevoke).
 */
public final class CertificateService {
    private final CertificateBatch batch;
    private final CertificateRegister register;

    public CertificateService(Store db, Clock clock) {
        this.batch = new CertificateBatch(db, clock);
        this.register = new CertificateRegister(db);
    }

    public CertificateBatch.IssueResult issue(CertificateBatch.IssueRequest req, CertificateBatch.Progress progress) {
        return batch.issue(req, progress);
    }

    public List<Certificate> list(String courseId) {
        return register.list(courseId);
    }

    public CertificateRegister.Verification verify(String codeOrFile) {
        return register.verify(codeOrFile);
    }

    public Certificate revoke(String serial, String reason) {
        return register.revoke(serial, reason);
    }

    public Certificate unrevoke(String serial, String reason) {
        return register.unrevoke(serial, reason);
    }

    /** A name made safe as part of a file name; see {@link CertificateFiles#fileName}. */
    static String safe(String s) {
        return CertificateFiles.safe(s);
    }
}
