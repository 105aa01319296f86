package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.coursekit.i18n.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Tests about the whole command tree: help texts, completion scripts, message bundles. */
class MetaTest {
    static CommandLine tree() {
        return CoursekitCommand.build(Map.of(), Clock.systemUTC(), new Messages(Locale.ENGLISH));
    }

    static List<CommandSpec> allCommands(CommandSpec spec) {
        List<CommandSpec> out = new ArrayList<>();
        out.add(spec);
        for (CommandLine sub : spec.subcommands().values()) {
            out.addAll(allCommands(sub.getCommandSpec()));
        }
        return out;
    }

    @Test
    void everyCommandOptionAndParameterHasADescription() {
        List<String> missing = new ArrayList<>();
        for (CommandSpec c : allCommands(tree().getCommandSpec())) {
            if (c.usageMessage().description().length == 0) {
                missing.add(c.qualifiedName());
            }
            for (OptionSpec o : c.options()) {
                if (o.description().length == 0 || o.description()[0].isBlank()) {
                    missing.add(c.qualifiedName() + " " + o.longestName());
                }
            }
            for (PositionalParamSpec p : c.positionalParameters()) {
                if (p.description().length == 0) {
                    missing.add(c.qualifiedName() + " " + p.paramLabel());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void noOptionHasATypeWhoseConverterPicocliDoesNotRegister() {   // CoursekitCommand.NO_CONVERTERS
        List<String> found = new ArrayList<>();
        for (CommandSpec c : allCommands(tree().getCommandSpec())) {
            for (picocli.CommandLine.Model.ArgSpec a : c.args()) {
                List<Class<?>> types = new ArrayList<>(List.of(a.type()));
                types.addAll(List.of(a.auxiliaryTypes()));
                for (Class<?> t : types) {
                    if (t.getName().matches(CoursekitCommand.NO_CONVERTERS)) {
                        found.add(c.qualifiedName() + " " + a + ": " + t.getName());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void everyCommandThatDoesSomethingShowsAnExample() {
        List<String> missing = new ArrayList<>();
        for (CommandSpec c : allCommands(tree().getCommandSpec())) {
            boolean group = !c.subcommands().isEmpty();
            boolean helpOnly = c.name().equals("help");
            if (!group && !helpOnly && String.join("\n", c.usageMessage().footer()).isBlank()) {
                missing.add(c.qualifiedName());
            }
        }
        assertThat(missing).isEmpty();
    }

    static CommandLine tree(String lang) {
        return CoursekitCommand.build(Map.of(), Clock.systemUTC(), new Messages(Locale.forLanguageTag(lang)));
    }

    /** {@code root}, its help for a terminal of 80 columns (or a pipe), whatever this one is. */
    static CommandLine atEightyColumns(CommandLine root) {
        root.setUsageHelpAutoWidth(false);
        root.setUsageHelpWidth(80);
        return root;
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void helpSummariesAreWholeSentences(String lang) {
        List<String> cut = new ArrayList<>();
        for (CommandSpec c : allCommands(tree(lang).getCommandSpec())) {
            String[] d = c.usageMessage().description();
            String first = d.length == 0 ? "" : d[0].strip();
            if (!first.endsWith(".")) {
                cut.add(c.qualifiedName() + ": " + first);
            }
        }
        assertThat(cut).isEmpty();
    }

    /** An opening quote (after a blank or bracket, before a value) whose closing quote is not on the same line. */
    private static final Pattern UNCLOSED = Pattern.compile("(^|[\\s(\\[])('[^'\\s)][^']*|\"[^\"\\s)][^\"]*|„[^“]*)$");

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void helpAtEightyColumnsBreaksNoLineInsideAQuotedValue(String lang) {
        List<String> broken = new ArrayList<>();
        for (CommandSpec c : allCommands(atEightyColumns(tree(lang)).getCommandSpec())) {
            String previous = "";
            for (String line : c.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF).split("\\R")) {
                // a path split after its dot, as in "./" + "coursekit.db"
                boolean pathSplit = previous.endsWith(".") && line.strip().startsWith("/");
                if (UNCLOSED.matcher(line).find() || line.length() > 80 || pathSplit) {
                    broken.add(c.qualifiedName() + ": " + line);
                }
                previous = line;
            }
        }
        assertThat(broken).isEmpty();
    }

    /**
     * A description's paragraph fills its lines at 80 columns: no short line before one that goes
     * on with the same sentence (as "codes, PDF hashes" above "and revisions, ..." did when each
     * line of the source was printed as a line), and no list entry wraps to the left margin.
     */
    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void helpDescriptionsAreParagraphsFilledToEightyColumns(String lang) {
        List<String> ragged = new ArrayList<>();
        for (CommandSpec c : allCommands(atEightyColumns(tree(lang)).getCommandSpec())) {
            CommandLine cl = c.commandLine();
            String text = cl.getHelpSectionMap().get(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION)
                    .render(cl.getHelp());
            String previous = "";
            for (String line : text.split("\\R")) {
                boolean goesOn = !line.isBlank() && !line.startsWith(" ") && !previous.isBlank() && !previous.matches(".*[.:!?]");
                boolean entry = previous.startsWith(" ");
                boolean fits = previous.length() + 1 + firstWord(line).length() <= 80;
                if (line.length() > 80 || goesOn && (entry ? Character.isLowerCase(line.charAt(0)) : fits)) {
                    ragged.add(c.qualifiedName() + ": " + previous + " | " + line);
                }
                previous = line;
            }
        }
        assertThat(ragged).isEmpty();
    }

    /**
     * An option's description is one text that picocli wraps in the option column: a second line
     * of it would start at the column's left edge, under the continuation lines of the first.
     */
    @Test
    void optionDescriptionsAreOneTextEach() {
        List<String> split = new ArrayList<>();
        for (CommandSpec c : allCommands(tree("en").getCommandSpec())) {
            for (OptionSpec o : c.options()) {
                if (o.description().length > 1) {
                    split.add(c.qualifiedName() + " " + o.longestName());
                }
            }
            for (PositionalParamSpec p : c.positionalParameters()) {
                if (p.description().length > 1) {
                    split.add(c.qualifiedName() + " " + p.paramLabel());
                }
            }
        }
        assertThat(split).isEmpty();
    }

    /** The first word of {@code line}, or its first quoted value ('certify verify CODE') when it starts with one. */
    private static String firstWord(String line) {
        Matcher quoted = Pattern.compile("^('[^']*'|\"[^\"]*\"|„[^“]*“)\\S*").matcher(line);
        return quoted.find() ? quoted.group() : line.split(" ", 2)[0];
    }

    /** An example is a command line to copy: at 80 columns none wraps (a continued one ends with a backslash). */
    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void helpExamplesFitEightyColumnsWithoutWrapping(String lang) {
        List<String> wrapped = new ArrayList<>();
        for (CommandSpec c : allCommands(atEightyColumns(tree(lang)).getCommandSpec())) {
            String help = c.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
            String heading = lang.equals("de") ? "Beispiele:" : "Examples:";
            int at = help.indexOf(heading);
            if (at < 0) {
                continue;
            }
            for (String line : help.substring(at + heading.length()).split("\\R")) {
                if (line.isEmpty() || line.startsWith("Exit") || line.startsWith("Rückgabe")) {
                    break;
                }
                if (!line.startsWith("  ")) {    // picocli continues a wrapped line at column 0
                    wrapped.add(c.qualifiedName() + ": " + line);
                }
            }
        }
        assertThat(wrapped).isEmpty();
    }

    @Test
    void topLevelHelpListsTheExitCodes() {
        String help = tree().getUsageMessage();
        assertThat(help).contains("Exit codes:").contains("70").contains("database busy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void helpListsExactlyTheExitCodesOfExitCodes(String lang) {
        Map<String, String> list = tree(lang).getCommandSpec().usageMessage().exitCodeList();
        List<Integer> codes = list.keySet().stream().map(k -> Integer.parseInt(k.strip())).toList();
        assertThat(codes).isEqualTo(ExitCodes.all());
    }

    @Test
    void readmeExitCodesTableHasARowForEachCodeOfExitCodes() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("## Exit codes");
        assertThat(start).as("README has an 'Exit codes' section").isNotNegative();
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        List<Integer> codes = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\| \\S").matcher(section);
        while (row.find()) {
            codes.add(Integer.parseInt(row.group(1)));
        }
        assertThat(codes).isEqualTo(ExitCodes.all());
    }

    @Test
    void everyRowExportFormatIsOfferedByEveryExportWithAFormat() {
        List<String> rowFormats = java.util.Arrays.stream(ExportFormat.values()).filter(ExportFormat::rows)
                .map(ExportFormat::name).toList();
        List<String> exports = new ArrayList<>();
        for (CommandSpec c : allCommands(tree().getCommandSpec())) {
            OptionSpec format = c.findOption("--format");
            if (c.qualifiedName().startsWith("coursekit export ") && format != null) {
                List<String> offered = new ArrayList<>();
                format.completionCandidates().forEach(offered::add);
                assertThat(offered).as(c.qualifiedName()).containsAll(rowFormats);
                exports.add(c.name());
            }
        }
        assertThat(exports).containsExactlyInAnyOrder("participants", "attendance", "certificates", "reminders", "report");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh"})
    void completionFilesEqualWhatTheCodeGenerates(String shell) throws IOException {
        Path file = Path.of("completion", shell.equals("bash") ? "coursekit.bash" : "_coursekit");
        String generated = CompletionCommand.script(tree(), CompletionCommand.Shell.valueOf(shell));
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s is stale: run 'target/coursekit completion %s > %s' and commit it", file, shell, file)
                .isEqualTo(generated);
    }

    @Test
    void bashCompletionOffersSubcommandsAndFixedValues() throws Exception {
        String script = """
                source completion/coursekit.bash
                complete_at() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; \
                  COMPREPLY=(); _complete_coursekit 2>/dev/null; echo "${COMPREPLY[*]}"; }
                complete_at coursekit ""
                complete_at coursekit course session add bm-2018 --kind ""
                complete_at coursekit export reminders --format ""
                complete_at coursekit --lang ""
                """;
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0).split(" ")).contains("init", "db", "course", "participant", "attend", "certify", "export");
        assertThat(lines.get(1).split(" ")).containsExactlyInAnyOrder("info", "module", "excursion", "workshop", "followup");
        assertThat(lines.get(2).split(" ")).containsExactlyInAnyOrder("csv", "json", "ics", "eml");
        assertThat(lines.get(3).split(" ")).containsExactlyInAnyOrder("de", "en");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Messages", "Documents"})
    void germanAndEnglishBundlesHaveTheSameKeysAndPlaceholders(String bundle) throws IOException {
        Properties en = load("/org/coursekit/i18n/" + bundle + ".properties");
        Properties de = load("/org/coursekit/i18n/" + bundle + "_de.properties");
        assertThat(de.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        for (String key : en.stringPropertyNames()) {
            assertThat(placeholders(de.getProperty(key))).as(key).isEqualTo(placeholders(en.getProperty(key)));
            // a choice below its first limit takes the first text: 0 would read "0 entry" unless it starts at 0#
            assertThat(en.getProperty(key) + " " + de.getProperty(key)).as(key + ": a choice starts with 0#")
                    .doesNotContainPattern("\\{\\d+,choice,(?!0#)");
        }
    }

    /** Defect (plural forms): a count's {0,choice,...} or {0,number,...} is a placeholder too; a missing one is still caught. */
    @Test
    void placeholdersIncludeChoiceAndNumberFormats() {
        assertThat(placeholders("{0}: {1,choice,0#{1,number,0} rows|1#1 row|1<{1,number,0} rows}, {2,number,integer}"))
                .containsExactly("0", "1", "2");
        assertThat(placeholders("{0}: {1,choice,1#1 Zeile|1<viele Zeilen}"))
                .isNotEqualTo(placeholders("{0}: {1,choice,0#{1,number,0} rows|1#1 row|1<{1,number,0} rows}, {2}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void everyMessageRendersWithoutFormattingLeftovers(String lang) throws IOException {
        Messages m = new Messages(Locale.forLanguageTag(lang));
        Properties en = load("/org/coursekit/i18n/Messages.properties");
        Properties own = lang.equals("en") ? en : load("/org/coursekit/i18n/Messages_" + lang + ".properties");
        for (String key : en.stringPropertyNames()) {
            // a count that chooses singular or plural is a number: 0, 1 and 2 of it each render
            // (a language may choose by a count that another writes plainly)
            for (int count = 0; count <= 2; count++) {
                Object[] args = {"A0", "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9"};
                for (int i = 0; i < args.length; i++) {
                    if (en.getProperty(key).contains("{" + i + ",choice,")
                            || own.getProperty(key, "").contains("{" + i + ",choice,")) {
                        args[i] = count;
                    }
                }
                assertRendersWithoutLeftovers(key, m.get(key, args));
            }
        }
    }

    private static void assertRendersWithoutLeftovers(String key, String text) {
        assertThat(text).as(key).doesNotContain("'{").doesNotContain("}'").doesNotMatch("(?s).*\\{\\d}.*");
        assertThat(text.replace("''", "")).as(key + ": an apostrophe swallowed by MessageFormat?")
                .doesNotContain("files ").doesNotContain("terminals ");
    }

    /**
     * Dotted string literals in the main code that are not message keys: paths of fields in the course and
     * template files, audit actions, file names, Java names and system properties, a date pattern.
     */
    static final Pattern NOT_A_KEY = Pattern.compile(String.join("|",
            "contact\\.(email|name|phone)",
            "certificate\\.(minAttendance|roleTitle|signatories|template|serialPrefix|title|footer|verifyUrl)",
            "certificate\\.roleTitle\\.",
            "page\\.(size|orientation|margins)", "background\\.(pdf|image)", "font\\.(regular|bold)",
            "codes\\.(qrSize|text|size)", "signatories\\.image", "table\\.column",
            "(participant\\.(erased|purged)|certificate\\.(issued|reissued)|attendance\\.(recorded|imported|cleared)|db\\.copied)",
            "[a-z-]+\\.(db|json|pdf|csv|html|txt|index)",
            "(org\\.coursekit|java|user|picocli|coursekit\\.test)\\..+", "coursekit\\.(stderrTty|console)",
            "d\\.M\\.uuuu"));

    /**
     * Every dotted string literal in the main code is a key of the message (or document) bundle, unless it is
     * one of the few {@link #NOT_A_KEY}; a literal ending in a dot (a key built at run time) begins some keys.
     */
    @Test
    void everyMessageKeyUsedInTheCodeExists() throws IOException {
        Properties keys = load("/org/coursekit/i18n/Messages.properties");
        keys.putAll(load("/org/coursekit/i18n/Documents.properties"));
        List<String> missing = new ArrayList<>();
        try (var files = Files.walk(Path.of("src/main/java/org/coursekit"))) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                missing.addAll(missingKeys(f.getFileName().toString(), Files.readString(f), keys));
            }
        }
        assertThat(missing).isEmpty();
    }

    /** The check above finds a missing key under any prefix (it once looked only under a list of known ones). */
    @Test
    void aMissingKeyUnderAPrefixNoOtherKeyHasIsFound() throws IOException {
        Properties keys = load("/org/coursekit/i18n/Messages.properties");
        String source = """
                throw new InvalidData("reminder.unknownThing", file);
                throw new NotFound("course.notFound", id);
                String key = "mail.nothingHere." + kind;
                Path p = dir.resolve("coursekit.db");
                """;
        assertThat(missingKeys("X.java", source, keys))
                .containsExactly("X.java: reminder.unknownThing", "X.java: mail.nothingHere.");
    }

    /**
     * The dotted string literals of {@code source} that are no key of {@code keys} and none of the few
     * {@link #NOT_A_KEY}; a literal ending in a dot (the start of a key built at run time) must begin one.
     */
    static List<String> missingKeys(String file, String source, Properties keys) {
        Pattern literal = Pattern.compile("\"([a-z][a-zA-Z0-9_-]*(?:\\.[a-zA-Z0-9_-]+)+\\.?)\"");
        List<String> missing = new ArrayList<>();
        Matcher m = literal.matcher(source);
        while (m.find()) {
            String k = m.group(1);
            boolean known = NOT_A_KEY.matcher(k).matches() || (k.endsWith(".")
                    ? keys.stringPropertyNames().stream().anyMatch(key -> key.startsWith(k))
                    : keys.containsKey(k));
            if (!known) {
                missing.add(file + ": " + k);
            }
        }
        return missing;
    }

    static java.util.Set<String> placeholders(String s) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\d+)[,}]").matcher(s);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (var in = MetaTest.class.getResourceAsStream(resource)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
