package org.coursekit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.coursekit.domain.StoreError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ~/.pgpass as libpq reads it, and the parts of a libpq URI. */
class PgPassTest {
    @TempDir
    Path dir;

    private Path pgpass(String text, String mode) throws Exception {
        Path f = dir.resolve(".pgpass");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    private static PgAddress address(String uri) {
        return PgAddress.parse(uri, Map.of());
    }

    @Test
    void theFirstMatchingLineGivesThePasswordWithWildcardsAndEscapes() throws Exception {
        Path f = pgpass("""
                # comment
                other.example:5432:*:anna:wrong
                db.example:*:register:anna:pa\\:ss\\\\word:with:colons
                *:*:*:anna:later
                """, "rw-------");
        assertThat(PgPass.fromFile(f, address("postgresql://anna@db.example:6543/register"))).contains("pa:ss\\word:with:colons");
        assertThat(PgPass.fromFile(f, address("postgresql://anna@db.example/other"))).contains("later");
        assertThat(PgPass.fromFile(f, address("postgresql://bert@db.example/register"))).isEmpty();
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused() throws Exception {
        Path f = pgpass("*:*:*:*:secret\n", "rw-r--r--");
        assertThatThrownBy(() -> PgPass.fromFile(f, address("postgresql://anna@db.example/register")))
                .isInstanceOf(StoreError.class)
                .satisfies(e -> assertThat(((StoreError) e).msg().key()).isEqualTo("db.pg.pgpassMode"));
    }

    @Test
    void pgpasswordComesFirst() throws Exception {
        Path f = pgpass("*:*:*:*:fromfile\n", "rw-------");
        PgAddress a = address("postgresql://anna@db.example/register");
        assertThat(PgPass.password(a, Map.of("PGPASSWORD", "fromenv", "PGPASSFILE", f.toString()))).contains("fromenv");
        assertThat(PgPass.password(a, Map.of("PGPASSFILE", f.toString()))).contains("fromfile");
    }

    @Test
    void theUriGivesUserHostPortDatabaseAndSslmode() {
        PgAddress a = address("postgresql://anna@db.example:6543/register?sslmode=require");
        assertThat(List.of(a.user(), a.host(), a.port(), a.database(), a.params().get("sslmode")))
                .containsExactly("anna", "db.example", 6543, "register", "require");
        PgAddress b = PgAddress.parse("postgres://db.example/register", Map.of("PGUSER", "bert"));
        assertThat(List.of(b.user(), b.port())).containsExactly("bert", 5432);
        assertThat(address("postgresql://[::1]:5433/x").host()).isEqualTo("::1");
    }

    @Test
    void aPasswordInTheUriIsRefusedWithoutRepeatingIt() {
        for (String uri : List.of("postgresql://anna:geheim@db.example/register",
                "postgresql://anna@db.example/register?password=geheim")) {
            assertThat(PgAddress.problem(uri)).hasValueSatisfying(m -> {
                assertThat(m.key()).isEqualTo("db.pg.passwordInUri");
                assertThat(String.valueOf(m.args()[0])).doesNotContain("geheim");
            });
        }
    }
}
