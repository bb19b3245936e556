package dev.abilint.format.macho;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** The big-endian header of a universal ("fat") file: FAT_MAGIC with 32-bit, FAT_MAGIC_64 with 64-bit fields. */
final class FatHeader {
    static final long FAT_MAGIC = 0xcafebabeL;
    static final long FAT_MAGIC_64 = 0xcafebabfL;
    /** More slices than any real file has; also keeps a class file from passing as fat. */
    static final int MAX_SLICES = 64;

    record Slice(int index, int cputype, int cpusubtype, long offset, long size, long align, long headerOffset) {}

    private FatHeader() {}

    static boolean matches(Bytes data) {
        if (data.size() < 8) {
            return false;
        }
        try {
            long magic = data.order(ByteOrder.BIG_ENDIAN).u32(0);
            return magic == FAT_MAGIC || magic == FAT_MAGIC_64;
        } catch (MalformedBinaryException e) {
            return false;
        }
    }

    static List<Slice> read(Bytes raw) throws MalformedBinaryException {
        Bytes data = raw.order(ByteOrder.BIG_ENDIAN);
        long magic = data.u32(0);
        boolean wide = magic == FAT_MAGIC_64;
        if (magic != FAT_MAGIC && !wide) {
            throw new MalformedBinaryException("not a fat Mach-O file (bad magic)", 0);
        }
        long count = data.u32(4);
        if (count == 0) {
            throw new MalformedBinaryException("fat file has no slices", 4);
        }
        if (count > MAX_SLICES) {
            throw new MalformedBinaryException("fat file declares " + count + " slices (more than "
                    + MAX_SLICES + ")", 4);
        }
        int entrySize = wide ? 32 : 20;
        data.check(8, count * entrySize, "fat slice table");
        List<Slice> slices = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long at = 8 + (long) i * entrySize;
            int cputype = data.s32(at);
            int cpusubtype = data.s32(at + 4);
            long offset = wide ? data.u64(at + 8) : data.u32(at + 8);
            long size = wide ? data.u64(at + 16) : data.u32(at + 12);
            long align = data.u32(at + (wide ? 24 : 16));
            slices.add(new Slice(i, cputype, cpusubtype, offset, size, align, at));
        }
        return slices;
    }
}
