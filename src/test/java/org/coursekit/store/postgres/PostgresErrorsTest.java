package org.coursekit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.coursekit.domain.StoreError;
import org.junit.jupiter.api.Test;

/** PostgreSQL's SQLSTATEs as exit codes: the database's troubles 7, a violated constraint a bug (70) as on SQLite. */
class PostgresErrorsTest {
    private static RuntimeException of(String state) {
        return PostgresStore.translate(new SQLException("reason " + state, state), "postgresql://h/db");
    }

    private static String key(RuntimeException e) {
        return e instanceof StoreError s ? s.msg().key() : e.getClass().getSimpleName();
    }

    @Test
    void theServersTroublesAreExit7AndAViolatedConstraintIsABugAsOnSqlite() {
        assertThat(key(of("08001"))).isEqualTo("db.pg.cantConnect");
        assertThat(key(of("3D000"))).isEqualTo("db.pg.cantConnect");
        assertThat(key(of("57P01"))).isEqualTo("db.pg.cantConnect");
        assertThat(key(of("28P01"))).isEqualTo("db.pg.login");
        assertThat(key(of("28000"))).isEqualTo("db.pg.login");
        assertThat(key(of("55P03"))).isEqualTo("db.busy");
        assertThat(key(of("40P01"))).isEqualTo("db.busy");
        assertThat(key(of("42501"))).isEqualTo("db.pg.denied");
        assertThat(key(of("53100"))).isEqualTo("db.io");
        assertThat(key(of("23505"))).isEqualTo("IllegalStateException");
        assertThat(key(of("23503"))).isEqualTo("IllegalStateException");
        assertThat(key(of("42601"))).isEqualTo("IllegalStateException");
    }
}
