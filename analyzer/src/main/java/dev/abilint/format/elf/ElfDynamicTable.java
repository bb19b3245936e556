package dev.abilint.format.elf;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code _DYNAMIC} array: tag/value pairs up to {@code DT_NULL}. Read by us rather than by jelf,
 * whose reader assumes 8-byte entries and reads past the table when DT_NULL is missing.
 */
final class ElfDynamicTable {
    static final long DT_NULL = 0;
    static final long DT_NEEDED = 1;
    static final long DT_HASH = 4;
    static final long DT_STRTAB = 5;
    static final long DT_RELA = 7;
    static final long DT_RELASZ = 8;
    static final long DT_RELAENT = 9;
    static final long DT_REL = 17;
    static final long DT_RELSZ = 18;
    static final long DT_RELENT = 19;
    static final long DT_RELRSZ = 35;
    static final long DT_RELR = 36;
    static final long DT_SYMTAB = 6;
    static final long DT_STRSZ = 10;
    static final long DT_SYMENT = 11;
    static final long DT_SONAME = 14;
    static final long DT_RPATH = 15;
    static final long DT_TEXTREL = 22;
    static final long DT_BIND_NOW = 24;
    static final long DT_RUNPATH = 29;
    static final long DT_FLAGS = 30;
    static final long DT_GNU_HASH = 0x6ffffef5L;
    static final long DT_VERSYM = 0x6ffffff0L;
    static final long DT_FLAGS_1 = 0x6ffffffbL;
    static final long DT_VERDEF = 0x6ffffffcL;
    static final long DT_VERDEFNUM = 0x6ffffffdL;
    static final long DT_VERNEED = 0x6ffffffeL;
    static final long DT_VERNEEDNUM = 0x6fffffffL;

    static final long DF_TEXTREL = 0x4;
    static final long DF_BIND_NOW = 0x8;
    static final long DF_1_NOW = 0x1;
    static final long DF_1_PIE = 0x08000000L;

    record Entry(long tag, long value) {}

    private final List<Entry> entries;

    private ElfDynamicTable(List<Entry> entries) {
        this.entries = entries;
    }

    static ElfDynamicTable empty() {
        return new ElfDynamicTable(List.of());
    }

    static ElfDynamicTable read(Bytes data, boolean wide, long offset, long size) throws MalformedBinaryException {
        data.check(offset, size, "dynamic table");
        int entrySize = wide ? 16 : 8;
        long count = size / entrySize;
        List<Entry> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long at = offset + i * entrySize;
            long tag = data.word(at, wide);
            if (tag == DT_NULL) {
                break;
            }
            out.add(new Entry(tag, data.word(at + entrySize / 2, wide)));
        }
        return new ElfDynamicTable(out);
    }

    List<Entry> entries() {
        return entries;
    }

    boolean has(long tag) {
        for (Entry e : entries) {
            if (e.tag() == tag) {
                return true;
            }
        }
        return false;
    }

    /** The value of the first entry with this tag, or -1 (no real table has an all-ones pointer). */
    long first(long tag) {
        for (Entry e : entries) {
            if (e.tag() == tag) {
                return e.value();
            }
        }
        return -1;
    }

    List<Long> all(long tag) {
        List<Long> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.tag() == tag) {
                out.add(e.value());
            }
        }
        return out;
    }
}
