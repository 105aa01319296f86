package org.coursekit.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.coursekit.domain.FileError;
import org.coursekit.domain.NotFound;
import org.coursekit.domain.SiteRecord;
import org.coursekit.io.SiteFiles;
import org.coursekit.render.PdfInfo;

/**
 * {@code certify verify --site=DIR}: what a published verification site answers for a code or a
 * PDF, read from its folder as the page reads it (no database needed): the same derivation,
 * record and comparison of the PDF's SHA-256 with the recorded revisions.
 */
public final class SiteVerifier {
    /** The site's answer; {@code record} is null for unknown (and for tampered: the page shows none). */
    public record Answer(CertificateRegister.Verdict verdict, SiteRecord record, int revision, String detail) {
    }

    private SiteVerifier() {
    }

    public static Answer verify(Path dir, String codeOrFile) {
        Path siteFile = dir.resolve(SitePublisher.SITE);
        byte[] siteBytes;
        try {
            siteBytes = Files.readAllBytes(siteFile);
        } catch (NoSuchFileException e) {
            throw new NotFound("file.notFound", siteFile);
        } catch (IOException e) {
            throw new FileError(e, "file.cannotRead", siteFile, e.getMessage());
        }
        SiteFiles.Site site = SiteFiles.readSite(siteFile, siteBytes);
        Path path = Path.of(codeOrFile);
        String sha = null;
        String code = codeOrFile;
        if (Files.isRegularFile(path)) {
            byte[] pdf;
            try {
                pdf = Files.readAllBytes(path);
            } catch (IOException e) {
                throw new FileError(e, "file.cannotRead", path, e.getMessage());
            }
            sha = CertificateFiles.sha256Of(pdf);
            Map<String, String> info = PdfInfo.read(pdf);
            code = info == null ? null : info.get("CoursekitCode");
            if (code == null) {
                return new Answer(CertificateRegister.Verdict.UNKNOWN, null, 0, codeOrFile);
            }
        } else if (codeOrFile.toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            throw new NotFound("file.notFound", codeOrFile);
        }
        SiteCrypto.Keys keys = SiteCrypto.derive(code, site.salt(), site.iterations());
        SiteRecord r = keys == null ? null : read(dir.resolve(SitePublisher.RECORDS).resolve(keys.id() + ".bin"), keys);
        if (r == null) {
            return new Answer(CertificateRegister.Verdict.UNKNOWN, null, 0, codeOrFile);
        }
        boolean revoked = "revoked".equals(r.status());
        if (sha == null) {
            return new Answer(revoked ? CertificateRegister.Verdict.REVOKED : CertificateRegister.Verdict.VALID, r,
                    r.currentRevision(), null);
        }
        for (SiteRecord.Revision rev : r.revisions()) {
            if (rev.sha256().equals(sha)) {
                CertificateRegister.Verdict v = revoked ? CertificateRegister.Verdict.REVOKED
                        : rev.number() < r.currentRevision() ? CertificateRegister.Verdict.SUPERSEDED
                        : CertificateRegister.Verdict.VALID;
                return new Answer(v, r, rev.number(), null);
            }
        }
        return new Answer(CertificateRegister.Verdict.TAMPERED, null, 0, r.serial());
    }

    private static SiteRecord read(Path file, SiteCrypto.Keys keys) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new FileError(e, "file.cannotRead", file, e.getMessage());
        }
        byte[] plain = SiteCrypto.open(keys, bytes);
        return plain == null ? null : SiteFiles.readRecord(plain);
    }
}
