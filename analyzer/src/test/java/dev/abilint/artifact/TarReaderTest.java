package dev.abilint.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarReaderTest {
    @Test
    void readsUstarEntriesAndSkipsWhatIsNotRead() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a/one.txt", "one".getBytes(StandardCharsets.UTF_8));
        files.put("a/big.bin", new byte[1500]);
        files.put("a/two.txt", "two".getBytes(StandardCharsets.UTF_8));
        TarReader tar = new TarReader(new ByteArrayInputStream(TestArchives.tar(files)));
        assertEquals("a/one.txt", tar.next().name());
        assertArrayEquals("one".getBytes(StandardCharsets.UTF_8), tar.entryStream().readAllBytes());
        TarReader.Entry big = tar.next();
        assertEquals(1500, big.size());
        tar.entryStream().read(); // read one byte, leave the rest
        assertEquals("a/two.txt", tar.next().name());
        assertArrayEquals("two".getBytes(StandardCharsets.UTF_8), tar.entryStream().readAllBytes());
        assertNull(tar.next());
    }

    @Test
    void paxPathAndGnuLongNameReplaceTheHeaderName() throws IOException {
        String longName = "d/" + "x".repeat(150) + ".so";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String record = "path=" + longName + "\n";
        int len = record.length() + 4; // "NNN " prefix, three digits
        String pax = len + " " + record;
        out.writeBytes(header("PaxHeader/x", pax.length(), 'x'));
        out.writeBytes(padded(pax.getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(header("short.so", 2, '0'));
        out.writeBytes(padded(new byte[] {1, 2}));
        byte[] gnu = ("gnu/" + "y".repeat(120) + "\0").getBytes(StandardCharsets.UTF_8);
        out.writeBytes(header("././@LongLink", gnu.length, 'L'));
        out.writeBytes(padded(gnu));
        out.writeBytes(header("cut", 0, '0'));
        out.writeBytes(new byte[1024]);
        TarReader tar = new TarReader(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(longName, tar.next().name());
        assertEquals("gnu/" + "y".repeat(120), tar.next().name());
        assertNull(tar.next());
    }

    @Test
    void corruptAndTruncatedArchivesThrow() {
        byte[] good = TestArchives.tar(Map.of("a.txt", new byte[700]));
        byte[] corrupt = good.clone();
        corrupt[10] ^= 1; // checksum no longer matches
        assertThrows(IOException.class, () -> new TarReader(new ByteArrayInputStream(corrupt)).next());
        byte[] cut = java.util.Arrays.copyOf(good, 600);
        TarReader tar = new TarReader(new ByteArrayInputStream(cut));
        assertThrows(EOFException.class, () -> {
            tar.next();
            tar.entryStream().readAllBytes();
        });
    }

    @Test
    void recognisesTarHeaders() {
        byte[] tar = TestArchives.tar(Map.of("a.txt", new byte[1]));
        assertTrue(TarReader.looksLikeTar(tar, tar.length));
        assertTrue(!TarReader.looksLikeTar(new byte[512], 512));
    }

    private static byte[] header(String name, long size, char type) {
        Map<String, byte[]> one = new LinkedHashMap<>();
        one.put(name, new byte[(int) size]);
        byte[] block = java.util.Arrays.copyOf(TestArchives.tar(one), 512);
        block[156] = (byte) type;
        for (int i = 148; i < 156; i++) {
            block[i] = ' ';
        }
        long sum = 0;
        for (byte b : block) {
            sum += b & 0xff;
        }
        byte[] digits = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, block, 148, 8);
        return block;
    }

    private static byte[] padded(byte[] data) {
        return java.util.Arrays.copyOf(data, (data.length + 511) / 512 * 512);
    }
}
