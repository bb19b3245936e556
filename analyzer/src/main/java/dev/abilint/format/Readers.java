package dev.abilint.format;

import dev.abilint.format.elf.ElfReader;
import dev.abilint.format.macho.MachOReader;
import dev.abilint.format.pe.PeReader;
import dev.abilint.format.xcoff.XcoffReader;

/** The reader for each native format; null where abilint cannot read the format. */
public final class Readers {
    private Readers() {}

    public static BinaryReader forFormat(Format format) {
        return switch (format) {
            case ELF -> new ElfReader();
            case MACHO, MACHO_FAT -> new MachOReader();
            case PE -> new PeReader();
            case XCOFF, AIX_ARCHIVE -> new XcoffReader();
            default -> null;
        };
    }
}
