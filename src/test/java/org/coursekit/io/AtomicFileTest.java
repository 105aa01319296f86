package org.coursekit.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private List<String> names() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void temporaryFileNamesHoldNoPersonalNames() {
        AtomicReference<List<String>> during = new AtomicReference<>();
        AtomicFile.writeInto(dir, "CK-2018-001_Köhler_Käthe.pdf", p -> { }, out -> during.set(names()), false);
        assertThat(during.get()).hasSize(1);
        assertThat(during.get().get(0)).matches("\\.coursekit-[0-9a-f]{16}\\.tmp");
        assertThat(names()).containsExactly("CK-2018-001_Köhler_Käthe.pdf");
    }

    @Test
    void theTemporaryFileOfARunningWriterIsNotRemovedAsALeftover() throws Exception {
        Path killed = Files.writeString(dir.resolve(".coursekit-00112233445566ff.tmp"), "partial");
        AtomicReference<Integer> removed = new AtomicReference<>();
        AtomicReference<List<String>> after = new AtomicReference<>();
        AtomicFile.write(dir.resolve("list.csv"), p -> { }, out -> {
            removed.set(AtomicFile.removeLeftovers(dir));
            after.set(names());
        });
        assertThat(removed.get()).isEqualTo(1);
        assertThat(killed).doesNotExist();
        assertThat(after.get()).hasSize(1).allMatch(n -> n.matches("\\.coursekit-[0-9a-f]{16}\\.tmp"));
        assertThat(names()).containsExactly("list.csv");
    }
}
