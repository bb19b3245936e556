package dev.abilint.format.pe;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;

/**
 * The DOS header's pointer, the COFF file header and the optional header (PE32 or PE32+) with its
 * data directories. Anything wrong here makes the file unreadable: these are the headers the
 * Windows loader refuses to map without.
 */
final class PeHeaders {
    static final int DIR_EXPORT = 0;
    static final int DIR_IMPORT = 1;
    static final int DIR_DEBUG = 6;
    static final int DIR_BOUND_IMPORT = 11;
    static final int DIR_DELAY_IMPORT = 13;
    static final int DIR_CLR = 14;
    private static final int MAX_DIRECTORIES = 16;
    private static final int PE32 = 0x10b;
    private static final int PE32_PLUS = 0x20b;

    final long peOffset;
    final int machine;
    final int numberOfSections;
    final int characteristics;
    final long optionalOffset;
    final int sizeOfOptionalHeader;
    final boolean wide;
    final int linkerMajor;
    final int linkerMinor;
    final long imageBase;
    final int osMajor;
    final int osMinor;
    final int subsystemMajor;
    final int subsystemMinor;
    final long sizeOfHeaders;
    final int subsystem;
    final int dllCharacteristics;
    private final long[] directoryRva = new long[MAX_DIRECTORIES];
    private final long[] directorySize = new long[MAX_DIRECTORIES];
    final long declaredDirectories;

    private PeHeaders(Bytes data) throws MalformedBinaryException {
        if (!data.startsWith(0, new byte[] {'M', 'Z'})) {
            throw new MalformedBinaryException("not a PE file (no MZ signature)", 0);
        }
        data.check(0, 0x40, "DOS header");
        int lfanew = data.s32(0x3c);
        if (lfanew < 4 || !data.contains(lfanew, 24)) {
            throw new MalformedBinaryException("e_lfanew 0x" + Integer.toHexString(lfanew)
                    + " does not point to a PE header inside the file", 0x3c);
        }
        if (!data.startsWith(lfanew, new byte[] {'P', 'E', 0, 0})) {
            throw new MalformedBinaryException("no PE\\0\\0 signature at e_lfanew", lfanew);
        }
        peOffset = lfanew;
        long coff = lfanew + 4L;
        machine = data.u16(coff);
        numberOfSections = data.u16(coff + 2);
        sizeOfOptionalHeader = data.u16(coff + 16);
        characteristics = data.u16(coff + 18);
        optionalOffset = coff + 20;
        if (sizeOfOptionalHeader < 2) {
            throw new MalformedBinaryException("no optional header (SizeOfOptionalHeader "
                    + sizeOfOptionalHeader + "): not an image", coff + 16);
        }
        data.check(optionalOffset, sizeOfOptionalHeader, "optional header");
        int magic = data.u16(optionalOffset);
        if (magic != PE32 && magic != PE32_PLUS) {
            throw new MalformedBinaryException("unknown optional header magic 0x" + Integer.toHexString(magic),
                    optionalOffset);
        }
        wide = magic == PE32_PLUS;
        int fixedSize = wide ? 112 : 96;
        if (sizeOfOptionalHeader < fixedSize) {
            throw new MalformedBinaryException("optional header of " + sizeOfOptionalHeader
                    + " bytes is shorter than the " + fixedSize + " its magic needs", coff + 16);
        }
        long o = optionalOffset;
        linkerMajor = data.u8(o + 2);
        linkerMinor = data.u8(o + 3);
        imageBase = wide ? data.u64(o + 24) : data.u32(o + 28);
        osMajor = data.u16(o + 40);
        osMinor = data.u16(o + 42);
        subsystemMajor = data.u16(o + 48);
        subsystemMinor = data.u16(o + 50);
        sizeOfHeaders = data.u32(o + 60);
        subsystem = data.u16(o + 68);
        dllCharacteristics = data.u16(o + 70);
        declaredDirectories = data.u32(o + (wide ? 108 : 92));
        long fitting = (sizeOfOptionalHeader - fixedSize) / 8;
        long count = Math.min(Math.min(declaredDirectories, fitting), MAX_DIRECTORIES);
        for (int i = 0; i < count; i++) {
            long entry = o + fixedSize + 8L * i;
            directoryRva[i] = data.u32(entry);
            directorySize[i] = data.u32(entry + 4);
        }
    }

    static PeHeaders read(Bytes data) throws MalformedBinaryException {
        return new PeHeaders(data);
    }

    long sectionTableOffset() {
        return optionalOffset + sizeOfOptionalHeader;
    }

    /** The RVA of data directory {@code index}, 0 when absent. */
    long directoryRva(int index) {
        return directoryRva[index];
    }

    long directorySize(int index) {
        return directorySize[index];
    }

    boolean hasDirectory(int index) {
        return directoryRva[index] != 0;
    }
}
