package dev.abilint.format.pe;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import java.util.ArrayList;
import java.util.List;

/**
 * The file seen as the loader maps it: RVAs are turned into file offsets through the section
 * table (VirtualAddress/VirtualSize against PointerToRawData/SizeOfRawData) or, below the first
 * section, through the headers (SizeOfHeaders), and every read is checked against the section's
 * bytes in the file. Strings read through here share one budget, so a file whose tables point
 * many times at one long unterminated string cannot make reading slow.
 */
final class PeImage {
    private static final int SECTION_HEADER_SIZE = 40;
    /** Longest name read from a table; longer ones are treated as damage. */
    static final int MAX_NAME = 4096;

    final Bytes data;
    final PeHeaders headers;
    private final List<PeSection> sections;
    private final long headersEnd;
    private long stringBudget;
    private PeSection lastHit;

    private PeImage(Bytes data, PeHeaders headers, List<PeSection> sections) {
        this.data = data;
        this.headers = headers;
        this.sections = sections;
        long firstSection = Long.MAX_VALUE;
        for (PeSection s : sections) {
            firstSection = Math.min(firstSection, s.virtualAddress());
        }
        this.headersEnd = Math.min(Math.min(headers.sizeOfHeaders, firstSection), data.size());
        // Each name in a sound file is stored once and read once (lookup tables, not the IAT, are
        // read), so the names of a file add up to less than its size.
        this.stringBudget = 1024L * 1024 + 2L * data.size();
    }

    static PeImage read(Bytes data, PeHeaders headers) throws MalformedBinaryException {
        long table = headers.sectionTableOffset();
        int count = headers.numberOfSections;
        data.check(table, (long) count * SECTION_HEADER_SIZE, "section table of " + count + " sections");
        List<PeSection> sections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long at = table + (long) i * SECTION_HEADER_SIZE;
            sections.add(new PeSection(data.fixedString(at, 8), data.u32(at + 12), data.u32(at + 8),
                    data.u32(at + 16), data.u32(at + 20), data.u32(at + 36)));
        }
        return new PeImage(data, headers, sections);
    }

    List<PeSection> sections() {
        return sections;
    }

    /** The section whose memory range holds {@code rva}, or null. */
    PeSection sectionAt(long rva) {
        if (lastHit != null && lastHit.inMemory(rva)) {
            return lastHit;
        }
        for (PeSection s : sections) {
            if (s.inMemory(rva)) {
                lastHit = s;
                return s;
            }
        }
        return null;
    }

    /** The file offset of {@code length} bytes at {@code rva}, all inside one section's file bytes. */
    long offset(long rva, long length, String what) throws MalformedBinaryException {
        if (rva < 0 || rva > 0xffffffffL) {
            throw new MalformedBinaryException(what + " RVA 0x" + Long.toHexString(rva) + " is not a 32-bit RVA", -1);
        }
        if (rva < headersEnd && length <= headersEnd - rva) {
            return rva;
        }
        PeSection s = sectionAt(rva);
        if (s == null) {
            throw new MalformedBinaryException(what + " RVA 0x" + Long.toHexString(rva)
                    + " is not inside any section", -1);
        }
        if (!s.holds(rva, length)) {
            throw new MalformedBinaryException(what + " at RVA 0x" + Long.toHexString(rva) + " (" + length
                    + " bytes) runs past the file bytes of section " + s.name(), s.rawOffset());
        }
        long offset = s.rawOffset() + (rva - s.virtualAddress());
        data.check(offset, length, what);
        return offset;
    }

    /** How many bytes from {@code rva} to the end of what the file holds of its section. */
    long available(long rva, String what) throws MalformedBinaryException {
        offset(rva, 1, what);
        if (rva < headersEnd) {
            return headersEnd - rva;
        }
        PeSection s = sectionAt(rva);
        long mapped = Math.min(s.memorySize(), s.rawSize());
        long fileLeft = data.size() - (s.rawOffset() + (rva - s.virtualAddress()));
        return Math.min(mapped - (rva - s.virtualAddress()), fileLeft);
    }

    int u16(long rva, String what) throws MalformedBinaryException {
        return data.u16(offset(rva, 2, what));
    }

    long u32(long rva, String what) throws MalformedBinaryException {
        return data.u32(offset(rva, 4, what));
    }

    /** A pointer-sized word: 8 bytes in PE32+, 4 in PE32. */
    long word(long rva, String what) throws MalformedBinaryException {
        return headers.wide ? data.u64(offset(rva, 8, what)) : data.u32(offset(rva, 4, what));
    }

    /** A NUL-terminated name at {@code rva}, ending inside its section and within {@link #MAX_NAME}. */
    String string(long rva, String what) throws MalformedBinaryException {
        long start = offset(rva, 1, what);
        long limit = start + Math.min(available(rva, what), MAX_NAME + 1L);
        if (stringBudget <= 0) {
            throw new MalformedBinaryException("too many string bytes read; stopping at " + what, start);
        }
        String value;
        try {
            value = data.cstring(start, limit);
        } catch (MalformedBinaryException e) {
            throw new MalformedBinaryException(what + " is not terminated inside its section within "
                    + MAX_NAME + " bytes", start);
        }
        stringBudget -= value.length() + 1L;
        return value;
    }

    /** Whether the string budget is spent: every later string read fails, so stop reading tables. */
    boolean stringBudgetSpent() {
        return stringBudget <= 0;
    }

    /** An address in the image (a VA) turned into an RVA, for old VA-based delay-load tables. */
    long vaToRva(long va) {
        return va - headers.imageBase;
    }
}
