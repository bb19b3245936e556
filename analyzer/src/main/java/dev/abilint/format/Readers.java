package dev.abilint.format;

import dev.abilint.format.elf.ElfReader;

/** The reader for each native format; null where abilint cannot read the format yet. */
public final class Readers {
    private Readers() {}

    public static BinaryReader forFormat(Format format) {
        return switch (format) {
            case ELF -> new ElfReader();
            default -> null;
        };
    }
}
