package org.coursekit.cli;

import java.util.ArrayList;
import java.util.List;

import org.coursekit.i18n.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * picocli's usage errors in the user's language: each kind of {@link ParameterException} becomes
 * a message of ours (picocli's own texts are English only). Our own usage errors, already in the
 * user's language, pass through as they are.
 */
final class UsageErrors {
    private UsageErrors() {
    }

    /** The lines to print after "error: " (the first) and on their own (the rest, e.g. a suggestion). */
    static List<String> describe(ParameterException ex, Messages m) {
        CommandLine cl = ex.getCommandLine();
        if (ex instanceof CommandLine.MissingParameterException mp) {
            // an unknown option is usually the misspelt required one: report it, not the missing one
            List<String> unmatched = cl.getUnmatchedArguments();
            if (!unmatched.isEmpty()) {
                return unmatched(cl, unmatched, m);
            }
            boolean missingValue = ex.getMessage() != null && ex.getMessage().startsWith("Missing required parameter for option");
            List<String> options = new ArrayList<>();
            List<String> parameters = new ArrayList<>();
            for (ArgSpec a : mp.getMissing()) {
                if (missingValue && a.isOption()) {
                    return List.of(m.get("usage.missingValue", ((OptionSpec) a).longestName()));
                }
                (a.isOption() ? options : parameters).add(label(a));
            }
            List<String> parts = new ArrayList<>();
            if (!options.isEmpty()) {
                parts.add(m.get(options.size() == 1 ? "usage.missingOption" : "usage.missingOptions", String.join(", ", options)));
            }
            if (!parameters.isEmpty()) {
                parts.add(m.get(parameters.size() == 1 ? "usage.missingParameter" : "usage.missingParameters",
                        String.join(", ", parameters)));
            }
            return parts.isEmpty() ? List.of(ex.getMessage()) : List.of(String.join("; ", parts));
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException ua) {
            return unmatched(cl, ua.getUnmatched(), m);
        }
        if (ex instanceof CommandLine.OverwrittenOptionException oo) {
            return List.of(m.get("usage.overwritten", name(oo.getOverwritten())));
        }
        if (ex instanceof CommandLine.MutuallyExclusiveArgsException) {
            String msg = ex.getMessage().replaceFirst("^Error: ", "");
            int end = msg.indexOf(" are mutually exclusive");
            String names = end < 0 ? msg : msg.substring(0, end);
            String[] two = names.split(", ");
            // two options (--json, --csv): the same words as our own checks of a pair use
            return List.of(two.length == 2 ? m.get("usage.exclusive", two[0], two[1]) : m.get("usage.mutuallyExclusive", names));
        }
        if (ex.getArgSpec() != null && ex.getValue() != null) {
            return List.of(badValue(ex.getArgSpec(), ex.getValue(), m));
        }
        return List.of(ex.getMessage());
    }

    private static List<String> unmatched(CommandLine cl, List<String> args, Messages m) {
        String first = args.get(0);
        boolean option = first.startsWith("-") && first.length() > 1;
        List<String> lines = new ArrayList<>();
        // an option's value may be personal: name the option only
        int eq = first.indexOf('=');
        lines.add(option ? m.get("usage.unknownOption", eq < 0 ? first : first.substring(0, eq))
                : m.get("usage.unmatched", first));
        List<String> suggestions = new CommandLine.UnmatchedArgumentException(cl, args).getSuggestions();
        if (!suggestions.isEmpty()) {
            lines.add(m.get("usage.didYouMean", String.join(", ", suggestions)));
        }
        return lines;
    }

    private static String badValue(ArgSpec a, String value, Messages m) {
        Class<?> type = a.type();
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return m.get("usage.notANumber", name(a), value);
        }
        if (type.isEnum()) {
            // the values the option offers (picocli's enum constants, or the option's own list,
            // e.g. a subset or lower-case ids), as completion and help show them
            List<String> names = new ArrayList<>();
            if (a.completionCandidates() != null) {
                a.completionCandidates().forEach(names::add);
            } else {
                for (Object c : type.getEnumConstants()) {
                    names.add(((Enum<?>) c).name());
                }
            }
            return m.get("usage.notOneOf", name(a), value, String.join(", ", names));
        }
        return m.get("usage.invalidValue", name(a), value);
    }

    private static String name(ArgSpec a) {
        return a.isOption() ? ((OptionSpec) a).longestName() : a.paramLabel();
    }

    private static String label(ArgSpec a) {
        if (a.isOption()) {
            OptionSpec o = (OptionSpec) a;
            return o.arity().max() > 0 ? o.longestName() + "=" + o.paramLabel() : o.longestName();
        }
        return a.paramLabel();
    }
}
