package org.coursekit.cli;

import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The person at the keyboard: for the questions before something that cannot be undone
 * ({@code participant erase}, {@code db purge}; without one, those commands need {@code --yes}),
 * and for the progress of long jobs, drawn on stderr whenever stderr is a terminal.
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

    /**
     * Whether standard error is a terminal, so that a progress line drawn there is seen (also when
     * stdin or stdout are redirected: {@code certify issue ... > liste.txt}).
     */
    default boolean stderrIsTerminal() {
        return false;
    }

    /** This terminal, with standard error a terminal too. */
    default Terminal withStderrTerminal() {
        Terminal self = this;
        return new Terminal() {
            @Override
            public boolean interactive() {
                return self.interactive();
            }

            @Override
            public String readLine() {
                return self.readLine();
            }

            @Override
            public boolean stderrIsTerminal() {
                return true;
            }
        };
    }

    /**
     * The process's terminal: {@link System#console()} to ask, which exists only when stdin and
     * stdout are one; and whether stderr is one, which the console cannot tell (see {@link #stderrIsTty()}).
     * The launcher says {@code -Dcoursekit.console=false} when stdin or stdout is no terminal (a
     * pipe, a file, cron): then there is none to ask, and the JDK's console classes, half a
     * millisecond of the start, stay unloaded.
     */
    static Terminal system() {
        Console console = "false".equals(System.getProperty("coursekit.console")) ? null : System.console();
        Terminal t = console == null ? NONE : new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public String readLine() {
                return console.readLine();
            }
        };
        return stderrIsTty() ? t.withStderrTerminal() : t;
    }

    /**
     * Whether file descriptor 2 is a terminal: the launcher tells with {@code -Dcoursekit.stderrTty=true|false}
     * ({@code [ -t 2 ]}); started otherwise, {@code /proc/self/fd/2} leading to {@code /dev/pts/N} or
     * {@code /dev/ttyN} (Linux) says so.
     */
    private static boolean stderrIsTty() {
        String told = System.getProperty("coursekit.stderrTty");
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception | LinkageError e) {
            return false;
        }
    }
}
