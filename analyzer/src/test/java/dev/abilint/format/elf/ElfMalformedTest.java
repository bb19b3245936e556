package dev.abilint.format.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Binary;
import dev.abilint.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile ELF input: every outcome must be a result (possibly with problems) or the reader's own
 * MalformedBinaryException, quickly; never another exception, a hang or a huge allocation.
 */
class ElfMalformedTest {
    private static final Duration LIMIT = Duration.ofSeconds(90); // catches hangs, not slowness: CI machines are shared

    /** Reads and returns null on a parse error; fails the test on anything else. */
    private static Binary readOrParseError(byte[] data) {
        try {
            List<Binary> result = new ElfReader().read("fuzz.so", Bytes.of(data));
            return result.get(0);
        } catch (MalformedBinaryException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            return null;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("reader threw " + e + " instead of a parse error", e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86_64/libdemo.so", "i686/libdemo.so", "s390x/libdemo.so", "s390x/libdemo-nosections.so",
        "ppc64/libdemo.so", "x86_64/demo-exe"})
    void truncatedAtEveryLength(String fixture) {
        byte[] whole = Fixtures.bytes(Fixtures.file("elf/" + fixture));
        assertTimeoutPreemptively(LIMIT, () -> {
            int parsed = 0;
            for (int length = 0; length < whole.length; length += length < 4096 ? 1 : 61) {
                if (readOrParseError(Arrays.copyOf(whole, length)) != null) {
                    parsed++;
                }
            }
            assertTrue(parsed > 0, "some truncations keep the header readable");
        });
        assertThrows(MalformedBinaryException.class, () -> new ElfReader().read("x", Bytes.of(Arrays.copyOf(whole, 30))));
    }

    @Test
    void randomByteCorruptionNeverEscapes() {
        byte[] whole = Fixtures.bytes(Fixtures.file("elf/x86_64/libdemo.so"));
        Random random = new Random(42);
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int round = 0; round < 1500; round++) {
                byte[] copy = whole.clone();
                int flips = 1 + random.nextInt(16);
                for (int i = 0; i < flips; i++) {
                    // Mostly in the headers and dynamic tables at the front, sometimes anywhere.
                    int at = random.nextInt(random.nextBoolean() ? Math.min(4096, copy.length) : copy.length);
                    copy[at] = (byte) random.nextInt(256);
                }
                readOrParseError(copy);
            }
        });
    }

    @Test
    void absurdCountsAndOffsets() {
        byte[] whole = Fixtures.bytes(Fixtures.file("elf/x86_64/libdemo.so"));
        long[][] edits = {
            {0x28, 8, 0x7fffffffffffff00L},   // e_shoff far past the end
            {0x3c, 2, 0xffff},                // e_shnum 65535
            {0x3c, 2, 0},                     // e_shnum 0 with e_shoff set: extended numbering
            {0x3a, 2, 1},                     // e_shentsize 1
            {0x38, 2, 0xffff},                // e_phnum 65535
            {0x20, 8, 0xfffffffffffffff0L},   // e_phoff near 2^64
            {0x36, 2, 0},                     // e_phentsize 0
        };
        for (long[] edit : edits) {
            byte[] copy = whole.clone();
            ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
            switch ((int) edit[1]) {
                case 2 -> b.putShort((int) edit[0], (short) edit[2]);
                case 8 -> b.putLong((int) edit[0], edit[2]);
                default -> fail();
            }
            assertTimeoutPreemptively(LIMIT, () -> readOrParseError(copy), () -> "edit at 0x" + Long.toHexString(edit[0]));
        }
    }

    @Test
    void brokenSectionHeadersStillYieldSymbolsFromTheDynamicSegment() throws Exception {
        byte[] copy = Fixtures.bytes(Fixtures.file("elf/x86_64/libdemo.so")).clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(0x28, 0x7fffffffffffff00L);
        Binary b = readOrParseError(copy);
        assertTrue(b != null, "a bad section header table is not fatal: the loader never reads it");
        assertEquals(1, b.getProblems().size(), () -> "problems: " + b.getProblems());
        assertTrue(b.getImports().stream().anyMatch(s -> s.name().equals("memcpy") && "GLIBC_2.14".equals(s.version())));
    }

    @Test
    void symbolCountOfTwoToTheThirtyOneIsRefusedNotAllocated() throws Exception {
        byte[] whole = Fixtures.bytes(Fixtures.file("elf/x86_64/libdemo.so"));
        Bytes data = Bytes.of(whole);
        // Find the .dynsym section header and set its size to 2^31 entries.
        long shoff = data.u64(0x28);
        int shentsize = data.u16(0x3a);
        int shnum = data.u16(0x3c);
        byte[] copy = whole.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        boolean found = false;
        for (int i = 0; i < shnum; i++) {
            int at = (int) (shoff + (long) i * shentsize);
            if (b.getInt(at + 4) == 11) {
                b.putLong(at + 32, (1L << 31) * 24);
                found = true;
            }
        }
        assertTrue(found);
        Binary binary = readOrParseError(copy);
        assertTrue(binary != null && !binary.getProblems().isEmpty());
        assertTrue(binary.getProblems().get(0).reason().contains("runs past the end"), binary.getProblems().toString());
    }
}
