package dev.abilint.format.pe;

import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Binary;

/**
 * The debug directory: whether there is one, and the PDB path of its CodeView entry
 * ({@code RSDS}, or the older {@code NB10}).
 */
final class PeDebugDirectory {
    static final int MAX_ENTRIES = 1000;
    private static final int ENTRY_SIZE = 28;
    private static final int TYPE_CODEVIEW = 2;
    private static final long RSDS = 0x53445352L; // "RSDS" read little-endian
    private static final long NB10 = 0x3031424eL; // "NB10"

    private PeDebugDirectory() {}

    static void read(PeImage image, Binary binary) throws MalformedBinaryException {
        long rva = image.headers.directoryRva(PeHeaders.DIR_DEBUG);
        long size = image.headers.directorySize(PeHeaders.DIR_DEBUG);
        long count = size / ENTRY_SIZE;
        if (count > MAX_ENTRIES) {
            throw new MalformedBinaryException("debug directory of " + size + " bytes is not plausible", -1);
        }
        binary.getFlags().put("debugDirectory", count > 0);
        if (count == 0) {
            return;
        }
        long table = image.offset(rva, count * ENTRY_SIZE, "debug directory");
        for (int i = 0; i < count; i++) {
            long entry = table + (long) i * ENTRY_SIZE;
            if (image.data.u32(entry + 12) != TYPE_CODEVIEW) {
                continue;
            }
            long dataSize = image.data.u32(entry + 16);
            long dataRva = image.data.u32(entry + 20);
            long dataOffset = image.data.u32(entry + 24);
            if (dataOffset == 0 || !image.data.contains(dataOffset, dataSize)) {
                dataOffset = image.offset(dataRva, dataSize, "CodeView debug record");
            }
            if (dataSize < 4) {
                continue;
            }
            long signature = image.data.u32(dataOffset);
            int pathAt = signature == RSDS ? 24 : signature == NB10 ? 16 : -1;
            if (pathAt < 0 || dataSize <= pathAt) {
                continue;
            }
            long limit = dataOffset + Math.min(dataSize, pathAt + PeImage.MAX_NAME + 1L);
            binary.getFlags().put("pdb", image.data.cstring(dataOffset + pathAt, limit));
            return;
        }
    }
}
