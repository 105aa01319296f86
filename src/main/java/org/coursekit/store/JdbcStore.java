package org.coursekit.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What every engine's store shares: one JDBC connection, transactions handing out the
 * repositories, the injected clock, and reading migration scripts. What differs per engine
 * (connecting, settings, how a transaction begins, error classification, surrogate keys, schema
 * version, backup, erasure, check, batch locks) is the subclass's, one per engine: {@code store.sqlite.SqliteStore},
 * {@code store.postgres.PostgresStore}.
 */
public abstract class JdbcStore implements Store {
    private final Connection connection;
    private final Clock clock;

    protected JdbcStore(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    protected final Connection connection() {
        return connection;
    }

    /** Now, by the injected clock: every timestamp the store writes. */
    protected final Instant now() {
        return Instant.now(clock);
    }

    /** Maps an engine's failure to exit code 7 where it concerns the database; others are bugs. */
    protected abstract RuntimeException translate(SQLException e);

    /**
     * The first of {@code count} new surrogate keys of {@code table}'s {@code id} column, taken in
     * the current write transaction; a batch inserts them explicitly, without asking row by row.
     */
    protected abstract long firstNewId(String table, int count) throws SQLException;

    /**
     * The certificate register's query (certificates with their newest revision), to which the
     * repository adds its WHERE and ORDER BY; an engine whose user may not read the holders' names
     * gives them empty instead.
     */
    protected String certificateSelect() {
        return CertificateRepository.SELECT;
    }

    /**
     * The query of a certificate for certify verify by {@code by} ("code", "serial", "id"; one
     * parameter, the value as text), with the columns of the certificate register and
     * {@code course_title}. An engine whose users see only some rows answers it for every
     * organisation (PostgreSQL: a function that runs as the register's owner).
     */
    protected String verifiable(String by) {
        return CertificateRepository.verifiable(by);
    }

    /**
     * The query of {@code id, form, birth_date, age_group} of everyone enrolled in a course (two
     * parameters: the course and the date of its first session, as text), for the programme report.
     * Here the birth date comes back and the age group is counted from it; an engine whose users may
     * not read birth dates answers with the age group only (PostgreSQL: a function run as the register's owner).
     */
    protected String reportPeople() {
        return ParticipantRepository.REPORT_PEOPLE;
    }

    /** The query of {@code certificate_id, revision} of a PDF's SHA-256 (one parameter), for certify verify. */
    protected String revisionByHash() {
        return CertificateRepository.REVISION_BY_HASH;
    }

    /** Begins a transaction on {@link #connection()}: auto-commit off, the write lock up front when {@code write}. */
    protected void begin(boolean write) throws SQLException {
        connection.setAutoCommit(false);
    }

    protected void commit() throws SQLException {
        connection.commit();
    }

    protected void rollback() throws SQLException {
        connection.rollback();
    }

    @Override
    public <T> T write(Work<T> work) {
        return inTransaction(true, work);
    }

    @Override
    public <T> T read(Work<T> work) {
        return inTransaction(false, work);
    }

    /**
     * A JDBC transaction begun by the engine ({@link #begin}); back to auto-commit afterwards, so
     * that no transaction stays open between units of work.
     */
    private <T> T inTransaction(boolean write, Work<T> work) {
        boolean done = false;
        Sql sql = new Sql(connection, this);
        try {
            begin(write);
            T result = work.run(new Tx(sql));
            sql.closeStatements();
            haltIfAsked(write, "coursekit.test.haltBeforeCommit");
            commit();
            haltIfAsked(write, "coursekit.test.haltAfterCommit");
            done = true;
            return result;
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            sql.closeStatements();
            try {
                if (!done) {
                    rollback();
                }
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the original failure matters; the connection is closed after the command anyway
            }
        }
    }

    /**
     * Tests only: halts the JVM with the status the system property {@code property} gives, as a kill
     * would (no clean-up, the connection left open), at a write transaction's commit.
     */
    private static void haltIfAsked(boolean write, String property) {
        Integer status = write ? Integer.getInteger(property) : null;
        if (status != null) {
            Runtime.getRuntime().halt(status);
        }
    }

    /** Runs one statement on the connection (inside the current transaction, if any). */
    protected final void exec(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** The first column of the first row of a query, 0 without rows. */
    protected final long queryLong(String sql) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0L;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** The statements of a migration script (class-path resource), comments left out. */
    protected static List<String> statements(String resource) {
        String text;
        try (InputStream in = JdbcStore.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            sb.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                out.add(sb.toString().strip());
                sb.setLength(0);
            }
        }
        if (!sb.toString().isBlank()) {
            out.add(sb.toString().strip());
        }
        return out;
    }
}
