package dev.abilint.format;

/** What a file is, told from its first bytes, never from its name. */
public enum Format {
    ELF, MACHO, MACHO_FAT, PE, XCOFF, AIX_ARCHIVE, JAVA_CLASS, ZIP, GZIP, UNKNOWN;

    /** Bytes needed to tell the formats apart. */
    public static final int SNIFF_BYTES = 8;

    public static Format sniff(Bytes data) {
        if (data.size() < 4) {
            return UNKNOWN;
        }
        try {
            long be = data.order(java.nio.ByteOrder.BIG_ENDIAN).u32(0);
            if (be == 0x7f454c46L) {
                return ELF;
            }
            if (be == 0xfeedfaceL || be == 0xfeedfacfL || be == 0xcefaedfeL || be == 0xcffaedfeL) {
                return MACHO;
            }
            if (be == 0xcafebabeL || be == 0xcafebabfL) {
                // Fat Mach-O and Java class files share this magic: a fat header's next word is a
                // small slice count, a class file's is its version (major 45 or more).
                if (data.size() < 8) {
                    return UNKNOWN;
                }
                long next = data.order(java.nio.ByteOrder.BIG_ENDIAN).u32(4);
                if (be == 0xcafebabfL || (next > 0 && next < 45)) {
                    return MACHO_FAT;
                }
                return JAVA_CLASS;
            }
            if ((be >>> 16) == 0x4d5aL) {
                return PE;
            }
            if (be == 0x504b0304L || be == 0x504b0506L) {
                return ZIP;
            }
            if ((be >>> 16) == 0x1f8bL) {
                return GZIP;
            }
            if (dev.abilint.format.xcoff.XcoffReader.matches(data)) {
                return XCOFF;
            }
            if (dev.abilint.format.xcoff.XcoffReader.matchesArchive(data)) {
                return AIX_ARCHIVE;
            }
        } catch (MalformedBinaryException e) {
            return UNKNOWN;
        }
        return UNKNOWN;
    }

    /** Whether this is a native binary format that a {@link BinaryReader} reads. */
    public boolean isNative() {
        return this == ELF || this == MACHO || this == MACHO_FAT || this == PE || this == XCOFF || this == AIX_ARCHIVE;
    }
}
