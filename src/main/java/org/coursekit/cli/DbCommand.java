package org.coursekit.cli;

import java.nio.file.Path;
import java.util.List;

import org.coursekit.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Look after the database file: backups and checks.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {DbCommand.Backup.class, DbCommand.Check.class})
final class DbCommand extends Base.Group {

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = {"Write a consistent copy of the database (mode 0600), safe while others write.",
                "Refused (exit 5) when FILE exists, unless --force."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit db backup backups/coursekit-$(date +%F).db"})
    static final class Backup extends Base.WithDb {
        @Parameters(paramLabel = "FILE", description = "Where to write the copy.")
        Path file;

        @Option(names = "--force", description = "Replace FILE if it exists.")
        boolean force;

        @Override
        protected int run(Database db) {
            db.backupTo(file, force);
            info("db.backup.done", file);
            return ExitCodes.OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check the database's integrity and foreign keys.",
                "Exit 0 when sound; 7 with the problems listed otherwise."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit db check && echo fine"})
    static final class Check extends Base.WithDb {
        @Override
        protected int run(Database db) {
            List<String> problems = db.check();
            if (problems.isEmpty()) {
                info("db.check.ok", db.path(), Database.SCHEMA_VERSION);
                return ExitCodes.OK;
            }
            for (String p : problems) {
                out().println(p);
            }
            out().flush();
            err().println(msg("error.prefix", msg("db.check.problems", db.path(), problems.size())));
            return ExitCodes.DATABASE;
        }
    }
}
