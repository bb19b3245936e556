package dev.abilint.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked, read-only view of a file's bytes in one byte order. Every read is checked
 * against the size; a read outside it throws {@link MalformedBinaryException} with the offset.
 * No object is made per byte: readers keep offsets, as ASM's ClassReader does.
 */
public final class Bytes {
    private final ByteBuffer buffer;
    private final int size;

    private Bytes(ByteBuffer buffer) {
        this.buffer = buffer;
        this.size = buffer.limit();
    }

    public static Bytes of(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        view.position(0);
        return new Bytes(view.slice().order(ByteOrder.LITTLE_ENDIAN));
    }

    public static Bytes of(byte[] data) {
        return new Bytes(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** The same bytes read in the given order. */
    public Bytes order(ByteOrder order) {
        return order == buffer.order() ? this : new Bytes(buffer.duplicate().order(order));
    }

    public ByteOrder order() {
        return buffer.order();
    }

    public boolean bigEndian() {
        return buffer.order() == ByteOrder.BIG_ENDIAN;
    }

    public int size() {
        return size;
    }

    /** A new view of {@code length} bytes from {@code offset}, in the same byte order. */
    public Bytes slice(long offset, long length) throws MalformedBinaryException {
        check(offset, length, "slice");
        ByteBuffer view = buffer.duplicate();
        view.position((int) offset).limit((int) (offset + length));
        return new Bytes(view.slice().order(buffer.order()));
    }

    /** Throws unless [offset, offset+length) lies inside the file. */
    public void check(long offset, long length, String what) throws MalformedBinaryException {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new MalformedBinaryException(
                    what + " (" + length + " bytes) lies outside the file (size " + size + ")", offset);
        }
    }

    public boolean contains(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
    }

    public int u8(long offset) throws MalformedBinaryException {
        check(offset, 1, "byte");
        return buffer.get((int) offset) & 0xff;
    }

    public int u16(long offset) throws MalformedBinaryException {
        check(offset, 2, "16-bit field");
        return buffer.getShort((int) offset) & 0xffff;
    }

    public long u32(long offset) throws MalformedBinaryException {
        check(offset, 4, "32-bit field");
        return buffer.getInt((int) offset) & 0xffffffffL;
    }

    public int s32(long offset) throws MalformedBinaryException {
        check(offset, 4, "32-bit field");
        return buffer.getInt((int) offset);
    }

    /** An unsigned 64-bit value; values above Long.MAX_VALUE come out negative, so compare with care. */
    public long u64(long offset) throws MalformedBinaryException {
        check(offset, 8, "64-bit field");
        return buffer.getLong((int) offset);
    }

    /** A 4- or 8-byte word, as in ELF's class-dependent fields. */
    public long word(long offset, boolean wide) throws MalformedBinaryException {
        return wide ? u64(offset) : u32(offset);
    }

    public byte[] bytes(long offset, int length) throws MalformedBinaryException {
        check(offset, length, "byte range");
        byte[] out = new byte[length];
        buffer.get((int) offset, out);
        return out;
    }

    /**
     * A NUL-terminated string starting at {@code offset} that must end before {@code limit}
     * (exclusive, clamped to the file size), decoded as UTF-8 (invalid bytes become U+FFFD).
     */
    public String cstring(long offset, long limit) throws MalformedBinaryException {
        long end = Math.min(limit, size);
        if (offset < 0 || offset >= end) {
            throw new MalformedBinaryException("string offset outside its table", offset);
        }
        int start = (int) offset;
        int stop = (int) end;
        for (int i = start; i < stop; i++) {
            if (buffer.get(i) == 0) {
                return decode(start, i - start);
            }
        }
        throw new MalformedBinaryException("string is not terminated inside its table", offset);
    }

    /** A fixed-width field padded with NULs (Mach-O segment names, PE section names). */
    public String fixedString(long offset, int width) throws MalformedBinaryException {
        check(offset, width, "name field");
        int start = (int) offset;
        int length = 0;
        while (length < width && buffer.get(start + length) != 0) {
            length++;
        }
        return decode(start, length);
    }

    private String decode(int start, int length) {
        byte[] raw = new byte[length];
        buffer.get(start, raw);
        return new String(raw, StandardCharsets.UTF_8);
    }

    /** Whether the bytes at {@code offset} equal {@code expected}; false when out of range. */
    public boolean startsWith(long offset, byte[] expected) {
        if (!contains(offset, expected.length)) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (buffer.get((int) offset + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
