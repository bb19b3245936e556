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

    /**
     * {@code data} with the first occurrence of the string {@code from} (NUL-terminated in the file) replaced
     * by {@code to} of the same length, so every offset stays valid: a real binary made to look like another
     * platform's (a needed library, an interpreter) without a toolchain for it.
     */
    public static byte[] patched(byte[] data, String from, String to) {
        byte[] f = (from + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] t = (to + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (f.length != t.length) {
            throw new IllegalArgumentException("a patch keeps the length: " + from + " / " + to);
        }
        outer:
        for (int i = 0; i + f.length <= data.length; i++) {
            for (int j = 0; j < f.length; j++) {
                if (data[i + j] != f[j]) {
                    continue outer;
                }
            }
            byte[] out = data.clone();
            System.arraycopy(t, 0, out, i, t.length);
            return out;
        }
        throw new AssertionError(from + " not found");
    }
}
