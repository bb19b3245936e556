package dev.abilint.format.elf;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Binary;
import dev.abilint.model.Symbol;

/**
 * Reads the dynamic symbol table into imports (undefined, with the version and library a version
 * requirement names) and exports (defined global, weak or unique symbols with default or
 * protected visibility, with their version).
 */
final class ElfSymbolTable {
    private static final int STB_LOCAL = 0;
    private static final int STB_WEAK = 2;
    private static final int SHN_UNDEF = 0;
    private static final int SHN_ABS = 0xfff1;
    private static final int SHN_COMMON = 0xfff2;
    private static final int STV_HIDDEN = 2;
    private static final int STV_INTERNAL = 1;

    private ElfSymbolTable() {}

    /**
     * @param versym file offset of the {@code .gnu.version} array, or -1 when there is none
     */
    static void read(Bytes data, boolean wide, long offset, long count, long entsize, ElfStringTable strings,
            long versym, ElfVersions versions, Binary out) throws MalformedBinaryException {
        int minEntry = wide ? 24 : 16;
        if (entsize < minEntry) {
            throw new MalformedBinaryException("symbol entry size " + entsize + " is below " + minEntry, offset);
        }
        if (count < 0 || count > (data.size() - Math.min(offset, data.size())) / entsize) {
            throw new MalformedBinaryException("symbol table of " + count + " entries runs past the end of the file", offset);
        }
        if (versym >= 0) {
            data.check(versym, count * 2, "symbol version array");
        }
        for (long i = 1; i < count; i++) {
            long at = offset + i * entsize;
            long nameIndex = data.u32(at);
            int info = wide ? data.u8(at + 4) : data.u8(at + 12);
            int other = wide ? data.u8(at + 5) : data.u8(at + 13);
            int shndx = wide ? data.u16(at + 6) : data.u16(at + 14);
            int bind = info >> 4;
            int type = info & 0xf;
            if (nameIndex == 0 || bind == STB_LOCAL) {
                continue;
            }
            String name = strings.get(nameIndex);
            ElfVersions.Version version = null;
            boolean hidden = false;
            if (versym >= 0) {
                int raw = data.u16(versym + i * 2);
                hidden = (raw & 0x8000) != 0;
                int index = raw & 0x7fff;
                version = index > 1 ? versions.get(index) : null;
            }
            boolean weak = bind == STB_WEAK;
            if (shndx == SHN_UNDEF) {
                out.getImports().add(Symbol.imported(name,
                        version == null ? null : version.name(), version == null ? null : version.library(), weak));
            } else {
                int visibility = other & 3;
                if (visibility == STV_HIDDEN || visibility == STV_INTERNAL) {
                    continue;
                }
                Symbol symbol = Symbol.exported(name, version == null ? null : version.name(), kind(type, shndx), hidden);
                out.getExports().add(weak ? new Symbol(symbol.name(), null, symbol.version(), null, symbol.kind(), true,
                        symbol.hidden(), null) : symbol);
            }
        }
    }

    private static String kind(int type, int shndx) {
        if (shndx == SHN_COMMON || type == 5) {
            return "common";
        }
        if (shndx == SHN_ABS) {
            return "absolute";
        }
        return switch (type) {
            case 1 -> "object";
            case 2 -> "function";
            case 6 -> "tls";
            case 10 -> "ifunc";
            default -> "other";
        };
    }

    /** The number of symbols a DT_GNU_HASH table covers: one past the highest index in any chain. */
    static long countFromGnuHash(Bytes data, boolean wide, long offset) throws MalformedBinaryException {
        long nbuckets = data.u32(offset);
        long symoffset = data.u32(offset + 4);
        long bloomSize = data.u32(offset + 8);
        long buckets = offset + 16 + bloomSize * (wide ? 8 : 4);
        data.check(buckets, nbuckets * 4, "GNU hash buckets");
        long max = 0;
        for (long i = 0; i < nbuckets; i++) {
            max = Math.max(max, data.u32(buckets + i * 4));
        }
        if (max < symoffset) {
            return symoffset;
        }
        long chains = buckets + nbuckets * 4;
        long limit = (data.size() - Math.min(chains, data.size())) / 4 + symoffset;
        for (long index = max; index < limit; index++) {
            if ((data.u32(chains + (index - symoffset) * 4) & 1) != 0) {
                return index + 1;
            }
        }
        throw new MalformedBinaryException("GNU hash chain does not end inside the file", chains);
    }

    /** The number of symbols a DT_HASH table covers: its nchain field. */
    static long countFromHash(Bytes data, long offset, int entrySize) throws MalformedBinaryException {
        return entrySize == 8 ? data.u64(offset + 8) : data.u32(offset + 4);
    }
}
