package org.coursekit.store.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.coursekit.domain.StoreError;

/**
 * The password for a PostgreSQL login, as libpq finds it: {@code PGPASSWORD}, else the password
 * file ({@code PGPASSFILE}, else {@code ~/.pgpass}): lines {@code hostname:port:database:username:password},
 * {@code *} matching anything, {@code \:} and {@code \\} escaping, {@code #} starting a comment,
 * the first matching line winning. A password file that others may read (group or world
 * permissions) is refused, as libpq ignores it: its mode must be 0600 or less.
 */
final class PgPass {
    private PgPass() {
    }

    static Optional<String> password(PgAddress a, Map<String, String> env) {
        String fromEnv = env.get("PGPASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Optional.of(fromEnv);
        }
        String file = env.get("PGPASSFILE");
        Path path = file != null && !file.isEmpty() ? Path.of(file)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home", "")), ".pgpass");
        return fromFile(path, a);
    }

    static Optional<String> fromFile(Path path, PgAddress a) {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            for (PosixFilePermission p : perms) {
                if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                    throw new StoreError(null, "db.pg.pgpassMode", path);
                }
            }
        } catch (UnsupportedOperationException e) {
            // no POSIX permissions on this file system: as libpq, nothing to check
        } catch (IOException e) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = fields(line);
            if (f.size() < 5) {
                continue;
            }
            if (matches(f.get(0), a.host()) && matches(f.get(1), Integer.toString(a.port()))
                    && matches(f.get(2), a.database()) && matches(f.get(3), a.user())) {
                return Optional.of(f.get(4));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    /** The colon-separated fields of a line, {@code \:} and {@code \\} unescaped; the fifth takes the rest. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                sb.append(line.charAt(++i));
            } else if (c == ':' && out.size() < 4) {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out;
    }
}
