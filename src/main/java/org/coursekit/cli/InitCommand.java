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
        String spec = root().dbSpec();
        String shown = Stores.isServer(spec) ? spec : Path.of(spec).toAbsolutePath().toString();
        try (Store db = Stores.create(spec, root().clock(), root().env())) {
            info("init.created", shown, db.schemaVersion());
            out().println(shown);
            out().flush();
            return ExitCodes.OK;
        }
    }
}
