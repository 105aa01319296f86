package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors: exit 2, in the user's language, naming the option and the way out. */
@EveryEngine
class UsageErrorCliTest {
    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir).withExampleCourse();
    }

    @Test
    void germanModePrintsNoEnglishPicocliErrors() {
        String unmatched = cli.run("--lang=de", "course", "list", "überzählig").expect(2).err();
        assertThat(unmatched).contains("Fehler:").contains("überzählig").doesNotContain("Unmatched").doesNotContain("index");
        String missing = cli.run("--lang=de", "certify", "issue", "bm-2018").expect(2).err();
        assertThat(missing).contains("--output").contains("fehlt").doesNotContain("Missing");
        String twice = cli.run("--lang=de", "course", "show", "bm-2018", "--json", "--lang=en", "--lang=de").expect(2).err();
        assertThat(twice).contains("--lang").doesNotContain("should be specified only once");
        String conversion = cli.run("--lang=de", "course", "edit", "bm-2018", "--capacity=x").expect(2).err();
        assertThat(conversion).contains("--capacity").contains("„x“").doesNotContain("Invalid value").doesNotContain("is not an int");
        String badEnum = cli.run("--lang=de", "--lang=fr", "course", "list").expect(2).err();
        assertThat(badEnum).doesNotContain("Invalid value").doesNotContain("expected one of");
    }

    @Test
    void enumOptionValueNotOfferedListsTheCommandsOwnValuesInTheUsersLanguage() {
        CliResult en = cli.run("export", "attendance", "bm-2018", "--format=pdf").expect(2);
        assertThat(en.err().lines().findFirst().orElseThrow())
                .isEqualTo("error: invalid value for --format: \"pdf\" (one of: csv, json)");
        assertThat(en.out()).isEmpty();
        assertThat(cli.run("export", "participants", "bm-2018", "--format=ics").expect(2).err())
                .contains("invalid value for --format: \"ics\" (one of: csv, json, pdf)");
        assertThat(cli.run("--lang=de", "export", "reminders", "--format=xml").expect(2).err())
                .contains("Fehler: ungültiger Wert für --format: „xml“ (einer von: csv, json, ics, eml)")
                .doesNotContain("Invalid value");
        assertThat(cli.run("course", "session", "add", "bm-2018", "--date=2018-05-01", "--start=18:00", "--end=19:00",
                "--title=T", "--kind=party").expect(2).err())
                .contains("error: invalid value for --kind: \"party\" (one of: info, module, excursion, workshop, followup)");
        assertThat(cli.run("--lang=de", "participant", "list", "--course=bm-2018", "--status=gone").expect(2).err())
                .contains("Fehler: ungültiger Wert für --status: „gone“ (einer von: enrolled, waitlisted, withdrawn, completed)");
        assertThat(cli.run("--lang=de", "course", "list", "--json", "--csv").expect(2).err())
                .contains("Fehler: --json und --csv können nicht kombiniert werden: bitte eines davon wählen");
        assertThat(cli.run("course", "session", "edit", "bm-2018", "1", "--counted", "--not-counted").expect(2).err())
                .contains("error: --counted and --not-counted cannot be combined: choose one");
    }

    @Test
    void unknownDelimiterOrEncodingOfImportIsAUsageErrorNotInvalidData() throws java.io.IOException {
        Path csv = java.nio.file.Files.writeString(dir.resolve("p.csv"), "firstName,lastName,email\nAnna,Schmidt,anna@example.org\n");
        assertThat(cli.run("participant", "import", csv.toString(), "--delimiter=x", "--dry-run").expect(2).err())
                .contains("error: invalid value for --delimiter: \"x\" (one of: auto, ,, ;, tab)")
                .contains("participant import --help");
        assertThat(cli.run("--lang=de", "participant", "import", csv.toString(), "--encoding=ebcdic", "--dry-run").expect(2).err())
                .contains("Fehler: ungültiger Wert für --encoding: „ebcdic“ (einer von: auto, utf-8, windows-1252)");
        assertThat(cli.run("participant", "import", csv.toString(), "--on-duplicate=merge", "--dry-run").expect(2).err())
                .contains("invalid value for --on-duplicate: \"merge\" (one of: fail, skip, update)");
        for (String ok : List.of("--delimiter=,", "--delimiter=comma", "--delimiter=auto", "--encoding=latin1", "--encoding=UTF8", "--on-duplicate=skip")) {
            cli.run("participant", "import", csv.toString(), ok, "--dry-run").expect(0);
        }
    }

    @Test
    void enumOptionValuesAreCaseInsensitiveAndStillWork() {
        assertThat(cli.run("export", "attendance", "bm-2018", "--format=JSON").expect(0).out()).startsWith("[");
        cli.run("course", "session", "add", "bm-2018", "--date=2018-05-01", "--start=18:00", "--end=19:00",
                "--title=T", "--kind=Workshop").expect(0);
    }

    @Test
    void germanLocaleAloneGivesGermanUsageErrors() {
        cli.env("LANG", "de_DE.UTF-8");
        assertThat(cli.run("course", "list", "überzählig").expect(2).err()).contains("Fehler:").doesNotContain("Unmatched");
    }

    @Test
    void englishUsageErrorsAreOursToo() {
        String missing = cli.run("certify", "issue", "bm-2018").expect(2).err();
        assertThat(missing).contains("error:").contains("--output").contains("missing");
        String several = cli.run("course", "session", "add").expect(2).err();
        assertThat(several.lines().findFirst().orElseThrow()).contains("error: missing required options: --date=DATE, --start=HH:MM")
                .contains("missing required argument COURSE");
        String conversion = cli.run("course", "edit", "bm-2018", "--capacity=x").expect(2).err();
        assertThat(conversion).contains("--capacity").contains("\"x\"").contains("whole number").doesNotContain("is not an int");
    }

    @Test
    void misspeltOptionIsReportedWithSuggestionNotAsMissingOne() {
        String err = cli.run("certify", "issue", "bm-2018", "--ouput=zert").expect(2).err();
        assertThat(err).contains("--ouput").contains("did you mean --output?");
        assertThat(err.indexOf("--ouput")).isLessThan(err.indexOf("--output"));
        assertThat(err).doesNotContain("missing");
        String de = cli.run("--lang=de", "certify", "issue", "bm-2018", "--ouput=zert").expect(2).err();
        assertThat(de).contains("--ouput").contains("Meinten Sie --output?").doesNotContain("fehlt");
    }

    @Test
    void malformedOptionValuesOnTheCommandLineAreUsageErrors() {
        String issue = cli.run("certify", "issue", "bm-2018", "--output=" + dir.resolve("z"), "--date=30.02.2019").expect(2).err();
        assertThat(issue).contains("--date").contains("30.02.2019").contains("--help");
        assertThat(cli.run("certify", "check", "bm-2018", "--as-of=1.4.19").expect(2).err()).contains("--as-of").contains("1.4.19");
        assertThat(cli.run("export", "reminders", "--as-of=morgen").expect(2).err()).contains("--as-of");
        assertThat(cli.run("course", "session", "add", "bm-2018", "--date=2018-05-02", "--start=25:00", "--end=26:00",
                "--title=X").expect(2).err()).contains("--start");
    }
}
