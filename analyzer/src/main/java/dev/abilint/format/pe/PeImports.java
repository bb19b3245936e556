package dev.abilint.format.pe;

import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Binary;
import dev.abilint.model.Problem;
import dev.abilint.model.Symbol;
import java.util.List;

/**
 * The import directory (IMAGE_IMPORT_DESCRIPTOR), the delay-load directory (ImgDelayDescr) and
 * the bound import directory. Imports by name carry the name; imports by ordinal are named
 * {@code #N} and carry {@code ordinal} N (the convention for PE symbols without a name across
 * abilint). Each import carries its DLL in {@code library}. Tables are read to their all-zero
 * terminators, within fixed caps; a table that runs out of its section before ending is a
 * {@link Problem}, and what was read before stays.
 */
final class PeImports {
    static final int MAX_DESCRIPTORS = 10_000;
    static final int MAX_THUNKS_PER_DLL = 100_000;
    /** Far above any real image (the largest have some tens of thousands of imports). */
    static final int MAX_THUNKS_TOTAL = 200_000;
    private static final int IMPORT_DESCRIPTOR_SIZE = 20;
    private static final int DELAY_DESCRIPTOR_SIZE = 32;
    private static final int BOUND_DESCRIPTOR_SIZE = 8;

    private final PeImage image;
    private final Binary binary;
    private int thunksRead;
    private boolean exhausted;

    PeImports(PeImage image, Binary binary) {
        this.image = image;
        this.binary = binary;
    }

    /** Reads the import directory: DLL names into {@code dlls}, symbols into the binary's imports. */
    void readImportDirectory(List<String> dlls) throws MalformedBinaryException {
        long start = image.headers.directoryRva(PeHeaders.DIR_IMPORT);
        for (int i = 0; ; i++) {
            if (i == MAX_DESCRIPTORS) {
                throw new MalformedBinaryException("import directory has more than " + MAX_DESCRIPTORS
                        + " descriptors without a terminator", -1);
            }
            long at = start + (long) i * IMPORT_DESCRIPTOR_SIZE;
            long offset = image.offset(at, IMPORT_DESCRIPTOR_SIZE, "import descriptor " + i);
            long lookup = image.data.u32(offset);
            long timeDateStamp = image.data.u32(offset + 4);
            long forwarderChain = image.data.u32(offset + 8);
            long name = image.data.u32(offset + 12);
            long addressTable = image.data.u32(offset + 16);
            if ((lookup | timeDateStamp | forwarderChain | name | addressTable) == 0) {
                return;
            }
            if (name == 0) {
                throw new MalformedBinaryException("import descriptor " + i + " has no DLL name", offset + 12);
            }
            String dll = image.string(name, "import DLL name");
            dlls.add(dll);
            // Old linkers leave OriginalFirstThunk 0; then the names are only in the IAT.
            long table = lookup != 0 ? lookup : addressTable;
            readThunks(table, dll, "import lookup table of " + dll, false);
        }
    }

    /** Reads the delay-load directory: DLL names into {@code dlls}, symbols into the imports. */
    void readDelayDirectory(List<String> dlls) throws MalformedBinaryException {
        long start = image.headers.directoryRva(PeHeaders.DIR_DELAY_IMPORT);
        for (int i = 0; ; i++) {
            if (i == MAX_DESCRIPTORS) {
                throw new MalformedBinaryException("delay-load directory has more than " + MAX_DESCRIPTORS
                        + " descriptors without a terminator", -1);
            }
            long at = start + (long) i * DELAY_DESCRIPTOR_SIZE;
            long offset = image.offset(at, DELAY_DESCRIPTOR_SIZE, "delay-load descriptor " + i);
            long attributes = image.data.u32(offset);
            long name = image.data.u32(offset + 4);
            long nameTable = image.data.u32(offset + 16);
            boolean allZero = true;
            for (int field = 0; field < DELAY_DESCRIPTOR_SIZE; field += 4) {
                allZero &= image.data.u32(offset + field) == 0;
            }
            if (allZero) {
                return;
            }
            if (name == 0) {
                throw new MalformedBinaryException("delay-load descriptor " + i + " has no DLL name", offset + 4);
            }
            // Attribute bit 0 (dlattrRva) says the fields are RVAs; old (Visual C++ 6) tables hold
            // VAs, in the descriptor and in the name table's entries alike.
            boolean vaBased = (attributes & 1) == 0;
            if (vaBased) {
                name = toRva(name, "delay-load DLL name", offset + 4);
                nameTable = toRva(nameTable, "delay-load name table", offset + 16);
            }
            String dll = image.string(name, "delay-load DLL name");
            dlls.add(dll);
            if (nameTable == 0) {
                throw new MalformedBinaryException("delay-load descriptor of " + dll + " has no name table",
                        offset + 16);
            }
            readThunks(nameTable, dll, "delay-load name table of " + dll, vaBased);
        }
    }

    private long toRva(long va, String what, long fieldOffset) throws MalformedBinaryException {
        long rva = image.vaToRva(va);
        if (va != 0 && (rva < 0 || rva > 0xffffffffL)) {
            throw new MalformedBinaryException(what + " VA 0x" + Long.toHexString(va)
                    + " is not inside the image", fieldOffset);
        }
        return va == 0 ? 0 : rva;
    }

    /**
     * One DLL's lookup table; a problem in it is recorded and reading goes on with the next DLL,
     * since the descriptors themselves are intact.
     */
    private void readThunks(long table, String dll, String what, boolean vaBased)
            throws MalformedBinaryException {
        if (table == 0) {
            binary.getProblems().add(new Problem(what + ": no lookup table", -1));
            return;
        }
        boolean wide = image.headers.wide;
        int entrySize = wide ? 8 : 4;
        try {
            for (int j = 0; ; j++) {
                if (j == MAX_THUNKS_PER_DLL) {
                    throw new MalformedBinaryException(what + " has more than " + MAX_THUNKS_PER_DLL
                            + " entries without a terminator", -1);
                }
                if (++thunksRead > MAX_THUNKS_TOTAL) {
                    // Not a problem of this DLL: the whole file asks for too much work.
                    exhausted = true;
                    throw new MalformedBinaryException("more than " + MAX_THUNKS_TOTAL + " import entries in all", -1);
                }
                long entry = image.word(table + (long) j * entrySize, what);
                if (entry == 0) {
                    return;
                }
                boolean byOrdinal = wide ? entry < 0 : (entry & 0x80000000L) != 0;
                if (byOrdinal) {
                    int ordinal = (int) (entry & 0xffff);
                    binary.getImports().add(new Symbol("#" + ordinal, null, null, dll, null, false, false, ordinal));
                } else {
                    long hintName = vaBased ? toRva(entry, "imported name", -1)
                            : entry & (wide ? 0xffffffffL : 0x7fffffffL);
                    String name = image.string(hintName + 2, "imported name");
                    binary.getImports().add(Symbol.imported(name, null, dll, false));
                }
            }
        } catch (MalformedBinaryException e) {
            MalformedBinaryException described = new MalformedBinaryException(what + ": " + e.reason(), e.offset());
            if (exhausted || image.stringBudgetSpent()) {
                throw described;
            }
            binary.getProblems().add(new Problem(described.reason(), described.offset()));
        }
    }

    /** The DLL names of the bound import directory (forwarder references skipped). */
    void readBoundDirectory(List<String> dlls) throws MalformedBinaryException {
        long start = image.headers.directoryRva(PeHeaders.DIR_BOUND_IMPORT);
        long at = start;
        for (int i = 0; ; i++) {
            if (i == MAX_DESCRIPTORS) {
                throw new MalformedBinaryException("bound import directory has more than " + MAX_DESCRIPTORS
                        + " entries without a terminator", -1);
            }
            long offset = image.offset(at, BOUND_DESCRIPTOR_SIZE, "bound import descriptor " + i);
            long timeDateStamp = image.data.u32(offset);
            int nameOffset = image.data.u16(offset + 4);
            int forwarderRefs = image.data.u16(offset + 6);
            if (timeDateStamp == 0 && nameOffset == 0 && forwarderRefs == 0) {
                return;
            }
            dlls.add(image.string(start + nameOffset, "bound import DLL name"));
            at += BOUND_DESCRIPTOR_SIZE * (1L + forwarderRefs);
        }
    }
}
