package dev.abilint.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.abilint.testing.CliRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer fuzz targets for the archive walker and everything after it: the fuzzed bytes are written to
 * a file named like a jar, a wheel or a .tar.gz, and {@code abilint scan --format json} runs on it
 * in-process. A crash is an internal error (exit code 3: any exception that the walker does not turn
 * into a finding), a report that is not JSON, or an input over 1 s. Findings (parse-error,
 * archive-limit-exceeded, ...) are the expected outcome of bad bytes.
 *
 * <p>Seeds: {@code src/test/resources/dev/abilint/fuzz/ArchiveFuzzTestInputs/<method>/}. Fuzz one
 * target at a time: {@code JAZZER_FUZZ=1 mvn -pl analyzer -am test -Dtest=ArchiveFuzzTest#jar ...}
 * (see the README's "Fuzzing" section).
 */
class ArchiveFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("abilint-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void jar(byte[] data) {
        scan("jar", "fuzz.jar", data);
    }

    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void wheel(byte[] data) {
        scan("wheel", "fuzz-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", data);
    }

    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void tarGz(byte[] data) {
        scan("tarGz", "fuzz-1.0.tar.gz", data);
    }

    static void scan(String target, String name, byte[] data) {
        FuzzSettings.bounded(target, () -> {
            Path file = DIR.resolve(name);
            Files.write(file, data);
            try {
                CliRun run = CliRun.of("scan", "--debug", "--format", "json", file.toString());
                if (run.exitCode() == 3) {
                    throw new AssertionError("internal error (exit 3) on " + name + ":\n" + run.stderr());
                }
                if (run.exitCode() == 0 || run.exitCode() == 1) {
                    JSON.readTree(run.stdout());
                }
            } finally {
                Files.deleteIfExists(file);
            }
        });
    }
}
