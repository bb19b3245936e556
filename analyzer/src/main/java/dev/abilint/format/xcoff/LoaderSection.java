package dev.abilint.format.xcoff;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Binary;
import dev.abilint.model.Problem;
import dev.abilint.model.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The loader section (.loader, STYP_LOADER) of an XCOFF file: its header, symbol table (imports and exports,
 * 24 bytes per symbol in both layouts), import file ID strings (path, base, member, each NUL-terminated; the
 * first entry is the library search path) and string table (names longer than 8 bytes, and every name in
 * 64-bit files). Offsets in the header are relative to the section's start.
 */
final class LoaderSection {
    private static final int L_WEAK = 0x08;
    private static final int L_EXPORT = 0x10;
    private static final int L_IMPORT = 0x40;
    private static final int XMC_PR = 0;
    private static final int XMC_DS = 10;
    private static final int XMC_GL = 6;
    private static final int XMC_TL = 20;
    private static final int XMC_UL = 21;
    private static final int SYMBOL_SIZE = 24;
    /** A name longer than this is cut (C++ names run long, but not this long). */
    private static final int MAX_NAME = 4096;

    private LoaderSection() {}

    static void read(Bytes file, XcoffHeaders.Section section, boolean wide, Binary binary)
            throws MalformedBinaryException {
        if (section.size() <= 0 || !file.contains(section.offset(), section.size())) {
            throw new MalformedBinaryException("loader section (" + section.size() + " bytes at " + section.offset()
                    + ") lies outside the file", section.headerOffset());
        }
        long base = section.offset();
        Bytes data = file.slice(base, section.size());
        int headerSize = wide ? 56 : 32;
        data.check(0, headerSize, "loader section header");
        long version = data.u32(0);
        long nsyms = data.u32(4);
        long istlen = data.u32(12);
        long nimpid = data.u32(16);
        long impoff;
        long stlen;
        long stoff;
        long symoff;
        if (wide) {
            stlen = data.u32(20);
            impoff = data.u64(24);
            stoff = data.u64(32);
            symoff = data.u64(40);
        } else {
            impoff = data.u32(20);
            stlen = data.u32(24);
            stoff = data.u32(28);
            symoff = headerSize;
        }
        binary.getFlags().put("loaderVersion", version);
        if (nsyms > data.size() / SYMBOL_SIZE) {
            throw new MalformedBinaryException("loader section declares " + nsyms + " symbols, more than its "
                    + data.size() + " bytes hold", base + 4);
        }
        data.check(symoff, nsyms * SYMBOL_SIZE, "loader symbol table (" + nsyms + " symbols)");
        Bytes strings = null;
        if (stlen > 0) {
            if (!data.contains(stoff, stlen)) {
                binary.getProblems().add(new Problem("loader string table (" + stlen + " bytes at " + stoff
                        + ") lies outside the loader section", base + (wide ? 32 : 28)));
            } else {
                strings = data.slice(stoff, stlen);
            }
        }
        List<String> files = importFiles(data, impoff, istlen, nimpid, base, binary);
        if (!files.isEmpty()) {
            String libpath = files.get(0);
            if (!libpath.isEmpty()) {
                binary.getFlags().put("libpath", List.of(libpath.split(":", -1)));
            }
        }
        Set<String> needed = new LinkedHashSet<>();
        for (int i = 1; i < files.size(); i++) {
            needed.add(files.get(i));
        }
        binary.getNeeded().addAll(needed);
        int badNames = 0;
        long firstBad = -1;
        for (long i = 0; i < nsyms; i++) {
            long at = symoff + i * SYMBOL_SIZE;
            String name;
            int smtype;
            int smclas;
            long ifile;
            if (wide) {
                long offset = data.u32(at + 8);
                smtype = data.u8(at + 14);
                smclas = data.u8(at + 15);
                ifile = data.u32(at + 16);
                name = fromTable(strings, offset);
            } else {
                if (data.u32(at) == 0) {
                    name = fromTable(strings, data.u32(at + 4));
                } else {
                    name = data.fixedString(at, 8);
                }
                smtype = data.u8(at + 14);
                smclas = data.u8(at + 15);
                ifile = data.u32(at + 16);
            }
            if (name == null) {
                badNames++;
                if (firstBad < 0) {
                    firstBad = base + at;
                }
                continue;
            }
            boolean weak = (smtype & L_WEAK) != 0;
            if ((smtype & L_IMPORT) != 0) {
                String library = ifile > 0 && ifile < files.size() ? files.get((int) ifile) : null;
                binary.getImports().add(Symbol.imported(name, null, library, weak));
            } else if ((smtype & L_EXPORT) != 0) {
                binary.getExports().add(new Symbol(name, null, null, null, kind(smclas), weak, false, null));
            }
        }
        if (badNames > 0) {
            binary.getProblems().add(new Problem(badNames + " loader symbol name" + (badNames == 1 ? "" : "s")
                    + " lie outside the loader string table", firstBad));
        }
    }

    /** function for code and descriptors, tls for thread-local storage, object otherwise. */
    private static String kind(int smclas) {
        return switch (smclas) {
            case XMC_PR, XMC_DS, XMC_GL -> "function";
            case XMC_TL, XMC_UL -> "tls";
            default -> "object";
        };
    }

    /** A name in the loader string table (each preceded by a 2-byte length), or null when it is not inside it. */
    private static String fromTable(Bytes strings, long offset) throws MalformedBinaryException {
        if (strings == null || offset < 2 || offset >= strings.size()) {
            return null;
        }
        int length = strings.u16(offset - 2);
        if (length > 0 && strings.contains(offset, length)) {
            int n = Math.min(length, MAX_NAME);
            String s = strings.fixedString(offset, n);
            return s;
        }
        try {
            return strings.cstring(offset, Math.min(strings.size(), offset + MAX_NAME));
        } catch (MalformedBinaryException e) {
            return null;
        }
    }

    /** The import file IDs: path/base(member) for each entry, the first entry's path alone (the library path). */
    private static List<String> importFiles(Bytes data, long impoff, long istlen, long nimpid, long base, Binary binary)
            throws MalformedBinaryException {
        List<String> out = new ArrayList<>();
        if (nimpid == 0) {
            return out;
        }
        if (!data.contains(impoff, istlen) || istlen == 0) {
            binary.getProblems().add(new Problem("import file ID table (" + istlen + " bytes at " + impoff
                    + ") lies outside the loader section", base + impoff));
            return out;
        }
        if (nimpid > istlen / 3) {
            binary.getProblems().add(new Problem("loader section declares " + nimpid + " import file IDs in "
                    + istlen + " bytes (each takes 3 or more)", base + 16));
            return out;
        }
        long end = impoff + istlen;
        long at = impoff;
        for (long i = 0; i < nimpid; i++) {
            String[] parts = new String[3];
            for (int p = 0; p < 3; p++) {
                if (at >= end) {
                    binary.getProblems().add(new Problem("import file ID " + i + " runs past the end of its table",
                            base + at));
                    return out;
                }
                long nul = at;
                while (nul < end && data.u8(nul) != 0) {
                    nul++;
                }
                if (nul >= end) {
                    binary.getProblems().add(new Problem("import file ID " + i + " is not terminated inside its table",
                            base + at));
                    return out;
                }
                parts[p] = data.fixedString(at, (int) Math.min(MAX_NAME, nul - at));
                at = nul + 1;
            }
            if (i == 0) {
                out.add(parts[0]);
                continue;
            }
            String name = parts[1] + (parts[2].isEmpty() ? "" : "(" + parts[2] + ")");
            out.add(parts[0].isEmpty() ? name : parts[0] + "/" + name);
        }
        return out;
    }
}
