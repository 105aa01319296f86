package org.coursekit.cli;

import java.util.List;

import org.coursekit.app.ProjectService;
import org.coursekit.domain.Project;
import org.coursekit.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "project", mixinStandardHelpOptions = true,
        description = {"What alumni go on to do: projects (former) participants started or joined after a course.",
            "'export report' counts them: a repair café, a citizens' foundation, a computer group."},
        synopsisSubcommandLabel = "COMMAND")
final class ProjectCommand extends Base.Group {

    /** The columns of a project in JSON and CSV (stable keys). */
    static List<Column<Project>> columns() {
        return List.of(
                Column.num("id", Project::id),
                Column.of("participantId", Project::participantId),
                Column.of("courseId", Project::courseId),
                Column.of("title", Project::title),
                Column.of("since", Project::since),
                Column.of("note", Project::note));
    }

    /** One line about a project: its title, since when, from which course. */
    static String describe(Base cmd, Project p) {
        StringBuilder sb = new StringBuilder(p.title());
        if (p.since() != null) {
            sb.append(", ").append(cmd.msg("participant.since", p.since()));
        }
        if (p.courseId() != null) {
            sb.append(" (").append(p.courseId()).append(')');
        }
        return sb.toString();
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Record a project a (former) participant started or joined, and print its id.",
                "--course names the course that led to it (the report counts it there)."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit participant project add kaethe@example.org \\",
                "      --title=\"Repair-Café Ditzingen\" --since=15.09.2018 --course=bm-2018"})
    static final class Add extends Base.WithDb {
        @Parameters(paramLabel = "REF", description = "Id or e-mail address.")
        String ref;
        @Option(names = "--title", required = true, paramLabel = "TEXT", description = "What the project is called.")
        String title;
        @Option(names = "--since", paramLabel = "DATE", description = "When the person started or joined it.")
        String since;
        @Option(names = "--course", paramLabel = "COURSE", description = "The course that led to it.")
        String course;
        @Option(names = "--note", paramLabel = "TEXT", description = "A note for the organisers (erased with the person).")
        String note;

        @Override
        protected int run(Store db) {
            long id = new ProjectService(db).add(ref, OptionValues.requiredText("--title", title),
                    OptionValues.date("--since", since), OptionValues.courseId("--course", course),
                    OptionValues.text("--note", note, true));
            info("project.added", id, ref);
            out().println(id);
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the projects, all or those that came of a course.",
            footerHeading = "%nExamples:%n", footer = {"  coursekit participant project list --course=bm-2018 --csv"})
    static final class ListProjects extends Base.WithDb {
        @Option(names = "--course", paramLabel = "COURSE", description = "Only the projects that came of this course.")
        String course;
        @Mixin
        OutputOptions output = new OutputOptions();

        @Override
        protected int run(Store db) {
            List<Project> projects = new ProjectService(db).list(course);
            if (output.structured()) {
                output.print(this, projects, columns());
            } else {        // the table: "Person" rather than a second "ID" column
                output.print(this, projects, List.of(
                        Column.num("id", Project::id),
                        Column.num("person", Project::participantId),
                        Column.of("courseId", Project::courseId),
                        Column.of("title", Project::title),
                        Column.of("since", Project::since),
                        Column.of("note", Project::note)));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a project (recorded by mistake, or it never came about).",
            footerHeading = "%nExamples:%n", footer = {"  coursekit participant project remove 3"})
    static final class Remove extends Base.WithDb {
        @Parameters(paramLabel = "ID", description = "The project's id (see: participant project list).")
        long id;

        @Override
        protected int run(Store db) {
            new ProjectService(db).remove(id);
            info("project.removed", id);
            return ExitCodes.OK;
        }
    }
}
