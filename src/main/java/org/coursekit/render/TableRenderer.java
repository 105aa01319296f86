package org.coursekit.render;

import java.io.PrintWriter;
import java.util.List;

import org.coursekit.domain.Values;

/** Aligned plain-text tables for the terminal: a header, a rule, and the rows. */
public final class TableRenderer {
    private TableRenderer() {
    }

    public static void render(PrintWriter out, List<String> headers, List<List<String>> rows, boolean[] right) {
        int n = headers.size();
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            width[i] = length(clean(headers.get(i)));
        }
        for (List<String> row : rows) {
            for (int i = 0; i < n; i++) {
                width[i] = Math.max(width[i], length(clean(row.get(i))));
            }
        }
        line(out, headers.stream().map(TableRenderer::clean).toList(), width, right);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            line(out, row.stream().map(TableRenderer::clean).toList(), width, right);
        }
    }

    private static void line(PrintWriter out, List<String> cells, int[] width, boolean[] right) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            int pad = width[i] - length(c);
            if (i > 0) {
                sb.append("  ");
            }
            if (right[i]) {
                sb.append(" ".repeat(pad)).append(c);
            } else {
                sb.append(c);
                if (i < cells.size() - 1) {
                    sb.append(" ".repeat(pad));
                }
            }
        }
        out.println(sb.toString().stripTrailing());
    }

    /**
     * A cell as shown: line breaks and tabs would break the layout and become spaces; any other
     * character a terminal would act on (escape sequences, C1 controls, bidi overrides) is shown
     * escaped ({@link Values#printable}). Also for the detail lines of {@code show} commands.
     */
    public static String clean(String s) {
        return Values.printable(s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' '));
    }

    /** Display width, counting code points (combining marks take no room). */
    static int length(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK) {
                w++;
            }
            i += Character.charCount(cp);
        }
        return w;
    }
}
