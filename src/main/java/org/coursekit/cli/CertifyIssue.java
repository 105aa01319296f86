package org.coursekit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.coursekit.app.CertificateBatch;
import org.coursekit.app.CertificateService;
import org.coursekit.render.TableRenderer;
import org.coursekit.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "issue", mixinStandardHelpOptions = true,
        description = {"Issue a certificate (PDF) to every eligible participant of a course.",
            "Files DIR/SERIAL_Lastname_Firstname.pdf, serial numbers PREFIX-001, ... without gaps, a verification code",
            "and a QR code on each, all in the register. Running it again issues only what is missing;",
            "an interrupted run completes on the next one. Prints the files written."},
        footerHeading = "%nExamples:%n",
        footer = {"  coursekit certify issue bm-2018 --output=zertifikate \\", "      --merged=zertifikate/alle.pdf",
            "  coursekit certify issue bm-2018 --output=zertifikate --dry-run",
            "  coursekit certify issue bm-2018 --output=zertifikate --only=7 --reissue"})
final class CertifyIssue extends Base.WithDb {
    @Parameters(paramLabel = "COURSE", description = "The course id.")
    String courseId;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "The folder for the PDFs (created when missing).")
    Path output;
    @Option(names = "--only", paramLabel = "REFS", split = ",", description = "Only these participants (ids or e-mail addresses).")
    List<String> only = new ArrayList<>();
    @Option(names = "--template", paramLabel = "FILE.json", description = "Your own template (see 'certify template').")
    Path template;
    @Option(names = "--merged", paramLabel = "FILE.pdf", description = "Also write all valid certificates as one print-ready PDF.")
    Path merged;
    @Option(names = "--date", paramLabel = "DATE",
            description = "Issue date printed (default: today; with --reissue: the date each certificate was first issued on).")
    String date;
    @Option(names = "--place", paramLabel = "TEXT", description = "Place printed before the date (default: the town of the course's location).")
    String place;
    @Option(names = "--dry-run", description = "List what would be issued; write nothing.")
    boolean dryRun;
    @Option(names = "--reissue", description = "Render new PDFs for existing certificates (same serial and code, same issue date, new revision);"
                + " a previous revision's file whose name changed is removed when it is unchanged.")
    boolean reissue;

    @Override
    protected int run(Store db) {
        Progress progress = new Progress(this);
        CertificateBatch.Progress steps = (done, total) -> {
            if (done % 5 == 0 || done == total) {
                progress.bar("progress.certificates", done, total);
            }
        };
        CertificateBatch.IssueResult r;
        try {
            r = CertifyCommand.certificates(this, db).issue(new CertificateBatch.IssueRequest(
                    courseId, output, only, template, merged, OptionValues.date("--date", date),
                    OptionValues.text("--place", place), dryRun, reissue, root().lang == null ? null : root().lang.name()),
                    steps);
        } finally {
            progress.done();
        }
        for (CertificateBatch.Written w : r.written()) {
            out().println(dryRun ? w.serial() + "\t" + TableRenderer.clean(w.fullName()) + "\t" + w.file() : w.file().toString());
        }
        out().flush();
        for (Path kept : r.keptSuperseded()) {
            info("certify.issue.supersededKept", kept);
        }
        if (reissue) {
            info(dryRun ? "certify.issue.summary.reissue.dryRun" : "certify.issue.summary.reissue", r.issued(), r.reissued(),
                    r.alreadyIssued(), r.notEligible().size(), courseId);
        } else {
            info(dryRun ? "certify.issue.summary.dryRun" : "certify.issue.summary", r.issued(), r.alreadyIssued(),
                    r.notEligible().size(), courseId);
        }
        if (merged != null && !dryRun) {
            info("file.written", merged);
        }
        return ExitCodes.OK;
    }
}
