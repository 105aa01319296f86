package org.coursekit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.coursekit.app.ParticipantService.ImportResult;
import org.coursekit.app.ParticipantService.OnDuplicate;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.Msg;
import org.coursekit.store.Store;
import org.coursekit.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import's check for a second row with an address keeps only a hash of each address: a hash
 * that two addresses share must never be taken for the same address.
 */
class ImportEmailHashTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path csv(String name, int rows, int repeatOf, int repeatAt) throws Exception {
        StringBuilder sb = new StringBuilder("first_name,last_name,email\n");
        for (int line = 2; line < rows + 2; line++) {
            String email = line == repeatAt ? " P" + repeatOf + "@EXAMPLE.org" : "p" + line + "@example.org";
            sb.append("Person,Nummer").append(line).append(',').append(email).append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
        return p;
    }

    private ImportResult importCsv(Store store, EmailLines.Hash hash, Path file) {
        return new ParticipantService(store, CLOCK, hash).importCsv(file, null, "auto", "auto", OnDuplicate.FAIL,
                false, false);
    }

    @Test
    void addressesWhoseHashesAllCollideAreStillToldApart() throws Exception {
        EmailLines.Hash same = key -> 42L;
        try (Store store = Stores.create(dir.resolve("x.db").toString(), CLOCK, Map.of())) {
            Path twice = csv("twice.csv", 2500, 7, 2400);
            InvalidData e = catchThrowableOfType(() -> importCsv(store, same, twice), InvalidData.class);
            assertThat(e.details()).containsExactly(
                    Msg.of("at.fileLine", twice, 2400, Msg.of("csv.row.duplicateEmail", "email", 7)));
            assertThat(e.detailCount()).isEqualTo(1);

            ImportResult r = importCsv(store, same, csv("distinct.csv", 2500, 0, 0));
            assertThat(r.created()).isEqualTo(2500);
        }
    }

    @Test
    void addressesWhoseHashesSometimesCollideAreStillToldApart() throws Exception {
        EmailLines.Hash byLength = key -> key.length();
        try (Store store = Stores.create(dir.resolve("x.db").toString(), CLOCK, Map.of())) {
            ImportResult r = importCsv(store, byLength, csv("distinct.csv", 3000, 0, 0));
            assertThat(r.created()).isEqualTo(3000);
            Path twice = csv("twice.csv", 3000, 1500, 2999);
            InvalidData e = catchThrowableOfType(() -> importCsv(store, byLength, twice), InvalidData.class);
            assertThat(e.details()).containsExactly(
                    Msg.of("at.fileLine", twice, 2999, Msg.of("csv.row.duplicateEmail", "email", 1500)));
        }
    }
}
