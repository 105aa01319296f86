package org.coursekit.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.coursekit.domain.Certificate;
import org.coursekit.domain.Conflict;
import org.coursekit.domain.FileError;
import org.coursekit.domain.NotFound;
import org.coursekit.domain.VerificationCode;
import org.coursekit.render.PdfInfo;
import org.coursekit.store.Store;

/** The register of issued certificates: listing, verification, revocation and its undoing. */
public final class CertificateRegister {
    public enum Verdict { VALID, REVOKED, SUPERSEDED, TAMPERED, UNKNOWN }

    /** What {@code certify verify} found; {@code certificate} is null for unknown. */
    public record Verification(Verdict verdict, Certificate certificate, String courseTitle, int revision, String detail) {
    }

    private final Store db;

    public CertificateRegister(Store db) {
        this.db = db;
    }

    /** The certificates of a course (all with {@code courseId} null). */
    public List<Certificate> list(String courseId) {
        return db.read(tx -> {
            if (courseId != null) {
                CourseService.course(tx, courseId);
            }
            return tx.certificates().list(courseId);
        });
    }

    public Certificate revoke(String serial, String reason) {
        return db.write(tx -> {
            Certificate c = tx.certificates().bySerial(serial)
                    .orElseThrow(() -> new NotFound("certificate.notFound", serial));
            if (c.status() == Certificate.Status.REVOKED) {
                throw new Conflict("certificate.alreadyRevoked", serial, c.revokedAt());
            }
            tx.certificates().revoke(c.id(), reason);
            tx.audit().add(c.courseId(), "certificate.revoked", serial, reason);
            return tx.certificates().bySerial(serial).orElseThrow();
        });
    }

    /** Undoes a revocation: the certificate is valid again, same serial and code; audited with the reason. */
    public Certificate unrevoke(String serial, String reason) {
        return db.write(tx -> {
            Certificate c = tx.certificates().bySerial(serial)
                    .orElseThrow(() -> new NotFound("certificate.notFound", serial));
            if (c.status() != Certificate.Status.REVOKED) {
                throw new Conflict("certificate.notRevoked", serial);
            }
            tx.certificates().unrevoke(c.id());
            tx.audit().add(c.courseId(), "certificate.unrevoked", serial, reason);
            return tx.certificates().bySerial(serial).orElseThrow();
        });
    }

    /** Verifies a code or a PDF file. */
    public Verification verify(String codeOrFile) {
        Path path = Path.of(codeOrFile);
        if (Files.isRegularFile(path)) {
            return verifyFile(path);
        }
        if (codeOrFile.toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            throw new NotFound("file.notFound", codeOrFile);
        }
        String code = VerificationCode.normalise(codeOrFile);
        return db.read(tx -> {
            var found = code == null ? null : tx.certificates().verifiable("code", code).orElse(null);
            if (found == null) {
                return new Verification(Verdict.UNKNOWN, null, null, 0, codeOrFile);
            }
            Certificate c = found.certificate();
            String title = found.courseTitle();
            return new Verification(c.status() == Certificate.Status.REVOKED ? Verdict.REVOKED : Verdict.VALID, c, title,
                    c.revision(), null);
        });
    }

    private Verification verifyFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FileError(e, "file.cannotRead", file, e.getMessage());
        }
        String sha = CertificateFiles.sha256Of(bytes);
        return db.read(tx -> {
            var hit = tx.certificates().verifiableByHash(sha);
            if (hit.isPresent()) {
                Certificate c = hit.get().getKey().certificate();
                int revision = hit.get().getValue();
                String title = hit.get().getKey().courseTitle();
                Verdict v = c.status() == Certificate.Status.REVOKED ? Verdict.REVOKED
                        : revision < c.revision() ? Verdict.SUPERSEDED : Verdict.VALID;
                return new Verification(v, c, title, revision, null);
            }
            Map<String, String> info = PdfInfo.read(bytes);
            String serial = info == null ? null : info.get("CoursekitSerial");
            if (serial != null && !serial.isEmpty()) {
                var found = tx.certificates().verifiable("serial", serial).orElse(null);
                Certificate c = found == null ? null : found.certificate();
                String title = found == null ? null : found.courseTitle();
                return new Verification(Verdict.TAMPERED, c, title, 0, serial);
            }
            return new Verification(Verdict.UNKNOWN, null, null, 0, file.toString());
        });
    }
}
