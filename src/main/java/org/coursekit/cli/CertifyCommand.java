package org.coursekit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coursekit.app.AttendanceService;
import org.coursekit.domain.Eligibility;
import org.coursekit.domain.Msg;
import org.coursekit.io.JsonOut;
import org.coursekit.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "certify", mixinStandardHelpOptions = true,
        description = "Who will get a certificate.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {CertifyCommand.Check.class})
final class CertifyCommand extends Base.Group {

    /** The fields of one participant's eligibility, as in {@code certify check --json} (CLI.md section 5). */
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
            description = {"For each enrolled participant: attended counted sessions, counted sessions held and planned,",
                "percentage, missed required sessions, and a status with its reasons:",
                "  eligible        meets every rule now",
                "  on-track        can still qualify while missing at least one remaining counted session",
                "  at-risk         can still qualify, but only by attending every remaining counted session",
                "  cannot-qualify  can no longer qualify",
                "  issued/revoked  a certificate was issued / revoked",
                "Sessions after --as-of (default: now) are still to come. late counts as attended, excused does not.",
                "A held counted session without a record counts as missed and is named in the reasons."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit certify check bm-2018", "  coursekit certify check bm-2018 --as-of=2018-03-20 --json",
                "  coursekit certify check bm-2018 --strict && coursekit certify issue bm-2018 --output=zertifikate"})
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
        protected int run(Database db) {
            output.validate(spec.commandLine());
            AttendanceService.Report r = AttendCommand.service(this, db).report(courseId, OptionValues.date("--as-of", asOf));
            if (output.json) {
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
}
