package dev.abilint.format.elf;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.format.python.LoadedImage;
import java.util.function.LongPredicate;

/**
 * An ELF shared object's data as the dynamic loader leaves it: pointers in position-independent code are
 * filled by relocations in {@code DT_RELA} (the target is the addend of an {@code R_*_RELATIVE}, or a
 * symbol's value plus the addend), {@code DT_REL} and {@code DT_RELR} (the target is stored in place).
 * Only the relocation types of the listed machines are understood; on any other machine nothing is read.
 */
final class ElfLoadedImage implements LoadedImage {
    /**
     * Most relocations kept (16 bytes each, for the time one file is read); a file with more is not read at
     * all, so its module's facts stay "not known".
     */
    private static final long MAX_RELOCATIONS = 1_000_000;

    private final Bytes data;
    private final boolean wide;
    private final ElfAddressMap addresses;
    /** Addresses named by a relocation, sorted after reading, and the target of each (or UNKNOWN_TARGET). */
    private long[] where = new long[64];
    private long[] target = new long[64];
    private int count;

    private ElfLoadedImage(Bytes data, boolean wide, ElfAddressMap addresses) {
        this.data = data;
        this.wide = wide;
        this.addresses = addresses;
    }

    /** The image, or null when the machine's relocations are not understood or the tables are damaged. */
    static ElfLoadedImage read(Bytes data, boolean wide, int machine, ElfDynamicTable dynamic,
            ElfAddressMap addresses, long symOffset, long symEntsize) {
        int relative = relativeType(machine);
        int absolute = absoluteType(machine, wide);
        if (relative < 0) {
            return null;
        }
        ElfLoadedImage image = new ElfLoadedImage(data, wide, addresses);
        try {
            long rela = dynamic.first(ElfDynamicTable.DT_RELA);
            if (rela != -1) {
                long size = dynamic.first(ElfDynamicTable.DT_RELASZ);
                long ent = dynamic.first(ElfDynamicTable.DT_RELAENT);
                image.readTable(addresses.toOffset(rela, "DT_RELA"), size, ent == -1 ? (wide ? 24 : 12) : ent, true,
                        relative, absolute, symOffset, symEntsize);
            }
            long rel = dynamic.first(ElfDynamicTable.DT_REL);
            if (rel != -1) {
                long size = dynamic.first(ElfDynamicTable.DT_RELSZ);
                long ent = dynamic.first(ElfDynamicTable.DT_RELENT);
                image.readTable(addresses.toOffset(rel, "DT_REL"), size, ent == -1 ? (wide ? 16 : 8) : ent, false,
                        relative, absolute, symOffset, symEntsize);
            }
            long relr = dynamic.first(ElfDynamicTable.DT_RELR);
            if (relr != -1) {
                image.readRelr(addresses.toOffset(relr, "DT_RELR"), dynamic.first(ElfDynamicTable.DT_RELRSZ));
            }
        } catch (MalformedBinaryException | RuntimeException e) {
            return null;
        }
        image.sort();
        return image;
    }

    private void readTable(long offset, long size, long entsize, boolean addends, int relative, int absolute,
            long symOffset, long symEntsize) throws MalformedBinaryException {
        if (size < 0 || entsize < (wide ? 16 : 8) || size / entsize > MAX_RELOCATIONS) {
            throw new MalformedBinaryException("relocation table is not plausible", offset);
        }
        data.check(offset, size, "relocation table");
        long count = size / entsize;
        for (long i = 0; i < count; i++) {
            long at = offset + i * entsize;
            long where = data.word(at, wide);
            long info = data.word(at + (wide ? 8 : 4), wide);
            long type = wide ? info & 0xffffffffL : info & 0xff;
            long symbol = wide ? info >>> 32 : info >>> 8;
            long addend;
            if (addends) {
                addend = wide ? data.u64(at + 16) : data.s32(at + 8);
            } else {
                long inPlace = addresses.contains(where, wide ? 8 : 4) ? raw(where) : 0;
                addend = inPlace;
            }
            if (type == relative) {
                add(where, addend);
            } else if (type == absolute) {
                long value = symbolValue(symOffset, symEntsize, symbol);
                add(where, value < 0 ? UNKNOWN_TARGET : value + addend);
            } else {
                add(where, UNKNOWN_TARGET);
            }
        }
    }

    /** A defined symbol's value, or -1 (undefined, or the table is not at hand). */
    private long symbolValue(long symOffset, long entsize, long index) throws MalformedBinaryException {
        if (symOffset < 0 || entsize <= 0 || index == 0) {
            return -1;
        }
        long at = symOffset + index * entsize;
        if (!data.contains(at, wide ? 24 : 16)) {
            return -1;
        }
        int shndx = data.u16(at + (wide ? 6 : 14));
        long value = wide ? data.u64(at + 8) : data.u32(at + 4);
        return shndx == 0 ? -1 : value;
    }

    /** SHT_RELR: an address, then bitmaps of the words after it that hold a relative pointer in place. */
    private void readRelr(long offset, long size) throws MalformedBinaryException {
        int w = wide ? 8 : 4;
        if (size < 0 || size / w > MAX_RELOCATIONS) {
            throw new MalformedBinaryException("DT_RELR table is not plausible", offset);
        }
        data.check(offset, size, "DT_RELR table");
        long where = 0;
        for (long i = 0; i < size / w; i++) {
            long entry = data.word(offset + i * w, wide);
            if ((entry & 1) == 0) {
                where = entry;
                relr(where);
                where += w;
            } else {
                long bits = entry >>> 1;
                for (int b = 0; b < w * 8 - 1 && bits != 0; b++, bits >>>= 1) {
                    if ((bits & 1) != 0) {
                        relr(where + (long) b * w);
                    }
                }
                where += (long) (w * 8 - 1) * w;
            }
        }
    }

    private void relr(long where) throws MalformedBinaryException {
        add(where, addresses.contains(where, wide ? 8 : 4) ? raw(where) : UNKNOWN_TARGET);
    }

    private void add(long address, long to) throws MalformedBinaryException {
        if (count == where.length) {
            if (count >= MAX_RELOCATIONS) {
                throw new MalformedBinaryException("more than " + MAX_RELOCATIONS + " relocations", -1);
            }
            where = java.util.Arrays.copyOf(where, count * 2);
            target = java.util.Arrays.copyOf(target, count * 2);
        }
        where[count] = address;
        target[count] = to;
        count++;
    }

    /** Sorts by address (a later relocation of the same word wins, as the loader applies them in order). */
    private void sort() {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : where[a] != where[b]
                ? Long.compareUnsigned(where[a], where[b]) : Integer.compare(a, b));
        long[] w = new long[count];
        long[] t = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            int k = order[i];
            if (n > 0 && w[n - 1] == where[k]) {
                t[n - 1] = target[k];
            } else {
                w[n] = where[k];
                t[n] = target[k];
                n++;
            }
        }
        where = java.util.Arrays.copyOf(w, n);
        target = java.util.Arrays.copyOf(t, n);
        count = n;
    }

    private int indexOf(long address) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(where[mid], address);
            if (c == 0) {
                return mid;
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    static int relativeType(int machine) {
        return switch (machine) {
            case 3, 62 -> 8;       // EM_386, EM_X86_64: R_*_RELATIVE
            case 183 -> 1027;      // EM_AARCH64
            case 40 -> 23;         // EM_ARM
            case 20, 21 -> 22;     // EM_PPC, EM_PPC64
            case 22 -> 12;         // EM_S390
            case 243, 258 -> 3;    // EM_RISCV, EM_LOONGARCH
            default -> -1;
        };
    }

    static int absoluteType(int machine, boolean wide) {
        return switch (machine) {
            case 3 -> 1;           // R_386_32
            case 62 -> 1;          // R_X86_64_64
            case 183 -> 257;       // R_AARCH64_ABS64
            case 40 -> 2;          // R_ARM_ABS32
            case 20 -> 1;          // R_PPC_ADDR32
            case 21 -> 38;         // R_PPC64_ADDR64
            case 22 -> wide ? 22 : 4; // R_390_64, R_390_32
            case 243, 258 -> wide ? 2 : 1; // R_RISCV_64/32, R_LARCH_64/32
            default -> -1;
        };
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
        return addresses.offsetOrMinusOne(address, length);
    }

    @Override
    public boolean zeroFilled(long address, long length) {
        return addresses.zeroFilled(address, length) && indexOf(address + wordSize()) < 0;
    }

    @Override
    public long pointer(long address) throws MalformedBinaryException {
        int i = indexOf(address);
        return i < 0 ? NO_POINTER : target[i];
    }

    @Override
    public boolean fixedUp(long address) {
        return indexOf(address) >= 0;
    }

    @Override
    public boolean pointerWords(LongPredicate visitor) {
        for (int i = 0; i < count; i++) {
            if (target[i] >= 0 && !visitor.test(where[i])) {
                return true;
            }
        }
        return count > 0;
    }
}
