package org.coursekit.cli;

import java.nio.file.Path;
import java.util.List;

import org.coursekit.app.CourseService;
import org.coursekit.app.DatabaseCopy;
import org.coursekit.app.PrivacyService;
import org.coursekit.domain.AuditEntry;
import org.coursekit.domain.Organisation;
import org.coursekit.render.TableRenderer;
import org.coursekit.store.Store;
import org.coursekit.store.Stores;
import java.time.LocalDate;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Look after the database: backups, checks, copies, organisations, the audit trail.",
        synopsisSubcommandLabel = "COMMAND")
final class DbCommand extends Base.Group {

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = {"Write a consistent copy of the database (mode 0600), safe while others write.",
                "Refused (exit 5) when FILE exists, unless --force, and always when FILE is the database",
                "or one of its files (-wal, -shm, -journal, locks, DB.bak-vN)."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit db backup backups/coursekit-$(date +%%F).db"})
    static final class Backup extends Base.WithDb {
        @Parameters(paramLabel = "FILE", description = "Where to write the copy.")
        Path file;

        @Option(names = "--force", description = "Replace FILE if it exists.")
        boolean force;

        @Override
        protected int run(Store db) {
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
        protected int run(Store db) {
            List<String> problems = db.check();
            if (problems.isEmpty()) {
                info("db.check.ok", db.name(), db.schemaVersion());
                return ExitCodes.OK;
            }
            for (String p : problems) {
                out().println(p);
            }
            out().flush();
            err().println(msg("error.prefix", msg("db.check.problems", db.name(), problems.size())));
            return ExitCodes.DATABASE;
        }
    }

    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = {"Copy the database, or one organisation's data, into another one in one transaction.",
                "Courses, sessions, people, enrolments, attendance, certificates with serials, codes, PDF hashes",
                "and revisions, reminders sent and the audit trail; ids are renumbered for the target.",
                "Refused (exit 5, nothing copied) when a course id, a certificate serial or code, or a person's",
                "e-mail address in the same organisation exists there already.",
                "A target file that does not exist is created; an existing one must be a coursekit database."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit db copy --to=register.db",
                "  coursekit db copy --from=register.db --to=ditzingen.db --org=ditzingen"})
    static final class Copy extends Base {
        @Option(names = "--to", required = true, paramLabel = "DB", description = "The database to copy into (a file, created if missing).")
        String to;

        @Option(names = "--from", paramLabel = "DB", description = "The database to copy from (default: the one --db names).")
        String from;

        @Option(names = "--org", paramLabel = "ORG", description = "Only this organisation's courses and people, and everything of theirs.")
        String org;

        @Override
        public Integer call() {
            OptionValues.organisationId("--org", org);
            root().usableDb(to);
            String source = from != null ? root().usableDb(from) : root().dbSpec();
            DatabaseCopy.Copied c = DatabaseCopy.copy(source, to, org, root().clock(), root().env());
            info(c.created() ? "db.copy.doneNew" : "db.copy.done", c.from(), c.to(), c.courses().size(),
                    c.courses().isEmpty() ? "-" : String.join(", ", c.courses()), c.participants(), c.certificates(),
                    c.auditEntries());
            return ExitCodes.OK;
        }
    }

    @Command(name = "org", mixinStandardHelpOptions = true,
            description = {"The organisations (towns, associations) whose courses and people the database keeps.",
                "Every course and participant belongs to one; what existed before belongs to 'default'."},
            synopsisSubcommandLabel = "COMMAND")
    static final class Org extends Base.Group {
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add an organisation, for 'course create --organisation=ORG'.",
                "Refused (exit 5) when the id exists."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit db org add ditzingen --name=\"Stadt Ditzingen\""})
    static final class OrgAdd extends Base.WithDb {
        @Parameters(paramLabel = "ORG", description = "The organisation's id: 2-40 lowercase letters, digits or '-' (e.g. ditzingen).")
        String id;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Its name, e.g. \"Stadt Ditzingen\".")
        String name;

        @Override
        public Integer call() {
            OptionValues.organisationId("ORG", id);
            OptionValues.requiredText("--name", name);
            return super.call();
        }

        @Override
        protected int run(Store db) {
            new CourseService(db, root().clock()).addOrganisation(id, OptionValues.requiredText("--name", name));
            info("organisation.added", id);
            return ExitCodes.OK;
        }
    }

    @Command(name = "move", mixinStandardHelpOptions = true,
            description = {"Move every course and participant of an organisation into another one.",
                "For a database from before organisations, whose courses and people are all in 'default'.",
                "Refused (exit 5, nothing moved) when someone has an e-mail address someone of --to has too."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit db org add ditzingen --name=\"Stadt Ditzingen\"", "  coursekit db org move default --to=ditzingen"})
    static final class OrgMove extends Base.WithDb {
        @Parameters(paramLabel = "ORG", description = "The organisation whose courses and people move.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "ORG", description = "The organisation they move into (it must exist).")
        String to;

        @Override
        public Integer call() {
            OptionValues.organisationId("ORG", from);
            OptionValues.organisationId("--to", to);
            if (from.equals(to)) {
                throw usage("organisation.move.same", from);
            }
            return super.call();
        }

        @Override
        protected int run(Store db) {
            long[] moved = new CourseService(db, root().clock()).moveOrganisation(from, to);
            info("organisation.moved", from, to, moved[0], moved[1]);
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the organisations with their numbers of courses and participants.",
            footerHeading = "%nExamples:%n", footer = {"  coursekit db org list", "  coursekit db org list --json"})
    static final class OrgList extends Base.WithDb {
        @Mixin
        OutputOptions output = new OutputOptions();

        @Override
        protected int run(Store db) {
            output.print(this, new CourseService(db, root().clock()).organisations(), List.of(
                    Column.of("id", Organisation::id),
                    Column.of("name", Organisation::name),
                    Column.num("courses", Organisation::courses),
                    Column.num("participants", Organisation::participants)));
            return ExitCodes.OK;
        }
    }

    /** The roles of the register on PostgreSQL. */
    enum Role { organiser, coordinator }

    /** A command of the register's grants: only for a PostgreSQL database (exit 2 before anything is opened). */
    abstract static class OnRegister extends Base.WithDb {
        @Override
        public Integer call() {
            if (!Stores.isServer(root().dbSpec())) {
                throw usage("db.grant.needsRegister", spec.qualifiedName(), root().dbSpec());
            }
            return super.call();
        }
    }

    @Command(name = "grant", mixinStandardHelpOptions = true,
            description = {"Give a PostgreSQL user a role in an organisation of the register (for its admin).",
                "organiser: everything of the organisation's courses and people, nothing of others'.",
                "coordinator: every organisation's courses, sessions, attendance and certificates,",
                "never participants' names or contact data. PostgreSQL itself enforces both.",
                "Exit 3 when the organisation or the user does not exist (CREATE ROLE NAME LOGIN);",
                "exit 5 when the user has the other role or owns the tables; 2 on an SQLite file."},
            footerHeading = "%nExamples:%n",
            footer = {"  coursekit db grant trainer_ditzingen --org=ditzingen --role=organiser",
                "  coursekit db grant land --org=land --role=coordinator"})
    static final class Grant extends OnRegister {
        @Parameters(paramLabel = "PGUSER", description = "The PostgreSQL user (a login role).")
        String user;

        @Option(names = "--org", required = true, paramLabel = "ORG", description = "The organisation.")
        String org;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "organiser or coordinator.")
        Role role;

        @Override
        protected int run(Store db) {
            OptionValues.organisationId("--org", org);
            db.grant(user, org, role.name());
            info("db.grant.done", user, role.name(), org);
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Take back a PostgreSQL user's role in an organisation of the register.",
                "Without any role left, the user's privileges on coursekit's tables go too.",
                "Exit 3 when the user had no role there; exit 2 on an SQLite file."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit db revoke trainer_ditzingen --org=ditzingen"})
    static final class Revoke extends OnRegister {
        @Parameters(paramLabel = "PGUSER", description = "The PostgreSQL user.")
        String user;

        @Option(names = "--org", required = true, paramLabel = "ORG", description = "The organisation.")
        String org;

        @Override
        protected int run(Store db) {
            OptionValues.organisationId("--org", org);
            if (!db.revoke(user, org)) {
                throw new org.coursekit.domain.NotFound("db.revoke.none", user, org);
            }
            info("db.revoke.done", user, org);
            return ExitCodes.OK;
        }
    }

    @Command(name = "grants", mixinStandardHelpOptions = true,
            description = {"List the register's grants: user, organisation, role, since.",
                "Its admin sees all, other users their own. Exit 2 on an SQLite file."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit db grants", "  coursekit db grants --json"})
    static final class Grants extends OnRegister {
        @Mixin
        OutputOptions output = new OutputOptions();

        @Override
        protected int run(Store db) {
            output.print(this, db.grants(), List.of(
                    Column.of("user", org.coursekit.domain.RegisterGrant::user),
                    Column.of("organisation", org.coursekit.domain.RegisterGrant::organisation),
                    Column.of("role", org.coursekit.domain.RegisterGrant::role),
                    Column.of("grantedAt", org.coursekit.domain.RegisterGrant::grantedAt)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "log", mixinStandardHelpOptions = true,
            description = {"The audit trail: who (OS user) changed what and when.",
                "Attendance recorded or changed, certificates issued, reissued, revoked and unrevoked, people",
                "erased and purged, databases copied in. Ids and serials, no names."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit db log --course=bm-2018 --limit=20"})
    static final class Log extends Base.WithDb {
        @Option(names = "--course", paramLabel = "COURSE", description = "Only entries of this course.")
        String course;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "The newest N entries (default: ${DEFAULT-VALUE}).")
        int limit;
        @Mixin
        OutputOptions output = new OutputOptions();

        @Override
        protected int run(Store db) {
            if (limit < 1) {
                throw usage("db.log.limit", limit);
            }
            output.print(this, new PrivacyService(db).log(course, limit), List.of(
                    Column.of("at", AuditEntry::at),
                    Column.of("user", AuditEntry::user),
                    Column.of("courseId", AuditEntry::courseId),
                    Column.of("action", AuditEntry::action),
                    Column.of("subject", AuditEntry::subject),
                    Column.of("detail", AuditEntry::detail)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = {"Retention: anonymise everyone whose last course ended before DATE.",
                "People without a course count if added before DATE.",
                "It works as 'participant erase' does, in the database and its FILE.bak-vN copies.",
                "Counts and the certificate register stay.",
                "Asks first (y/N) on a terminal; without one (scripts, cron) it needs --yes."},
            footerHeading = "%nExamples:%n", footer = {"  coursekit db purge --before=2020-01-01 --dry-run",
                "  coursekit db purge --before=2020-01-01 --yes"})
    static final class Purge extends Base.WithDb {
        @Option(names = "--before", required = true, paramLabel = "DATE", description = "Last course ended before this date.")
        String before;
        @Option(names = "--dry-run", description = "List who would be anonymised; change nothing.")
        boolean dryRun;
        @Option(names = "--yes", description = "Do not ask; needed without a terminal (not with --dry-run).")
        boolean yes;

        @Override
        public Integer call() {
            if (!dryRun) {
                OptionValues.date("--before", before);
                needYesOrTerminal(yes);
            }
            return super.call();
        }

        @Override
        protected int run(Store db) {
            LocalDate date = OptionValues.date("--before", before);
            PrivacyService service = new PrivacyService(db);
            if (dryRun) {
                var people = service.purgeCandidates(date);
                for (var p : people) {
                    out().println(p.id() + "\t" + TableRenderer.clean(p.fullName()));
                }
                out().flush();
                info("db.purge.dryRun", people.size(), date);
                return ExitCodes.OK;
            }
            int candidates = service.purgeCandidates(date).size();
            if (candidates > 0 && !confirmed(yes, "db.purge.confirm", candidates, date)) {
                return ExitCodes.OK;
            }
            int n = service.purge(date);
            info("db.purge.done", n, date);
            if (n > 0) {
                for (Path backup : db.migrationBackups()) {
                    info("erase.backupToo", backup);
                }
            }
            return ExitCodes.OK;
        }
    }
}
