package dev.abilint.format.elf;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The section header table, read by us rather than by jelf: jelf builds and parses every
 * section's contents the moment its header is asked for (unbounded {@code new byte[sh_size]}),
 * and cannot take more than 32767 sections. Only headers are read here; contents on demand.
 */
final class ElfSectionTable {
    static final long SHT_DYNSYM = 11;
    static final long SHT_DYNAMIC = 6;
    static final long SHT_NOTE = 7;
    static final long SHT_GNU_VERDEF = 0x6ffffffdL;
    static final long SHT_GNU_VERNEED = 0x6ffffffeL;
    static final long SHT_GNU_VERSYM = 0x6fffffffL;

    private final List<ElfSection> sections;

    private ElfSectionTable(List<ElfSection> sections) {
        this.sections = sections;
    }

    static ElfSectionTable empty() {
        return new ElfSectionTable(Collections.emptyList());
    }

    static ElfSectionTable read(Bytes data, boolean wide, long shoff, int shentsize, int shnumField)
            throws MalformedBinaryException {
        if (shoff == 0) {
            return empty();
        }
        int minEntry = wide ? 64 : 40;
        if (shentsize < minEntry) {
            throw new MalformedBinaryException("section header entry size " + shentsize + " is below " + minEntry, shoff);
        }
        long count = shnumField;
        if (count == 0) {
            // Extended numbering: the real count is in section 0's sh_size.
            data.check(shoff, minEntry, "section header 0");
            count = wide ? data.u64(shoff + 32) : data.u32(shoff + 20);
        }
        if (count < 0 || count > (data.size() - shoff) / shentsize) {
            throw new MalformedBinaryException("section header table of " + count + " entries runs past the end of the file", shoff);
        }
        List<ElfSection> out = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long at = shoff + (long) i * shentsize;
            out.add(wide
                    ? new ElfSection(i, data.u32(at + 4), data.u64(at + 8), data.u64(at + 16), data.u64(at + 24),
                            data.u64(at + 32), data.u32(at + 40), data.u32(at + 44), data.u64(at + 56))
                    : new ElfSection(i, data.u32(at + 4), data.u32(at + 8), data.u32(at + 12), data.u32(at + 16),
                            data.u32(at + 20), data.u32(at + 24), data.u32(at + 28), data.u32(at + 36)));
        }
        return new ElfSectionTable(out);
    }

    List<ElfSection> all() {
        return sections;
    }

    boolean isEmpty() {
        return sections.isEmpty();
    }

    ElfSection firstOfType(long type) {
        for (ElfSection s : sections) {
            if (s.type() == type) {
                return s;
            }
        }
        return null;
    }

    ElfSection get(long index) {
        return index >= 0 && index < sections.size() ? sections.get((int) index) : null;
    }
}
