package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coursekit.cli.BadInputTest.assertNoRawTerminalControls;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text that would make a terminal act (escape sequences, C1 controls) or reorder what it shows
 * (bidi overrides) reaches messages and tables escaped, never raw; JSON and CSV output stay exact.
 */
@EveryEngine
class TerminalTextCliTest {
    static final String CLEAR = "\u001b[2J";
    static final String LINK = "\u001b]8;;http://x\u001b\\";

    @TempDir
    Path dir;

    @Test
    void anEscapeSequenceInACommandLineValueIsShownEscapedInTheMessage() {
        Cli cli = new Cli(dir).init();
        CliResult r = cli.run("course", "show", CLEAR + "x").expect(3);
        assertThat(r.err()).contains("\\u001b[2Jx");
        assertNoRawTerminalControls(r.err());
        r = cli.run("participant", "show", "a" + LINK + "@b.example").expect(3);
        assertThat(r.err()).contains("a\\u001b]8;;http://x\\u001b\\@b.example");
        assertNoRawTerminalControls(r.err());
        r = cli.run("--lang=de", "course", "session", "add", "x-1", "--date=\u202e2018-02-20", "--start=19:00", "--end=20:00", "--title=T");
        assertThat(r.err()).contains("\\u202e2018-02-20");
        assertNoRawTerminalControls(r.err());
    }

    @Test
    void anEscapeSequenceInAnUnknownOptionIsShownEscaped() {
        Cli cli = new Cli(dir).init();
        CliResult r = cli.run("course", "list", "--x" + CLEAR).expect(2);
        assertThat(r.err()).contains("--x\\u001b[2J");
        assertNoRawTerminalControls(r.err());
    }

    @Test
    void aFileNameWithAnEscapeSequenceIsShownEscaped() {
        Cli cli = new Cli(dir).init();
        CliResult r = cli.run("participant", "import", dir.resolve("list" + CLEAR + ".csv").toString()).expect(3);
        assertThat(r.err()).contains("list\\u001b[2J.csv");
        assertNoRawTerminalControls(r.err());
    }

    /** A database written before such characters were refused: tables and details show them escaped. */
    @Test
    void controlAndBidiCharactersInStoredTextAreShownEscapedInTablesButExactInJsonAndCsv() throws Exception {
        Cli cli = new Cli(dir).withExampleCourse();
        cli.run("participant", "add", "--first=Anna", "--last=Schmidt", "--email=anna@example.org", "--course=bm-2018").ok();
        String last = "\u202etdimhcS" + CLEAR;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cli.db());
             PreparedStatement p = c.prepareStatement("UPDATE participant SET last_name = ?, note = ?");
             PreparedStatement t = c.prepareStatement("UPDATE course SET title = ?")) {
            p.setString(1, last);
            p.setString(2, "line\none " + LINK);
            p.executeUpdate();
            t.setString(1, "Kurs" + LINK);
            t.executeUpdate();
        }

        CliResult table = cli.run("participant", "list").ok();
        assertThat(table.out()).contains("\\u202etdimhcS\\u001b[2J");
        assertNoRawTerminalControls(table.out());
        // the columns stay aligned: the escaped text is counted as it is shown
        int emailColumn = table.lines().get(0).indexOf("E-mail");
        assertThat(table.lines().get(2).indexOf("anna@example.org")).isEqualTo(emailColumn);

        CliResult show = cli.run("participant", "show", "1").ok();
        assertThat(show.out()).contains("\\u202etdimhcS\\u001b[2J").contains("\\u001b]8;;http://x\\u001b\\");
        assertNoRawTerminalControls(show.out());
        CliResult course = cli.run("course", "show", "bm-2018").ok();
        assertThat(course.out()).contains("Kurs\\u001b]8;;http://x\\u001b\\");
        assertNoRawTerminalControls(course.out());
        CliResult courses = cli.run("course", "list").ok();
        assertThat(courses.out()).contains("Kurs\\u001b]8;;http://x\\u001b\\");
        assertNoRawTerminalControls(courses.out());
        assertNoRawTerminalControls(cli.run("attend", "report", "bm-2018").ok().out());
        assertNoRawTerminalControls(cli.run("certify", "check", "bm-2018").ok().out());

        JsonNode json = cli.run("participant", "list", "--json").ok().json();
        assertThat(json.get(0).get("lastName").asText()).isEqualTo(last);
        assertThat(cli.run("participant", "list", "--csv").ok().out()).contains(last);
        assertThat(cli.run("course", "show", "bm-2018", "--json").ok().json().get("title").asText()).isEqualTo("Kurs" + LINK);
    }
}
