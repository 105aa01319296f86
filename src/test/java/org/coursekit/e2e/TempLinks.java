package org.coursekit.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes the symbolic links a test made inside its temporary folder, before JUnit deletes the folder
 * (which otherwise warns about every link that points out of it, e.g. to target/coursekit).
 */
final class TempLinks {
    private TempLinks() {
    }

    static void remove(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> links;
        try (Stream<Path> files = Files.walk(dir)) {     // links are not followed
            links = files.filter(Files::isSymbolicLink).toList();
        }
        for (Path link : links) {
            Files.delete(link);
        }
    }
}
