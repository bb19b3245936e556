package dev.abilint.format.macho;

import static dev.abilint.format.macho.MachOBuilder.bytes;
import static dev.abilint.format.macho.MachOBuilder.le32;
import static dev.abilint.format.macho.MachOBuilder.le64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.format.Bytes;
import dev.abilint.format.Format;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Binary;
import dev.abilint.model.Symbol;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made images for what clang + ld64.lld 14 cannot make here. */
class MachOSyntheticTest {
    private static final String LIBSYSTEM = "/usr/lib/libSystem.B.dylib";
    private static final String LIBFOO = "@rpath/libfoo.dylib";

    static Binary readOne(byte[] image) throws MalformedBinaryException {
        List<Binary> out = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> new MachOReader().read("test.dylib", Bytes.of(image)));
        assertEquals(1, out.size());
        return out.get(0);
    }

    /** A trie whose root has one edge per whole name, each to a leaf holding {@code terminal}. */
    static byte[] flatTrie(Object... nameAndTerminal) {
        int n = nameAndTerminal.length / 2;
        int rootSize = 2;
        for (int i = 0; i < n; i++) {
            rootSize += ((String) nameAndTerminal[2 * i]).length() + 2;
        }
        ByteArrayOutputStream root = new ByteArrayOutputStream();
        ByteArrayOutputStream leaves = new ByteArrayOutputStream();
        root.write(0);
        root.write(n);
        for (int i = 0; i < n; i++) {
            byte[] term = (byte[]) nameAndTerminal[2 * i + 1];
            root.writeBytes(MachOBuilder.cstring((String) nameAndTerminal[2 * i]));
            int offset = rootSize + leaves.size();
            if (offset > 127) {
                throw new IllegalArgumentException("trie too big for one-byte offsets");
            }
            root.write(offset);
            leaves.write(term.length);
            leaves.writeBytes(term);
            leaves.write(0);
        }
        root.writeBytes(leaves.toByteArray());
        return root.toByteArray();
    }

    @Test
    void bigEndianPpc32() throws MalformedBinaryException {
        byte[] image = new MachOBuilder(false, true).cpu(CpuType.POWERPC, 0)
                .dylib(LoadCommands.LC_ID_DYLIB, "/usr/lib/libold.dylib")
                .dylib(LoadCommands.LC_LOAD_DYLIB, LIBSYSTEM)
                .linkedit(LoadCommands.LC_DYLD_EXPORTS_TRIE, flatTrie("_old_f", bytes(0, 0x10)))
                .build();
        assertEquals(Format.MACHO, Format.sniff(Bytes.of(image)));
        Binary b = readOne(image);
        assertEquals("ppc", b.getArch());
        assertEquals(32, b.getBits());
        assertEquals("big", b.getEndian());
        assertEquals("macos", b.getPlatform().os());
        assertEquals("/usr/lib/libold.dylib", b.getInstallName());
        assertEquals(List.of(LIBSYSTEM), b.getNeeded());
        assertEquals(List.of(new Symbol("old_f", "_old_f", null, null, "other", false, false, null)), b.getExports());
        assertEquals(List.of(), b.getProblems());
    }

    @Test
    void archNamesAndBuildVersion() throws MalformedBinaryException {
        Binary e = readOne(new MachOBuilder(true, false).cpu(CpuType.ARM64, 0x80000002)
                .buildVersion(7, 0x000e0500, 0x00110000).build());
        assertEquals("arm64e", e.getArch());
        assertEquals("ios-simulator", e.getPlatform().os());
        assertEquals("14.5", e.getMinOs());
        assertEquals("17.0", e.getSdk());
        Binary h = readOne(new MachOBuilder(true, false).cpu(CpuType.X86_64, 8)
                .buildVersion(1, 0x000a0f02, 0x000b0000).build());
        assertEquals("x86_64h", h.getArch());
        assertEquals("10.15.2", h.getMinOs());
        assertEquals("armv7s", readOne(new MachOBuilder(false, false).cpu(CpuType.ARM, 11).build()).getArch());
        assertEquals("arm64_32", readOne(new MachOBuilder(false, false).cpu(CpuType.ARM64_32, 1).build()).getArch());
        assertEquals("i686", readOne(new MachOBuilder(false, false).cpu(CpuType.X86, 3).build()).getArch());
        assertEquals("ppc64", readOne(new MachOBuilder(true, true).cpu(CpuType.POWERPC64, 0).build()).getArch());
    }

    @Test
    void exportTrieKinds() throws MalformedBinaryException {
        byte[] trie = flatTrie(
                "_weak", bytes(0x04, 0x20),
                "_tls", bytes(0x01, 0x30),
                "_abs", bytes(0x02, 0x7f),
                "_re", bytes(0x08, 0x01, "_re_orig"),
                "_res", bytes(0x10, 0x40, 0x44),
                "noscore", bytes(0x00, 0x10));
        Binary b = readOne(new MachOBuilder(true, false).dylib(LoadCommands.LC_REEXPORT_DYLIB, LIBFOO)
                .linkedit(LoadCommands.LC_DYLD_EXPORTS_TRIE, trie).build());
        assertEquals(List.of(), b.getProblems());
        assertEquals(List.of(
                new Symbol("weak", "_weak", null, null, "other", true, false, null),
                new Symbol("tls", "_tls", null, null, "tls", false, false, null),
                new Symbol("abs", "_abs", null, null, "absolute", false, false, null),
                new Symbol("re", "_re", null, LIBFOO, "reexport", false, false, null),
                new Symbol("res", "_res", null, null, "ifunc", false, false, null),
                new Symbol("noscore", null, null, null, "other", false, false, null)), b.getExports());
        assertEquals(List.of(LIBFOO), b.flag("reexportedDylibs"));
    }

    private static byte[] chained(int format, byte[] imports, byte[] pool, int count) {
        int importsOffset = 32;
        int symbolsOffset = importsOffset + imports.length;
        return bytes(le32(0, 28, importsOffset, symbolsOffset, count, format, 0, 0), imports, pool);
    }

    @Test
    void chainedFixupImportsInAllThreeFormats() throws MalformedBinaryException {
        byte[] pool = bytes(0, "_a", "_b", "_c");
        // name offsets: _a 1, _b 4, _c 7
        List<byte[]> tables = List.of(
                chained(1, le32(1 | (1 << 9), 2 | (1 << 8) | (4 << 9), 0xfe | (7 << 9)), pool, 3),
                chained(2, le32(1 | (1 << 9), 5, 2 | (1 << 8) | (4 << 9), 0, 0xfe | (7 << 9), 0), pool, 3),
                chained(3, le64(1 | (1L << 32), 0, 2 | (1 << 16) | (4L << 32), 0, 0xfffe | (7L << 32), 0), pool, 3));
        for (byte[] fixups : tables) {
            Binary b = readOne(new MachOBuilder(true, false)
                    .dylib(LoadCommands.LC_LOAD_DYLIB, LIBSYSTEM)
                    .dylib(LoadCommands.LC_LOAD_WEAK_DYLIB, LIBFOO)
                    .linkedit(LoadCommands.LC_DYLD_CHAINED_FIXUPS, fixups).build());
            assertEquals(List.of(), b.getProblems());
            assertEquals(List.of(
                    new Symbol("a", "_a", null, LIBSYSTEM, null, false, false, null),
                    new Symbol("b", "_b", null, LIBFOO, null, true, false, null),
                    new Symbol("c", "_c", null, null, null, false, false, null)), b.getImports());
            assertEquals(true, b.flag("dynamicLookup"));
            assertEquals(true, b.flag("chainedFixups"));
            assertEquals(List.of(LIBFOO), b.flag("weakDylibs"));
        }
    }

    @Test
    void chainedFixupsWithTooManyImportsIsAProblem() throws MalformedBinaryException {
        byte[] fixups = chained(1, le32(1 | (1 << 9)), bytes(0, "_a"), 0x7fffffff);
        Binary b = readOne(new MachOBuilder(true, false).dylib(LoadCommands.LC_LOAD_DYLIB, LIBSYSTEM)
                .linkedit(LoadCommands.LC_DYLD_CHAINED_FIXUPS, fixups).build());
        assertFalse(b.getProblems().isEmpty());
    }

    @Test
    void bindOpcodes() throws MalformedBinaryException {
        byte[] bind = bytes(
                0x11, 0x40, "_x", 0x51, 0x72, 0x00, 0x90, // ordinal 1, _x, DO_BIND
                0x41, "_w", 0x90, // weak import from ordinal 1
                0x3e, 0x40, "_flat", 0x90, // special -2: flat lookup
                0x15, 0x40, "_bad", 0x90, // ordinal 5 of 1: a problem, library unknown
                0x00);
        byte[] lazy = bytes(0x72, 0x10, 0x11, 0x40, "_lazy", 0x90, 0x00, 0x72, 0x18, 0x11, 0x40, "_lazy2", 0x90, 0x00);
        Binary b = readOne(new MachOBuilder(true, false).dylib(LoadCommands.LC_LOAD_DYLIB, LIBSYSTEM)
                .dyldInfo(bind, null, lazy, null).build());
        assertEquals(List.of(
                new Symbol("x", "_x", null, LIBSYSTEM, null, false, false, null),
                new Symbol("w", "_w", null, LIBSYSTEM, null, true, false, null),
                new Symbol("flat", "_flat", null, null, null, false, false, null),
                new Symbol("bad", "_bad", null, null, null, false, false, null),
                new Symbol("lazy", "_lazy", null, LIBSYSTEM, null, false, false, null),
                new Symbol("lazy2", "_lazy2", null, LIBSYSTEM, null, false, false, null)), b.getImports());
        assertEquals(true, b.flag("dynamicLookup"));
        assertEquals(1, b.getProblems().size(), b.getProblems().toString());
    }

    @Test
    void trieCyclesAndDepthAreProblems() throws MalformedBinaryException {
        // root → "_a" child at 6; that child has an edge back to the root (its parent).
        byte[] toParent = bytes(0, 1, "_a", 6, 2, 0, 0x10, 1, "b", 0);
        // root → child at 6 whose edge points at itself.
        byte[] toSelf = bytes(0, 1, "_a", 6, 2, 0, 0x10, 1, "b", 6);
        // root's edge points at the root.
        byte[] rootSelf = bytes(0, 1, "_a", 0);
        for (byte[] trie : List.of(toParent, toSelf, rootSelf)) {
            Binary b = readOne(new MachOBuilder(true, false).linkedit(LoadCommands.LC_DYLD_EXPORTS_TRIE, trie).build());
            assertTrue(b.getProblems().stream().anyMatch(p -> p.reason().contains("reached twice")), b.getProblems()
                    .toString());
        }
        // A chain deeper than the limit, each node one byte of name further down.
        ByteArrayOutputStream deep = new ByteArrayOutputStream();
        int nodes = 300;
        for (int i = 0; i < nodes; i++) {
            int next = (i + 1) * 6;
            deep.writeBytes(bytes(0, 1, "a", 0x80 | (next & 0x7f), next >> 7));
        }
        deep.writeBytes(bytes(2, 0, 0x10, 0));
        Binary b = readOne(new MachOBuilder(true, false).linkedit(LoadCommands.LC_DYLD_EXPORTS_TRIE,
                deep.toByteArray()).build());
        assertTrue(b.getProblems().stream().anyMatch(p -> p.reason().contains("deeper")), b.getProblems().toString());
    }

    @Test
    void overlongUlebIsAProblem() throws MalformedBinaryException {
        byte[] uleb20 = new byte[20];
        java.util.Arrays.fill(uleb20, (byte) 0x80);
        uleb20[19] = 0;
        byte[] trie = bytes(uleb20, 0);
        Binary b = readOne(new MachOBuilder(true, false).linkedit(LoadCommands.LC_DYLD_EXPORTS_TRIE, trie).build());
        assertTrue(b.getProblems().stream().anyMatch(p -> p.reason().contains("ULEB128")), b.getProblems().toString());
    }

    @Test
    void lcStringMustStayInsideItsCommand() throws MalformedBinaryException {
        byte[] cmd = new byte[32];
        java.nio.ByteBuffer.wrap(cmd).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(0, LoadCommands.LC_LOAD_DYLIB).putInt(4, 32).putInt(8, 24);
        java.util.Arrays.fill(cmd, 24, 32, (byte) 'x'); // no NUL before the command ends
        byte[] image = new MachOBuilder(true, false).raw(cmd).dylib(LoadCommands.LC_LOAD_DYLIB, LIBSYSTEM).build();
        Binary b = readOne(image);
        assertEquals(List.of(LIBSYSTEM), b.getNeeded());
        assertEquals(1, b.getProblems().size());
    }

    @Test
    void headerFailuresThrow() {
        byte[] image = new MachOBuilder(true, false).dylib(LoadCommands.LC_LOAD_DYLIB, LIBSYSTEM).build();
        byte[] manyCommands = image.clone();
        java.nio.ByteBuffer.wrap(manyCommands).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(16, 0xffffffff);
        assertThrows(MalformedBinaryException.class, () -> readOne(manyCommands));
        byte[] zeroSize = image.clone();
        java.nio.ByteBuffer.wrap(zeroSize).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(32 + 4, 0);
        assertThrows(MalformedBinaryException.class, () -> readOne(zeroSize));
        byte[] hugeSize = image.clone();
        java.nio.ByteBuffer.wrap(hugeSize).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(32 + 4, 0xfffffff0);
        assertThrows(MalformedBinaryException.class, () -> readOne(hugeSize));
    }

    @Test
    void javaClassFileIsNotFat() {
        byte[] classFile = {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 0x41, 0, 0};
        assertEquals(Format.JAVA_CLASS, Format.sniff(Bytes.of(classFile)));
        assertThrows(MalformedBinaryException.class, () -> new MachOReader().read("A.class", Bytes.of(classFile)));
    }

    /** A fat file over thin images built here. */
    static byte[] fat(boolean wide, List<byte[]> slices, long[][] overrideOffsetSize) {
        int headerSize = 8 + slices.size() * (wide ? 32 : 20);
        List<long[]> placed = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long at = 4096;
        for (byte[] s : slices) {
            placed.add(new long[] {at, s.length});
            at += (s.length + 4095) / 4096 * 4096;
        }
        java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate((int) at).order(java.nio.ByteOrder.BIG_ENDIAN);
        head.putInt(0, wide ? 0xcafebabf : 0xcafebabe).putInt(4, slices.size());
        for (int i = 0; i < slices.size(); i++) {
            byte[] s = slices.get(i);
            java.nio.ByteBuffer thin = java.nio.ByteBuffer.wrap(s).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            long offset = overrideOffsetSize != null && overrideOffsetSize[i] != null ? overrideOffsetSize[i][0]
                    : placed.get(i)[0];
            long size = overrideOffsetSize != null && overrideOffsetSize[i] != null ? overrideOffsetSize[i][1]
                    : placed.get(i)[1];
            int e = 8 + i * (wide ? 32 : 20);
            head.putInt(e, thin.getInt(4)).putInt(e + 4, thin.getInt(8));
            if (wide) {
                head.putLong(e + 8, offset).putLong(e + 16, size).putInt(e + 24, 12);
            } else {
                head.putInt(e + 8, (int) offset).putInt(e + 12, (int) size).putInt(e + 16, 12);
            }
            head.put((int) placed.get(i)[0], s);
        }
        body.writeBytes(head.array());
        assertTrue(headerSize < 4096);
        return body.toByteArray();
    }

    @Test
    void fatFiles() throws MalformedBinaryException {
        byte[] arm = new MachOBuilder(true, false).cpu(CpuType.ARM64, 0).build();
        byte[] x86 = new MachOBuilder(true, false).cpu(CpuType.X86_64, 3).build();
        for (boolean wide : new boolean[] {false, true}) {
            List<Binary> ok = new MachOReader().read("u.dylib", Bytes.of(fat(wide, List.of(arm, x86), null)));
            assertEquals(List.of("arm64", "x86_64"), ok.stream().map(Binary::getArch).toList());
            assertEquals(List.of("u.dylib", "u.dylib"), ok.stream().map(Binary::getPath).toList());
            assertEquals(1, ok.get(1).flag("fatSlice"));
        }
        // Second slice past the end: a problem on that slice, the first is still read.
        byte[] pastEnd = fat(false, List.of(arm, x86), new long[][] {null, {1L << 30, 64}});
        List<Binary> partial = new MachOReader().read("u.dylib", Bytes.of(pastEnd));
        assertEquals(2, partial.size());
        assertEquals(List.of(), partial.get(0).getProblems());
        assertFalse(partial.get(1).getProblems().isEmpty());
        // Two entries for the same bytes.
        byte[] same = fat(false, List.of(arm, arm), new long[][] {null, {4096, arm.length}});
        List<Binary> dup = new MachOReader().read("u.dylib", Bytes.of(same));
        assertTrue(dup.get(1).getProblems().stream().anyMatch(p -> p.reason().contains("same bytes")));
        // Every slice broken, or absurd counts: the file cannot be read.
        assertThrows(MalformedBinaryException.class, () -> new MachOReader().read("u.dylib",
                Bytes.of(fat(false, List.of(arm), new long[][] {{1L << 30, 64}}))));
        byte[] huge = fat(false, List.of(arm), null);
        java.nio.ByteBuffer.wrap(huge).putInt(4, 0x80000000);
        assertThrows(MalformedBinaryException.class, () -> new MachOReader().read("u.dylib", Bytes.of(huge)));
    }
}
