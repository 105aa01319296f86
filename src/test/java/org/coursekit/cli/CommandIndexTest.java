package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.coursekit.i18n.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The models built from the command index ({@link CommandIndex}) are the models picocli builds from
 * the annotations: for every command of the tree, its help in English and German and every property
 * of its options, parameters, groups and mixins.
 */
class CommandIndexTest {
    private static CommandLine tree(String lang, CommandIndex index) {
        return CoursekitCommand.build(Map.of(), Clock.systemUTC(), new Messages(Locale.forLanguageTag(lang)), null, index);
    }

    private static Map<String, CommandLine> byPath(CommandLine cl, Map<String, CommandLine> into) {
        into.put(cl.getCommandSpec().qualifiedName(), cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            byPath(sub, into);
        }
        return into;
    }

    private static CommandIndex index() {
        CommandIndex index = CommandIndex.get();
        assertThat(index).as("target/classes/org/coursekit/cli/commands.index (written by the build)").isNotNull();
        return index;
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void everyCommandsHelpFromTheIndexIsTheAnnotationsHelp(String lang) {
        Map<String, CommandLine> fromIndex = byPath(tree(lang, index()), new LinkedHashMap<>());
        Map<String, CommandLine> fromAnnotations = byPath(tree(lang, null), new LinkedHashMap<>());
        assertThat(fromIndex.keySet()).containsExactlyElementsOf(fromAnnotations.keySet()).hasSizeGreaterThan(60);
        for (String path : fromAnnotations.keySet()) {
            assertThat(fromIndex.get(path).getUsageMessage(Ansi.OFF)).as(path + " --help, " + lang)
                    .isEqualTo(fromAnnotations.get(path).getUsageMessage(Ansi.OFF));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void everyCommandsModelFromTheIndexIsTheAnnotationsModel(String lang) {
        Map<String, CommandLine> fromIndex = byPath(tree(lang, index()), new LinkedHashMap<>());
        Map<String, CommandLine> fromAnnotations = byPath(tree(lang, null), new LinkedHashMap<>());
        for (String path : fromAnnotations.keySet()) {
            assertThat(describe(fromIndex.get(path).getCommandSpec())).as(path)
                    .containsExactlyElementsOf(describe(fromAnnotations.get(path).getCommandSpec()));
        }
    }

    /** A command line builds only the branch it names and the level below: the help it can ask for is the whole tree's. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void theBranchACommandLineBuildsHelpsAsTheWholeTree(String lang) {
        Map<String, CommandLine> whole = byPath(tree(lang, index()), new LinkedHashMap<>());
        int smaller = 0;
        for (String path : whole.keySet()) {
            String only = path.equals("coursekit") ? null : path.substring("coursekit ".length());
            Messages messages = new Messages(Locale.forLanguageTag(lang));
            CommandLine branch = CoursekitCommand.build(Map.of(), Clock.systemUTC(), messages, only, index(), false);
            CoursekitCommand.helpTexts(branch, messages);    // as when help is asked for
            Map<String, CommandLine> built = byPath(branch, new LinkedHashMap<>());
            assertThat(built.get(path).getUsageMessage(Ansi.OFF)).as(path + " --help, " + lang)
                    .isEqualTo(whole.get(path).getUsageMessage(Ansi.OFF));
            assertThat(built.get(path).getSubcommands().keySet()).as(path).isEqualTo(whole.get(path).getSubcommands().keySet());
            smaller += built.size() < whole.size() ? 1 : 0;
        }
        assertThat(smaller).as("every path builds less than the whole tree").isEqualTo(whole.size());
    }

    @Test
    void aCommandMissingFromTheIndexIsBuiltFromItsAnnotations() throws IOException, ReflectiveOperationException {
        // as when a class was compiled after the index was written (an IDE without the build step)
        String text = CommandIndexWriter.write(CoursekitCommand.commandClasses());
        String cut = text.replaceAll("(?s)\nC\torg\\.coursekit\\.cli\\.CourseCommand\\$ListCourses\n.*?(?=\nC\t)", "");
        assertThat(cut).isNotEqualTo(text);
        CommandIndex partial = CommandIndex.parse(cut);
        CommandLine expected = byPath(tree("en", null), new LinkedHashMap<>()).get("coursekit course list");
        CommandLine actual = byPath(tree("en", partial), new LinkedHashMap<>()).get("coursekit course list");
        assertThat(actual.getUsageMessage(Ansi.OFF)).isEqualTo(expected.getUsageMessage(Ansi.OFF));
        assertThat(describe(actual.getCommandSpec())).containsExactlyElementsOf(describe(expected.getCommandSpec()));
    }

    @Test
    void theTableOfClassesFindsTheRecordsTheTextHas() throws ReflectiveOperationException {
        String text = CommandIndexWriter.write(CoursekitCommand.commandClasses());
        String[] lines = text.split("\n", 3);
        assertThat(lines[1]).startsWith("S\t");
        String withoutTable = lines[0] + "\nS\n" + lines[2];     // no table: every C line is searched for
        Map<String, String> searched = CommandIndex.parse(withoutTable).records();
        assertThat(searched).hasSizeGreaterThan(60).containsKey("org.coursekit.cli.CourseCommand$ListCourses");
        assertThat(CommandIndex.parse(text).records()).isEqualTo(searched);
        int table = CommandIndex.HEADER.length() + 1;
        assertThat(CommandIndex.fromTable(text, table)).as("the table is believed").hasSameSizeAs(searched);
        // a table that no longer fits its text (an offset off by one) is not believed
        String shifted = text.replace("\nC\torg.coursekit.cli.CoursekitCommand\n", "\n\nC\torg.coursekit.cli.CoursekitCommand\n");
        assertThat(shifted).isNotEqualTo(text);
        assertThat(CommandIndex.fromTable(shifted, table)).isNull();
        assertThat(CommandIndex.parse(shifted).records()).isEqualTo(CommandIndex.parse(lines[0] + "\nS\n" + shifted.split("\n", 3)[2]).records());
    }

    @Test
    void theIndexInTheBuildIsTheOneTheAnnotationsGiveNow() throws IOException, ReflectiveOperationException {
        try (InputStream in = CommandIndex.class.getResourceAsStream(CommandIndex.RESOURCE)) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(CommandIndexWriter.write(CoursekitCommand.commandClasses()));
        }
    }

    /** An attribute left out of the index has the annotation's own default. */
    @Test
    void theValuesDefaultsAreTheAnnotationsDefaults() throws ReflectiveOperationException {
        List<Annotation> empty = List.of(new AnnotationValues.Command(Map.of()), new AnnotationValues.Option(Map.of()),
                new AnnotationValues.Parameters(Map.of()), new AnnotationValues.ArgGroup(Map.of()),
                new AnnotationValues.Mixin(Map.of()), new AnnotationValues.Spec(Map.of()),
                new AnnotationValues.ParentCommand(Map.of()));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Annotation values : empty) {
            for (Method m : values.annotationType().getDeclaredMethods()) {
                if (m.getDefaultValue() == null) {
                    continue;   // names(): always given
                }
                checked++;
                Object actual = m.invoke(values);
                if (!Objects.deepEquals(actual, m.getDefaultValue())) {
                    wrong.add(values.annotationType().getSimpleName() + "." + m.getName() + ": " + actual);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isGreaterThan(90);
    }

    @Test
    void valuesWithTabsLineBreaksAndBackslashesSurviveTheIndex() {
        String odd = "a\tb\nc\\d\re\\t";
        assertThat(CommandIndex.split("V\tx\t" + CommandIndex.escape(odd) + "\t" + CommandIndex.escape("")))
                .containsExactly("V", "x", odd, "");
    }

    // ---- the structural description that both models must share

    static List<String> describe(CommandSpec c) {
        List<String> d = new ArrayList<>();
        d.add("command " + c.qualifiedName() + " name=" + c.name() + " aliases=" + Arrays.toString(c.aliases())
                + " class=" + c.userObject().getClass().getName());
        d.add("  mixinStandardHelpOptions=" + c.mixinStandardHelpOptions() + " helpCommand=" + c.helpCommand()
                + " version=" + Arrays.toString(c.version()) + " versionProvider=" + cls(c.versionProvider())
                + " defaultValueProvider=" + cls(c.defaultValueProvider()) + " scope=" + c.scopeType()
                + " inherited=" + c.inherited() + " repeatable=" + c.subcommandsRepeatable()
                + " methodSubcommands=" + c.isAddMethodSubcommands() + " transformer=" + cls(c.modelTransformer())
                + " preprocessor=" + cls(c.preprocessor()) + " bundle=" + c.resourceBundleBaseName());
        d.add("  exit=" + c.exitCodeOnSuccess() + "," + c.exitCodeOnUsageHelp() + "," + c.exitCodeOnVersionHelp() + ","
                + c.exitCodeOnInvalidInput() + "," + c.exitCodeOnExecutionException());
        UsageMessageSpec u = c.usageMessage();
        d.add("  usage width=" + u.width() + " auto=" + u.autoWidth() + " abbreviate=" + u.abbreviateSynopsis()
                + " sortOptions=" + u.sortOptions() + " sortSynopsis=" + u.sortSynopsis() + " hidden=" + u.hidden()
                + " marker=" + u.requiredOptionMarker() + " showDefaults=" + u.showDefaultValues()
                + " atFile=" + u.showAtFileInUsageHelp() + " endOfOptions=" + u.showEndOfOptionsDelimiterInUsageHelp()
                + " subcommandLabel=" + u.synopsisSubcommandLabel());
        d.add("  headings " + List.of(u.headerHeading(), u.synopsisHeading(), u.descriptionHeading(),
                u.parameterListHeading(), u.optionListHeading(), u.commandListHeading(), u.footerHeading(),
                u.exitCodeListHeading()));
        d.add("  header=" + Arrays.toString(u.header()) + " description=" + Arrays.toString(u.description())
                + " footer=" + Arrays.toString(u.footer()) + " synopsis=" + Arrays.toString(u.customSynopsis())
                + " exitCodes=" + u.exitCodeList());
        d.add("  subcommands=" + c.subcommands().keySet());
        for (Map.Entry<String, CommandSpec> m : c.mixins().entrySet()) {
            IAnnotatedElement e = c.mixinAnnotatedElements().get(m.getKey());
            d.add("  mixin " + m.getKey() + " element=" + (e == null ? null : e.getName() + " " + e.getToString())
                    + " class=" + m.getValue().userObject().getClass().getName()
                    + " toString=" + m.getValue().toString().replaceAll("@\\p{XDigit}+\\)$", ")")  // picocli's own mixin: no identity hash
                    + " options=" + names(m.getValue().options(), o -> Arrays.toString(o.names())));
        }
        for (IAnnotatedElement e : c.specElements()) {
            d.add("  spec " + e.getName() + " " + e.getToString() + " " + e.getAnnotation(CommandLine.Spec.class).value());
        }
        d.add("  parentCommandElements=" + names(c.parentCommandElements(), IAnnotatedElement::getName));
        d.add("  unmatched=" + c.unmatchedArgsBindings().size());
        for (OptionSpec o : c.options()) {
            d.add("  option " + Arrays.toString(o.names()) + " negatable=" + o.negatable() + " usageHelp=" + o.usageHelp()
                    + " versionHelp=" + o.versionHelp() + " order=" + o.order() + " fallback=" + o.fallbackValue()
                    + " group=" + group(o.group()));
            arg(d, o);
        }
        for (PositionalParamSpec p : c.positionalParameters()) {
            d.add("  positional " + p.index() + " group=" + group(p.group()));
            arg(d, p);
        }
        for (ArgGroupSpec g : c.argGroups()) {
            group(d, g, "  ");
        }
        return d;
    }

    private static void arg(List<String> d, ArgSpec a) {
        d.add("    arity=" + a.arity() + " type=" + a.type().getName() + " aux=" + names(Arrays.asList(a.auxiliaryTypes()), Class::getName)
                + " typeInfo=" + a.typeInfo() + " multi=" + a.isMultiValue());
        d.add("    default=" + a.defaultValue() + " required=" + a.required() + " label=" + a.paramLabel()
                + " hideParamSyntax=" + a.hideParamSyntax() + " split=" + a.splitRegex() + " splitLabel=" + a.splitRegexSynopsisLabel()
                + " mapFallback=" + a.mapFallbackValue());
        d.add("    converters=" + names(Arrays.asList(a.converters()), x -> x.getClass().getName())
                + " candidates=" + (a.completionCandidates() == null ? null : names(a.completionCandidates(), s -> s))
                + " consumer=" + cls(a.parameterConsumer()) + " preprocessor=" + cls(a.preprocessor()));
        d.add("    hidden=" + a.hidden() + " scope=" + a.scopeType() + " inherited=" + a.inherited() + " root=" + (a.root() != null)
                + " interactive=" + a.interactive() + " echo=" + a.echo() + " prompt=" + a.prompt()
                + " showDefault=" + a.showDefaultValue());
        d.add("    description=" + Arrays.toString(a.description()) + " key=" + a.descriptionKey()
                + " renderedDescription=" + Arrays.toString(a.renderedDescription()));
        d.add("    toString=" + a + " userObject=" + a.userObject() + " initial=" + a.hasInitialValue() + ":" + a.initialValue()
                + " gettable=" + a.isValueGettable() + " value=" + a.getValue()
                + " scopeObject=" + cls(scopeObject(a)));
    }

    private static Object scopeObject(ArgSpec a) {
        try {
            return a.scope().get();
        } catch (Exception e) {
            return e;
        }
    }

    private static void group(List<String> d, ArgGroupSpec g, String indent) {
        d.add(indent + "group " + group(g) + " exclusive=" + g.exclusive() + " multiplicity=" + g.multiplicity()
                + " validate=" + g.validate() + " order=" + g.order() + " heading=" + g.heading() + " headingKey=" + g.headingKey()
                + " typeInfo=" + g.typeInfo() + " parent=" + group(g.parentGroup())
                + " specElements=" + names(g.specElements(), IAnnotatedElement::getName)
                + " positionals=" + names(g.positionalParameters(), p -> p.paramLabel()));
        for (ArgGroupSpec sub : g.subgroups()) {
            group(d, sub, indent + "  ");
        }
    }

    private static String group(ArgGroupSpec g) {
        return g == null ? "-" : names(g.options(), o -> Arrays.toString(o.names())).toString();
    }

    private static String cls(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }

    private static <T> List<String> names(Iterable<T> items, Function<T, String> f) {
        List<String> out = new ArrayList<>();
        for (T t : items) {
            out.add(f.apply(t));
        }
        return out;
    }
}
