package dev.abilint.format.elf;

import dev.abilint.format.OptionalPart;
import dev.abilint.format.BinaryReader;
import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.format.python.ModuleDefFinder;
import dev.abilint.model.Binary;
import dev.abilint.model.Platform;
import dev.abilint.model.Symbol;
import java.nio.ByteOrder;
import java.util.List;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSegment;

/**
 * Reads ELF files, 32/64-bit, either byte order. jelf reads the file header and program headers;
 * we read the section headers, the dynamic table, the dynamic symbols, GNU symbol versioning and
 * notes, with every offset checked (see DESIGN.md for why). Files stripped of section headers are
 * read through PT_DYNAMIC alone, as the dynamic loader does.
 */
public final class ElfReader implements BinaryReader {
    private static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};
    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final int PT_NOTE = 4;
    private static final int PT_GNU_STACK = 0x6474e551;
    private static final int PT_GNU_RELRO = 0x6474e552;
    private static final int PF_X = 1;

    public static boolean matches(Bytes data) {
        return data.startsWith(0, MAGIC);
    }

    @Override
    public List<Binary> read(String location, Bytes raw) throws MalformedBinaryException {
        if (!matches(raw)) {
            throw new MalformedBinaryException("not an ELF file (bad magic)", 0);
        }
        raw.check(0, 16, "ELF identification");
        int elfClass = raw.u8(4);
        int encoding = raw.u8(5);
        if (elfClass != 1 && elfClass != 2) {
            throw new MalformedBinaryException("unknown ELF class " + elfClass, 4);
        }
        if (encoding != 1 && encoding != 2) {
            throw new MalformedBinaryException("unknown ELF data encoding " + encoding, 5);
        }
        boolean wide = elfClass == 2;
        boolean big = encoding == 2;
        Bytes data = raw.order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        data.check(0, wide ? 64 : 52, "ELF header");
        ElfFile elf = openHeader(data, wide);

        int machine = elf.e_machine & 0xffff;
        Binary binary = new Binary(location, "elf")
                .arch(ElfMachine.archName(machine, wide, big))
                .bits(wide ? 64 : 32)
                .endian(big ? "big" : "little")
                .osAbi(ElfMachine.osAbiName(elf.ei_osabi & 0xff));

        Segments segments = readSegments(data, elf, wide, binary);
        ElfSectionTable sections = readSections(data, wide, elf, binary);
        ElfDynamicTable dynamic = readDynamic(data, wide, segments, sections, binary);
        ElfStringTable dynstr = dynamicStrings(data, dynamic, segments.addresses, binary);
        readDynamicFacts(dynamic, dynstr, binary);
        long[] symbolTable = readSymbols(data, wide, machine, sections, dynamic, segments.addresses, dynstr, binary);
        if (ModuleDefFinder.moduleName(binary) != null) {
            ModuleDefFinder.attach(binary, ElfLoadedImage.read(data, wide, machine, dynamic, segments.addresses,
                    symbolTable == null ? -1 : symbolTable[0], symbolTable == null ? 0 : symbolTable[1]));
        }

        binary.type(fileType(elf.e_type & 0xffff, dynamic, segments.interpreter != null));
        boolean solarisSections = hasSectionNamed(data, elf, sections, ".SUNW_");
        long debug = debugBytes(data, elf, sections);
        if (debug > 0) {
            binary.getFlags().put("debugBytes", debug);
            binary.getFlags().put("fileBytes", (long) data.size());
        }
        binary.platform(new Platform(os(elf.ei_osabi & 0xff, binary, segments, solarisSections), binary.getArch(),
                libc(binary, segments.interpreter)));
        return List.of(binary);
    }

    /** jelf reads the file header; program header counts past what jelf can hold are refused first. */
    private static ElfFile openHeader(Bytes data, boolean wide) throws MalformedBinaryException {
        int phnum = data.u16(wide ? 56 : 44);
        if (phnum > Short.MAX_VALUE) {
            throw new MalformedBinaryException("program header count " + phnum + " is not plausible", wide ? 56 : 44);
        }
        try {
            return ElfFile.from(new BytesBackingFile(data));
        } catch (RuntimeException e) { // ElfException, or any other failure inside jelf
            throw new MalformedBinaryException("ELF header cannot be read: " + e.getMessage(), 0);
        }
    }

    /** What the program headers say, gathered in one pass. */
    private static final class Segments {
        final ElfAddressMap addresses = new ElfAddressMap();
        long dynamicOffset = -1;
        long dynamicSize;
        String interpreter;
        boolean gnuStack;
        boolean stackExecutable;
        boolean relro;
        long loadAlignment = -1;
        final ElfNotes notes = new ElfNotes();
    }

    private static Segments readSegments(Bytes data, ElfFile elf, boolean wide, Binary binary)
            throws MalformedBinaryException {
        Segments out = new Segments();
        int count = elf.e_phnum & 0xffff;
        int entrySize = elf.e_phentsize & 0xffff;
        if (count > 0) {
            if (entrySize < (wide ? 56 : 32)) {
                throw new MalformedBinaryException("program header entry size " + entrySize + " is too small",
                        wide ? 54 : 42);
            }
            data.check(elf.e_phoff, (long) count * entrySize, "program header table");
        }
        for (int i = 0; i < count; i++) {
            ElfSegment segment;
            try {
                segment = elf.getProgramHeader(i);
            } catch (RuntimeException e) { // ElfException, or any other failure inside jelf
                throw new MalformedBinaryException("program header " + i + " cannot be read: " + e.getMessage(),
                        elf.e_phoff + (long) i * entrySize);
            }
            switch (segment.p_type) {
                case PT_LOAD -> {
                    out.addresses.add(segment.p_vaddr, segment.p_offset, segment.p_filesz,
                            Math.max(segment.p_filesz, segment.p_memsz));
                    out.loadAlignment = out.loadAlignment < 0 ? segment.p_align : Math.min(out.loadAlignment, segment.p_align);
                }
                case PT_DYNAMIC -> {
                    out.dynamicOffset = segment.p_offset;
                    out.dynamicSize = segment.p_filesz;
                }
                case PT_INTERP -> out.interpreter = OptionalPart.read(binary,
                        () -> data.cstring(segment.p_offset, segment.p_offset + segment.p_filesz));
                case PT_NOTE -> OptionalPart.read(binary, () -> {
                    out.notes.read(data, segment.p_offset, segment.p_filesz, segment.p_align, wide);
                    return null;
                });
                case PT_GNU_STACK -> {
                    out.gnuStack = true;
                    out.stackExecutable = (segment.p_flags & PF_X) != 0;
                }
                case PT_GNU_RELRO -> out.relro = true;
                default -> { }
            }
        }
        int machine = elf.e_machine & 0xffff;
        boolean execStack = out.gnuStack ? out.stackExecutable
                : count > 0 && ElfMachine.stackExecutableByDefault(machine);
        binary.getFlags().put("execStack", execStack);
        if (!out.gnuStack) {
            binary.getFlags().put("gnuStackMissing", true);
        }
        binary.getFlags().put("relro", out.relro);
        if (out.loadAlignment >= 0) {
            binary.getFlags().put("loadAlignment", out.loadAlignment);
        }
        if (out.interpreter != null) {
            binary.getFlags().put("interpreter", out.interpreter);
        }
        if (out.notes.x86IsaNeeded != null) {
            binary.getFlags().put("x86IsaNeeded", out.notes.x86IsaNeeded);
        }
        if (out.notes.buildId != null) {
            binary.getFlags().put("buildId", out.notes.buildId);
        }
        return out;
    }

    private static ElfSectionTable readSections(Bytes data, boolean wide, ElfFile elf, Binary binary) {
        ElfSectionTable table = OptionalPart.read(binary, () -> ElfSectionTable.read(data, wide, elf.e_shoff,
                elf.e_shentsize & 0xffff, data.u16(wide ? 60 : 48)));
        return table == null ? ElfSectionTable.empty() : table;
    }

    private static ElfDynamicTable readDynamic(Bytes data, boolean wide, Segments segments,
            ElfSectionTable sections, Binary binary) {
        ElfDynamicTable table = OptionalPart.read(binary, () -> {
            if (segments.dynamicOffset >= 0) {
                return ElfDynamicTable.read(data, wide, segments.dynamicOffset, segments.dynamicSize);
            }
            ElfSection section = sections.firstOfType(ElfSectionTable.SHT_DYNAMIC);
            return section == null || !section.hasFileData() ? ElfDynamicTable.empty()
                    : ElfDynamicTable.read(data, wide, section.offset(), section.size());
        });
        return table == null ? ElfDynamicTable.empty() : table;
    }

    private static ElfStringTable dynamicStrings(Bytes data, ElfDynamicTable dynamic, ElfAddressMap addresses,
            Binary binary) {
        long address = dynamic.first(ElfDynamicTable.DT_STRTAB);
        long size = dynamic.first(ElfDynamicTable.DT_STRSZ);
        if (address == -1 || size == -1) {
            return null;
        }
        return OptionalPart.read(binary, () -> new ElfStringTable(data, addresses.toOffset(address, "DT_STRTAB"), size));
    }

    private static void readDynamicFacts(ElfDynamicTable dynamic, ElfStringTable dynstr, Binary binary) {
        if (dynstr != null) {
            OptionalPart.read(binary, () -> {
                for (ElfDynamicTable.Entry e : dynamic.entries()) {
                    long tag = e.tag();
                    if (tag == ElfDynamicTable.DT_NEEDED) {
                        binary.getNeeded().add(dynstr.get(e.value()));
                    } else if (tag == ElfDynamicTable.DT_SONAME) {
                        binary.soname(dynstr.get(e.value()));
                    } else if (tag == ElfDynamicTable.DT_RPATH) {
                        splitPath(dynstr.get(e.value()), binary.getRpath());
                    } else if (tag == ElfDynamicTable.DT_RUNPATH) {
                        splitPath(dynstr.get(e.value()), binary.getRunpath());
                    }
                }
                return null;
            });
        }
        long flags = Math.max(0, dynamic.first(ElfDynamicTable.DT_FLAGS));
        long flags1 = Math.max(0, dynamic.first(ElfDynamicTable.DT_FLAGS_1));
        binary.getFlags().put("textrel",
                dynamic.has(ElfDynamicTable.DT_TEXTREL) || (flags & ElfDynamicTable.DF_TEXTREL) != 0);
        binary.getFlags().put("bindNow", dynamic.has(ElfDynamicTable.DT_BIND_NOW)
                || (flags & ElfDynamicTable.DF_BIND_NOW) != 0 || (flags1 & ElfDynamicTable.DF_1_NOW) != 0);
    }

    private static void splitPath(String value, List<String> out) {
        for (String part : value.split(":", -1)) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
    }

    /**
     * Dynamic symbols and their versions: from the section headers where there are some (as
     * llvm-nm does), otherwise from DT_SYMTAB with the count taken from DT_GNU_HASH or DT_HASH.
     */
    /** Reads the dynamic symbols; returns the table's file offset and entry size, or null. */
    private static long[] readSymbols(Bytes data, boolean wide, int machine, ElfSectionTable sections,
            ElfDynamicTable dynamic, ElfAddressMap addresses, ElfStringTable dynstr, Binary binary) {
        return OptionalPart.read(binary, () -> {
            ElfSection dynsym = sections.firstOfType(ElfSectionTable.SHT_DYNSYM);
            long symOffset;
            long count;
            long entsize;
            ElfStringTable strings;
            if (dynsym != null && dynsym.hasFileData()) {
                entsize = dynsym.entsize() == 0 ? (wide ? 24 : 16) : dynsym.entsize();
                symOffset = dynsym.offset();
                count = dynsym.size() / entsize;
                strings = sectionStrings(data, sections, dynsym.link(), dynstr);
            } else {
                long symtab = dynamic.first(ElfDynamicTable.DT_SYMTAB);
                if (symtab == -1 || dynstr == null) {
                    return null;
                }
                long declared = dynamic.first(ElfDynamicTable.DT_SYMENT);
                entsize = declared == -1 ? (wide ? 24 : 16) : declared;
                symOffset = addresses.toOffset(symtab, "DT_SYMTAB");
                count = symbolCount(data, wide, machine, dynamic, addresses);
                strings = dynstr;
            }
            ElfVersions versions = new ElfVersions();
            long versym = readVersions(data, sections, dynamic, addresses, strings, versions, binary);
            ElfSymbolTable.read(data, wide, symOffset, count, entsize, strings, versym, versions, binary);
            return new long[] {symOffset, entsize};
        });
    }

    private static ElfStringTable sectionStrings(Bytes data, ElfSectionTable sections, long link,
            ElfStringTable fallback) throws MalformedBinaryException {
        ElfSection section = sections.get(link);
        if (section == null || !section.hasFileData()) {
            if (fallback == null) {
                throw new MalformedBinaryException("dynamic symbol table links to no string table", -1);
            }
            return fallback;
        }
        return new ElfStringTable(data, section.offset(), section.size());
    }

    private static long symbolCount(Bytes data, boolean wide, int machine, ElfDynamicTable dynamic,
            ElfAddressMap addresses) throws MalformedBinaryException {
        long gnuHash = dynamic.first(ElfDynamicTable.DT_GNU_HASH);
        if (gnuHash != -1) {
            return ElfSymbolTable.countFromGnuHash(data, wide, addresses.toOffset(gnuHash, "DT_GNU_HASH"));
        }
        long hash = dynamic.first(ElfDynamicTable.DT_HASH);
        if (hash != -1) {
            return ElfSymbolTable.countFromHash(data, addresses.toOffset(hash, "DT_HASH"),
                    ElfMachine.hashEntrySize(machine, wide));
        }
        throw new MalformedBinaryException("no section headers and no DT_HASH or DT_GNU_HASH to count symbols", -1);
    }

    /** Reads needed and defined versions; returns the offset of the versym array or -1. */
    private static long readVersions(Bytes data, ElfSectionTable sections, ElfDynamicTable dynamic,
            ElfAddressMap addresses, ElfStringTable strings, ElfVersions versions, Binary binary) {
        Long versym = OptionalPart.read(binary, () -> {
            if (!sections.isEmpty()) {
                ElfSection need = sections.firstOfType(ElfSectionTable.SHT_GNU_VERNEED);
                if (need != null && need.hasFileData()) {
                    versions.readNeeds(data, need.offset(), need.info(),
                            sectionStrings(data, sections, need.link(), strings));
                }
                ElfSection def = sections.firstOfType(ElfSectionTable.SHT_GNU_VERDEF);
                if (def != null && def.hasFileData()) {
                    versions.readDefinitions(data, def.offset(), def.info(),
                            sectionStrings(data, sections, def.link(), strings));
                }
                ElfSection sym = sections.firstOfType(ElfSectionTable.SHT_GNU_VERSYM);
                return sym != null && sym.hasFileData() ? sym.offset() : -1L;
            }
            long need = dynamic.first(ElfDynamicTable.DT_VERNEED);
            if (need != -1) {
                versions.readNeeds(data, addresses.toOffset(need, "DT_VERNEED"),
                        dynamic.first(ElfDynamicTable.DT_VERNEEDNUM), strings);
            }
            long def = dynamic.first(ElfDynamicTable.DT_VERDEF);
            if (def != -1) {
                versions.readDefinitions(data, addresses.toOffset(def, "DT_VERDEF"),
                        dynamic.first(ElfDynamicTable.DT_VERDEFNUM), strings);
            }
            long sym = dynamic.first(ElfDynamicTable.DT_VERSYM);
            return sym == -1 ? -1L : addresses.toOffset(sym, "DT_VERSYM");
        });
        return versym == null ? -1 : versym;
    }

    private static String fileType(int type, ElfDynamicTable dynamic, boolean interpreter) {
        return switch (type) {
            case 1 -> "relocatable";
            case 2 -> "executable";
            case 3 -> interpreter || (Math.max(0, dynamic.first(ElfDynamicTable.DT_FLAGS_1))
                    & ElfDynamicTable.DF_1_PIE) != 0 ? "pie-executable" : "shared-library";
            case 4 -> "core";
            default -> "type-" + type;
        };
    }

    /** Most section headers whose names are looked at: a hostile count costs nothing past it. */
    private static final int MAX_NAMED_SECTIONS = 4096;

    /**
     * Whether a section's name starts with {@code prefix} (Solaris' link-editor names its own sections
     * {@code .SUNW_ldynsym}, {@code .SUNW_version}, {@code .SUNW_signature}...). Names that cannot be read
     * count as not matching: this only helps tell the OS, it is no reason to fail the file.
     */
    private static boolean hasSectionNamed(Bytes data, ElfFile elf, ElfSectionTable sections, String prefix) {
        ElfSection names = sections.get(elf.e_shstrndx & 0xffff);
        if (names == null || !names.hasFileData()) {
            return false;
        }
        int entrySize = elf.e_shentsize & 0xffff;
        int count = Math.min(sections.all().size(), MAX_NAMED_SECTIONS);
        try {
            for (int i = 0; i < count; i++) {
                long nameOffset = data.u32(elf.e_shoff + (long) i * entrySize);
                if (nameOffset >= names.size()) {
                    continue;
                }
                long at = names.offset() + nameOffset;
                long limit = Math.min(names.offset() + names.size(), at + 64);
                if (data.cstring(at, limit).startsWith(prefix)) {
                    return true;
                }
            }
        } catch (MalformedBinaryException e) {
            return false;
        }
        return false;
    }

    /**
     * Bytes of the file taken by DWARF sections ({@code .debug_*}, compressed {@code .zdebug_*}) that have
     * file data: what {@code strip --strip-debug} removes. Each section counts only inside the file; names that
     * cannot be read count as not debug sections.
     */
    private static long debugBytes(Bytes data, ElfFile elf, ElfSectionTable sections) {
        ElfSection names = sections.get(elf.e_shstrndx & 0xffff);
        if (names == null || !names.hasFileData()) {
            return 0;
        }
        int entrySize = elf.e_shentsize & 0xffff;
        int count = Math.min(sections.all().size(), MAX_NAMED_SECTIONS);
        long total = 0;
        try {
            for (int i = 0; i < count; i++) {
                ElfSection section = sections.get(i);
                if (section == null || !section.hasFileData() || section.size() <= 0
                        || !data.contains(section.offset(), section.size())) {
                    continue;
                }
                long nameOffset = data.u32(elf.e_shoff + (long) i * entrySize);
                if (nameOffset >= names.size()) {
                    continue;
                }
                long at = names.offset() + nameOffset;
                String name = data.cstring(at, Math.min(names.offset() + names.size(), at + 64));
                if (name.startsWith(".debug_") || name.startsWith(".zdebug_")) {
                    total += section.size();
                }
            }
        } catch (MalformedBinaryException e) {
            return total;
        }
        return Math.min(total, data.size());
    }

    /**
     * Libraries only Solaris and illumos have (Linux has libdl.so.2, libm.so.6, sockets in libc). Not
     * libnsl.so.1 or librt.so.1: glibc has those names too.
     */
    private static final java.util.Set<String> SOLARIS_LIBRARIES = java.util.Set.of("libc.so.1", "libdl.so.1",
            "libm.so.2", "libsocket.so.1", "libthread.so.1", "libCrun.so.1", "libCstd.so.1", "libkstat.so.1",
            "libsendfile.so.1", "libmtmalloc.so.1", "libdoor.so.1");

    /**
     * The OS: from EI_OSABI where it names one, else from an identifying note, else from Solaris'
     * {@code .SUNW_*} sections, else from what the file needs (FreeBSD's libc.so.7, DragonFly's libc.so.8,
     * NetBSD's libc.so.12, Solaris' libc.so.1, libdl.so.1 and libm.so.2, OpenBSD's libc.so.N.M, Android's
     * liblog.so and unversioned libdl.so, their interpreters), else Linux, which is what OSABI 0 means
     * for nearly every shared object.
     */
    private static String os(int osabi, Binary binary, Segments segments, boolean solarisSections) {
        String byAbi = switch (osabi) {
            case 9 -> "freebsd";
            case 2 -> "netbsd";
            case 12 -> "openbsd";
            case 6 -> "solaris";
            default -> null;
        };
        if (byAbi != null) {
            return byAbi;
        }
        if (segments.notes.android || "bionic".equals(libc(binary, segments.interpreter))) {
            return "android";
        }
        if (segments.notes.noteOs != null) {
            return segments.notes.noteOs;
        }
        if (solarisSections) {
            return "solaris";
        }
        String interpreter = segments.interpreter == null ? "" : segments.interpreter;
        if (interpreter.equals("/libexec/ld-elf.so.1")) {
            return "freebsd";
        }
        if (interpreter.equals("/usr/lib/ld.so.1") || interpreter.equals("/usr/lib/amd64/ld.so.1")
                || interpreter.equals("/usr/lib/64/ld.so.1")) {
            return "solaris";
        }
        if (interpreter.equals("/usr/libexec/ld.so")) {
            return "openbsd";
        }
        if (interpreter.startsWith("/system/bin/linker")) {
            return "android";
        }
        for (String needed : binary.getNeeded()) {
            if (needed.equals("libc.so.7")) {
                return "freebsd";
            }
            if (needed.equals("libc.so.8")) {
                return "dragonfly";
            }
            if (needed.equals("libc.so.12")) {
                return "netbsd";
            }
            if (SOLARIS_LIBRARIES.contains(needed)) {
                return "solaris";
            }
            if (needed.matches("libc\\.so\\.\\d+\\.\\d+")) {
                return "openbsd";
            }
        }
        return "linux";
    }

    /** The C library a binary was linked against, from what it needs; null when it needs none. */
    static String libc(Binary binary, String interpreter) {
        List<String> needs = binary.getNeeded();
        if (needs.contains("liblog.so") || needs.contains("libandroid.so")) {
            return "bionic"; // Android's own libraries: no other system has them
        }
        boolean glibcVersions = false;
        boolean bionicVersions = false;
        for (Symbol s : binary.getImports()) {
            if (s.version() != null && s.version().startsWith("GLIBC_")) {
                glibcVersions = true;
            } else if ("LIBC".equals(s.version()) || (s.version() != null && s.version().startsWith("LIBC_"))) {
                bionicVersions = true;
            }
        }
        for (String needed : binary.getNeeded()) {
            if (needed.startsWith("libc.musl-") || needed.startsWith("ld-musl-")) {
                return "musl";
            }
            if (needed.equals("libc.so.6") || needed.equals("libc.so.6.1") || needed.equals("libc.so.7")) {
                return needed.equals("libc.so.7") ? null : "glibc";
            }
        }
        if (interpreter != null && interpreter.contains("ld-musl-")) {
            return "musl";
        }
        if (glibcVersions) {
            return "glibc";
        }
        if (needs.contains("libc.so")) {
            // Unversioned libc.so is musl's soname and bionic's; musl has no separate libdl.so or libm.so.
            return bionicVersions || (interpreter != null && interpreter.startsWith("/system/"))
                    || needs.contains("libdl.so") || needs.contains("libm.so") ? "bionic" : "musl";
        }
        return null;
    }
}
