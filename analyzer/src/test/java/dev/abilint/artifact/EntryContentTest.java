package dev.abilint.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Metadata and Python files are kept whole up to the limit and dropped past it, whatever size was declared. */
class EntryContentTest {

    @Test
    void keepsUpToTheLimitWhateverTheDeclaredSize() throws IOException {
        int max = 100;
        for (int total : new int[] {0, 1, 16, 99, 100, 101, 150, 5000}) {
            byte[] all = new byte[total];
            Arrays.fill(all, (byte) 'x');
            for (int head : new int[] {0, 16}) {
                if (head > total) {
                    continue;
                }
                for (long hint : new long[] {-1, 0, total - 1, total, total + 1, max, 10_000}) {
                    byte[] got = EntryContent.readAtMost(Arrays.copyOf(all, head), trickle(all, head), max, hint);
                    String what = total + " bytes, head " + head + ", declared " + hint;
                    if (total > max) {
                        assertNull(got, what);
                    } else {
                        assertArrayEquals(all, got, what);
                    }
                }
            }
        }
    }

    /** The bytes after the head, a few at a time, as an inflater hands them out. */
    private static InputStream trickle(byte[] all, int from) {
        return new ByteArrayInputStream(all, from, all.length - from) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }
}
