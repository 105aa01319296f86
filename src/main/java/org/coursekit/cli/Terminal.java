package org.coursekit.cli;

import java.io.Console;

/**
 * The person at the keyboard, for the questions before something that cannot be undone
 * ({@code participant erase}, {@code db purge}). Without one, those commands need {@code --yes}.
 */
public interface Terminal {
    /** No one to ask: standard input or output is not a terminal (scripts, cron, pipes, tests). */
    Terminal NONE = new Terminal() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public String readLine() {
            return null;
        }
    };

    /** Whether a person can be asked (and answer). */
    boolean interactive();

    /** One line of the answer, or null at the end of input. */
    String readLine();

    /** The process's terminal: {@link System#console()}, which exists only when stdin and stdout are one. */
    static Terminal system() {
        Console console = System.console();
        if (console == null) {
            return NONE;
        }
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public String readLine() {
                return console.readLine();
            }
        };
    }
}
