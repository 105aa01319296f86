package org.coursekit.cli;

import java.util.List;

import org.coursekit.domain.Conflict;
import org.coursekit.domain.CoursekitException;
import org.coursekit.domain.FileError;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.NotFound;
import org.coursekit.domain.StoreError;
import picocli.CommandLine;

/**
 * The one source of exit codes (the README's "Exit codes", the list in the top-level help): each
 * of our exceptions knows its own ({@link CoursekitException#exitCode()}); this class adds success,
 * the negative answer, picocli's usage errors and everything unexpected.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int NEGATIVE = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = NotFound.EXIT_CODE;
    public static final int INVALID = InvalidData.EXIT_CODE;
    public static final int CONFLICT = Conflict.EXIT_CODE;
    public static final int FILE_IO = FileError.EXIT_CODE;
    public static final int DATABASE = StoreError.EXIT_CODE;
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /** Every code coursekit ends with, in ascending order: the help's list and the README's table show exactly these. */
    static List<Integer> all() {
        return List.of(OK, NEGATIVE, USAGE, NOT_FOUND, INVALID, CONFLICT, FILE_IO, DATABASE, INTERNAL);
    }

    /**
     * The exit code of a failure: that of the first of our own exceptions (or picocli's usage error)
     * in its cause chain, however a library, a thread pool or an {@code UncheckedIOException}
     * wrapped it; {@link #INTERNAL} only when there is none, that is for a bug or an {@code Error}.
     */
    public static int of(Throwable t) {
        Throwable known = known(t);
        if (known instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (known instanceof CoursekitException ce) {
            return ce.exitCode();
        }
        return INTERNAL;
    }

    /** The first usage error or {@link CoursekitException} in {@code t}'s cause chain, or null. */
    static Throwable known(Throwable t) {
        return find(t, c -> c instanceof CoursekitException || c instanceof CommandLine.ParameterException);
    }

    /** The first throwable in {@code t}'s cause chain (cycles and all) that matches, or null. */
    static Throwable find(Throwable t, java.util.function.Predicate<Throwable> matches) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (matches.test(c)) {
                return c;
            }
        }
        return null;
    }
}
