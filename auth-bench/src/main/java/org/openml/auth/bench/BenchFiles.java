package org.openml.auth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The temporary database folders the benchmarks make. */
final class BenchFiles {
    private BenchFiles() {}

    /** Deletes {@code dir} and everything below it; nothing when it is null. */
    static void deleteTree(Path dir) throws IOException {
        if (dir == null) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
