package dev.abilint.format;

import dev.abilint.format.elf.ElfReader;

/** The reader for each native format; null where abilint cannot read the format yet. */
public final class Readers {
    private Readers() {}

    public static BinaryReader forFormat(Format format) {
        return switch (format) {
            case ELF -> new ElfReader();
            case MACHO, MACHO_FAT -> new dev.abilint.format.macho.MachOReader();
            default -> null;
        };
    }
}
