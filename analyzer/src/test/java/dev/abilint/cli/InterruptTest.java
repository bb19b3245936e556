package dev.abilint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C or SIGTERM during a scan: exit 130/143, and no temporary file is left behind. */
class InterruptTest {

    @Test
    void sigtermWhileReadingStandardInputExits143AndLeavesNoTemporaryFile(@TempDir Path tmp) throws Exception {
        assumeTrue(File.separatorChar == '/', "signals are POSIX");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process scan = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "scan", "--name", "big-1.0-py3-none-any.whl", "-")
                .redirectErrorStream(true).start();
        try {
            scan.getOutputStream().write(new byte[] {'P', 'K', 3, 4}); // a wheel on its way, the pipe left open
            scan.getOutputStream().flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (count(tmp) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, count(tmp), "standard input is being spooled to a temporary directory");
            scan.destroy(); // SIGTERM
            assertTrue(scan.waitFor(30, TimeUnit.SECONDS));
            assertEquals(143, scan.exitValue(), "128 + SIGTERM");
            assertEquals(0, count(tmp), "the spooled copy is gone");
        } finally {
            scan.destroyForcibly();
        }
    }

    private static long count(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
