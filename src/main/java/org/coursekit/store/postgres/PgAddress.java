package org.coursekit.store.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.coursekit.domain.Msg;

/**
 * A PostgreSQL database as {@code --db} names it, a libpq URI:
 * {@code postgresql://[USER@]HOST[:PORT]/DBNAME[?sslmode=…]} (also {@code postgres://}). What the
 * URI leaves out comes from {@code PGUSER}, {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE} as
 * for {@code psql}, else the operating-system user, {@code localhost}, 5432, the user name. A
 * password in the URI is refused: command lines are visible to the other users of the machine.
 */
public record PgAddress(String given, String user, String host, int port, String database, Map<String, String> params) {
    /** The query parameters coursekit passes on (libpq's names). */
    static final Set<String> PARAMS = Set.of("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout",
            "application_name");
    private static final Set<String> SSLMODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    public static boolean isPostgres(String spec) {
        String s = spec.toLowerCase(Locale.ROOT);
        return s.startsWith("postgresql://") || s.startsWith("postgres://");
    }

    /** Why the URI cannot be used as given (a usage error, exit 2), or empty when it can. */
    public static Optional<Msg> problem(String spec) {
        try {
            parse(spec, Map.of());
            return Optional.empty();
        } catch (Invalid e) {
            return Optional.of(e.msg);
        }
    }

    /** A URI that {@link #parse} refuses, with the reason. */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final transient Msg msg;

        Invalid(String key, Object... args) {
            super(key);
            this.msg = Msg.of(key, args);
        }
    }

    static PgAddress parse(String spec, Map<String, String> env) {
        int schemeEnd = spec.indexOf("://");
        String rest = spec.substring(schemeEnd + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            if (userInfo.contains(":")) {
                throw new Invalid("db.pg.passwordInUri", redacted(spec));
            }
            user = decode(userInfo, spec);
        }
        String host = rest;
        Integer port = null;
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && !host.endsWith("]")) {
            String p = host.substring(colon + 1);
            host = host.substring(0, colon);
            try {
                port = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new Invalid("db.pg.badPort", spec, p);
            }
            if (port < 1 || port > 65535) {
                throw new Invalid("db.pg.badPort", spec, p);
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        host = decode(host, spec);
        if (host.contains(",")) {
            throw new Invalid("db.pg.oneHost", spec);
        }
        if (host.startsWith("/")) {
            throw new Invalid("db.pg.socket", spec);
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String kv : query.split("&")) {
                if (kv.isEmpty()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                String k = decode(eq < 0 ? kv : kv.substring(0, eq), spec);
                String v = eq < 0 ? "" : decode(kv.substring(eq + 1), spec);
                if (k.equals("password") || k.equals("passfile")) {
                    throw new Invalid("db.pg.passwordInUri", redacted(spec));
                }
                if (!PARAMS.contains(k)) {
                    throw new Invalid("db.pg.badParam", spec, k, String.join(", ", new java.util.TreeSet<>(PARAMS)));
                }
                if (k.equals("sslmode") && !SSLMODES.contains(v)) {
                    throw new Invalid("db.pg.badSslmode", spec, v);
                }
                params.put(k, v);
            }
        }
        String database = decode(path, spec);
        if (database.contains("/")) {
            throw new Invalid("db.pg.badDatabase", spec);
        }
        if (user == null || user.isEmpty()) {
            user = env.getOrDefault("PGUSER", System.getProperty("user.name", "postgres"));
        }
        if (host.isEmpty()) {
            host = env.getOrDefault("PGHOST", "localhost");
        }
        if (port == null) {
            try {
                port = Integer.parseInt(env.getOrDefault("PGPORT", "5432"));
            } catch (NumberFormatException e) {
                port = 5432;
            }
        }
        if (database.isEmpty()) {
            database = env.getOrDefault("PGDATABASE", user);
        }
        return new PgAddress(spec, user, host, port, database, Map.copyOf(params));
    }

    /** The URI with what stands between {@code //} and {@code @} replaced, for the message that refuses it. */
    private static String redacted(String spec) {
        int start = spec.indexOf("://") + 3;
        int at = spec.indexOf('@', start);
        int q = spec.indexOf('?', start);
        String base = at >= 0 && (q < 0 || at < q) ? spec.substring(0, start) + "USER:***" + spec.substring(at) : spec;
        return base.replaceAll("(?i)([?&](password|passfile)=)[^&]*", "$1***");
    }

    private static String decode(String s, String spec) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Invalid("db.pg.badUri", spec);
        }
    }

    /** The JDBC URL (host, port, database; nothing secret). */
    String jdbcUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/"
                + java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
