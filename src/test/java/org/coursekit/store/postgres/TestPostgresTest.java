package org.coursekit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/** The test server itself: real PostgreSQL, started by the tests, one fresh database each. */
class TestPostgresTest {
    @Test
    void theTestsStartARealPostgresqlAndGiveEachTestItsOwnDatabase() throws Exception {
        TestPostgres pg = TestPostgres.get();
        String a = pg.createDatabase();
        String b = pg.createDatabase();
        assertThat(a).isNotEqualTo(b);
        pg.sql(a, "CREATE TABLE t (x INTEGER)");
        try (Connection c = pg.connect(b); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, "
                     + "(SELECT COUNT(*) FROM pg_tables WHERE tablename = 't')")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(140000);
            assertThat(rs.getInt(2)).isZero();
        }
        System.out.println("test PostgreSQL started in " + pg.startMillis() + " ms on port " + pg.port());
    }
}
