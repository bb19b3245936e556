package dev.abilint.format.macho;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Binary;
import dev.abilint.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken files: every fixture truncated and overwritten. The reader must return a result or throw
 * MalformedBinaryException, never anything else, and never take long.
 */
class MachORobustnessTest {
    private static final Duration LIMIT = Duration.ofSeconds(2);

    static Stream<Path> fixtures() {
        return MachOGoldenTest.fixtures();
    }

    /** Reads {@code data}; fails the test on any other exception or a hang. */
    static List<Binary> survive(byte[] data, String what) {
        return assertTimeoutPreemptively(LIMIT, () -> {
            try {
                return new MachOReader().read("fuzz", Bytes.of(data));
            } catch (MalformedBinaryException e) {
                return null;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError(what + ": " + e, e);
            }
        }, what);
    }

    /** Runs many reads, a hundred at a time under one time limit (a thread per read would be slow). */
    static void surviveAll(List<byte[]> inputs, String what) {
        for (int start = 0; start < inputs.size(); start += 100) {
            List<byte[]> chunk = inputs.subList(start, Math.min(inputs.size(), start + 100));
            int first = start;
            assertTimeoutPreemptively(LIMIT, () -> {
                for (int i = 0; i < chunk.size(); i++) {
                    try {
                        new MachOReader().read("fuzz", Bytes.of(chunk.get(i)));
                    } catch (MalformedBinaryException e) {
                        // expected for broken input
                    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                        throw new AssertionError(what + " input " + (first + i) + ": " + e, e);
                    }
                }
            }, what);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void truncated(Path path) {
        byte[] full = Fixtures.bytes(path);
        List<Integer> lengths = new ArrayList<>();
        for (int n = 0; n < Math.min(full.length, 4096); n++) {
            lengths.add(n);
        }
        for (int n = 4096; n < full.length; n += 97) {
            lengths.add(n);
        }
        lengths.add(full.length - 1);
        for (int start = 0; start < lengths.size(); start += 500) {
            List<byte[]> batch = new ArrayList<>();
            for (int n : lengths.subList(start, Math.min(lengths.size(), start + 500))) {
                batch.add(java.util.Arrays.copyOf(full, n));
            }
            surviveAll(batch, path.getFileName() + " truncated");
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void randomlyOverwritten(Path path) {
        byte[] full = Fixtures.bytes(path);
        Random random = new Random(path.getFileName().toString().hashCode());
        for (int round = 0; round < 8; round++) {
            List<byte[]> batch = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                byte[] copy = full.clone();
                int edits = 1 + random.nextInt(8);
                for (int e = 0; e < edits; e++) {
                    // Mostly the header and load commands, sometimes anywhere (linkedit tables).
                    int bound = random.nextInt(3) == 0 ? copy.length : Math.min(copy.length, 4096);
                    int at = random.nextInt(bound);
                    copy[at] = switch (random.nextInt(4)) {
                        case 0 -> (byte) 0xff;
                        case 1 -> 0;
                        case 2 -> (byte) (copy[at] ^ (1 << random.nextInt(8)));
                        default -> (byte) random.nextInt(256);
                    };
                }
                batch.add(copy);
            }
            surviveAll(batch, path.getFileName() + " overwritten round " + round);
        }
    }

    /** Header and load-command fields set to hostile values, one at a time. */
    @ParameterizedTest
    @MethodSource("fixtures")
    void hostileFields(Path path) {
        byte[] full = Fixtures.bytes(path);
        List<byte[]> batch = new ArrayList<>();
        Mutator mutate = (original, change, what) -> {
            byte[] copy = original.clone();
            change.accept(copy);
            batch.add(copy);
        };
        List<Integer> thinStarts = new ArrayList<>();
        ByteBuffer be = ByteBuffer.wrap(full).order(ByteOrder.BIG_ENDIAN);
        boolean fat = be.getInt(0) == 0xcafebabe;
        if (fat) {
            int count = be.getInt(4);
            for (int i = 0; i < count; i++) {
                thinStarts.add(be.getInt(8 + i * 20 + 8));
            }
            for (int value : new int[] {0x80000000, 0xffffffff, 0, 65}) {
                mutate.apply(full, b -> ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).putInt(4, value), "nfat_arch");
            }
            for (int i = 0; i < count; i++) {
                int entry = 8 + i * 20;
                for (int value : new int[] {full.length, full.length - 4, 0xfffffff0, 0, 8}) {
                    mutate.apply(full, b -> ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).putInt(entry + 8, value),
                            "slice offset");
                    mutate.apply(full, b -> ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).putInt(entry + 12, value),
                            "slice size");
                }
            }
            int secondOffset = be.getInt(8 + 20 + 8);
            mutate.apply(full, b -> ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).putInt(8 + 8, secondOffset - 16),
                    "overlapping slices");
        } else {
            thinStarts.add(0);
        }
        for (int base : thinStarts) {
            ByteBuffer le = ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN);
            for (int value : new int[] {0xffffffff, 0x7fffffff, 0x10000}) {
                mutate.apply(full, b -> ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(base + 16, value), "ncmds");
                mutate.apply(full, b -> ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(base + 20, value),
                        "sizeofcmds");
            }
            int ncmds = le.getInt(base + 16);
            int at = base + 32;
            for (int i = 0; i < ncmds; i++) {
                int cmdAt = at;
                int cmdsize = le.getInt(at + 4);
                for (int value : new int[] {0, 4, 7, 9, 0xffffffff, 0x7ffffff8, cmdsize + 8}) {
                    mutate.apply(full, b -> ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(cmdAt + 4, value),
                            "cmdsize of command " + i);
                }
                for (int field = 8; field + 4 <= cmdsize && field <= 48; field += 4) {
                    int fieldAt = cmdAt + field;
                    for (int value : new int[] {0xffffffff, 0x7ffffff0, full.length - 1, 1}) {
                        mutate.apply(full, b -> ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(fieldAt, value),
                                "field " + field + " of command " + i);
                    }
                }
                at += cmdsize;
            }
        }
        assertTrue(batch.size() > 20);
        surviveAll(batch, path.getFileName() + " hostile fields");
    }

    private interface Mutator {
        void apply(byte[] original, Consumer<byte[]> change, String what);
    }

    /** The export trie of a real fixture made cyclic: reading stops with a problem, other tables stay. */
    @ParameterizedTest
    @MethodSource("fixtures")
    void cyclicExportTrie(Path path) throws MalformedBinaryException {
        byte[] full = Fixtures.bytes(path);
        if (ByteBuffer.wrap(full).order(ByteOrder.BIG_ENDIAN).getInt(0) == 0xcafebabe) {
            return;
        }
        Bytes data = Bytes.of(full);
        LoadCommands commands = LoadCommands.read(data, true, 32, data.u32(16), data.u32(20));
        LoadCommands.Range trie = commands.exportsTrie != null ? commands.exportsTrie : commands.exportInfo;
        assertTrue(trie != null, "fixture has an export trie");
        int root = (int) trie.offset();
        assertEquals(0, full[root], "root is not terminal");
        int children = full[root + 1] & 0xff;
        assertTrue(children > 0);
        int edge = root + 2;
        while (full[edge] != 0) {
            edge++;
        }
        int uleb = edge + 1;
        // Rewrite the first child pointer as 0 (the root: a cycle to the parent) in the same length.
        byte[] toParent = full.clone();
        int i = uleb;
        while ((toParent[i] & 0x80) != 0) {
            toParent[i++] = (byte) 0x80;
        }
        toParent[i] = 0;
        List<Binary> read = survive(toParent, "trie child → root");
        assertFalse(read == null, "still readable");
        assertTrue(read.get(0).getProblems().stream().anyMatch(p -> p.reason().contains("reached twice")),
                read.get(0).getProblems().toString());
        assertFalse(read.get(0).getImports().isEmpty() && !new MachOReader().read("x", data).get(0).getImports()
                .isEmpty(), "imports survive a broken trie");
        // A child pointer past the trie's end, and a 20-byte ULEB in place of the root.
        byte[] outside = full.clone();
        i = uleb;
        while ((outside[i] & 0x80) != 0) {
            outside[i++] = (byte) 0xff;
        }
        outside[i] = 0x7f;
        survive(outside, "trie child outside");
        byte[] longUleb = full.clone();
        for (int k = 0; k < Math.min(20, (int) trie.size()); k++) {
            longUleb[root + k] = (byte) 0x80;
        }
        List<Binary> uleb20 = survive(longUleb, "20-byte ULEB");
        if (uleb20 == null) {
            fail("a broken trie must not fail the whole file");
        }
    }
}
