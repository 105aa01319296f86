package org.coursekit.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.coursekit.domain.Certificate;
import org.coursekit.domain.CertificateSettings;
import org.coursekit.domain.CertificateTemplate;
import org.coursekit.domain.Conflict;
import org.coursekit.domain.Course;
import org.coursekit.domain.Eligibility;
import org.coursekit.domain.EnrolmentStatus;
import org.coursekit.domain.FileError;
import org.coursekit.domain.Form;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.Msg;
import org.coursekit.domain.NotFound;
import org.coursekit.domain.Participant;
import org.coursekit.domain.Session;
import org.coursekit.domain.SessionKind;
import org.coursekit.domain.Signatory;
import org.coursekit.domain.VerificationCode;
import org.coursekit.i18n.Documents;
import org.coursekit.io.AtomicFile;
import org.coursekit.io.BatchLock;
import org.coursekit.io.TemplateFile;
import org.coursekit.render.CertificateRenderer;
import org.coursekit.render.Fonts;
import org.coursekit.render.PdfInfo;
import org.coursekit.store.CertificateRepository;
import org.coursekit.store.Store;
import org.coursekit.store.Tx;

/**
 * Issuing certificates in batches, the register, verification and revocation.
 *
 * <p>A batch is crash-safe and idempotent: first one transaction registers every new certificate
 * (serial, code, snapshot) with its PDF pending; then the PDFs are written one by one (each
 * atomically) and their hashes recorded in small transactions. A batch killed at any moment leaves
 * registered certificates whose PDF is pending; the next run writes exactly those, with the same
 * serial and code, so there are neither gaps nor duplicates.
 */
public final class CertificateService {
    private static final int RECORD_EVERY = 100;

    /** What {@code certify issue} is asked to do. */
    public record IssueRequest(String courseId, Path outputDir, List<String> only, Path template, Path merged,
                               LocalDate date, String place, boolean dryRun, boolean reissue, String language) {
    }

    /** One certificate written (or, in a dry run, to be written). */
    public record Written(String serial, String fullName, Path file) {
    }

    /** A person not eligible, with the status saying why. */
    public record NotEligible(Participant participant, Eligibility eligibility) {
    }

    /**
     * What a batch did: {@code written} holds the new certificates and the {@code reissued} new
     * revisions; {@code keptSuperseded} the files of previous revisions left in the folder because
     * their bytes are not those that were issued (or they could not be removed).
     */
    public record IssueResult(List<Written> written, int reissued, int alreadyIssued, List<NotEligible> notEligible,
                              List<Path> keptSuperseded, boolean dryRun) {
        /** How many new certificates (not revisions) are among those written. */
        public int issued() {
            return written.size() - reissued;
        }
    }

    public enum Verdict { VALID, REVOKED, SUPERSEDED, TAMPERED, UNKNOWN }

    /** What {@code certify verify} found; {@code certificate} is null for unknown. */
    public record Verification(Verdict verdict, Certificate certificate, String courseTitle, int revision, String detail) {
    }

    private final Store db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CertificateService(Store db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Told after every certificate written: how many of how many. */
    @FunctionalInterface
    public interface Progress {
        void step(int done, int total);
    }

    public IssueResult issue(IssueRequest req, Progress progress) {
        AttendanceService attendance = new AttendanceService(db, clock);
        AttendanceService.Report report = attendance.report(req.courseId(), null);
        Course course = report.course();
        String language = req.language() != null ? req.language() : course.language();
        CertificateTemplate template = req.template() != null ? TemplateFile.read(req.template())
                : course.certificate().template() != null ? TemplateFile.read(Path.of(course.certificate().template()))
                : TemplateFile.defaultTemplate(language);
        Documents text = new Documents(language);
        String stored = course.certificate().serialPrefix();
        if (stored != null && !CertificateSettings.isValidSerialPrefix(stored)) {
            // stored before coursekit checked it: it would put files outside the folder
            throw new InvalidData(Msg.of("certify.badPrefix", course.id()),
                    List.of(Msg.of("field.serialPrefix", "certificate.serialPrefix", stored)));
        }
        if (req.merged() != null) {
            db.refuseOwnFile(req.merged());
        }
        if (!req.dryRun()) {
            AtomicFile.ensureFolder(req.outputDir(), req.outputDir());
        }

        Set<Long> only = req.only() == null || req.only().isEmpty() ? null : onlyIds(req.only(), report);
        Map<Long, Certificate> existing = new HashMap<>();
        for (Certificate c : list(course.id())) {
            if (c.participantId() != null) {
                existing.put(c.participantId(), c);
            }
        }
        List<AttendanceService.Row> toIssue = new ArrayList<>();
        List<Certificate> toReissue = new ArrayList<>();
        List<Certificate> pending = new ArrayList<>();
        List<NotEligible> notEligible = new ArrayList<>();
        int already = 0;
        for (AttendanceService.Row row : report.rows()) {
            long pid = row.participant().id();
            if (only != null && !only.contains(pid)) {
                continue;
            }
            Certificate c = existing.get(pid);
            if (c != null) {
                if (c.pending()) {
                    pending.add(c);
                } else if (req.reissue() && c.status() == Certificate.Status.VALID) {
                    toReissue.add(c);
                } else {
                    already++;
                }
            } else if (row.eligibility().status() == Eligibility.Status.ELIGIBLE) {
                toIssue.add(row);
            } else {
                notEligible.add(new NotEligible(row.participant(), row.eligibility()));
            }
        }

        CertificateRenderer renderer = new CertificateRenderer(template);
        List<Signatory> signatories = course.certificate().signatories();
        for (int i = 0; i < signatories.size(); i++) {
            if (signatories.get(i).image() != null) {
                CertificateRenderer.checkImage(signatories.get(i).image(), "certificate.signatories[" + i + "].image");
            }
        }
        checkGlyphs(renderer, toIssue.stream().map(AttendanceService.Row::participant).toList(), toReissue, report);

        LocalDate date = req.date() != null ? req.date() : LocalDate.now(clock.withZone(course.timezone()));
        String place = req.place() != null ? req.place() : defaultPlace(course);
        String prefix = course.certificate().serialPrefix() != null ? course.certificate().serialPrefix()
                : course.id().toUpperCase(Locale.ROOT);

        if (req.dryRun()) {
            List<Written> plan = new ArrayList<>();
            int seq = db.read(tx -> tx.certificates().maxSeq(course.id()));
            for (Certificate c : pending) {
                plan.add(new Written(c.serial(), c.fullName(), req.outputDir().resolve(c.file())));
            }
            for (AttendanceService.Row row : toIssue) {
                String serial = serial(prefix, ++seq);
                plan.add(new Written(serial, row.participant().fullName(),
                        req.outputDir().resolve(fileName(serial, row.participant()))));
            }
            for (Certificate c : toReissue) {
                Participant p = rowOf(report, c.participantId()).participant();
                plan.add(new Written(c.serial(), p.fullName(), req.outputDir().resolve(fileName(c.serial(), p))));
            }
            return new IssueResult(plan, toReissue.size(), already, notEligible, List.of(), true);
        }

        // one batch per course at a time: the lock goes with the process, also when it is killed
        try (BatchLock lock = BatchLock.acquire(db.lockFile(".issue-"
                + course.id() + ".lock"), course.id())) {
            // temporary PDFs a killed batch left (no other running batch's: those are locked)
            AtomicFile.removeLeftovers(req.outputDir());
            Path mergedFolder = req.merged() == null ? null : req.merged().toAbsolutePath().getParent();
            if (mergedFolder != null && Files.isDirectory(mergedFolder)) {
                AtomicFile.removeLeftovers(mergedFolder);
            }
            // Phase 1: register everything new in one transaction; PDFs pending.
            db.write(tx -> {
                int seq = tx.certificates().maxSeq(course.id());
                Set<Long> have = tx.certificates().participantsWith(course.id());
                List<AttendanceService.Row> rows = new ArrayList<>();
                for (AttendanceService.Row row : toIssue) {
                    if (!have.contains(row.participant().id())) {     // else issued by an earlier run since this one looked
                        rows.add(row);
                    }
                }
                List<String> codes = newCodes(tx, rows.size());
                Map<String, String> same = courseValues(course, report.sessions(), date, place, text);
                List<CertificateRepository.New> fresh = new ArrayList<>(rows.size());
                List<String[]> issued = new ArrayList<>(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    AttendanceService.Row row = rows.get(i);
                    Participant p = row.participant();
                    String serial = serial(prefix, ++seq);
                    Map<String, String> values = values(same, course, row, p, serial, codes.get(i), text);
                    fresh.add(new CertificateRepository.New(p.id(), seq, serial, codes.get(i), p.fullName(), p.firstName(),
                            p.lastName(), p.form() == null ? null : p.form().code(), values, date, fileName(serial, p)));
                    issued.add(new String[] {serial, "participant " + p.id()});
                }
                tx.certificates().insertAll(course.id(), fresh);
                tx.audit().addAll(course.id(), "certificate.issued", issued);
                Map<LocalDate, Map<String, String>> byDate = new HashMap<>();
                byDate.put(date, same);
                for (Certificate c : toReissue) {
                    AttendanceService.Row row = rowOf(report, c.participantId());
                    Participant p = row.participant();
                    // a reissue keeps the date it was issued on, unless --date says otherwise
                    LocalDate issuedOn = req.date() != null || c.issuedOn() == null ? date : c.issuedOn();
                    Map<String, String> sameOnDate = byDate.computeIfAbsent(issuedOn,
                            d -> courseValues(course, report.sessions(), d, place, text));
                    Map<String, String> values = values(sameOnDate, course, row, p, c.serial(), c.code(), text);
                    int revision = tx.certificates().newRevision(c.id(), p.fullName(), values, issuedOn,
                            fileName(c.serial(), p));
                    tx.audit().add(course.id(), "certificate.reissued", c.serial(), "revision " + revision);
                }
                return null;
            });

            // Phase 2: write every pending PDF; record hashes in small transactions.
            List<Certificate> work = new ArrayList<>();
            for (Certificate c : list(course.id())) {
                if (c.pending() && (only == null || only.contains(c.participantId()))) {
                    work.add(c);
                }
            }
            List<Written> written = renderAll(work, req.outputDir(), template, course.id(), progress);
            int reissued = (int) work.stream().filter(c -> c.revision() > 1).count();
            List<Path> kept = removeSuperseded(work, req.outputDir());

            if (req.merged() != null) {
                List<Map<String, String>> all = new ArrayList<>();
                for (Certificate c : list(course.id())) {
                    if (c.status() == Certificate.Status.VALID && (only == null || only.contains(c.participantId()))) {
                        all.add(c.values());
                    }
                }
                AtomicFile.write(req.merged(), db::refuseOwnFile, out -> renderer.writeAll(out, all));
            }
            return new IssueResult(written, reissued, already, notEligible, kept, false);
        }
    }

    /**
     * After new revisions were written: the previous revision's file, when its name differs (the
     * name was corrected) and it lies in this folder, is removed if its bytes are exactly those
     * that were issued (their SHA-256 is the one recorded); otherwise it stays and is returned.
     */
    private List<Path> removeSuperseded(List<Certificate> written, Path dir) {
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

    /** {@code n} verification codes that no certificate has and that differ from each other. */
    private List<String> newCodes(Tx tx, int n) {
        Set<String> codes = new java.util.LinkedHashSet<>();
        while (codes.size() < n) {
            Set<String> batch = new java.util.LinkedHashSet<>();
            while (batch.size() < n - codes.size()) {
                String code = VerificationCode.generate(random);
                if (!codes.contains(code)) {
                    batch.add(code);
                }
            }
            batch.removeAll(tx.certificates().takenCodes(batch));
            codes.addAll(batch);
        }
        return new ArrayList<>(codes);
    }

    /**
     * Renders the PDFs on all cores (each thread with its own renderer: OpenPDF's fonts are not
     * thread-safe) and records their hashes from this thread, in small transactions. A failure
     * stops the batch; what was recorded stays, the rest stays pending for the next run.
     */
    private List<Written> renderAll(List<Certificate> work, Path dir, CertificateTemplate template, String courseId,
                                    Progress progress) {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), Math.min(4, work.size() / 20)));
        List<Written> written = new ArrayList<>();
        List<Object[]> done = new ArrayList<>();
        ThreadLocal<CertificateRenderer> renderers = ThreadLocal.withInitial(() -> new CertificateRenderer(template));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "render");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.CompletionService<Object[]> results = new java.util.concurrent.ExecutorCompletionService<>(pool);
        try {
            for (Certificate c : work) {
                results.submit(() -> new Object[] {c, writePdf(dir, c.file(), out -> renderers.get().write(out, c.values()))});
            }
            for (int i = 0; i < work.size(); i++) {
                Object[] d;
                try {
                    d = results.take().get();
                } catch (java.util.concurrent.ExecutionException e) {
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
                Certificate c = (Certificate) d[0];
                done.add(d);
                written.add(new Written(c.serial(), c.fullName(), dir.resolve(c.file())));
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
                pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        written.sort(java.util.Comparator.comparing(Written::serial));
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

    private void record(String courseId, List<Object[]> done) {
        if (done.isEmpty()) {
            return;
        }
        db.write(tx -> {
            for (Object[] d : done) {
                Certificate c = (Certificate) d[0];
                tx.certificates().written(c.id(), c.revision(), (String) d[1]);
                if (c.participantId() != null) {
                    tx.participants().setStatus(courseId, c.participantId(), EnrolmentStatus.COMPLETED);
                }
            }
            return null;
        });
        done.clear();
    }

    /** Writes a PDF atomically, directly inside {@code dir}, and returns the SHA-256 of exactly the bytes written. */
    private String writePdf(Path dir, String name, java.util.function.Consumer<OutputStream> body) {
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<Long> onlyIds(List<String> refs, AttendanceService.Report report) {
        return db.read(tx -> {
            Set<Long> ids = new java.util.HashSet<>();
            for (String ref : refs) {
                Participant p = ParticipantService.resolve(tx, ref);
                if (report.rows().stream().noneMatch(r -> r.participant().id() == p.id())) {
                    throw new Conflict("certify.notEnrolled", ref, report.course().id());
                }
                ids.add(p.id());
            }
            return ids;
        });
    }

    private static AttendanceService.Row rowOf(AttendanceService.Report report, Long pid) {
        return report.rows().stream().filter(r -> pid != null && r.participant().id() == pid).findFirst().orElseThrow();
    }

    /** Before anything is written: every name must be printable, never a silent blank. */
    private static void checkGlyphs(CertificateRenderer renderer, List<Participant> fresh, List<Certificate> reissue,
                                    AttendanceService.Report report) {
        List<Participant> all = new ArrayList<>(fresh);
        for (Certificate c : reissue) {
            all.add(rowOf(report, c.participantId()).participant());
        }
        Fonts.requirePrintable(all, renderer::missingGlyph);
    }

    static String serial(String prefix, int seq) {
        return prefix + "-" + String.format(Locale.ROOT, "%03d", seq);
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

    /** The town of the course's location ("…, 71254 Ditzingen" gives "Ditzingen"). */
    static String defaultPlace(Course c) {
        if (c.location() == null) {
            return "";
        }
        String[] parts = c.location().split(",");
        String last = parts[parts.length - 1].strip();
        return last.replaceFirst("^\\d{4,5}\\s+", "");
    }

    /** What every certificate of a batch shows alike (computed once per batch); see {@link #values}. */
    static Map<String, String> courseValues(Course course, List<Session> sessions, LocalDate date, String place,
                                            Documents text) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("organiser", nz(course.organiser()));
        v.put("certificateTitle", course.certificate().title() != null ? course.certificate().title() : text.get("cert.title"));
        v.put("courseTitle", course.title());
        v.put("courseId", course.id());
        v.put("dateRange", dateRange(sessions, text));
        List<String> topics = new ArrayList<>();
        for (Session s : sessions) {
            if (s.isCounted() && !topics.contains(s.title())) {
                topics.add(s.title());
            }
        }
        v.put("topics", String.join(", ", topics));
        v.put("issueDate", text.date(date));
        v.put("place", nz(place));
        v.put("footer", nz(course.certificate().footer()));
        int i = 1;
        for (Signatory s : course.certificate().signatories()) {
            v.put("signatory." + i + ".name", s.name());
            v.put("signatory." + i + ".role", nz(s.role()));
            if (s.image() != null) {
                v.put("signatory." + i + ".image", s.image());
            }
            i++;
        }
        return v;
    }

    /** The snapshot, every text printed on one certificate: the batch's ({@link #courseValues}) and the person's. */
    static Map<String, String> values(Map<String, String> courseValues, Course course, AttendanceService.Row row,
                                      Participant p, String serial, String code, Documents text) {
        Map<String, String> v = new LinkedHashMap<>(courseValues);
        v.put("fullName", p.fullName());
        v.put("firstName", p.firstName());
        v.put("lastName", p.lastName());
        Form form = p.form() == null ? Form.X : p.form();
        Map<Form, String> roles = course.certificate().roleTitle();
        String role = roles.getOrDefault(form, roles.get(Form.X));
        v.put("role", nz(role));
        v.put("qualification", role == null ? "" : text.get("cert.qualified." + form.code(), role, p.fullName()));
        v.put("attended", Integer.toString(row.eligibility().attended()));
        v.put("counted", Integer.toString(row.eligibility().held() + row.eligibility().planned()));
        v.put("serial", serial);
        String grouped = VerificationCode.grouped(code);
        v.put("code", grouped);
        String url = course.certificate().verifyUrl() == null ? "" : course.certificate().verifyUrl().replace("{code}", grouped);
        v.put("verifyUrl", url);
        v.put(CertificateRenderer.QR, url.isEmpty() ? grouped : url);
        return v;
    }

    /** "20. Februar bis 24. April 2018": from the first to the last session, follow-up meetings left out. */
    static String dateRange(List<Session> sessions, Documents text) {
        LocalDate first = null;
        LocalDate last = null;
        for (Session s : sessions) {
            if (s.cancelled() || s.kind() == SessionKind.FOLLOWUP) {
                continue;
            }
            first = first == null || s.date().isBefore(first) ? s.date() : first;
            last = last == null || s.date().isAfter(last) ? s.date() : last;
        }
        if (first == null) {
            return "";
        }
        if (first.equals(last)) {
            return text.date(first);
        }
        String from = first.getYear() == last.getYear() ? text.dateWithoutYear(first) : text.date(first);
        return text.get("cert.dateRange", from, text.date(last));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

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
            Certificate c = code == null ? null : tx.certificates().byCode(code).orElse(null);
            if (c == null) {
                return new Verification(Verdict.UNKNOWN, null, null, 0, codeOrFile);
            }
            String title = tx.courses().find(c.courseId()).map(Course::title).orElse(c.courseId());
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
        String sha = HexFormat.of().formatHex(sha256().digest(bytes));
        return db.read(tx -> {
            var hit = tx.certificates().byHash(sha);
            if (hit.isPresent()) {
                Certificate c = hit.get().getKey();
                int revision = hit.get().getValue();
                String title = tx.courses().find(c.courseId()).map(Course::title).orElse(c.courseId());
                Verdict v = c.status() == Certificate.Status.REVOKED ? Verdict.REVOKED
                        : revision < c.revision() ? Verdict.SUPERSEDED : Verdict.VALID;
                return new Verification(v, c, title, revision, null);
            }
            Map<String, String> info = PdfInfo.read(bytes);
            String serial = info == null ? null : info.get("CoursekitSerial");
            if (serial != null && !serial.isEmpty()) {
                Certificate c = tx.certificates().bySerial(serial).orElse(null);
                String title = c == null ? null : tx.courses().find(c.courseId()).map(Course::title).orElse(c.courseId());
                return new Verification(Verdict.TAMPERED, c, title, 0, serial);
            }
            return new Verification(Verdict.UNKNOWN, null, null, 0, file.toString());
        });
    }
}
