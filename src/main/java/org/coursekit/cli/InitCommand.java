package org.coursekit.cli;

import java.nio.file.Path;

import org.coursekit.store.Store;
import org.coursekit.store.Stores;
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
        try (Store db = Stores.create(path.toString(), root().clock())) {
            info("init.created", path.toAbsolutePath(), db.schemaVersion());
            out().println(path.toAbsolutePath());
            out().flush();
            return ExitCodes.OK;
        }
    }
}
