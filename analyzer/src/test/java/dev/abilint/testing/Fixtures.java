package dev.abilint.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the committed fixtures (built by fixtures/build.sh) from the tests. */
public final class Fixtures {
    private Fixtures() {}

    public static Path root() {
        String configured = System.getProperty("abilint.fixtures");
        Path root = configured != null ? Path.of(configured) : Path.of("../fixtures");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("fixtures directory not found: " + root.toAbsolutePath());
        }
        return root.normalize();
    }

    public static Path file(String relative) {
        Path path = root().resolve(relative);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("fixture missing (run fixtures/build.sh): " + path);
        }
        return path;
    }

    /** Every file under {@code dir} (relative to the fixtures root) whose name ends with {@code suffix}. */
    public static List<Path> list(String dir, String suffix) {
        try (Stream<Path> files = Files.walk(root().resolve(dir))) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
