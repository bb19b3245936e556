package dev.abilint.format.pe;

/** One section header: where the section is in memory and where its bytes are in the file. */
record PeSection(String name, long virtualAddress, long virtualSize, long rawSize, long rawOffset,
        long characteristics) {
    static final long CNT_CODE = 0x20;
    static final long MEM_EXECUTE = 0x20000000L;

    /** The extent in memory: VirtualSize, or SizeOfRawData where a linker left VirtualSize 0. */
    long memorySize() {
        return virtualSize != 0 ? virtualSize : rawSize;
    }

    /** Whether [rva, rva+length) lies in this section's bytes that the file holds. */
    boolean holds(long rva, long length) {
        long start = rva - virtualAddress;
        long mapped = Math.min(memorySize(), rawSize);
        return rva >= virtualAddress && start <= mapped && length <= mapped - start;
    }

    boolean inMemory(long rva) {
        return rva >= virtualAddress && rva - virtualAddress < memorySize();
    }

    boolean executable() {
        return (characteristics & (CNT_CODE | MEM_EXECUTE)) != 0;
    }
}
