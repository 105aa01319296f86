package org.coursekit.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

/**
 * The description section of every command's help, as paragraphs filled to the help's width
 * (installed by {@link CoursekitCommand#build}): the descriptions are written in lines of about
 * 90 characters, which picocli would print one by one.
 */
final class HelpParagraphs {
    private HelpParagraphs() {
    }

    /** A command's description in paragraphs, each wrapped to the width of the help ({@link #paragraphs}). */
    static String description(CommandLine.Help help) {
        CommandLine.Model.UsageMessageSpec usage = help.commandSpec().usageMessage();
        return CommandLine.Help.join(help.ansi(), usage.width(), usage.adjustLineBreaksForWideCJKCharacters(),
                paragraphs(usage.description(), usage.width()), new StringBuilder()).toString();
    }

    /**
     * The lines of a description as paragraphs for a help {@code width} wide. picocli prints each
     * line as it is and wraps only lines wider than the help, so a paragraph written in lines of
     * 90 characters came out at 80 columns with a short line after every long one. Here a line
     * continues the one before unless that one ends a sentence or introduces something (. : ! ?),
     * or either is empty; the entries of a list or table (lines that start with a space) stay
     * lines, a line indented to an entry's text continues that entry, and an entry wider than the
     * help is wrapped here, its further lines indented to its text.
     */
    static String[] paragraphs(String[] lines, int width) {
        List<String> joined = new ArrayList<>();
        for (String line : lines) {
            int last = joined.size() - 1;
            if (last >= 0 && continues(joined.get(last), line)) {
                joined.set(last, joined.get(last).stripTrailing() + " " + line.strip());
            } else {
                joined.add(line);
            }
        }
        List<String> out = new ArrayList<>();
        for (String line : joined) {
            wrap(line, width, out);
        }
        return out.toArray(new String[0]);
    }

    private static boolean indented(String line) {
        return !line.isEmpty() && Character.isWhitespace(line.charAt(0));
    }

    /** Where the text of a list entry starts: after the gap of two spaces that follows its term (else after its indent). */
    private static int textColumn(String entry) {
        int indent = 0;
        while (indent < entry.length() && entry.charAt(indent) == ' ') {
            indent++;
        }
        int gap = entry.indexOf("  ", indent);
        if (gap < 0) {
            return indent;
        }
        int text = gap;
        while (text < entry.length() && entry.charAt(text) == ' ') {
            text++;
        }
        return text < entry.length() ? text : indent;
    }

    private static boolean continues(String before, String line) {
        if (before.isBlank() || line.isBlank()) {
            return false;
        }
        String b = before.stripTrailing();
        char end = b.charAt(b.length() - 1);
        if (end == '.' || end == ':' || end == '!' || end == '?' || b.endsWith("%n")) {
            return false;
        }
        if (indented(before)) {   // an entry goes on only on a line indented to its text
            int column = textColumn(before);
            return indented(line) && line.length() - line.stripLeading().length() == column;
        }
        return !indented(line);
    }

    /**
     * Adds {@code line} to {@code out} in lines of at most {@code width}, broken at spaces but not
     * inside a quoted value ('certify verify CODE' is typed as one); further lines of a list entry
     * are indented to its text.
     */
    private static void wrap(String line, int width, List<String> out) {
        String pad = indented(line) ? " ".repeat(textColumn(line)) : "";
        String rest = line;
        while (rest.length() > width) {
            int cut = breakAt(rest, width, pad.length());
            if (cut < 0) {
                break;      // nowhere to break: picocli does it
            }
            out.add(rest.substring(0, cut).stripTrailing());
            rest = pad + rest.substring(cut + 1).stripLeading();
        }
        out.add(rest);
    }

    /** The last space at or before {@code width} (and after {@code from}) outside quotes; else any such space; else -1. */
    private static int breakAt(String line, int width, int from) {
        int outside = -1;
        int any = -1;
        char open = 0;
        for (int i = 0; i <= Math.min(width, line.length() - 1); i++) {
            char c = line.charAt(i);
            char closing = c == '„' ? '“' : c;
            if (open == 0 && (c == '\'' || c == '"' || c == '„') && (i == 0 || " ([".indexOf(line.charAt(i - 1)) >= 0)
                    && line.indexOf(closing, i + 1) > 0) {     // a lone ' (as in "prefixed with '") opens nothing
                open = closing;
            } else if (open != 0 && c == open) {
                open = 0;
            } else if (c == ' ' && i > from) {
                any = i;
                if (open == 0) {
                    outside = i;
                }
            }
        }
        return outside >= 0 ? outside : any;
    }
}
