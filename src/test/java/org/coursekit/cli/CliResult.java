package org.coursekit.cli;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What one in-process run of coursekit produced: the exit code, stdout and stderr. */
public record CliResult(int exitCode, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fails (showing both streams) unless the exit code is {@code expected}; returns this for chaining. */
    public CliResult expect(int expected) {
        if (exitCode != expected) {
            throw new AssertionError("expected exit " + expected + " but was " + exitCode + "\n" + this);
        }
        if (MISSING_HEADING.matcher(out).find()) {
            throw new AssertionError("a table heading has no text in the messages file (the key is printed)\n" + this);
        }
        return this;
    }

    /** A column's message key where its heading should be: Messages prints the key when it has no text. */
    private static final java.util.regex.Pattern MISSING_HEADING = java.util.regex.Pattern.compile("(?m)(^|\\s)column\\.[A-Za-z]");

    public CliResult ok() {
        return expect(0);
    }

    /** stdout parsed as JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (Exception e) {
            throw new AssertionError("stdout is not JSON: " + e.getMessage() + "\n" + this, e);
        }
    }

    /** stdout's lines. */
    public List<String> lines() {
        return out.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err + "---";
    }
}
