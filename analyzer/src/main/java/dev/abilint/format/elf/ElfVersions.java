package dev.abilint.format.elf;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import java.util.HashMap;
import java.util.Map;

/**
 * GNU symbol versioning ({@code .gnu.version_r} needs and {@code .gnu.version_d} definitions),
 * which jelf does not read: maps a {@code .gnu.version} index to its version name and, for
 * needed versions, the library that must provide it. Entries chain by forward offsets; every
 * chain is bounded by its declared count and by the table's place in the file.
 */
final class ElfVersions {
    /** A version by index: its name, and the library for a needed version (null for a definition). */
    record Version(String name, String library, boolean base) {}

    private static final int MAX_ENTRIES = 1 << 16;

    private final Map<Integer, Version> byIndex = new HashMap<>();

    Version get(int index) {
        return byIndex.get(index);
    }

    boolean isEmpty() {
        return byIndex.isEmpty();
    }

    void readNeeds(Bytes data, long offset, long count, ElfStringTable strings) throws MalformedBinaryException {
        long at = offset;
        int seen = 0;
        for (long i = 0; i < count && i < MAX_ENTRIES; i++) {
            data.check(at, 16, "version need entry");
            int auxCount = data.u16(at + 2);
            String file = strings.get(data.u32(at + 4));
            long aux = at + data.u32(at + 8);
            for (int j = 0; j < auxCount; j++) {
                if (++seen > MAX_ENTRIES) {
                    throw new MalformedBinaryException("too many version need entries", aux);
                }
                data.check(aux, 16, "version need aux entry");
                int index = data.u16(aux + 6) & 0x7fff;
                byIndex.put(index, new Version(strings.get(data.u32(aux + 8)), file, false));
                long next = data.u32(aux + 12);
                if (next == 0) {
                    break;
                }
                aux += next;
            }
            long next = data.u32(at + 12);
            if (next == 0) {
                break;
            }
            at += next;
        }
    }

    void readDefinitions(Bytes data, long offset, long count, ElfStringTable strings) throws MalformedBinaryException {
        long at = offset;
        for (long i = 0; i < count && i < MAX_ENTRIES; i++) {
            data.check(at, 20, "version definition entry");
            int flags = data.u16(at + 2);
            int index = data.u16(at + 4) & 0x7fff;
            int auxCount = data.u16(at + 6);
            if (auxCount > 0) {
                long aux = at + data.u32(at + 12);
                data.check(aux, 8, "version definition aux entry");
                byIndex.put(index, new Version(strings.get(data.u32(aux)), null, (flags & 1) != 0));
            }
            long next = data.u32(at + 16);
            if (next == 0) {
                break;
            }
            at += next;
        }
    }
}
