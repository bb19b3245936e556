package dev.abilint.format.macho;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;

/** LEB128 numbers as dyld's opcode streams, export tries and fixup tables store them. */
final class Leb {
    /** The longest encoding of a 64-bit value. */
    static final int MAX_BYTES = 10;

    private Leb() {}

    /** A ULEB128 value read at {@code cursor[0]}, which moves past it; must end before {@code limit}. */
    static long uleb(Bytes data, long[] cursor, long limit) throws MalformedBinaryException {
        long start = cursor[0];
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            long at = start + i;
            if (at >= limit) {
                throw new MalformedBinaryException("ULEB128 runs past the end of its table", start);
            }
            int b = data.u8(at);
            long part = b & 0x7f;
            if (i == MAX_BYTES - 1 && part > 1) {
                throw new MalformedBinaryException("ULEB128 value does not fit in 64 bits", start);
            }
            value |= part << (7 * i);
            if ((b & 0x80) == 0) {
                cursor[0] = at + 1;
                return value;
            }
        }
        throw new MalformedBinaryException("ULEB128 longer than " + MAX_BYTES + " bytes", start);
    }

    /** A SLEB128 value, as {@link #uleb}. */
    static long sleb(Bytes data, long[] cursor, long limit) throws MalformedBinaryException {
        long start = cursor[0];
        long value = 0;
        int shift = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            long at = start + i;
            if (at >= limit) {
                throw new MalformedBinaryException("SLEB128 runs past the end of its table", start);
            }
            int b = data.u8(at);
            value |= (long) (b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) {
                    value |= -1L << shift;
                }
                cursor[0] = at + 1;
                return value;
            }
        }
        throw new MalformedBinaryException("SLEB128 longer than " + MAX_BYTES + " bytes", start);
    }
}
