package dev.abilint.artifact;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A small streaming tar reader: ustar, GNU long names ({@code L}) and pax extended headers
 * ({@code x}, {@code path=} and {@code size=}); 512-byte blocks. Every count from the file is
 * bounded; nothing is written anywhere. Use: {@code next()} until null; each entry's bytes are read
 * from {@link #entryStream()} (what is not read is skipped by the next call).
 */
final class TarReader {
    static final int BLOCK = 512;
    private static final int MAX_EXTENDED_HEADER = 1 << 20;

    private final InputStream in;
    private long remaining;
    private long padding;
    private final EntryStream entryStream = new EntryStream();

    /** One entry's header. {@code type}: '0' file, '5' directory, '2' symlink, ... */
    record Entry(String name, long size, char type) {
        boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }
    }

    TarReader(InputStream in) {
        this.in = in;
    }

    /** Whether a first block looks like a tar header (ustar magic or a valid v7 checksum). */
    static boolean looksLikeTar(byte[] block, int length) {
        if (length < BLOCK) {
            return false;
        }
        if (block[257] == 'u' && block[258] == 's' && block[259] == 't' && block[260] == 'a' && block[261] == 'r') {
            return true;
        }
        try {
            long stored = octal(block, 148, 8);
            return stored == checksum(block) && block[0] != 0;
        } catch (IOException e) {
            return false;
        }
    }

    Entry next() throws IOException {
        skipRest();
        String longName = null;
        String paxName = null;
        long paxSize = -1;
        for (int guard = 0; guard < 64; guard++) {
            byte[] header = new byte[BLOCK];
            int n = readFully(header);
            if (n == 0) {
                return null; // end of stream without the end blocks: tolerated
            }
            if (n < BLOCK) {
                throw new EOFException("tar header truncated");
            }
            if (allZero(header)) {
                return null;
            }
            if (octal(header, 148, 8) != checksum(header)) {
                throw new IOException("tar header checksum does not match (corrupt archive)");
            }
            char type = (char) (header[156] & 0xff);
            long size = size(header);
            if (type == 'L' || type == 'x' || type == 'g') {
                if (size > MAX_EXTENDED_HEADER) {
                    throw new IOException("tar extended header of " + size + " bytes is not plausible");
                }
                byte[] data = new byte[(int) size];
                if (readFully(data) < size) {
                    throw new EOFException("tar extended header truncated");
                }
                skipBytes(pad(size));
                if (type == 'L') {
                    longName = cstring(data, 0, data.length);
                } else if (type == 'x') {
                    String[] pax = pax(data);
                    if (pax[0] != null) {
                        paxName = pax[0];
                    }
                    if (pax[1] != null) {
                        paxSize = Long.parseLong(pax[1]);
                    }
                }
                continue;
            }
            String name = cstring(header, 0, 100);
            if (header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                    && header[261] == 'r') {
                String prefix = cstring(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
            }
            if (longName != null) {
                name = longName;
            }
            if (paxName != null) {
                name = paxName;
            }
            if (paxSize >= 0) {
                size = paxSize;
            }
            boolean hasData = type != '5' && type != '2' && type != '1' && type != '3' && type != '4' && type != '6';
            remaining = hasData ? size : 0;
            padding = hasData ? pad(size) : 0;
            return new Entry(name, size, type);
        }
        throw new IOException("too many tar extended headers in a row");
    }

    /** The current entry's bytes; reading past its size gives end of stream. */
    InputStream entryStream() {
        return entryStream;
    }

    private void skipRest() throws IOException {
        skipBytes(remaining);
        remaining = 0;
        skipBytes(padding);
        padding = 0;
    }

    private void skipBytes(long n) throws IOException {
        byte[] scratch = new byte[8192];
        while (n > 0) {
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, n));
            if (r < 0) {
                throw new EOFException("tar entry truncated");
            }
            n -= r;
        }
    }

    private int readFully(byte[] buffer) throws IOException {
        int off = 0;
        while (off < buffer.length) {
            int r = in.read(buffer, off, buffer.length - off);
            if (r < 0) {
                break;
            }
            off += r;
        }
        return off;
    }

    private static long pad(long size) {
        long rest = size % BLOCK;
        return rest == 0 ? 0 : BLOCK - rest;
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static long size(byte[] header) throws IOException {
        if ((header[124] & 0x80) != 0) { // base-256 (GNU) for sizes of 8 GiB and more
            long value = 0;
            for (int i = 125; i < 136; i++) {
                if (value >>> 55 != 0) {
                    throw new IOException("tar entry size does not fit in 63 bits");
                }
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        return octal(header, 124, 12);
    }

    private static long octal(byte[] b, int offset, int length) throws IOException {
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && (b[i] == ' ' || b[i] == 0)) {
            i++;
        }
        for (; i < end; i++) {
            int c = b[i];
            if (c == 0 || c == ' ') {
                break;
            }
            if (c < '0' || c > '7') {
                throw new IOException("tar header has a bad octal number");
            }
            value = (value << 3) | (c - '0');
            if (value > (1L << 40)) {
                throw new IOException("tar header number is not plausible");
            }
        }
        return value;
    }

    private static long checksum(byte[] header) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
        }
        return sum;
    }

    private static String cstring(byte[] b, int offset, int max) {
        int end = offset;
        while (end < offset + max && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** {@code [path, size]} from pax records "LEN key=value\n". */
    private static String[] pax(byte[] data) throws IOException {
        String[] out = new String[2];
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("bad pax header record");
            }
            if (len <= space - pos || pos + len > data.length) {
                throw new IOException("bad pax header record length");
            }
            String record = new String(data, space + 1, pos + len - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq > 0) {
                String key = record.substring(0, eq);
                String value = record.substring(eq + 1);
                if (key.equals("path")) {
                    out[0] = value;
                } else if (key.equals("size")) {
                    if (!value.matches("[0-9]{1,18}")) {
                        throw new IOException("bad pax size");
                    }
                    out[1] = value;
                }
            }
            pos += len;
        }
        return out;
    }

    private final class EntryStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("tar entry truncated");
            }
            remaining -= n;
            return n;
        }

        @Override
        public void close() {
            // the reader owns the stream
        }
    }
}
