package org.coursekit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.coursekit.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;

/** Both engines have the same schema versions: a migration added for one is added for the other. */
class MigrationsTest {
    private static List<String> names(String engine) throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", engine))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void bothEnginesHaveTheSameMigrations() throws Exception {
        assertThat(names("postgresql")).isEqualTo(names("sqlite"));
        assertThat(PostgresStore.MIGRATIONS).isEqualTo(names("postgresql"));
        assertThat(PostgresStore.SCHEMA_VERSION).isEqualTo(SqliteStore.SCHEMA_VERSION);
    }
}
