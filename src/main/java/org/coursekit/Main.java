package org.coursekit;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import org.coursekit.cli.CoursekitCommand;
import org.coursekit.cli.StandardOutput;
import org.coursekit.cli.Terminal;

/** The entry point: {@code main} only ends with what {@link #run} returns as the exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = StandardOutput.open();   // not System.out: run() must see write errors
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        if (code != 0 || !onlyDaemonThreadsLeft()) {
            System.exit(code);
        }
        // Success ends by returning: the JVM then exits with 0 once this thread ends, as System.exit
        // would, shutdown hooks included, but without what Runtime.exit does first on Java 21 and
        // later: it asks for a System.Logger, whose set-up looks for a logging provider in every jar
        // of the class path (20-30 ms, a sixth of a short command's run).
    }

    /** Whether every other thread of the application would let the JVM end (no non-daemon thread is alive). */
    static boolean onlyDaemonThreadsLeft() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        Thread[] threads = new Thread[group.activeCount() + 8];
        int n = group.enumerate(threads, true);
        if (n == threads.length) {
            return false;       // more than counted: do not guess
        }
        for (int i = 0; i < n; i++) {
            if (threads[i] != Thread.currentThread() && threads[i].isAlive() && !threads[i].isDaemon()) {
                return false;
            }
        }
        return true;
    }

    /** Runs one command line, writing data to {@code out} and messages to {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        // UTC: every use of the time applies the course's zone; the system zone would cost start-up time
        return run(out, err, Terminal.system(), System.getenv(), Clock.systemUTC(), args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)} with the environment and the clock given (tests). */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, String... args) {
        return run(out, err, Terminal.NONE, env, clock, args);
    }

    /** As above, with the terminal that {@code participant erase} and {@code db purge} ask (tests). */
    public static int run(PrintWriter out, PrintWriter err, Terminal terminal, Map<String, String> env, Clock clock,
            String... args) {
        return CoursekitCommand.execute(out, err, terminal, env, clock, args);
    }
}
