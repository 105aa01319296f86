package org.coursekit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coursekit.store.StoreCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db copy}'s list of tables stays the schema's: a table or column added later is copied too, or the test says so. */
class StoreCopyTest {
    @TempDir
    Path dir;

    @Test
    void theCopyNamesEveryTableAndColumnOfTheSchemaButMeta() throws Exception {
        Path db = dir.resolve("fresh.db");
        SqliteStore.create(db, Clock.systemUTC()).close();
        Map<String, List<String>> schema = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
                     + "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' ORDER BY m.name, p.cid")) {
            while (rs.next()) {
                schema.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        StoreCopy.NOT_COPIED.forEach(schema::remove);
        Map<String, List<String>> copied = StoreCopy.columns();
        assertThat(copied.keySet()).containsExactlyInAnyOrderElementsOf(schema.keySet());
        for (var t : schema.entrySet()) {
            assertThat(copied.get(t.getKey())).as(t.getKey()).containsExactlyInAnyOrderElementsOf(t.getValue());
        }
    }
}
