package org.coursekit.app;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.Msg;
import org.coursekit.domain.Participant;
import org.coursekit.domain.Placeholder;
import org.coursekit.domain.Signatory;
import org.coursekit.domain.VerificationCode;
import org.coursekit.i18n.Documents;
import org.coursekit.io.AtomicFile;
import org.coursekit.io.TemplateFile;
import org.coursekit.render.CertificateRenderer;
import org.coursekit.render.Fonts;
import org.coursekit.store.CertificateRepository;
import org.coursekit.store.Store;
import org.coursekit.store.Tx;

/**
 * Issuing (and reissuing) a course's certificates in a batch.
 *
 * <p>A batch is crash-safe and idempotent: first one transaction registers every new certificate
 * (serial, code, snapshot) with its PDF pending; then the PDFs are written one by one (each
 * atomically) and their hashes recorded in small transactions. A batch killed at any moment leaves
 * registered certificates whose PDF is pending; the next run writes exactly those, with the same
 * serial and code, so there are neither gaps nor duplicates.
 */
public final class CertificateBatch {
    /** How many new certificates phase 1 stores with one insert (all in the same transaction). */
    private static final int INSERT_EVERY = 500;

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

    private final Store db;
    private final Clock clock;
    /**
     * Made when the first code is drawn ({@link #newCodes}): setting one up loads the JDK's security
     * providers and reads the system's entropy, which the commands that only read certificates
     * ({@code certify list}, {@code check}) do not need.
     */
    private SecureRandom random;
    private final CertificateFiles files;
    private final CertificateRendering rendering;
    private final CertificateRegister register;

    public CertificateBatch(Store db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.files = new CertificateFiles(db);
        this.rendering = new CertificateRendering(db, files);
        this.register = new CertificateRegister(db);
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
        for (Certificate c : register.list(course.id())) {
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
        String place = req.place() != null ? req.place() : CertificateValues.defaultPlace(course);
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
                        req.outputDir().resolve(CertificateFiles.fileName(serial, row.participant()))));
            }
            for (Certificate c : toReissue) {
                Participant p = rowOf(report, c.participantId()).participant();
                plan.add(new Written(c.serial(), p.fullName(), req.outputDir().resolve(CertificateFiles.fileName(c.serial(), p))));
            }
            return new IssueResult(plan, toReissue.size(), already, notEligible, List.of(), true);
        }

        // one batch per course at a time: the lock goes with the process, also when it is killed
        try (Store.Lock lock = db.lock("issue-" + course.id(), course.id())) {
            // temporary PDFs a killed batch left (no other running batch's: those are locked)
            CertificateFiles.removeLeftovers(req.outputDir(), req.merged());
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
                Placeholder.Facts batch = CertificateValues.facts(course, report.sessions(), date, place, text);
                Map<String, String> same = CertificateValues.courseValues(batch);
                // stored a few hundred at a time: a batch of 10,000 snapshots (with their encoded text) held
                // at once until one insert was most of the batch's peak memory
                List<CertificateRepository.New> fresh = new ArrayList<>(Math.min(rows.size(), INSERT_EVERY));
                List<String[]> issued = new ArrayList<>(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    AttendanceService.Row row = rows.get(i);
                    Participant p = row.participant();
                    String serial = serial(prefix, ++seq);
                    Map<String, String> values = CertificateValues.values(same, batch, row, p, serial, codes.get(i));
                    fresh.add(new CertificateRepository.New(p.id(), seq, serial, codes.get(i), p.fullName(), p.firstName(),
                            p.lastName(), p.form() == null ? null : p.form().code(), values, date, CertificateFiles.fileName(serial, p)));
                    issued.add(new String[] {serial, "participant " + p.id()});
                    if (fresh.size() == INSERT_EVERY) {
                        tx.certificates().insertAll(course.id(), fresh);
                        fresh.clear();
                    }
                }
                tx.certificates().insertAll(course.id(), fresh);
                tx.audit().addAll(course.id(), "certificate.issued", issued);
                Map<LocalDate, Placeholder.Facts> factsByDate = new HashMap<>();
                factsByDate.put(date, batch);
                Map<LocalDate, Map<String, String>> byDate = new HashMap<>();
                byDate.put(date, same);
                for (Certificate c : toReissue) {
                    AttendanceService.Row row = rowOf(report, c.participantId());
                    Participant p = row.participant();
                    // a reissue keeps the date it was issued on, unless --date says otherwise
                    LocalDate issuedOn = req.date() != null || c.issuedOn() == null ? date : c.issuedOn();
                    Placeholder.Facts onDate = factsByDate.computeIfAbsent(issuedOn,
                            d -> CertificateValues.facts(course, report.sessions(), d, place, text));
                    Map<String, String> sameOnDate = byDate.computeIfAbsent(issuedOn, d -> CertificateValues.courseValues(onDate));
                    Map<String, String> values = CertificateValues.values(sameOnDate, onDate, row, p, c.serial(), c.code());
                    int revision = tx.certificates().newRevision(c.id(), p.fullName(), values, issuedOn,
                            CertificateFiles.fileName(c.serial(), p));
                    tx.audit().add(course.id(), "certificate.reissued", c.serial(), "revision " + revision);
                }
                return null;
            });

            // Phase 2: write every pending PDF; record hashes in small transactions.
            List<Certificate> work = new ArrayList<>();
            for (Certificate c : register.list(course.id())) {
                if (c.pending() && (only == null || only.contains(c.participantId()))) {
                    work.add(c);
                }
            }
            List<Written> written = rendering.renderAll(work, req.outputDir(), template, course.id(), progress);
            int reissued = (int) work.stream().filter(c -> c.revision() > 1).count();
            List<Path> kept = files.removeSuperseded(work, req.outputDir());

            if (req.merged() != null) {
                List<Map<String, String>> all = new ArrayList<>();
                for (Certificate c : register.list(course.id())) {
                    if (c.status() == Certificate.Status.VALID && (only == null || only.contains(c.participantId()))) {
                        all.add(c.values());
                    }
                }
                AtomicFile.write(req.merged(), db::refuseOwnFile, out -> renderer.writeAll(out, all));
            }
            return new IssueResult(written, reissued, already, notEligible, kept, false);
        }
    }

    /** {@code n} verification codes that no certificate has and that differ from each other. */
    private List<String> newCodes(Tx tx, int n) {
        if (random == null) {
            random = new SecureRandom();
        }
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

    private Set<Long> onlyIds(List<String> refs, AttendanceService.Report report) {
        return db.read(tx -> {
            Set<Long> ids = new java.util.HashSet<>();
            for (String ref : refs) {
                Participant p = ParticipantService.resolve(tx, ref, report.course().organisation());
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
}
