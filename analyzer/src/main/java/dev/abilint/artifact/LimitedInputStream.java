package dev.abilint.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Counts the inflated bytes of one member as they are read and throws
 * {@link LimitExceededException} at the first byte past a limit: the member's size, the input's
 * budget, or the inflated:compressed ratio of a zip bomb. Nothing is buffered here.
 */
final class LimitedInputStream extends FilterInputStream {
    private final Limits limits;
    private final Budget budget;
    private long maxBytes;
    private final LongSupplier compressed;
    private long count;

    /**
     * @param maxBytes the member size limit, or Long.MAX_VALUE for none
     * @param compressed the compressed bytes behind what was read so far, or null when not known
     */
    LimitedInputStream(InputStream in, Limits limits, Budget budget, long maxBytes, LongSupplier compressed) {
        super(in);
        this.limits = limits;
        this.budget = budget;
        this.maxBytes = maxBytes;
        this.compressed = compressed;
    }

    long count() {
        return count;
    }

    /**
     * Drops the member size limit: for a nested archive, which is streamed and never held, so only
     * the input's budget and the compression ratio bound it.
     */
    void streamedThrough() {
        maxBytes = Long.MAX_VALUE;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return skipByReading(this, n); // so that every inflated byte is counted
    }

    /** Skips by reading through {@code in}, so that whatever counts the bytes read sees them all. */
    static long skipByReading(InputStream in, long n) throws IOException {
        byte[] scratch = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(int n) throws LimitExceededException {
        count += n;
        try {
            budget.spend(n);
        } catch (LimitExceededException e) {
            if (e.source == null) {
                e.source = this;
            }
            throw e;
        }
        if (count > maxBytes) {
            LimitExceededException e = new LimitExceededException("member-bytes", "member is larger than "
                    + maxBytes + " bytes inflated (not read further)", count, maxBytes, false);
            e.source = this;
            throw e;
        }
        if (compressed != null && count > limits.ratioMinBytes()) {
            long packed = Math.max(1, compressed.getAsLong());
            if (count / packed > limits.maxRatio()) {
                LimitExceededException e = new LimitExceededException("compression-ratio", "member inflates more than "
                        + limits.maxRatio() + ":1 (" + count + " bytes from " + packed
                        + " compressed): a zip bomb (not read further)", count / packed, limits.maxRatio(), false);
                e.source = this;
                throw e;
            }
        }
    }

    /** Counts the raw bytes read through it, for the compression ratio of streamed archives. */
    static final class Counting extends FilterInputStream {
        private long count;
        private final byte[] tail;

        Counting(InputStream in) {
            this(in, 0);
        }

        /** Also keeps the last {@code tailSize} bytes read, for a check of how the data ended. */
        Counting(InputStream in, int tailSize) {
            super(in);
            this.tail = new byte[tailSize];
        }

        long count() {
            return count;
        }

        /** The last bytes read (fewer when fewer were read), oldest first. */
        byte[] tail() {
            int n = (int) Math.min(tail.length, count);
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = tail[(int) ((count - n + i) % tail.length)];
            }
            return out;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                keep((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                if (tail.length > 0) {
                    int from = Math.max(0, n - tail.length);
                    count += from;
                    int left = n - from;
                    int src = offset + from;
                    while (left > 0) { // copy into the ring in at most two pieces
                        int at = (int) (count % tail.length);
                        int piece = Math.min(left, tail.length - at);
                        System.arraycopy(buffer, src, tail, at, piece);
                        count += piece;
                        src += piece;
                        left -= piece;
                    }
                } else {
                    count += n;
                }
            }
            return n;
        }

        private void keep(byte b) {
            if (tail.length > 0) {
                tail[(int) (count % tail.length)] = b;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            return skipByReading(this, n);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
