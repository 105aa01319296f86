package org.coursekit.cli;

import org.coursekit.domain.Conflict;
import org.coursekit.domain.CoursekitException;
import org.coursekit.domain.FileError;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.NotFound;
import org.coursekit.domain.StoreError;
import picocli.CommandLine;

/** The one mapping from failures to exit codes (the README's "Exit codes"). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int NEGATIVE = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    public static final int INVALID = 4;
    public static final int CONFLICT = 5;
    public static final int FILE_IO = 6;
    public static final int DATABASE = 7;
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /**
     * The exit code of a failure: that of the first of our own exceptions (or picocli's usage error)
     * in its cause chain, however a library, a thread pool or an {@code UncheckedIOException}
     * wrapped it; {@link #INTERNAL} only when there is none, that is for a bug or an {@code Error}.
     */
    public static int of(Throwable t) {
        Throwable known = known(t);
        if (known instanceof CommandLine.ParameterException || known instanceof BadOption) {
            return USAGE;
        }
        if (known instanceof NotFound) {
            return NOT_FOUND;
        }
        if (known instanceof InvalidData) {
            return INVALID;
        }
        if (known instanceof Conflict) {
            return CONFLICT;
        }
        if (known instanceof FileError) {
            return FILE_IO;
        }
        if (known instanceof StoreError) {
            return DATABASE;
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
