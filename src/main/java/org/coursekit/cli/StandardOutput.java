package org.coursekit.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The process's standard output as a writer that remembers why a write failed (a PrintWriter only
 * says that one did): a reader that stopped reading ({@code | head}) closed the pipe on purpose and
 * needs no message, a full disk does.
 */
public final class StandardOutput extends PrintWriter {
    private final Probe probe;

    private StandardOutput(Probe probe) {
        super(new OutputStreamWriter(probe, StandardCharsets.UTF_8), false);
        this.probe = probe;
    }

    /** Standard output itself, not {@code System.out}: a PrintStream keeps write errors to itself. */
    public static StandardOutput open() {
        return new StandardOutput(new Probe(new FileOutputStream(FileDescriptor.out)));
    }

    /** Whether writing failed because the reading end of a pipe was closed (EPIPE). */
    boolean pipeClosed() {
        IOException e = probe.failure;
        return e != null && e.getMessage() != null && e.getMessage().contains("Broken pipe");
    }

    private static final class Probe extends FilterOutputStream {
        IOException failure;

        Probe(FileOutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }
    }
}
