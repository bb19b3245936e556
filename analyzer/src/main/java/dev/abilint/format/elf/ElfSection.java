package dev.abilint.format.elf;

/** One entry of the section header table, as read by {@link ElfSectionTable}. */
record ElfSection(int index, long type, long flags, long addr, long offset, long size, long link, long info, long entsize) {
    static final long SHT_NOBITS = 8;
    static final long SHF_ALLOC = 2;

    boolean hasFileData() {
        return type != SHT_NOBITS && size > 0;
    }
}
