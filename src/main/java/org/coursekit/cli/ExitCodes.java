package org.coursekit.cli;

import org.coursekit.domain.Conflict;
import org.coursekit.domain.FileError;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.NotFound;
import org.coursekit.domain.StoreError;
import picocli.CommandLine;

/** The one mapping from failures to exit codes (CLI.md section 2). */
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

    public static int of(Throwable t) {
        if (t instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (t instanceof NotFound) {
            return NOT_FOUND;
        }
        if (t instanceof InvalidData) {
            return INVALID;
        }
        if (t instanceof Conflict) {
            return CONFLICT;
        }
        if (t instanceof FileError) {
            return FILE_IO;
        }
        if (t instanceof StoreError) {
            return DATABASE;
        }
        return INTERNAL;
    }
}
