package org.coursekit.cli;

import java.nio.file.Path;

import org.coursekit.store.Database;
import picocli.CommandLine.Command;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create the database file (mode 0600) and print its path.",
            "Refused (exit 5) when the file exists."},
        footerHeading = "%nExamples:%n",
        footer = {"  coursekit init", "  coursekit --db=/srv/kurse/coursekit.db init"})
final class InitCommand extends Base {
    @Override
    public Integer call() {
        Path path = root().dbPath();
        try (Database db = Database.create(path)) {
            info("init.created", path.toAbsolutePath(), Database.SCHEMA_VERSION);
            out().println(path.toAbsolutePath());
            out().flush();
            return ExitCodes.OK;
        }
    }
}
