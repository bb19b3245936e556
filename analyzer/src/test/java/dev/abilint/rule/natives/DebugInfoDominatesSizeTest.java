package dev.abilint.rule.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.artifact.TestArchivesAccess;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * fixtures/build-elf-debug.sh: libdebugdemo.so built with -g (1,246 bytes of .debug_* sections, the sum of
 * the sizes in libdebugdemo.so.sections.txt from llvm-readobj) and the same stripped. A real unstripped library
 * of a few megabytes is too big to commit: the grown case appends bytes to the file and widens .debug_info over
 * them (filled with seeded random bytes, which compress as little as DWARF), as a large -g build's would be.
 */
class DebugInfoDominatesSizeTest {
    private static final String RULE = "debug-info-dominates-size";

    @Test
    void theReaderSumsTheDebugSections() {
        JsonNode report = CliRun.of("inspect", "--format", "json",
                Fixtures.file("elf-debug/libdebugdemo.so").toString()).json();
        assertEquals(1246, report.at("/binaries/0/flags/debugBytes").asLong());
        assertEquals(16792, report.at("/binaries/0/flags/fileBytes").asLong());
        JsonNode stripped = CliRun.of("inspect", "--format", "json",
                Fixtures.file("elf-debug/libdebugdemo-stripped.so").toString()).json();
        assertTrue(stripped.at("/binaries/0/flags/debugBytes").isMissingNode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "libdebugdemo.so, 0, 0",             // 1.2 KiB of debug information: not worth a note
        "libdebugdemo.so, 3145728, 1",       // grown to 3 MiB of .debug_info: a note
        "libdebugdemo-stripped.so, 0, 0",
    })
    void aWheelOfUnstrippedLibraries(String fixture, int grow, int expected, @TempDir Path dir) throws Exception {
        byte[] so = Fixtures.bytes(Fixtures.file("elf-debug/" + fixture));
        if (grow > 0) {
            so = grownDebugInfo(so, grow);
        }
        Path wheel = dir.resolve("demo-1.0-py3-none-manylinux_2_17_x86_64.whl");
        Files.write(wheel, TestArchivesAccess.wheel("demo-1.0.dist-info", "py3-none-manylinux_2_17_x86_64", false,
                Map.of("demo/libdebugdemo.so", so)));
        JsonNode report = CliRun.of("scan", "--format", "json", wheel.toString()).json();
        List<JsonNode> found = findings(report);
        assertEquals(expected, found.size(), found.toString());
        if (expected == 1) {
            JsonNode f = found.get(0);
            assertEquals("note", f.get("severity").asText());
            assertTrue(f.get("location").asText().endsWith(".whl"), f.get("location").asText());
            assertEquals(1246 + grow, f.at("/evidence/debugBytes").asLong());
            assertEquals(so.length, f.at("/evidence/elfBytes").asLong());
            assertTrue(f.at("/evidence/files/0/path").asText()
                    .endsWith("demo-1.0-py3-none-manylinux_2_17_x86_64.whl!/demo/libdebugdemo.so"));
        }
    }

    /** The file with {@code grow} zero bytes appended and .debug_info widened over them (ELF64 little-endian). */
    static byte[] grownDebugInfo(byte[] elf, int grow) {
        byte[] out = java.util.Arrays.copyOf(elf, elf.length + grow);
        byte[] noise = new byte[grow]; // DWARF does not compress to nothing; zeros would trip the zip-bomb ratio limit
        new java.util.Random(42).nextBytes(noise);
        System.arraycopy(noise, 0, out, elf.length, grow);
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(0x28);
        int shentsize = Short.toUnsignedInt(b.getShort(0x3a));
        int shnum = Short.toUnsignedInt(b.getShort(0x3c));
        int shstrndx = Short.toUnsignedInt(b.getShort(0x3e));
        long names = b.getLong((int) (shoff + (long) shstrndx * shentsize + 0x18));
        for (int i = 0; i < shnum; i++) {
            int header = (int) (shoff + (long) i * shentsize);
            int nameAt = (int) (names + Integer.toUnsignedLong(b.getInt(header)));
            int end = nameAt;
            while (out[end] != 0) {
                end++;
            }
            if (new String(out, nameAt, end - nameAt, StandardCharsets.US_ASCII).equals(".debug_info")) {
                long size = b.getLong(header + 0x20);
                b.putLong(header + 0x20, size + grow);
                // the section now runs to where it ended plus the appended bytes: move it to the end
                b.putLong(header + 0x18, out.length - (size + grow));
                return out;
            }
        }
        throw new AssertionError(".debug_info not found");
    }

    private static List<JsonNode> findings(JsonNode report) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals(RULE)) {
                out.add(f);
            }
        }
        return out;
    }
}
