package org.coursekit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coursekit.app.AttendanceService;
import org.coursekit.app.CertificateRegister;
import org.coursekit.app.CertificateService;
import org.coursekit.app.SitePublisher;
import org.coursekit.app.SiteVerifier;
import org.coursekit.domain.SiteRecord;
import org.coursekit.domain.Certificate;
import org.coursekit.domain.VerificationCode;
import org.coursekit.io.TemplateFile;
import org.coursekit.domain.Eligibility;
import org.coursekit.domain.Msg;
import org.coursekit.io.JsonOut;
import org.coursekit.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "certify", mixinStandardHelpOptions = true,
        description = {"Who gets a certificate; issue them as PDFs with serial and verification code; the register.",
            "Anyone can check a certificate with 'certify verify CODE'",
            "or 'certify verify FILE.pdf'."},
        synopsisSubcommandLabel = "COMMAND")
final class CertifyCommand extends Base.Group {

    /** The fields of one participant's eligibility, as in {@code certify check --json} (README, section "Output", JSON fields). */
    static Map<String, Object> eligibilityFields(Base cmd, AttendanceService.Row row) {
        Eligibility e = row.eligibility();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("participantId", row.participant().id());
        m.put("email", row.participant().email());
        m.put("firstName", row.participant().firstName());
        m.put("lastName", row.participant().lastName());
        m.put("attended", e.attended());
        m.put("held", e.held());
        m.put("planned", e.planned());
        m.put("needed", e.needed());
        m.put("percent", e.percent());
        m.put("missedRequired", e.missedRequired());
        m.put("unrecorded", e.unrecorded());
        m.put("since", row.enrolment().since());
        m.put("status", e.status().id());
        List<String> reasons = new ArrayList<>();
        for (Msg r : e.reasons()) {
            reasons.add(cmd.root().messages().render(r));
        }
        m.put("reasons", reasons);
        return m;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Who gets a certificate, and why or why not.",
                "For each enrolled participant: attended counted sessions, counted sessions held and planned, percentage, missed required sessions, and a status with its reasons:",
                "  eligible        meets every rule now",
                "  on-track        can still qualify while missing at least one remaining counted session",
                "  at-risk         can still qualify, but only by attending every remaining counted session",
                "  cannot-qualify  can no longer qualify",
                "  issued/revoked  a certificate was issued / revoked",
                "Sessions after --as-of (default: now) are still to come. late counts as attended, excused does not.",
                "A held counted session without a record counts as missed and is named in the reasons."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit certify check bm-2018", "  coursekit certify check bm-2018 --as-of=2018-03-20 --json",
                "  coursekit certify check bm-2018 --strict && coursekit certify issue \\", "      bm-2018 --output=zertifikate"})
    static final class Check extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", description = "The course id.")
        String courseId;
        @Option(names = "--as-of", paramLabel = "DATE", description = "Evaluate as at the end of this day (default: now).")
        String asOf;
        @Option(names = "--strict", description = "Exit 1 when anyone is not eligible (or issued).")
        boolean strict;
        @Mixin
        OutputOptions output = new OutputOptions();

        @Override
        protected int run(Store db) {
            AttendanceService.Report r = new AttendanceService(db, root().clock()).report(courseId, OptionValues.date("--as-of", asOf));
            CourseCommand.warnIfRuleExceedsSessions(this, r.course(), r.sessions(), false);
            if (output.json()) {
                List<Object> rows = new ArrayList<>();
                for (AttendanceService.Row row : r.rows()) {
                    rows.add(eligibilityFields(this, row));
                }
                JsonOut.write(out(), rows);
            } else {
                output.print(this, r.rows(), List.of(
                        Column.num("participantId", row -> row.participant().id()),
                        Column.of("lastName", row -> row.participant().lastName()),
                        Column.of("firstName", row -> row.participant().firstName()),
                        Column.num("attended", row -> row.eligibility().attended()),
                        Column.num("held", row -> row.eligibility().held()),
                        Column.num("planned", row -> row.eligibility().planned()),
                        Column.num("percent", row -> row.eligibility().percent()),
                        Column.of("missedRequired", row -> row.eligibility().missedRequired()),
                        Column.of("status", row -> row.eligibility().status().id()),
                        Column.of("reasons", row -> String.join("; ",
                                row.eligibility().reasons().stream().map(m -> root().messages().render(m)).toList()))));
            }
            if (strict) {
                long notEligible = r.rows().stream().map(row -> row.eligibility().status())
                        .filter(s -> s != Eligibility.Status.ELIGIBLE && s != Eligibility.Status.ISSUED).count();
                if (notEligible > 0) {
                    err().println(msg("certify.check.strictFailed", notEligible, courseId));
                    return ExitCodes.NEGATIVE;
                }
            }
            return ExitCodes.OK;
        }
    }

    static CertificateService certificates(Base cmd, Store db) {
        return new CertificateService(db, cmd.root().clock());
    }

    static List<Column<Certificate>> registerColumns() {
        return List.of(
                Column.of("serial", Certificate::serial),
                Column.of("code", c -> VerificationCode.grouped(c.code())),
                Column.num("participantId", Certificate::participantId),
                Column.of("courseId", Certificate::courseId),
                Column.of("fullName", Certificate::fullName),
                Column.of("issuedAt", Certificate::issuedOn),
                Column.num("revision", Certificate::revision),
                Column.of("status", c -> c.status().id()),
                Column.of("file", Certificate::file),
                Column.of("sha256", Certificate::sha256),
                Column.of("revisedAt", Certificate::revisedAt));   // added last: CSV columns keep their places
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The certificate register: serial, code, holder, issue date, revision, status, file and SHA-256.",
            footerHeading = "%nExamples:%n", footer = {"  coursekit certify list bm-2018", "  coursekit certify list --json"})
    static final class ListRegister extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", arity = "0..1", description = "Only this course.")
        String courseId;
        @Mixin
        OutputOptions output = new OutputOptions();

        @Override
        protected int run(Store db) {
            output.print(this, certificates(this, db).list(courseId), registerColumns());
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check a certificate by its verification code or its PDF file.",
                "Exit 0 and the holder, course and date for a valid certificate; exit 1 with the reason",
                "for a revoked, superseded (a newer revision exists), tampered (the file differs from every",
                "issued revision) or unknown certificate."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit certify verify 7KQ2-M9XD-4TRA",
                "  coursekit certify verify BM-2018-007_Koehler_Kaethe.pdf",
                "  coursekit certify verify 7KQ2-M9XD-4TRA --site=zertifikat"})
    static final class Verify extends Base.WithDb {
        @Parameters(paramLabel = "CODE|FILE.pdf", description = "The verification code (any case, dashes optional) or a PDF.")
        String what;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;
        @Option(names = "--site", paramLabel = "DIR",
                description = "Ask the published verification site in DIR instead of the database, as its page does.")
        java.nio.file.Path site;

        @Override
        public Integer call() {
            if (site == null) {
                return super.call();
            }
            SiteVerifier.Answer a = SiteVerifier.verify(site, what);
            SiteRecord r = a.record();
            String verdict = a.verdict().name().toLowerCase(java.util.Locale.ROOT);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("result", verdict);
                m.put("valid", a.verdict() == CertificateRegister.Verdict.VALID);
                if (r != null) {
                    m.put("serial", r.serial());
                    m.put("fullName", r.holder());
                    m.put("courseTitle", r.courseTitle());
                    m.put("issuedAt", r.issuedOn());
                    m.put("revision", a.revision());
                    m.put("currentRevision", r.currentRevision());
                    m.put("revokedAt", r.revokedAt());
                    m.put("revokeReason", r.revokeReason());
                }
                JsonOut.write(out(), m);
            } else {
                out().println(switch (a.verdict()) {
                    case VALID -> msg("verify.valid", r.serial(), r.holder(), r.courseTitle(), r.issuedOn());
                    case REVOKED -> msg("verify.revoked", r.serial(), r.holder(), r.courseTitle(), r.revokedAt(), r.revokeReason());
                    case SUPERSEDED -> msg("verify.superseded", r.serial(), r.holder(), a.revision(), r.currentRevision());
                    case TAMPERED -> msg("verify.tampered", a.detail());
                    case UNKNOWN -> msg("verify.unknown.site", a.detail(), site);
                });
                out().flush();
            }
            return a.verdict() == CertificateRegister.Verdict.VALID ? ExitCodes.OK : ExitCodes.NEGATIVE;
        }

        @Override
        protected int run(Store db) {
            CertificateRegister.Verification v = certificates(this, db).verify(what);
            Certificate c = v.certificate();
            String verdict = v.verdict().name().toLowerCase(java.util.Locale.ROOT);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("result", verdict);
                m.put("valid", v.verdict() == CertificateRegister.Verdict.VALID);
                if (c != null) {
                    m.put("serial", c.serial());
                    m.put("fullName", c.fullName());
                    m.put("courseId", c.courseId());
                    m.put("courseTitle", v.courseTitle());
                    m.put("issuedAt", c.issuedOn());
                    m.put("revision", v.revision());
                    m.put("currentRevision", c.revision());
                    m.put("revokedAt", c.revokedAt());
                    m.put("revokeReason", c.revokeReason());
                }
                JsonOut.write(out(), m);
            } else {
                String line = switch (v.verdict()) {
                    case VALID -> msg("verify.valid", c.serial(), c.fullName(), v.courseTitle(), c.issuedOn());
                    case REVOKED -> msg("verify.revoked", c.serial(), c.fullName(), v.courseTitle(), c.revokedAt(),
                            c.revokeReason());
                    case SUPERSEDED -> msg("verify.superseded", c.serial(), c.fullName(), v.revision(), c.revision());
                    case TAMPERED -> msg("verify.tampered", v.detail());
                    case UNKNOWN -> msg("verify.unknown", v.detail());
                };
                out().println(line);
                out().flush();
            }
            return v.verdict() == CertificateRegister.Verdict.VALID ? ExitCodes.OK : ExitCodes.NEGATIVE;
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Write a static verification site that anyone can use to check a certificate.",
                "DIR/index.html, DIR/site.json and one encrypted record per certificate in",
                "DIR/records/. Any web space can host the folder; the page checks a code (from",
                "the address after #, or typed) or a PDF in the visitor's browser. Without a",
                "code the folder reveals nothing: no names, serials or courses. Running it",
                "again brings the folder to the register's state (revocations, reissues,",
                "erasures) and removes the records of certificates no longer published;",
                "unchanged records keep their bytes."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit certify publish --output=zertifikat",
                "  coursekit certify publish bm-2018 bm-2019 --output=/var/www/zertifikat"})
    static final class Publish extends Base.WithDb {
        @Parameters(paramLabel = "COURSE", arity = "0..*", description = "Only these courses' certificates (default: all).")
        List<String> courseIds = new ArrayList<>();
        @Option(names = "--output", required = true, paramLabel = "DIR", description = "The site's folder (created when missing).")
        java.nio.file.Path output;

        @Override
        protected int run(Store db) {
            SitePublisher.Result r = new SitePublisher(db).publish(courseIds, output);
            info("publish.summary", r.records(), r.dir(), r.written(), r.unchanged(), r.removed());
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a certificate: it stays in the register, and verification says revoked (with the reason).",
            footerHeading = "%nExamples:%n", footer = {"  coursekit certify revoke BM-2018-007 --reason=\"issued by mistake\""})
    static final class Revoke extends Base.WithDb {
        @Parameters(paramLabel = "SERIAL", description = "The certificate's serial number.")
        String serial;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (shown when the certificate is verified).")
        String reason;

        @Override
        protected int run(Store db) {
            String r = OptionValues.requiredText("--reason", reason);
            Certificate c = certificates(this, db).revoke(serial, r);
            info("certificate.revoked", c.serial());
            return ExitCodes.OK;
        }
    }

    @Command(name = "unrevoke", mixinStandardHelpOptions = true,
            description = {"Undo a mistaken revocation: the certificate is valid again (same serial and code).",
                "The revocation and its undoing stay in the audit trail (db log)."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit certify unrevoke BM-2018-007 \\", "      --reason=\"revoked the wrong certificate\""})
    static final class Unrevoke extends Base.WithDb {
        @Parameters(paramLabel = "SERIAL", description = "The certificate's serial number.")
        String serial;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept in the audit trail).")
        String reason;

        @Override
        protected int run(Store db) {
            String r = OptionValues.requiredText("--reason", reason);
            Certificate c = certificates(this, db).unrevoke(serial, r);
            info("certificate.unrevoked", c.serial());
            return ExitCodes.OK;
        }
    }

    @Command(name = "template", mixinStandardHelpOptions = true,
            description = {"Print the default certificate template (JSON), as a start for your own.",
                "Use your own with 'certify issue --template=FILE' or the course file's certificate.template."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit certify template --lang=de > urkunde.json"})
    static final class Template extends Base {
        @Override
        public Integer call() {
            String lang = root().documentLanguage(root().messages().locale().getLanguage());
            out().print(TemplateFile.defaultText(lang));
            out().flush();
            return ExitCodes.OK;
        }
    }
}
