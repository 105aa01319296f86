package org.coursekit.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.coursekit.store.Store;
import org.coursekit.store.Stores;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command has: the streams, the messages and the global options. */
abstract class Base implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    CoursekitCommand root() {
        return (CoursekitCommand) spec.root().userObject();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    String msg(String key, Object... args) {
        return root().messages().get(key, args);
    }

    /** A message for the user on stderr, silenced by {@code --quiet}. */
    void info(String key, Object... args) {
        if (!root().quiet()) {
            err().println(msg(key, args));
            err().flush();
        }
    }

    /** The answers that mean yes, in English and German. */
    private static final java.util.Set<String> YES = java.util.Set.of("y", "yes", "j", "ja");

    /**
     * Before something that cannot be undone: true with {@code --yes}; else the question (key
     * {@code question}) on the terminal, true if the answer is y/yes/j/ja. Without a terminal it is
     * a usage error (exit 2) that says to add {@code --yes}; declined, it says nothing was done.
     */
    boolean confirmed(boolean yes, String question, Object... args) {
        if (yes) {
            return true;
        }
        Terminal terminal = root().terminal();
        if (!terminal.interactive()) {
            throw usage("confirm.needYes", spec.qualifiedName());
        }
        err().print(msg(question, args) + " " + msg("confirm.prompt"));
        err().flush();
        String answer = terminal.readLine();
        if (answer != null && YES.contains(answer.strip().toLowerCase(java.util.Locale.ROOT))) {
            return true;
        }
        if (answer == null) {
            err().println();
        }
        err().println(msg("confirm.declined"));
        err().flush();
        return false;
    }

    /**
     * The check {@link #confirmed} makes first, for a command that should refuse before it opens
     * the database: without {@code --yes} and without a terminal, exit 2.
     */
    void needYesOrTerminal(boolean yes) {
        if (!yes && !root().terminal().interactive()) {
            throw usage("confirm.needYes", spec.qualifiedName());
        }
    }

    CommandLine.ParameterException usage(String key, Object... args) {
        return new CommandLine.ParameterException(spec.commandLine(), msg(key, args));
    }

    /** A command that works on the database: opens it (migrating if needed), runs, closes it. */
    abstract static class WithDb extends Base {
        @Override
        public Integer call() {
            try (Store db = Stores.open(root().dbSpec(), root().clock(), root().env())) {
                if (db.migratedFrom() > 0 && db.migrationBackup() != null) {
                    info("db.migrated", db.name(), db.migratedFrom(), db.schemaVersion(), db.migrationBackup());
                } else if (db.migratedFrom() > 0) {
                    info("db.migratedInPlace", db.name(), db.migratedFrom(), db.schemaVersion());
                }
                return run(db);
            }
        }

        /** The command's work on an open database; returns the exit code. */
        protected abstract int run(Store db);
    }

    /** A command that only groups subcommands: called alone, it is a usage error. */
    abstract static class Group extends Base {
        @Override
        public Integer call() {
            throw usage("usage.missingCommand");
        }
    }
}
