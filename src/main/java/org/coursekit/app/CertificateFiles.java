package org.coursekit.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import org.coursekit.domain.Certificate;
import org.coursekit.domain.Participant;
import org.coursekit.io.AtomicFile;
import org.coursekit.store.CertificateRepository;
import org.coursekit.store.Store;

/**
 * The certificates' files: their names, writing one with its hash, the temporary files a killed
 * batch left, and the files of superseded revisions.
 */
final class CertificateFiles {
    private final Store db;

    CertificateFiles(Store db) {
        this.db = db;
    }

    /**
     * {@code SERIAL_Lastname_Firstname.pdf}, safe on every file system: letters and digits of any
     * script stay, everything else (separators, dots, control characters) becomes {@code _}.
     */
    static String fileName(String serial, Participant p) {
        return serial + "_" + safe(p.lastName()) + "_" + safe(p.firstName()) + ".pdf";
    }

    static String safe(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            if (Character.isLetterOrDigit(cp) || cp == '-') {
                sb.appendCodePoint(cp);
            } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '_') {
                sb.append('_');
            }
            i += Character.charCount(cp);
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == '_') {
            end--;
        }
        String out = sb.substring(0, end);
        if (out.length() > 60) {
            out = out.substring(0, 60);
        }
        return out.isEmpty() ? "_" : out;
    }

    /**
     * Temporary PDFs a killed batch left in the output folder and in the merged file's folder (no
     * other running batch's: those are locked). Call only while holding the course's batch lock.
     */
    static void removeLeftovers(Path outputDir, Path merged) {
        AtomicFile.removeLeftovers(outputDir);
        Path mergedFolder = merged == null ? null : merged.toAbsolutePath().getParent();
        if (mergedFolder != null && Files.isDirectory(mergedFolder)) {
            AtomicFile.removeLeftovers(mergedFolder);
        }
    }

    /** Writes a PDF atomically, directly inside {@code dir}, and returns the SHA-256 of exactly the bytes written. */
    String writePdf(Path dir, String name, Consumer<OutputStream> body) {
        MessageDigest md = sha256();
        AtomicFile.writeInto(dir, name, db::refuseOwnFile, out -> {
            DigestOutputStream dout = new DigestOutputStream(out, md);
            body.accept(dout);
            try {
                dout.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, false);
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * After new revisions were written: the previous revision's file, when its name differs (the
     * name was corrected) and it lies in this folder, is removed if its bytes are exactly those
     * that were issued (their SHA-256 is the one recorded); otherwise it stays and is returned.
     */
    List<Path> removeSuperseded(List<Certificate> written, Path dir) {
        List<Path> kept = new ArrayList<>();
        for (Certificate c : written) {
            if (c.revision() <= 1) {
                continue;
            }
            CertificateRepository.RevisionFile previous = db.read(tx -> tx.certificates().revision(c.id(), c.revision() - 1))
                    .orElse(null);
            if (previous == null || previous.file().equals(c.file())) {
                continue;
            }
            Path old = dir.resolve(previous.file());
            boolean inside = !previous.file().contains("/") && !previous.file().contains("\\")
                    && !previous.file().equals("..") && !previous.file().equals(".");
            if (!inside || !Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (!Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS) || previous.sha256() == null
                    || !previous.sha256().equals(sha256Of(old))) {
                kept.add(old);
                continue;
            }
            try {
                Files.delete(old);
            } catch (IOException e) {
                kept.add(old);
            }
        }
        return kept;
    }

    /** The SHA-256 of a file, read without following a link; null if it cannot be read. */
    private static String sha256Of(Path file) {
        MessageDigest md = sha256();
        try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            return null;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The SHA-256 of some bytes, as lower-case hex. */
    static String sha256Of(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
