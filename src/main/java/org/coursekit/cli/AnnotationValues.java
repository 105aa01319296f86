package org.coursekit.cli;

import java.lang.annotation.Annotation;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.ScopeType;

/**
 * picocli's annotations as plain values read from the command index ({@link CommandIndex}): Java
 * lets a class implement an annotation interface, so picocli's own builders take these as they take
 * the annotations, while the JDK makes no proxy class for them. An attribute missing from the index
 * has the annotation's default (written out here; {@code CommandIndexTest} checks each against the
 * annotation's own).
 */
abstract class AnnotationValues implements Annotation {
    /** The attributes the index gives: the name, and the value(s) as written (class and enum names as text). */
    private final Map<String, String[]> values;
    private final Class<? extends Annotation> type;

    AnnotationValues(Class<? extends Annotation> type, Map<String, String[]> values) {
        this.type = type;
        this.values = values;
    }

    @Override
    public final Class<? extends Annotation> annotationType() {
        return type;
    }

    /** The attributes given in the index (the others have their defaults). */
    final Map<String, String[]> given() {
        return values;
    }

    final String string(String name, String fallback) {
        String[] v = values.get(name);
        return v == null ? fallback : v[0];
    }

    final String[] strings(String name) {
        String[] v = values.get(name);
        return v == null ? new String[0] : v.clone();
    }

    final boolean bool(String name, boolean fallback) {
        String[] v = values.get(name);
        return v == null ? fallback : Boolean.parseBoolean(v[0]);
    }

    final int integer(String name, int fallback) {
        String[] v = values.get(name);
        return v == null ? fallback : Integer.parseInt(v[0]);
    }

    final char character(String name, char fallback) {
        String[] v = values.get(name);
        return v == null ? fallback : v[0].charAt(0);
    }

    final <E extends Enum<E>> E enumValue(String name, Class<E> enumType, E fallback) {
        String[] v = values.get(name);
        return v == null ? fallback : Enum.valueOf(enumType, v[0]);
    }

    /** A class attribute; its default is one of picocli's private classes, by its simple name. */
    @SuppressWarnings("unchecked")
    final <T> T type(String name, String picocliDefault) {
        String[] v = values.get(name);
        return (T) CommandIndex.load(v == null ? "picocli.CommandLine$" + picocliDefault : v[0]);
    }

    @SuppressWarnings("unchecked")
    final <T> T types(String name) {
        String[] v = values.get(name);
        Class<?>[] result = new Class<?>[v == null ? 0 : v.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = CommandIndex.load(v[i]);
        }
        return (T) result;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("@").append(type.getName()).append('(');
        values.forEach((k, v) -> s.append(k).append('=').append(String.join(",", v)).append(' '));
        return s.append(')').toString();
    }

    /** {@code @Command}. */
    static final class Command extends AnnotationValues implements CommandLine.Command {
        Command(Map<String, String[]> values) {
            super(CommandLine.Command.class, values);
        }

        @Override public String name() { return string("name", "<main class>"); }
        @Override public String[] aliases() { return strings("aliases"); }
        @Override public Class<?>[] subcommands() { return types("subcommands"); }
        @Override public boolean subcommandsRepeatable() { return bool("subcommandsRepeatable", false); }
        @Override public boolean addMethodSubcommands() { return bool("addMethodSubcommands", true); }
        @Override public String separator() { return string("separator", "="); }
        @Override public String[] version() { return strings("version"); }
        @Override public Class<? extends CommandLine.IVersionProvider> versionProvider() { return type("versionProvider", "NoVersionProvider"); }
        @Override public boolean mixinStandardHelpOptions() { return bool("mixinStandardHelpOptions", false); }
        @Override public boolean helpCommand() { return bool("helpCommand", false); }
        @Override public String headerHeading() { return string("headerHeading", ""); }
        @Override public String[] header() { return strings("header"); }
        @Override public String synopsisHeading() { return string("synopsisHeading", "Usage: "); }
        @Override public boolean abbreviateSynopsis() { return bool("abbreviateSynopsis", false); }
        @Override public String[] customSynopsis() { return strings("customSynopsis"); }
        @Override public String synopsisSubcommandLabel() { return string("synopsisSubcommandLabel", "[COMMAND]"); }
        @Override public String descriptionHeading() { return string("descriptionHeading", ""); }
        @Override public String[] description() { return strings("description"); }
        @Override public String parameterListHeading() { return string("parameterListHeading", ""); }
        @Override public String optionListHeading() { return string("optionListHeading", ""); }
        @Override public boolean sortOptions() { return bool("sortOptions", true); }
        @Override public boolean sortSynopsis() { return bool("sortSynopsis", true); }
        @Override public char requiredOptionMarker() { return character("requiredOptionMarker", ' '); }
        @Override public Class<? extends CommandLine.IDefaultValueProvider> defaultValueProvider() { return type("defaultValueProvider", "NoDefaultProvider"); }
        @Override public boolean showDefaultValues() { return bool("showDefaultValues", false); }
        @Override public boolean showAtFileInUsageHelp() { return bool("showAtFileInUsageHelp", false); }
        @Override public boolean showEndOfOptionsDelimiterInUsageHelp() { return bool("showEndOfOptionsDelimiterInUsageHelp", false); }
        @Override public String commandListHeading() { return string("commandListHeading", "Commands:%n"); }
        @Override public String footerHeading() { return string("footerHeading", ""); }
        @Override public String[] footer() { return strings("footer"); }
        @Override public boolean hidden() { return bool("hidden", false); }
        @Override public String resourceBundle() { return string("resourceBundle", ""); }
        @Override public int usageHelpWidth() { return integer("usageHelpWidth", 80); }
        @Override public boolean usageHelpAutoWidth() { return bool("usageHelpAutoWidth", false); }
        @Override public int exitCodeOnSuccess() { return integer("exitCodeOnSuccess", 0); }
        @Override public int exitCodeOnUsageHelp() { return integer("exitCodeOnUsageHelp", 0); }
        @Override public int exitCodeOnVersionHelp() { return integer("exitCodeOnVersionHelp", 0); }
        @Override public int exitCodeOnInvalidInput() { return integer("exitCodeOnInvalidInput", 2); }
        @Override public int exitCodeOnExecutionException() { return integer("exitCodeOnExecutionException", 1); }
        @Override public String exitCodeListHeading() { return string("exitCodeListHeading", ""); }
        @Override public String[] exitCodeList() { return strings("exitCodeList"); }
        @Override public ScopeType scope() { return enumValue("scope", ScopeType.class, ScopeType.LOCAL); }
        @Override public Class<? extends CommandLine.IModelTransformer> modelTransformer() { return type("modelTransformer", "NoOpModelTransformer"); }
        @Override public Class<? extends CommandLine.IParameterPreprocessor> preprocessor() { return type("preprocessor", "NoOpParameterPreprocessor"); }
    }

    /** What {@code @Option} and {@code @Parameters} have alike: the attributes of an argument. */
    abstract static class Arg extends AnnotationValues {
        Arg(Class<? extends Annotation> type, Map<String, String[]> values) {
            super(type, values);
        }

        public String[] description() { return strings("description"); }
        public String arity() { return string("arity", ""); }
        public String paramLabel() { return string("paramLabel", ""); }
        public boolean hideParamSyntax() { return bool("hideParamSyntax", false); }
        public Class<?>[] type() { return types("type"); }
        public Class<? extends CommandLine.ITypeConverter<?>>[] converter() { return types("converter"); }
        public String split() { return string("split", ""); }
        public String splitSynopsisLabel() { return string("splitSynopsisLabel", ""); }
        public boolean hidden() { return bool("hidden", false); }
        public String defaultValue() { return string("defaultValue", "__no_default_value__"); }
        public Visibility showDefaultValue() { return enumValue("showDefaultValue", Visibility.class, Visibility.ON_DEMAND); }
        public Class<? extends Iterable<String>> completionCandidates() { return type("completionCandidates", "NoCompletionCandidates"); }
        public boolean interactive() { return bool("interactive", false); }
        public boolean echo() { return bool("echo", false); }
        public String prompt() { return string("prompt", ""); }
        public String descriptionKey() { return string("descriptionKey", ""); }
        public String mapFallbackValue() { return string("mapFallbackValue", "__unspecified__"); }
        public ScopeType scope() { return enumValue("scope", ScopeType.class, ScopeType.LOCAL); }
        public Class<? extends CommandLine.IParameterConsumer> parameterConsumer() { return type("parameterConsumer", "NullParameterConsumer"); }
        public Class<? extends CommandLine.IParameterPreprocessor> preprocessor() { return type("preprocessor", "NoOpParameterPreprocessor"); }
    }

    /** {@code @Option}. */
    static final class Option extends Arg implements CommandLine.Option {
        Option(Map<String, String[]> values) {
            super(CommandLine.Option.class, values);
        }

        @Override public String[] names() { return strings("names"); }
        @Override public boolean required() { return bool("required", false); }
        @Override public boolean help() { return bool("help", false); }
        @Override public boolean usageHelp() { return bool("usageHelp", false); }
        @Override public boolean versionHelp() { return bool("versionHelp", false); }
        @Override public int order() { return integer("order", -1); }
        @Override public boolean negatable() { return bool("negatable", false); }
        @Override public String fallbackValue() { return string("fallbackValue", ""); }
    }

    /** {@code @Parameters}. */
    static final class Parameters extends Arg implements CommandLine.Parameters {
        Parameters(Map<String, String[]> values) {
            super(CommandLine.Parameters.class, values);
        }

        @Override public String index() { return string("index", ""); }
    }

    /** {@code @ArgGroup}. */
    static final class ArgGroup extends AnnotationValues implements CommandLine.ArgGroup {
        ArgGroup(Map<String, String[]> values) {
            super(CommandLine.ArgGroup.class, values);
        }

        @Override public String heading() { return string("heading", "__no_heading__"); }
        @Override public String headingKey() { return string("headingKey", "__no_heading_key__"); }
        @Override public boolean exclusive() { return bool("exclusive", true); }
        @Override public String multiplicity() { return string("multiplicity", "0..1"); }
        @Override public boolean validate() { return bool("validate", true); }
        @Override public int order() { return integer("order", -1); }
    }

    /** {@code @Mixin}. */
    static final class Mixin extends AnnotationValues implements CommandLine.Mixin {
        Mixin(Map<String, String[]> values) {
            super(CommandLine.Mixin.class, values);
        }

        @Override public String name() { return string("name", ""); }
    }

    /** {@code @Spec}. */
    static final class Spec extends AnnotationValues implements CommandLine.Spec {
        Spec(Map<String, String[]> values) {
            super(CommandLine.Spec.class, values);
        }

        @Override public CommandLine.Spec.Target value() { return enumValue("value", CommandLine.Spec.Target.class, CommandLine.Spec.Target.SELF); }
    }

    /** {@code @ParentCommand}. */
    static final class ParentCommand extends AnnotationValues implements CommandLine.ParentCommand {
        ParentCommand(Map<String, String[]> values) {
            super(CommandLine.ParentCommand.class, values);
        }
    }
}
