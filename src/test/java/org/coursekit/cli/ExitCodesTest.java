package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.coursekit.domain.Conflict;
import org.coursekit.domain.FileError;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.NotFound;
import org.coursekit.domain.StoreError;
import org.coursekit.i18n.Messages;
import org.junit.jupiter.api.Test;

/**
 * Exit 70 is for coursekit's own bugs only: an expected failure keeps its code however a library
 * or a thread pool wrapped it, and an Error (out of memory) is one plain line without --debug.
 */
class ExitCodesTest {
    static final Messages EN = new Messages(Messages.choose("en"));

    static FileError fileError() {
        return new FileError(new IOException("No space left on device"), "file.cannotWrite", "out/x.pdf",
                "No space left on device");
    }

    @Test
    void wrappedCoursekitExceptionsMapToTheirOwnCode() {
        assertThat(ExitCodes.of(new UncheckedIOException(new IOException(fileError())))).isEqualTo(ExitCodes.FILE_IO);
        assertThat(ExitCodes.of(new ExecutionException(fileError()))).isEqualTo(ExitCodes.FILE_IO);
        assertThat(ExitCodes.of(new CompletionException(new ExecutionException(
                new InvalidData("template.invalid", "t.json"))))).isEqualTo(ExitCodes.INVALID);
        assertThat(ExitCodes.of(new RuntimeException("from a library", new NotFound("file.notFound", "x")))).isEqualTo(
                ExitCodes.NOT_FOUND);
        assertThat(ExitCodes.of(new IllegalStateException(new Conflict("course.exists", "x")))).isEqualTo(ExitCodes.CONFLICT);
        assertThat(ExitCodes.of(new RuntimeException(new StoreError(null, "db.busy", "x")))).isEqualTo(ExitCodes.DATABASE);
    }

    @Test
    void eachExceptionTypeKnowsItsExitCode() {
        assertThat(new NotFound("file.notFound", "x").exitCode()).isEqualTo(3);
        assertThat(new InvalidData("template.invalid", "t.json").exitCode()).isEqualTo(4);
        assertThat(new Conflict("course.exists", "x").exitCode()).isEqualTo(5);
        assertThat(fileError().exitCode()).isEqualTo(6);
        assertThat(new StoreError(null, "db.busy", "x").exitCode()).isEqualTo(7);
        assertThat(OptionValues.invalid("field.date", "--date", "x").exitCode()).isEqualTo(2);
        assertThat(ExitCodes.all()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 70);
    }

    @Test
    void malformedOptionValueIsUsageNotInvalidData() {
        assertThat(ExitCodes.of(OptionValues.invalid("field.date", "--date", "30.02.2019"))).isEqualTo(ExitCodes.USAGE);
        assertThat(ExitCodes.of(new RuntimeException(OptionValues.invalid("field.time", "--start", "25:00"))))
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void onlyOurOwnBugsAreSeventy() {
        assertThat(ExitCodes.of(new IllegalStateException("a bug"))).isEqualTo(ExitCodes.INTERNAL);
        assertThat(ExitCodes.of(new RuntimeException(new IllegalArgumentException()))).isEqualTo(ExitCodes.INTERNAL);
        assertThat(ExitCodes.of(new OutOfMemoryError("Java heap space"))).isEqualTo(ExitCodes.INTERNAL);
        RuntimeException loop = new RuntimeException("loop");
        RuntimeException other = new RuntimeException("other", loop);
        loop.initCause(other);
        assertThat(ExitCodes.of(loop)).isEqualTo(ExitCodes.INTERNAL);
    }

    @Test
    void aWrappedCoursekitExceptionIsReportedWithItsOwnMessage() {
        StringWriter err = new StringWriter();
        CoursekitCommand.report(new PrintWriter(err), EN, new ExecutionException(new UncheckedIOException(
                new IOException(fileError()))), false);
        assertThat(err.toString()).isEqualTo("error: cannot write out/x.pdf: No space left on device" + System.lineSeparator());
    }

    @Test
    void outOfMemoryIsReportedInOneLineWithoutATrace() {
        StringWriter err = new StringWriter();
        CoursekitCommand.report(new PrintWriter(err), EN, new OutOfMemoryError("Java heap space"), false);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).contains("out of memory").doesNotContain("\tat ");
        StringWriter debug = new StringWriter();
        CoursekitCommand.report(new PrintWriter(debug), EN, new OutOfMemoryError("Java heap space"), true);
        assertThat(debug.toString()).contains("\tat ");
    }
}
