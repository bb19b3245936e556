package dev.abilint.format.xcoff;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * The file header, auxiliary header and section table of an XCOFF file (big-endian; the 32-bit and 64-bit
 * layouts of AIX's {@code <xcoff.h>}: filehdr 20/24 bytes, aux header 72/120, section header 40/72).
 */
final class XcoffHeaders {
    /** One section header: name, virtual address, size and file offset of its raw data, s_flags. */
    record Section(int index, String name, long vaddr, long size, long offset, long flags, long headerOffset) {}

    final boolean wide;
    final int flags;
    final long symbolTableOffset;
    final long symbolCount;
    final List<Section> sections;
    /** o_modtype of the auxiliary header ("1L", "RE", "RO"), or null when there is none. */
    final String modtype;
    /** Damage in the auxiliary header, or null. */
    final Problem auxProblem;

    private XcoffHeaders(boolean wide, int flags, long symptr, long nsyms, List<Section> sections, String modtype,
            Problem auxProblem) {
        this.wide = wide;
        this.flags = flags;
        this.symbolTableOffset = symptr;
        this.symbolCount = nsyms;
        this.sections = sections;
        this.modtype = modtype;
        this.auxProblem = auxProblem;
    }

    static XcoffHeaders read(Bytes data) throws MalformedBinaryException {
        data.check(0, 20, "XCOFF file header");
        int magic = data.u16(0);
        boolean wide;
        if (magic == XcoffReader.MAGIC_32) {
            wide = false;
        } else if (magic == XcoffReader.MAGIC_64) {
            wide = true;
        } else {
            throw new MalformedBinaryException("not an XCOFF file (magic 0x" + Integer.toHexString(magic) + ")", 0);
        }
        int headerSize = wide ? 24 : 20;
        data.check(0, headerSize, "XCOFF file header");
        int nscns = data.u16(2);
        long symptr = wide ? data.u64(8) : data.u32(8);
        int opthdr = data.u16(16);
        int flags = data.u16(wide ? 18 : 18);
        long nsyms = wide ? data.u32(20) : data.u32(12);
        if (nscns > XcoffReader.MAX_SECTIONS) {
            throw new MalformedBinaryException("XCOFF header declares " + nscns + " sections (more than "
                    + XcoffReader.MAX_SECTIONS + ")", 2);
        }
        long sectionTable = headerSize + (long) opthdr;
        int entry = wide ? 72 : 40;
        data.check(sectionTable, (long) nscns * entry, "XCOFF section table (" + nscns + " sections)");
        String modtype = null;
        Problem auxProblem = null;
        if (opthdr >= 50) {
            // o_modtype is at offset 48 in both layouts; two printable characters ("1L", "RE", "RO") or NULs
            String m = data.fixedString(headerSize + 48, 2);
            modtype = m.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? m : null;
            int auxMagic = data.u16(headerSize);
            if (auxMagic != 0x010b && auxMagic != 0x0107) {
                auxProblem = new Problem("auxiliary header magic is 0x" + Integer.toHexString(auxMagic)
                        + ", not 0x10b", headerSize);
            }
        }
        List<Section> sections = new ArrayList<>(nscns);
        for (int i = 0; i < nscns; i++) {
            long at = sectionTable + (long) i * entry;
            String name = data.fixedString(at, 8);
            long vaddr = wide ? data.u64(at + 16) : data.u32(at + 12);
            long size = wide ? data.u64(at + 24) : data.u32(at + 16);
            long offset = wide ? data.u64(at + 32) : data.u32(at + 20);
            long sflags = wide ? data.u32(at + 64) : data.u32(at + 36);
            sections.add(new Section(i + 1, name, vaddr, size, offset, sflags, at));
        }
        return new XcoffHeaders(wide, flags, symptr, nsyms, sections, modtype, auxProblem);
    }
}
