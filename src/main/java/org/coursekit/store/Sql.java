package org.coursekit.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small JDBC helper: parameter binding for our value types, SQLException translation. */
final class Sql {
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final Path path;

    Sql(Connection connection, Path path) {
        this.connection = connection;
        this.path = path;
    }

    Connection connection() {
        return connection;
    }

    RuntimeException translate(SQLException e) {
        return Database.translate(e, path);
    }

    void exec(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    int update(String sql, Object... params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    long insert(String sql, Object... params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeUpdate();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
                rs.next();
                return rs.getLong(1);
            }
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
        return one(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int idx = i + 1;
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
                ps.setString(idx, org.coursekit.domain.Values.time(t));
            } else if (p instanceof Enum<?> e) {
                ps.setString(idx, e.name().toLowerCase(java.util.Locale.ROOT));
            } else {
                ps.setString(idx, p.toString());
            }
        }
    }

    static LocalDate date(ResultSet rs, String col) throws SQLException {
        String s = rs.getString(col);
        return s == null ? null : LocalDate.parse(s);
    }

    static LocalTime time(ResultSet rs, String col) throws SQLException {
        return LocalTime.parse(rs.getString(col));
    }
}
