package org.coursekit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.coursekit.domain.Values;

/** Small JDBC helper: parameter binding for our value types, SQLException translation. */
final class Sql {
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final JdbcStore store;
    /**
     * Statements prepared in this transaction, kept for the next call with the same SQL: a batch
     * runs the same few statements for every certificate or attendance row, and preparing each
     * one anew cost more than running it. Only statements whose results are read completely
     * before they return are kept (updates, inserts, counts), so that none is reused while open.
     */
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    Sql(Connection connection, JdbcStore store) {
        this.connection = connection;
        this.store = store;
    }

    private PreparedStatement reusable(String sql) throws SQLException {
        PreparedStatement ps = prepared.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            prepared.put(sql, ps);
        }
        return ps;
    }

    /** Closes the kept statements (the end of the transaction). */
    void closeStatements() {
        for (PreparedStatement ps : prepared.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // closing a finished statement; nothing to recover
            }
        }
        prepared.clear();
    }

    Connection connection() {
        return connection;
    }

    /** Now, by the clock the store was opened with: every timestamp the repositories write. */
    java.time.Instant now() {
        return store.now();
    }

    RuntimeException translate(SQLException e) {
        return store.translate(e);
    }

    void exec(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    int update(String sql, Object... params) {
        try {
            PreparedStatement ps = reusable(sql);
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Inserts one row; returns the key the engine gave its {@code id} column. */
    long insert(String sql, Object... params) {
        return count(sql + " RETURNING id", params);
    }

    /** The certificate register's query (before its WHERE): the engine's, for a user who may not read every column. */
    String certificateSelect() {
        return store.certificateSelect();
    }

    /** The engine's query of a certificate for certify verify, by "code", "serial" or "id" (one parameter). */
    String verifiable(String by) {
        return store.verifiable(by);
    }

    /** The engine's query of the certificate id and revision of a PDF's SHA-256, for certify verify. */
    String reportPeople() {
        return store.reportPeople();
    }

    String revisionByHash() {
        return store.revisionByHash();
    }

    /**
     * The first of {@code count} new keys of {@code table}'s {@code id} column, for a batch that
     * inserts them explicitly: the engine decides how they are taken.
     */
    long firstNewId(String table, int count) {
        try {
            return store.firstNewId(table, count);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> all = list(sql, mapper, params);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    long count(String sql, Object... params) {
        try {
            PreparedStatement ps = reusable(sql);
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Rows per statement in {@link #insertMany}: large enough that calls into the engine stop mattering. */
    static final int ROWS_PER_INSERT = 100;

    /**
     * Inserts many rows with multi-row INSERTs of up to {@value #ROWS_PER_INSERT} rows: one call
     * into the engine per hundred rows instead of one per row, which is what bulk imports spend their
     * time on through JDBC. The statements have plain {@code ?} parameters (every engine takes them).
     *
     * @param head   the statement up to VALUES, e.g. {@code INSERT INTO t (a, b, c) VALUES }
     * @param shape  one row's values: {@code ?1}..{@code ?n} for the {@code shared} values and
     *               {@code #0}..{@code #(w-1)} for the row's own, e.g. {@code (#0, #1, ?1)}
     * @param rows   each row's own values, all of the same width
     */
    void insertMany(String head, String shape, Object[] shared, List<Object[]> rows) {
        insertMany(head, shape, "", shared, rows);
    }

    /** As above, with {@code tail} after the VALUES (e.g. an ON CONFLICT clause); returns how many rows the engine inserted. */
    int insertMany(String head, String shape, String tail, Object[] shared, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        RowShape row = RowShape.parse(shape);
        int full = rows.size() - rows.size() % ROWS_PER_INSERT;
        int inserted = 0;
        try (PreparedStatement many = full > 0 ? connection.prepareStatement(row.sql(head, ROWS_PER_INSERT) + tail) : null;
             PreparedStatement rest = full < rows.size()
                     ? connection.prepareStatement(row.sql(head, rows.size() - full) + tail) : null) {
            for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                PreparedStatement ps = from < full ? many : rest;
                int to = Math.min(from + ROWS_PER_INSERT, rows.size());
                int idx = 1;
                for (int i = from; i < to; i++) {
                    idx = row.bind(ps, idx, shared, rows.get(i));
                }
                inserted += ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw translate(e);
        }
        return inserted;
    }

    /**
     * Inserts many rows as {@link #insertMany} does, binding fewer values, for the bulk import, where
     * the calls into the engine per value are what the time goes on: each row's own values come first,
     * then {@code constants}, the same for every row, which are written into the statement as literals
     * (strings quoted, numbers as they are); and a column that is NULL in every row of one statement is
     * written as NULL there instead of being bound (an import rarely fills every column). The
     * statements are kept for the transaction, by their shape and constants: a caller that passes the
     * same constants every time has each prepared once.
     *
     * @param head the statement up to VALUES, its columns in that order: the rows' own, then the constants'
     */
    void insertRows(String head, Object[] constants, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int width = rows.get(0).length;
        StringBuilder tail = new StringBuilder();
        for (Object c : constants) {
            tail.append(", ").append(literal(c));
        }
        String constantsText = tail.append(')').toString();
        String shapes = "\0rows " + head + constantsText + ' ';        // kept with the prepared statements by these keys
        try {
            for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                int to = Math.min(from + ROWS_PER_INSERT, rows.size());
                long nulls = width == 64 ? -1L : (1L << width) - 1;      // bit k: column k is NULL in every row
                for (int i = from; i < to && nulls != 0; i++) {
                    Object[] row = rows.get(i);
                    for (int k = 0; k < width; k++) {
                        if (row[k] != null) {
                            nulls &= ~(1L << k);
                        }
                    }
                }
                String key = shapes + nulls + ' ' + (to - from);
                PreparedStatement ps = prepared.get(key);
                if (ps == null) {
                    ps = connection.prepareStatement(rowsSql(head, width, nulls, constantsText, to - from));
                    prepared.put(key, ps);
                }
                int idx = 1;
                for (int i = from; i < to; i++) {
                    Object[] row = rows.get(i);
                    for (int k = 0; k < width; k++) {
                        if ((nulls & (1L << k)) == 0) {
                            bindOne(ps, idx++, row[k]);
                        }
                    }
                }
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private static String rowsSql(String head, int width, long nulls, String constantsText, int count) {
        StringBuilder one = new StringBuilder("(");
        for (int k = 0; k < width; k++) {
            one.append(k > 0 ? ", " : "").append((nulls & (1L << k)) != 0 ? "NULL" : "?");
        }
        String row = one.append(constantsText).toString();
        StringBuilder sb = new StringBuilder(head.length() + count * (row.length() + 2)).append(head);
        for (int r = 0; r < count; r++) {
            sb.append(r > 0 ? ", " : "").append(row);
        }
        return sb.toString();
    }

    /** A constant of {@link #insertRows} as an SQL literal. */
    private static String literal(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        return "'" + v.toString().replace("'", "''") + "'";
    }

    /**
     * One row of {@link #insertMany}: its text with plain {@code ?} and, for each of them in order,
     * which value it takes (a shared one, {@code ?n}, as {@code -n}; the row's own, {@code #k}, as {@code k}).
     */
    private record RowShape(String text, int[] refs) {
        static RowShape parse(String shape) {
            StringBuilder sb = new StringBuilder(shape.length());
            List<Integer> refs = new ArrayList<>();
            for (int i = 0; i < shape.length(); i++) {
                char c = shape.charAt(i);
                if (c != '#' && c != '?') {
                    sb.append(c);
                    continue;
                }
                int k = 0;
                while (i + 1 < shape.length() && Character.isDigit(shape.charAt(i + 1))) {
                    k = k * 10 + shape.charAt(++i) - '0';
                }
                refs.add(c == '#' ? k : -k);
                sb.append('?');
            }
            return new RowShape(sb.toString(), refs.stream().mapToInt(Integer::intValue).toArray());
        }

        String sql(String head, int count) {
            StringBuilder sb = new StringBuilder(head.length() + count * (text.length() + 2));
            sb.append(head);
            for (int r = 0; r < count; r++) {
                sb.append(r > 0 ? ", " : "").append(text);
            }
            return sb.toString();
        }

        /** Binds one row from parameter {@code idx} on; returns the next free index. */
        int bind(PreparedStatement ps, int idx, Object[] shared, Object[] own) throws SQLException {
            for (int ref : refs) {
                bindOne(ps, idx++, ref < 0 ? shared[-ref - 1] : own[ref]);
            }
            return idx;
        }
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        bindFrom(ps, 1, params);
    }

    /** Binds {@code params} to the parameters from index {@code first} on. */
    static void bindFrom(PreparedStatement ps, int first, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            bindOne(ps, first + i, params[i]);
        }
    }

    /** Binds one of our value types to parameter {@code idx}. */
    static void bindOne(PreparedStatement ps, int idx, Object p) throws SQLException {
        if (p == null) {
            ps.setNull(idx, Types.NULL);
        } else if (p instanceof String s) {
            ps.setString(idx, s);
        } else if (p instanceof Integer n) {
            ps.setInt(idx, n);
        } else if (p instanceof Long n) {
            ps.setLong(idx, n);
        } else if (p instanceof Boolean b) {
            ps.setInt(idx, b ? 1 : 0);
        } else if (p instanceof LocalDate d) {
            ps.setString(idx, d.toString());
        } else if (p instanceof LocalTime t) {
            ps.setString(idx, Values.time(t));
        } else if (p instanceof Enum<?> e) {
            ps.setString(idx, e.name().toLowerCase(java.util.Locale.ROOT));
        } else {
            ps.setString(idx, p.toString());
        }
    }

    static LocalDate date(ResultSet rs, String col) throws SQLException {
        String s = rs.getString(col);
        return s == null ? null : Values.isoDate(s);
    }

    static LocalTime time(ResultSet rs, String col) throws SQLException {
        return Values.isoTime(rs.getString(col));
    }
}
