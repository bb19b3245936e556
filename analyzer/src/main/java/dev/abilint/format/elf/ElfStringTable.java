package dev.abilint.format.elf;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;

/** A string table at a file range; every lookup is checked to stay inside it. */
final class ElfStringTable {
    private final Bytes data;
    private final long offset;
    private final long size;

    ElfStringTable(Bytes data, long offset, long size) throws MalformedBinaryException {
        data.check(offset, size, "string table");
        this.data = data;
        this.offset = offset;
        this.size = size;
    }

    String get(long index) throws MalformedBinaryException {
        if (index < 0 || index >= size) {
            throw new MalformedBinaryException("string index " + index + " is outside its table of " + size + " bytes",
                    offset);
        }
        return data.cstring(offset + index, offset + size);
    }
}
