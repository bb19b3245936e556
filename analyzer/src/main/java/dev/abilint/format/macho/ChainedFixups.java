package dev.abilint.format.macho;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;

/**
 * The imports table of LC_DYLD_CHAINED_FIXUPS (dyld_chained_fixups_header): one entry per imported
 * symbol with its library ordinal, weak flag and name in the symbol pool. The fixup chains
 * themselves (addresses) are not walked.
 */
final class ChainedFixups {
    private static final int HEADER_SIZE = 28;
    private static final int IMPORT = 1;
    private static final int IMPORT_ADDEND = 2;
    private static final int IMPORT_ADDEND64 = 3;

    private ChainedFixups() {}

    static void read(Bytes data, LoadCommands.Range range, ImportList imports) throws MalformedBinaryException {
        long base = range.offset();
        long end = base + range.size();
        if (range.size() < HEADER_SIZE) {
            throw new MalformedBinaryException("chained fixups header is truncated", base);
        }
        long version = data.u32(base);
        long importsOffset = data.u32(base + 8);
        long symbolsOffset = data.u32(base + 12);
        long count = data.u32(base + 16);
        long format = data.u32(base + 20);
        long symbolsFormat = data.u32(base + 24);
        if (version != 0) {
            throw new MalformedBinaryException("chained fixups version " + version + " is not known", base);
        }
        if (symbolsFormat != 0) {
            throw new MalformedBinaryException("compressed chained fixups symbol names (format " + symbolsFormat
                    + ") are not read", base + 24);
        }
        int entrySize = switch ((int) format) {
            case IMPORT -> 4;
            case IMPORT_ADDEND -> 8;
            case IMPORT_ADDEND64 -> 16;
            default -> throw new MalformedBinaryException("chained fixups imports format " + format
                    + " is not known", base + 20);
        };
        if (importsOffset > range.size() || count > (range.size() - importsOffset) / entrySize) {
            throw new MalformedBinaryException(count + " chained imports do not fit in the fixups data",
                    base + 16);
        }
        if (symbolsOffset > range.size()) {
            throw new MalformedBinaryException("chained fixups symbol pool lies outside the fixups data", base + 12);
        }
        long pool = base + symbolsOffset;
        for (long i = 0; i < count; i++) {
            long at = base + importsOffset + i * entrySize;
            long ordinal;
            boolean weak;
            long nameOffset;
            if (format == IMPORT_ADDEND64) {
                long raw = data.u64(at);
                int lib = (int) (raw & 0xffff);
                ordinal = lib >= 0xfff0 ? (short) lib : lib;
                weak = ((raw >>> 16) & 1) != 0;
                nameOffset = raw >>> 32;
            } else {
                long raw = data.u32(at);
                int lib = (int) (raw & 0xff);
                ordinal = lib >= 0xf0 ? (byte) lib : lib;
                weak = ((raw >>> 8) & 1) != 0;
                nameOffset = raw >>> 9;
            }
            if (nameOffset >= end - pool) {
                throw new MalformedBinaryException("chained import " + i + " names a symbol outside the pool", at);
            }
            imports.add(data.cstring(pool + nameOffset, end), ordinal, weak, at);
        }
    }
}
