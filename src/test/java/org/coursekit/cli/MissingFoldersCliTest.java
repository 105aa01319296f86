package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init}'s folder and every output folder are created when missing, readable by the owner only. */
@EveryEngine
class MissingFoldersCliTest {
    @TempDir
    Path dir;

    private static void ownerOnly(Path folder) throws Exception {
        assertThat(folder).isDirectory();
        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void initCreatesTheDatabasesFolder() throws Exception {
        Path db = dir.resolve("kurse/coursekit.db");
        new Cli(dir).raw("--db=" + db, "init").ok();
        assertThat(db).isRegularFile();
        ownerOnly(dir.resolve("kurse"));
    }

    @Test
    void certificatesSheetsMailsExportsAndBackupsCreateTheirFolders() throws Exception {
        Cli cli = new Cli(dir).withExampleCourse().clock(Cli.at(2018, 3, 12, 8, 0));
        cli.run("participant", "import", Cli.PARTICIPANTS_CSV.toString(), "--course=bm-2018").ok();
        cli.run("attend", "sheet", "bm-2018", "--session=1", "--output=" + dir.resolve("blaetter/abend-1.pdf")).ok();
        cli.run("export", "participants", "bm-2018", "--output=" + dir.resolve("listen/2018/teilnehmende.csv")).ok();
        cli.run("export", "reminders", "--days=7", "--format=eml", "--output=" + dir.resolve("mails")).ok();
        boolean file = !Cli.onPostgres();     // db backup copies SQLite files (on PostgreSQL: pg_dump)
        if (file) {
            cli.run("db", "backup", dir.resolve("backups/coursekit.db").toString()).ok();
        }
        cli.run("certify", "issue", "bm-2018", "--output=" + dir.resolve("zertifikate"),
                "--merged=" + dir.resolve("druck/alle.pdf"));
        assertThat(dir.resolve("blaetter/abend-1.pdf")).isRegularFile();
        assertThat(dir.resolve("listen/2018/teilnehmende.csv")).isRegularFile();
        if (file) {
            assertThat(dir.resolve("backups/coursekit.db")).isRegularFile();
        }
        for (String f : file ? new String[] {"blaetter", "listen", "listen/2018", "mails", "backups", "zertifikate"}
                : new String[] {"blaetter", "listen", "listen/2018", "mails", "zertifikate"}) {
            ownerOnly(dir.resolve(f));
        }
        try (var mails = Files.list(dir.resolve("mails"))) {
            assertThat(mails).isNotEmpty();
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeIsNamed() throws Exception {
        Cli cli = new Cli(dir).withExampleCourse();
        Files.writeString(dir.resolve("zertifikate"), "not a folder");
        CliResult r = cli.run("certify", "issue", "bm-2018", "--output=" + dir.resolve("zertifikate")).expect(6);
        assertThat(r.err()).contains("zertifikate").contains("not a folder");
    }
}
