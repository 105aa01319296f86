package org.coursekit.cli;

/**
 * A progress line on stderr for a long job, drawn only when stderr is a terminal
 * ({@link Terminal#stderrIsTerminal()}) and not with {@code --quiet}; never on stdout. Redrawn in
 * place with a carriage return and cleared by {@link #done()} before the summary.
 */
final class Progress {
    private static final int WIDTH = 30;
    private final Base cmd;
    private final boolean show;
    private boolean shown;

    Progress(Base cmd) {
        this.cmd = cmd;
        this.show = cmd.root().terminal().stderrIsTerminal() && !cmd.root().quiet();
    }

    /** A bar: {@code done} of {@code total}, with the message {@code key} ({0} done, {1} total). */
    void bar(String key, int done, int total) {
        if (show) {
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            draw("[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + cmd.msg(key, done, total));
        }
    }

    /** A count without a known total, with the message {@code key} ({0} the count). */
    void count(String key, long n) {
        if (show) {
            draw(cmd.msg(key, n));
        }
    }

    private void draw(String line) {
        cmd.err().print("\r" + line + "\033[K");
        cmd.err().flush();
        shown = true;
    }

    /** Clears the line, if one was drawn. */
    void done() {
        if (shown) {
            cmd.err().print("\r\033[K");
            cmd.err().flush();
            shown = false;
        }
    }
}
