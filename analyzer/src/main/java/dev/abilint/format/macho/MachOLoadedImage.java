package dev.abilint.format.macho;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.format.python.LoadedImage;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * A Mach-O image's data as dyld leaves it. With LC_DYLD_CHAINED_FIXUPS a pointer is stored encoded (a
 * rebase's target in its low bits, as an address or as an offset from the image base, by the pointer
 * format of dyld_chained_starts_in_segment); otherwise it is stored as its unslid address and rebase
 * opcodes only slide it. A word that is zero in the file holds no pointer in either case. Words are
 * visited in the sections of the data segments that the file holds (not zero-fill).
 */
final class MachOLoadedImage implements LoadedImage {
    /** Most bytes of data sections looked through for pointers. */
    private static final long MAX_SCAN = 256L * 1024 * 1024;
    private static final int PTR_ARM64E = 1;
    private static final int PTR_64 = 2;
    private static final int PTR_32 = 3;
    private static final int PTR_64_OFFSET = 6;
    private static final int PTR_ARM64E_USERLAND = 9;
    private static final int PTR_ARM64E_USERLAND24 = 12;

    private final Bytes data;
    private final boolean wide;
    private final List<LoadCommands.Segment> segments;
    private final List<LoadCommands.Section> sections;
    private final long imageBase;
    /** The chained pointer format, 0 without chained fixups, -1 for one not understood. */
    private final int format;

    private MachOLoadedImage(Bytes data, boolean wide, LoadCommands commands, int format) {
        this.data = data;
        this.wide = wide;
        this.segments = commands.segments;
        this.sections = commands.sections;
        this.imageBase = Math.max(0, commands.imageBase);
        this.format = format;
    }

    static MachOLoadedImage read(Bytes data, boolean wide, LoadCommands commands) {
        int format = 0;
        if (commands.chainedFixups != null) {
            try {
                format = pointerFormat(data, commands.chainedFixups);
            } catch (MalformedBinaryException | RuntimeException e) {
                format = -1;
            }
        }
        return new MachOLoadedImage(data, wide, commands, format);
    }

    /** The pointer format of the first segment that has fixups (they agree in what linkers write). */
    private static int pointerFormat(Bytes data, LoadCommands.Range range) throws MalformedBinaryException {
        long base = range.offset();
        long startsOffset = data.u32(base + 4);
        if (startsOffset + 4 > range.size()) {
            return -1;
        }
        long starts = base + startsOffset;
        long segCount = data.u32(starts);
        if (segCount > 256 || startsOffset + 4 + 4 * segCount > range.size()) {
            return -1;
        }
        for (long i = 0; i < segCount; i++) {
            long info = data.u32(starts + 4 + 4 * i);
            if (info == 0) {
                continue;
            }
            if (startsOffset + info + 8 > range.size()) {
                return -1;
            }
            return data.u16(starts + info + 6);
        }
        return 0;
    }

    @Override
    public int wordSize() {
        return wide ? 8 : 4;
    }

    @Override
    public Bytes data() {
        return data;
    }

    @Override
    public long fileOffset(long address, long length) {
        for (LoadCommands.Segment s : segments) {
            long delta = address - s.vmaddr();
            if (Long.compareUnsigned(address, s.vmaddr()) >= 0 && Long.compareUnsigned(delta, s.filesize()) < 0
                    && length >= 0 && length <= s.filesize() - delta && data.contains(s.fileoff() + delta, length)) {
                return s.fileoff() + delta;
            }
        }
        return -1;
    }

    @Override
    public boolean zeroFilled(long address, long length) {
        for (LoadCommands.Segment s : segments) {
            long delta = address - s.vmaddr();
            if (Long.compareUnsigned(address, s.vmaddr()) >= 0 && Long.compareUnsigned(delta, s.filesize()) >= 0
                    && Long.compareUnsigned(delta, s.vmsize()) < 0 && length >= 0 && length <= s.vmsize() - delta) {
                return true;
            }
        }
        return false;
    }

    private boolean mapped(long address) {
        for (LoadCommands.Segment s : segments) {
            if (Long.compareUnsigned(address, s.vmaddr()) >= 0
                    && Long.compareUnsigned(address - s.vmaddr(), s.vmsize()) < 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long pointer(long address) throws MalformedBinaryException {
        long raw = raw(address);
        if (raw == 0) {
            return NO_POINTER;
        }
        long target;
        switch (format) {
            case 0 -> target = raw;
            case PTR_64, PTR_64_OFFSET -> {
                if (raw < 0) { // bit 63: a bind (an imported symbol)
                    return UNKNOWN_TARGET;
                }
                long low = raw & 0xFFFFFFFFFL;
                long high8 = (raw >>> 36) & 0xff;
                target = (high8 << 56) | low;
                if (format == PTR_64_OFFSET) {
                    target += imageBase;
                }
            }
            case PTR_ARM64E, PTR_ARM64E_USERLAND, PTR_ARM64E_USERLAND24 -> {
                boolean auth = raw < 0;
                boolean bind = ((raw >>> 62) & 1) != 0;
                if (bind) {
                    return UNKNOWN_TARGET;
                }
                if (auth) {
                    target = (raw & 0xFFFFFFFFL) + imageBase;
                } else {
                    long low = raw & 0x7FFFFFFFFFFL;
                    long high8 = (raw >>> 43) & 0xff;
                    target = (high8 << 56) | low;
                    if (format != PTR_ARM64E) {
                        target += imageBase;
                    }
                }
            }
            case PTR_32 -> {
                if ((raw & 0x80000000L) != 0) {
                    return UNKNOWN_TARGET;
                }
                target = raw & 0x3FFFFFFL;
            }
            default -> {
                return UNKNOWN_TARGET;
            }
        }
        return mapped(target) ? target : NO_POINTER;
    }

    @Override
    public boolean fixedUp(long address) {
        return false; // a fixed-up word is never zero in the file; callers test zero words only
    }

    @Override
    public boolean pointerWords(LongPredicate visitor) {
        long scanned = 0;
        int w = wordSize();
        for (LoadCommands.Section s : sections) {
            int type = (int) (s.flags() & 0xff);
            boolean zeroFill = type == 0x1 || type == 0xc || type == 0x12;
            if (zeroFill || !s.segment().startsWith("__DATA") || s.size() <= 0) {
                continue;
            }
            long start = (s.address() + w - 1) & -w;
            for (long a = start; a + w <= s.address() + s.size(); a += w) {
                if ((scanned += w) > MAX_SCAN) {
                    return false;
                }
                if (fileOffset(a, w) < 0) {
                    break;
                }
                if (!visitor.test(a)) {
                    return true;
                }
            }
        }
        return true;
    }
}
