package dev.abilint.format.pe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Binary;
import dev.abilint.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged PE files: the reader returns a binary (with problems recorded) or throws
 * MalformedBinaryException, never anything else, and never takes long.
 */
class PeRobustnessTest {
    /** For one read, and for the few reads of a targeted test. */
    private static final Duration LIMIT = Duration.ofSeconds(2);
    /** For a loop of thousands of reads (a hang still fails it; each read is also held to LIMIT). */
    private static final Duration BULK_LIMIT = Duration.ofSeconds(60);

    static Stream<Path> fixtures() {
        return PeGoldenTest.fixtures();
    }

    /** The result of one read: the binary, or the parse error. Any other exception fails the test. */
    record Outcome(Binary binary, MalformedBinaryException error) {}

    static Outcome read(byte[] bytes) {
        try {
            List<Binary> out = new PeReader().read("damaged.dll", Bytes.of(bytes));
            assertEquals(1, out.size());
            return new Outcome(out.get(0), null);
        } catch (MalformedBinaryException e) {
            return new Outcome(null, e);
        }
    }

    /** Field offsets of a fixture, computed here independently of the reader. */
    static final class Layout {
        final ByteBuffer b;
        final int lfanew;
        final int coff;
        final int optional;
        final boolean wide;
        final int directories;
        final int sections;
        final int sectionCount;

        Layout(byte[] bytes) {
            b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            lfanew = b.getInt(0x3c);
            coff = lfanew + 4;
            optional = coff + 20;
            wide = (b.getShort(optional) & 0xffff) == 0x20b;
            directories = optional + (wide ? 112 : 96);
            sections = optional + (b.getShort(coff + 16) & 0xffff);
            sectionCount = b.getShort(coff + 2) & 0xffff;
        }

        int directoryRva(int index) {
            return b.getInt(directories + 8 * index);
        }

        int directoryRvaOffset(int index) {
            return directories + 8 * index;
        }

        /** File offset of an RVA, or -1. */
        int offset(long rva) {
            for (int i = 0; i < sectionCount; i++) {
                int s = sections + 40 * i;
                long va = b.getInt(s + 12) & 0xffffffffL;
                long raw = b.getInt(s + 16) & 0xffffffffL;
                if (rva >= va && rva < va + raw) {
                    return (int) (b.getInt(s + 20) + (rva - va));
                }
            }
            return -1;
        }

        /** End (file offset) of the raw data of the section holding an RVA. */
        int sectionEnd(long rva) {
            for (int i = 0; i < sectionCount; i++) {
                int s = sections + 40 * i;
                long va = b.getInt(s + 12) & 0xffffffffL;
                long raw = b.getInt(s + 16) & 0xffffffffL;
                if (rva >= va && rva < va + raw) {
                    return b.getInt(s + 20) + (int) raw;
                }
            }
            return -1;
        }
    }

    /** A read that must also finish within LIMIT (checked after the fact; the loop's timeout catches hangs). */
    static Outcome timedRead(byte[] bytes) {
        long start = System.nanoTime();
        Outcome o = read(bytes);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(LIMIT) < 0, "one read took " + took);
        return o;
    }

    private static Outcome mutated(byte[] original, Consumer<Layout> change) {
        byte[] copy = original.clone();
        change.accept(new Layout(copy));
        return read(copy);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void truncatedAtEveryLength(Path file) {
        byte[] data = Fixtures.bytes(file);
        assertTimeoutPreemptively(BULK_LIMIT, () -> {
            int parsed = 0;
            for (int n = 0; n < data.length; n += n < 2048 ? 1 : 61) {
                Outcome o = timedRead(Arrays.copyOf(data, n));
                if (o.binary() != null) {
                    parsed++;
                }
            }
            // Past the headers and section table, truncation only costs tables: a binary comes back.
            assertTrue(parsed > 0, "no truncated copy of " + file + " was readable");
            Outcome tiny = read(Arrays.copyOf(data, 0x40));
            assertTrue(tiny.error() != null, "a DOS header alone is not a PE file");
        });
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void badLfanew(Path file) {
        byte[] data = Fixtures.bytes(file);
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int value : new int[] {data.length, data.length - 3, -1, Integer.MIN_VALUE, 0, 2, 0x7fffffff}) {
                Outcome o = mutated(data, l -> l.b.putInt(0x3c, value));
                assertTrue(o.error() != null, "e_lfanew " + value + " was accepted");
            }
            Outcome noSignature = mutated(data, l -> l.b.put(l.lfanew + 2, (byte) 'X'));
            assertTrue(noSignature.error() != null);
        });
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void badHeaderCounts(Path file) {
        byte[] data = Fixtures.bytes(file);
        assertTimeoutPreemptively(LIMIT, () -> {
            assertTrue(mutated(data, l -> l.b.putShort(l.coff + 2, (short) 0xffff)).error() != null,
                    "65535 sections cannot fit in a small file");
            assertTrue(mutated(data, l -> l.b.putShort(l.coff + 16, (short) 0xffff)).error() != null,
                    "optional header larger than the file");
            assertTrue(mutated(data, l -> l.b.putShort(l.coff + 16, (short) 0)).error() != null);
            assertTrue(mutated(data, l -> l.b.putShort(l.optional, (short) 0x107)).error() != null);
            // Too many data directories declared: read the 16 that exist, note the rest.
            Outcome dirs = mutated(data, l -> l.b.putInt(l.directories - 4, -1));
            assertTrue(dirs.binary() != null);
            assertFalse(dirs.binary().getProblems().isEmpty());
            // No sections at all: every table RVA now points nowhere; problems, not a crash.
            Outcome none = mutated(data, l -> l.b.putShort(l.coff + 2, (short) 0));
            assertTrue(none.binary() != null);
            assertTrue(none.binary().getImports().isEmpty());
            assertFalse(none.binary().getProblems().isEmpty());
        });
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void rvasOutsideEverySection(Path file) {
        byte[] data = Fixtures.bytes(file);
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int rva : new int[] {0xfffffff0, 0x7ffffff0, -1}) {
                Outcome o = mutated(data, l -> {
                    for (int d = 0; d < 16; d++) {
                        if (l.directoryRva(d) != 0) {
                            l.b.putInt(l.directoryRvaOffset(d), rva);
                        }
                    }
                });
                assertTrue(o.binary() != null);
                assertTrue(o.binary().getImports().isEmpty());
                assertTrue(o.binary().getExports().isEmpty());
                assertFalse(o.binary().getProblems().isEmpty());
            }
            // Sections whose sizes and file offsets are absurd.
            Outcome huge = mutated(data, l -> {
                for (int i = 0; i < l.sectionCount; i++) {
                    l.b.putInt(l.sections + 40 * i + 8, -1);
                    l.b.putInt(l.sections + 40 * i + 16, -1);
                }
            });
            assertTrue(huge.binary() != null || huge.error() != null);
            Outcome far = mutated(data, l -> {
                for (int i = 0; i < l.sectionCount; i++) {
                    l.b.putInt(l.sections + 40 * i + 20, 0x7ffffff0);
                }
            });
            assertTrue(far.binary() != null);
            assertTrue(far.binary().getImports().isEmpty());
        });
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void importDescriptorsWithoutTerminator(Path file) {
        byte[] data = Fixtures.bytes(file);
        Layout layout = new Layout(data.clone());
        int start = layout.offset(layout.directoryRva(1) & 0xffffffffL);
        int end = layout.sectionEnd(layout.directoryRva(1) & 0xffffffffL);
        assertTrue(start > 0 && end > start);
        Binary original = read(data).binary();
        int directDlls = (int) original.getImports().stream().filter(s -> !isDelayed(original, s.library()))
                .map(s -> s.library()).distinct().count();
        assertTimeoutPreemptively(LIMIT, () -> {
            // Every descriptor copies the first, to the end of the section: the chain never ends.
            Outcome o = mutated(data, l -> {
                for (int at = start + 20; at + 20 <= end; at += 20) {
                    l.b.put(at, data, start, 20);
                }
            });
            assertTrue(o.binary() != null);
            assertFalse(o.binary().getProblems().isEmpty(), "an unterminated import directory is a problem");
            assertEquals(1, o.binary().getNeeded().stream().filter(d -> !isDelayed(original, d)).count(),
                    "the same DLL over and over is needed once");
            // The terminator replaced by a copy of the first descriptor: what follows is read as
            // descriptors until it ends or breaks; the real descriptors before it still count.
            int terminator = start + 20 * directDlls;
            Outcome t = mutated(data, l -> l.b.put(terminator, data, start, 20));
            assertTrue(t.binary() != null);
            assertTrue(t.binary().getImports().size() > original.getImports().size());
            List<String> direct = original.getNeeded().stream().filter(d -> !isDelayed(original, d)).toList();
            assertEquals(direct, t.binary().getNeeded().subList(0, direct.size()));
            // Descriptors that are garbage up to the end of the section.
            Outcome g = mutated(data, l -> {
                for (int at = start; at < end; at++) {
                    l.b.put(at, (byte) 0x41);
                }
            });
            assertTrue(g.binary() != null);
            assertFalse(g.binary().getProblems().isEmpty());
        });
    }

    private static boolean isDelayed(Binary binary, String dll) {
        Object delayed = binary.flag("delayImports");
        return delayed instanceof List<?> list && list.contains(dll);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void importLookupTablesWithoutTerminator(Path file) {
        byte[] data = Fixtures.bytes(file);
        Layout layout = new Layout(data.clone());
        int descriptor = layout.offset(layout.directoryRva(1) & 0xffffffffL);
        long lookupRva = layout.b.getInt(descriptor) & 0xffffffffL;
        int lookup = layout.offset(lookupRva);
        int end = layout.sectionEnd(lookupRva);
        int entry = layout.wide ? 8 : 4;
        assertTimeoutPreemptively(LIMIT, () -> {
            // The first lookup entry repeated to the end of the section: no zero terminator.
            Outcome o = mutated(data, l -> {
                for (int at = lookup + entry; at + entry <= end; at += entry) {
                    l.b.put(at, data, lookup, entry);
                }
            });
            assertTrue(o.binary() != null);
            assertFalse(o.binary().getProblems().isEmpty());
            // Entries by ordinal (high bit set) all the way.
            Outcome ordinals = mutated(data, l -> {
                for (int at = lookup; at + entry <= end; at += entry) {
                    if (l.wide) {
                        l.b.putLong(at, 0x8000000000000001L);
                    } else {
                        l.b.putInt(at, 0x80000001);
                    }
                }
            });
            assertTrue(ordinals.binary() != null);
            assertTrue(ordinals.binary().getImports().stream().anyMatch(s -> "#1".equals(s.name())));
        });
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void exportCountsOutOfRange(Path file) {
        byte[] data = Fixtures.bytes(file);
        Layout layout = new Layout(data.clone());
        long rva = layout.directoryRva(0) & 0xffffffffL;
        if (rva == 0) {
            return; // an executable without exports
        }
        int dir = layout.offset(rva);
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int field : new int[] {20, 24}) {
                for (int value : new int[] {0x80000000, -1, 0x100000, 0xfffff}) {
                    Outcome o = mutated(data, l -> l.b.putInt(dir + field, value));
                    assertTrue(o.binary() != null);
                    assertTrue(o.binary().getExports().isEmpty(), "count " + value + " at +" + field);
                    assertFalse(o.binary().getProblems().isEmpty());
                }
            }
            // Name ordinals that point past the address table.
            Outcome o = mutated(data, l -> {
                int names = l.b.getInt(dir + 24);
                int ordinals = l.offset(l.b.getInt(dir + 36) & 0xffffffffL);
                for (int i = 0; i < names; i++) {
                    l.b.putShort(ordinals + 2 * i, (short) 0xfff0);
                }
            });
            assertTrue(o.binary() != null);
            assertTrue(o.binary().getExports().stream().noneMatch(s -> !s.name().startsWith("#")));
        });
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void randomDamage(Path file) {
        byte[] data = Fixtures.bytes(file);
        Random random = new Random(file.getFileName().toString().hashCode());
        assertTimeoutPreemptively(BULK_LIMIT, () -> {
            for (int round = 0; round < 3000; round++) {
                byte[] copy = data.clone();
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    // Mostly the headers and the tables near them, where damage matters most.
                    int at = random.nextInt(4) == 0 ? random.nextInt(copy.length) : random.nextInt(Math.min(copy.length, 1024));
                    copy[at] = (byte) random.nextInt(256);
                }
                timedRead(copy);
            }
            // Zeroed or 0xff-filled windows all over the file.
            for (int at = 0; at < data.length; at += 64) {
                byte[] zero = data.clone();
                Arrays.fill(zero, at, Math.min(data.length, at + 64), (byte) 0);
                timedRead(zero);
                byte[] ones = data.clone();
                Arrays.fill(ones, at, Math.min(data.length, at + 64), (byte) 0xff);
                timedRead(ones);
            }
        });
    }

    /**
     * The most work a small file can ask for: 10,000 import descriptors that all share one lookup
     * table of 100,000 entries, all pointing at one name: a 4,000-byte one (the string budget
     * stops it) or a 1-byte one (the cap on import entries stops it). Either way it must end well
     * within the time limit, with a problem recorded.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {4000, 1})
    void worstCaseImportWork(int nameLength) {
        byte[] data = Fixtures.bytes(Fixtures.file("pe/hello.exe"));
        Layout original = new Layout(data.clone());
        int last = original.sections + 40 * (original.sectionCount - 1);
        long va = original.b.getInt(last + 12) & 0xffffffffL;
        int raw = original.b.getInt(last + 16);
        int pointer = original.b.getInt(last + 20);
        assertEquals(data.length, pointer + raw, "the last section ends the file");
        int names = 0;
        int table = 8192;
        int entries = 100_000;
        int descriptors = table + 8 * entries + 8;
        int count = 10_000;
        int extra = descriptors + 20 * (count + 1);
        byte[] big = Arrays.copyOf(data, data.length + extra);
        Layout l = new Layout(big);
        long base = va + raw; // RVA of the appended bytes
        int at = data.length;
        l.b.put(at + names + 2, "A".repeat(nameLength).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        l.b.put(at + 4100, "KERNEL32.dll".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 0; i < entries; i++) {
            l.b.putLong(at + table + 8 * i, base + names);
        }
        for (int i = 0; i < count; i++) {
            int d = at + descriptors + 20 * i;
            l.b.putInt(d, (int) (base + table)).putInt(d + 12, (int) (base + 4100)).putInt(d + 16, (int) (base + table));
        }
        l.b.putInt(last + 8, raw + extra).putInt(last + 16, raw + extra);
        l.b.putInt(l.directoryRvaOffset(1), (int) (base + descriptors)).putInt(l.directoryRvaOffset(1) + 4, 20 * count);
        Outcome o = assertTimeoutPreemptively(LIMIT, () -> read(big));
        assertTrue(o.binary() != null);
        assertTrue(o.binary().getImports().size() <= PeImports.MAX_THUNKS_TOTAL);
        assertFalse(o.binary().getProblems().isEmpty());
        assertTrue(o.binary().getProblems().size() < 10, o.binary().getProblems().toString());
        assertEquals(List.of("KERNEL32.dll"), o.binary().getNeeded());
    }

    @Test
    void notPe() {
        assertThrows(MalformedBinaryException.class, () -> new PeReader().read("x", Bytes.of(new byte[0])));
        assertThrows(MalformedBinaryException.class, () -> new PeReader().read("x", Bytes.of("MZ".getBytes())));
        assertThrows(MalformedBinaryException.class,
                () -> new PeReader().read("x", Bytes.of("\u007fELF and more bytes".getBytes())));
    }
}
