package dev.abilint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.abilint.artifact.TestArchivesAccess;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where reports go in CI containers (often as root): devices and FIFOs are written, never replaced; links
 * are followed; files are replaced atomically with their mode kept; every write error is exit 2 naming the
 * path, with no temporary file left; one scan writes several reports; standard input is an input.
 */
class ReportDestinationsTest {
    private static final String EXECSTACK = Fixtures.file("elf/x86_64/libexecstack.so").toString();

    @Test
    void aFifoIsWrittenForItsReaderAndStaysAFifo(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("report.fifo");
        assumeTrue(run("mkfifo", fifo.toString()) == 0, "mkfifo is needed to make a FIFO");
        Path received = dir.resolve("received.json");
        Process reader = new ProcessBuilder("cat", fifo.toString()).redirectOutput(received.toFile()).start();
        CliRun scan = CliRun.of("scan", "--format", "json", "--output", fifo.toString(), EXECSTACK);
        boolean ended = reader.waitFor(30, TimeUnit.SECONDS);
        reader.destroyForcibly();
        assertTrue(ended, "the reader got end-of-file");
        assertEquals(1, scan.exitCode(), scan.stderr());
        assertTrue(isFifo(fifo), "the FIFO was not replaced by a file");
        assertEquals(CliRun.of("scan", "--format", "json", EXECSTACK).stdout(), Files.readString(received));
        assertEquals(Set.of("received.json", "report.fifo"), names(dir), "no temporary file is left");
    }

    @Test
    void aCharacterDeviceIsWrittenNotReplaced() throws Exception {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && isCharacterDevice(devNull),
                "needs /dev/null as a character device (something else on this machine replaced it)");
        CliRun scan = CliRun.of("scan", "--format", "json", "--output", "/dev/null", EXECSTACK);
        assertEquals(1, scan.exitCode(), scan.stderr());
        assertEquals("", scan.stdout());
        assertTrue(isCharacterDevice(devNull), "/dev/null is still a character device");
    }

    @Test
    void aFullDeviceIsExitTwoNamingThePathAndStaysADevice() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full) && isCharacterDevice(full), "needs /dev/full (Linux)");
        CliRun scan = CliRun.of("scan", "--format", "json", "--output", "/dev/full", EXECSTACK);
        assertEquals(2, scan.exitCode());
        assertEquals("abilint: cannot write the report to '/dev/full': No space left on device\n", scan.stderr());
        assertTrue(isCharacterDevice(full), "/dev/full is still a character device");
    }

    @Test
    void aFullFileSystemIsExitTwoAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path mount = Files.createDirectory(dir.resolve("tiny"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", mount.toString()) == 0,
                "mounting a tiny tmpfs needs root and a kernel that allows it here");
        try {
            Path target = mount.resolve("report.html");
            CliRun scan = CliRun.of("scan", "--format", "html", "--output", target.toString(),
                    Fixtures.root().resolve("elf/x86_64").toString());
            assertEquals(2, scan.exitCode());
            assertTrue(scan.stderr().startsWith("abilint: cannot write the report to '" + target + "': "),
                    scan.stderr());
            assertEquals(Set.of(), names(mount), "neither the report nor a temporary file is left");
        } finally {
            run("umount", mount.toString());
        }
    }

    @Test
    void anUnwritableDirectoryIsExitTwo(@TempDir Path dir) throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        // root may write anywhere on disk; /proc takes no new files from anyone
        Path target = Files.isWritable(locked) ? Path.of("/proc/abilint-report.json") : locked.resolve("r.json");
        assumeTrue(Files.isDirectory(target.getParent()), "needs an unwritable directory");
        CliRun scan = CliRun.of("scan", "--format", "json", "--output", target.toString(), EXECSTACK);
        assertEquals(2, scan.exitCode());
        assertTrue(scan.stderr().startsWith("abilint: cannot write the report to '" + target + "': "), scan.stderr());
        assertEquals(1, scan.stderr().lines().count(), "one line");
        assertFalse(Files.exists(target));
        assertEquals(Set.of(), names(locked));
    }

    @Test
    void aMissingDirectoryIsExitTwo(@TempDir Path dir) {
        CliRun scan = CliRun.of("scan", "--output", dir.resolve("no/such/r.txt").toString(), EXECSTACK);
        assertEquals(2, scan.exitCode());
        assertTrue(scan.stderr().contains(": no such directory"), scan.stderr());
    }

    @Test
    void aSymlinkIsFollowedToItsTarget(@TempDir Path dir) throws Exception {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real.json"));
        CliRun scan = CliRun.of("scan", "--format", "json", "--output", link.toString(), EXECSTACK);
        assertEquals(1, scan.exitCode(), scan.stderr());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertTrue(Files.readString(real).contains("linux-exec-stack"), "its target holds the report");
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(real),
                "the replaced file keeps its mode");
        assertEquals(Set.of("link.json", "real.json"), names(dir));
    }

    @Test
    void aDanglingSymlinkCreatesItsTarget(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("made.json"));
        CliRun scan = CliRun.of("scan", "--format", "json", "--output", link.toString(), EXECSTACK);
        assertEquals(1, scan.exitCode(), scan.stderr());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(dir.resolve("made.json")).contains("linux-exec-stack"));
    }

    @Test
    void aNewFileGetsTheUmaskNotPrivateMode(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("report.json");
        CliRun.of("scan", "--format", "json", "--output", target.toString(), EXECSTACK);
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(target);
        assertTrue(mode.contains(PosixFilePermission.OWNER_READ) && mode.contains(PosixFilePermission.OWNER_WRITE));
        // the umask of the test run decides the rest; a temporary file's 0600 would have no group bit at all
        int umask = umask();
        assumeTrue(umask >= 0, "needs the umask");
        if ((umask & 040) == 0) {
            assertTrue(mode.contains(PosixFilePermission.GROUP_READ), "group may read, as the umask " + umask + " says");
        }
    }

    @Test
    void aDirectoryIsRefused(@TempDir Path dir) {
        CliRun scan = CliRun.of("scan", "--output", dir.toString(), EXECSTACK);
        assertEquals(2, scan.exitCode());
        assertTrue(scan.stderr().endsWith(": it is a directory\n"), scan.stderr());
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void dashIsStandardOutput() {
        CliRun dash = CliRun.of("scan", "--format", "json", "--output", "-", EXECSTACK);
        assertEquals(CliRun.of("scan", "--format", "json", EXECSTACK).stdout(), dash.stdout());
    }

    @Test
    void oneScanWritesSeveralReportsEachAsASingleFormatRunWould(@TempDir Path dir) throws Exception {
        String input = Fixtures.root().resolve("elf/x86_64").toString();
        Map<String, String> extension = Map.of("json", "json", "sarif", "sarif", "junit", "xml", "html", "html");
        CliRun together = CliRun.of("scan", "--report", "sarif=" + dir.resolve("a.sarif"), "--report",
                "junit=" + dir.resolve("a.xml"), "--report", "json=" + dir.resolve("a.json"), "--report",
                "html=" + dir.resolve("a.html"), input);
        assertEquals(1, together.exitCode(), together.stderr());
        assertEquals(CliRun.of("scan", input).stdout(), together.stdout(), "the text report still goes to stdout");
        for (var e : extension.entrySet()) {
            Path single = dir.resolve("single." + e.getValue());
            CliRun alone = CliRun.of("scan", "--format", e.getKey(), "--output", single.toString(), input);
            assertEquals(1, alone.exitCode());
            assertEquals(Files.readString(single), Files.readString(dir.resolve("a." + e.getValue())),
                    e.getKey() + " from one scan is the single-format report");
        }
    }

    @Test
    void badReportOptionsAreUsageErrors(@TempDir Path dir) {
        for (List<String> args : List.of(List.of("--report", "xml=a.xml"), List.of("--report", "json"),
                List.of("--report", "json="), List.of("--report", "json=-"),
                List.of("--report", "json=a", "--report", "sarif=a"))) {
            String[] all = Stream.concat(Stream.of("scan"), Stream.concat(args.stream(), Stream.of(EXECSTACK)))
                    .toArray(String[]::new);
            CliRun scan = CliRun.of(all);
            assertEquals(2, scan.exitCode(), String.join(" ", args));
            assertTrue(scan.stderr().startsWith("abilint: --report"), scan.stderr());
        }
    }

    @Test
    void standardInputIsAnInputAndItsNameGivesTheWheelTags() throws Exception {
        byte[] wheel = TestArchivesAccess.wheel("demo-1.0.dist-info", "py3-none-any", true,
                Map.of("demo/_x.cpython-312-x86_64-linux-gnu.so", TestArchivesAccess.elfX86_64()));
        CliRun named = CliRun.withStdin(wheel, "scan", "--format", "json", "--name",
                "downloads/demo-1.0-py3-none-any.whl", "-");
        assertEquals("downloads/demo-1.0-py3-none-any.whl", named.json().get("inputs").get(0).asText());
        assertTrue(named.stdout().contains("wheel-pure-with-binaries"), "the name's tags apply: " + named.stdout());
        CliRun unnamed = CliRun.withStdin(Files.readAllBytes(Path.of(EXECSTACK)), "scan", "--format", "json", "-");
        assertEquals(1, unnamed.exitCode(), unnamed.stderr());
        assertEquals("stdin", unnamed.json().get("binaries").get(0).get("path").asText());
        assertTrue(unnamed.stdout().contains("linux-exec-stack"));
        assertEquals(2, CliRun.of("scan", "--name", "x.whl", EXECSTACK).exitCode(), "--name without -");
        assertEquals(2, CliRun.of("scan", "-", "-").exitCode(), "stdin read twice");
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    private static boolean isFifo(Path path) throws IOException {
        return "p".equals(fileType(path));
    }

    private static boolean isCharacterDevice(Path path) throws IOException {
        return "c".equals(fileType(path));
    }

    private static String fileType(Path path) throws IOException {
        var attributes = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (attributes.isRegularFile()) {
            return "f";
        }
        try {
            Process stat = new ProcessBuilder("stat", "-c", "%F", path.toString()).start();
            String type = new String(stat.getInputStream().readAllBytes()).trim();
            stat.waitFor();
            return type.startsWith("character") ? "c" : type.equals("fifo") ? "p" : type;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int umask() {
        try {
            Process shell = new ProcessBuilder("sh", "-c", "umask").start();
            String text = new String(shell.getInputStream().readAllBytes()).trim();
            shell.waitFor();
            return Integer.parseInt(text, 8);
        } catch (IOException | NumberFormatException | InterruptedException e) {
            return -1;
        }
    }

    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }
}
