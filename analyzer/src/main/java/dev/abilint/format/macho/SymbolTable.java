package dev.abilint.format.macho;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Symbol;
import java.util.List;

/**
 * The nlist symbol table (LC_SYMTAB), narrowed by LC_DYSYMTAB to its external ranges when there is
 * one: undefined external symbols become imports (library from the two-level ordinal in n_desc),
 * defined external ones that are not private externs become exports.
 */
final class SymbolTable {
    private static final int N_STAB = 0xe0;
    private static final int N_PEXT = 0x10;
    private static final int N_TYPE = 0x0e;
    private static final int N_EXT = 0x01;
    private static final int N_UNDF = 0x0;
    private static final int N_ABS = 0x2;
    private static final int N_SECT = 0xe;
    private static final int N_INDR = 0xa;
    private static final int N_WEAK_REF = 0x40;
    private static final int N_WEAK_DEF = 0x80;
    private static final int DYNAMIC_LOOKUP_ORDINAL = 0xfe;
    private static final int EXECUTABLE_ORDINAL = 0xff;

    private final Bytes data;
    private final boolean wide;
    private final LoadCommands commands;
    private final int entrySize;

    SymbolTable(Bytes data, boolean wide, LoadCommands commands) throws MalformedBinaryException {
        this.data = data;
        this.wide = wide;
        this.commands = commands;
        this.entrySize = wide ? 16 : 12;
        if (commands.symoff < 0) {
            return;
        }
        if (commands.nsyms > (data.size() - Math.min(commands.symoff, data.size())) / entrySize) {
            throw new MalformedBinaryException("symbol table of " + commands.nsyms
                    + " entries runs past the end of the file", commands.symoff);
        }
        data.check(commands.stroff, commands.strsize, "string table");
    }

    boolean present() {
        return commands.symoff >= 0 && commands.nsyms > 0;
    }

    /** Undefined externals, unless their name is already imported from a better table. */
    void imports(ImportList imports) throws MalformedBinaryException {
        long first = 0;
        long count = commands.nsyms;
        if (commands.dysymtab) {
            first = commands.iundefsym;
            count = commands.nundefsym;
            checkRange(first, count, "undefined symbols");
        }
        for (long i = first; i < first + count; i++) {
            long at = commands.symoff + i * entrySize;
            int type = data.u8(at + 4);
            if ((type & N_STAB) != 0 || (type & N_EXT) == 0 || (type & N_TYPE) != N_UNDF) {
                continue;
            }
            long value = wide ? data.u64(at + 8) : data.u32(at + 8);
            if (value != 0) {
                continue; // a common symbol: defined here
            }
            String name = name(at);
            if (name.isEmpty() || imports.hasName(name)) {
                continue;
            }
            int desc = data.u16(at + 6);
            boolean weak = (desc & N_WEAK_REF) != 0;
            int ordinal = (desc >> 8) & 0xff;
            if (ordinal == DYNAMIC_LOOKUP_ORDINAL) {
                imports.add(name, ImportList.FLAT_LOOKUP, weak, at);
            } else if (ordinal == EXECUTABLE_ORDINAL) {
                imports.add(name, ImportList.MAIN_EXECUTABLE, weak, at);
            } else {
                imports.add(name, ordinal, weak, at);
            }
        }
    }

    /** Defined externals that are not private externs, in table order. */
    void exports(SectionKinds kinds, List<Symbol> out) throws MalformedBinaryException {
        long first = 0;
        long count = commands.nsyms;
        if (commands.dysymtab) {
            first = commands.iextdefsym;
            count = commands.nextdefsym;
            checkRange(first, count, "external symbols");
        }
        for (long i = first; i < first + count; i++) {
            long at = commands.symoff + i * entrySize;
            int type = data.u8(at + 4);
            if ((type & N_STAB) != 0 || (type & N_EXT) == 0 || (type & N_PEXT) != 0) {
                continue;
            }
            int nType = type & N_TYPE;
            long value = wide ? data.u64(at + 8) : data.u32(at + 8);
            String kind;
            if (nType == N_SECT) {
                kind = kinds.kindOfSection(data.u8(at + 5), value);
            } else if (nType == N_ABS) {
                kind = "absolute";
            } else if (nType == N_INDR) {
                kind = "other";
            } else if (nType == N_UNDF && value != 0) {
                kind = "common";
            } else {
                continue;
            }
            String raw = name(at);
            if (raw.isEmpty()) {
                continue;
            }
            String name = ImportList.cName(raw);
            boolean weak = (data.u16(at + 6) & N_WEAK_DEF) != 0;
            out.add(new Symbol(name, raw.equals(name) ? null : raw, null, null, kind, weak, false, null));
        }
    }

    private void checkRange(long first, long count, String what) throws MalformedBinaryException {
        if (first > commands.nsyms || count > commands.nsyms - first) {
            throw new MalformedBinaryException("LC_DYSYMTAB " + what + " (" + first + "+" + count
                    + ") lie outside the " + commands.nsyms + " symbols", commands.symoff);
        }
    }

    private String name(long at) throws MalformedBinaryException {
        long strx = data.u32(at);
        if (strx >= commands.strsize) {
            throw new MalformedBinaryException("symbol name index " + strx + " lies outside the string table", at);
        }
        return data.cstring(commands.stroff + strx, commands.stroff + commands.strsize);
    }
}
