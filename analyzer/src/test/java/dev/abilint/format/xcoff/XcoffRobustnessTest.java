package dev.abilint.format.xcoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.format.Bytes;
import dev.abilint.format.Format;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Binary;
import dev.abilint.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile XCOFF files and AIX archives: every truncation, counts of 2^31, offsets outside the file, member
 * links that loop or point backwards, number fields that are not numbers. The reader either reads what it
 * can (a damaged part becomes a problem on the binary) or throws MalformedBinaryException; nothing else.
 */
class XcoffRobustnessTest {
    private static byte[] fixture(String name) {
        return Fixtures.bytes(Fixtures.file("xcoff/" + name));
    }

    /** The outcome: binaries, or the reason it could not be read; never another exception. */
    private static List<Binary> read(byte[] data) throws MalformedBinaryException {
        return new XcoffReader().read("x", Bytes.of(data));
    }

    @ParameterizedTest
    @ValueSource(strings = {"libdemo32.so", "libdemo64.so", "libdemo.a", "libdemo-small.a"})
    void everyTruncationIsReadOrRejected(String name) {
        byte[] whole = fixture(name);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            int rejected = 0;
            for (int n = 0; n < whole.length; n++) {
                try {
                    List<Binary> read = read(Arrays.copyOf(whole, n));
                    assertFalse(read.isEmpty());
                } catch (MalformedBinaryException e) {
                    rejected++;
                    assertFalse(e.reason().isBlank());
                }
            }
            assertTrue(rejected > 0, "a file cut before its section table is rejected");
        });
    }

    private static void putU16(byte[] b, int at, int v) {
        ByteBuffer.wrap(b).putShort(at, (short) v);
    }

    private static void putU32(byte[] b, int at, long v) {
        ByteBuffer.wrap(b).putInt(at, (int) v);
    }

    private static void putU64(byte[] b, int at, long v) {
        ByteBuffer.wrap(b).putLong(at, v);
    }

    /** Offset of the loader section in a fixture (its section header is the third). */
    private static int loader(byte[] b, boolean wide) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        int header = wide ? 24 + 120 + 2 * 72 : 20 + 72 + 2 * 40;
        return wide ? (int) buf.getLong(header + 32) : buf.getInt(header + 20);
    }

    @Test
    void hugeSectionCountIsRejected() {
        byte[] b = fixture("libdemo64.so");
        putU16(b, 2, 0xffff);
        MalformedBinaryException e = assertThrows(MalformedBinaryException.class, () -> read(b));
        assertTrue(e.reason().contains("65535 sections"), e.reason());
    }

    @Test
    void sectionTableOutsideTheFileIsRejected() {
        byte[] b = fixture("libdemo32.so");
        putU16(b, 2, 200);
        MalformedBinaryException e = assertThrows(MalformedBinaryException.class, () -> read(b));
        assertTrue(e.reason().contains("section table"), e.reason());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hugeLoaderSymbolCountIsAProblemNotAnAllocation(boolean wide) throws Exception {
        byte[] b = fixture(wide ? "libdemo64.so" : "libdemo32.so");
        putU32(b, loader(b, wide) + 4, 0x7fffffffL);
        Binary read = read(b).get(0);
        assertTrue(read.getExports().isEmpty());
        assertTrue(read.getProblems().get(0).reason().contains("2147483647 symbols"), read.getProblems().toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hugeImportFileIdCountKeepsTheSymbols(boolean wide) throws Exception {
        byte[] b = fixture(wide ? "libdemo64.so" : "libdemo32.so");
        putU32(b, loader(b, wide) + 16, 0x7fffffffL);
        Binary read = read(b).get(0);
        assertTrue(read.getProblems().get(0).reason().contains("import file IDs"), read.getProblems().toString());
        assertEquals(6, read.getExports().size(), "the exports do not depend on the import file IDs");
        assertTrue(read.getImports().stream().allMatch(s -> s.library() == null));
    }

    @Test
    void stringOffsetsOutsideTheTableAreAProblem() throws Exception {
        byte[] b = fixture("libdemo64.so");
        int ldr = loader(b, true);
        putU64(b, ldr + 32, 0x7fffffff_ffffffL); // l_stoff
        Binary read = read(b).get(0);
        assertTrue(read.getExports().isEmpty());
        assertTrue(read.getProblems().stream().anyMatch(p -> p.reason().contains("string table")),
                read.getProblems().toString());
    }

    @Test
    void loaderSectionOutsideTheFileIsAProblem() throws Exception {
        byte[] b = fixture("libdemo32.so");
        int header = 20 + 72 + 2 * 40;
        putU32(b, header + 20, 0x7ffffff0L);
        Binary read = read(b).get(0);
        assertEquals("shared", read.getType());
        assertTrue(read.getProblems().get(0).reason().contains("loader section"), read.getProblems().toString());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void field(byte[] b, int at, int width, String value) {
        byte[] v = ascii(String.format("%-" + width + "s", value));
        System.arraycopy(v, 0, b, at, width);
    }

    @Test
    void aMemberLinkThatLoopsEndsTheWalk() throws Exception {
        byte[] b = fixture("libdemo.a");
        field(b, 88, 20, "999999");           // last member: never reached
        field(b, 128 + 20, 20, "128");        // first member's next: itself
        List<Binary> read = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> read(b));
        assertEquals(1, read.size());
        assertTrue(read.get(0).getProblems().stream().anyMatch(p -> p.reason().contains("loops back")),
                read.get(0).getProblems().toString());
    }

    @Test
    void aMemberLinkIntoTheHeaderOrOutsideIsAProblem() throws Exception {
        byte[] b = fixture("libdemo.a");
        field(b, 88, 20, "999999");
        field(b, 128 + 20, 20, "99999999999999999");
        List<Binary> read = read(b);
        assertEquals(1, read.size());
        assertFalse(read.get(0).getProblems().isEmpty());
        byte[] c = fixture("libdemo.a");
        field(c, 68, 20, "12");               // first member inside the fixed header
        assertThrows(MalformedBinaryException.class, () -> read(c));
    }

    @Test
    void numberFieldsThatAreNotNumbersAreRejected() {
        byte[] b = fixture("libdemo.a");
        field(b, 128, 20, "12x4");
        MalformedBinaryException e = assertThrows(MalformedBinaryException.class, () -> read(b));
        assertTrue(e.reason().contains("not a decimal number"), e.reason());
        byte[] c = fixture("libdemo.a");
        field(c, 128, 20, "99999999999999999999");
        assertThrows(MalformedBinaryException.class, () -> read(c));
    }

    @Test
    void anArchiveWithoutXcoffMembersIsRejectedWithItsReason() {
        byte[] b = fixture("libdemo.a");
        for (int i = 0; i < 4; i++) {
            b[128 + 112 + 8 + i] = (byte) 'x'; // first member's bytes: no longer XCOFF
        }
        field(b, 88, 20, "128");        // and it is the last member
        MalformedBinaryException e = assertThrows(MalformedBinaryException.class, () -> read(b));
        assertTrue(e.reason().contains("holds no XCOFF member"), e.reason());
    }

    @Test
    void sniffingNeedsMoreThanTwoMagicBytes() {
        byte[] b = fixture("libdemo32.so");
        assertEquals(Format.XCOFF, Format.sniff(Bytes.of(b)));
        assertEquals(Format.AIX_ARCHIVE, Format.sniff(Bytes.of(fixture("libdemo.a"))));
        putU16(b, 16, 13); // an auxiliary header size AIX never writes
        assertEquals(Format.UNKNOWN, Format.sniff(Bytes.of(b)));
        assertEquals(Format.UNKNOWN, Format.sniff(Bytes.of(new byte[] {1, (byte) 0xdf, 0, 1})));
    }
}
