package dev.abilint.format.macho;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass over the load commands of a thin image: every command is checked to lie inside
 * sizeofcmds and the file; what the reader needs is kept, the rest is skipped. A command that
 * cannot be walked past (cmdsize below 8 or past the table) fails the whole image; a broken
 * command that can be stepped over becomes a problem.
 */
final class LoadCommands {
    static final int LC_SEGMENT = 0x1;
    static final int LC_SYMTAB = 0x2;
    static final int LC_DYSYMTAB = 0xb;
    static final int LC_LOAD_DYLIB = 0xc;
    static final int LC_ID_DYLIB = 0xd;
    static final int LC_SEGMENT_64 = 0x19;
    static final int LC_UUID = 0x1b;
    static final int LC_CODE_SIGNATURE = 0x1d;
    static final int LC_LAZY_LOAD_DYLIB = 0x20;
    static final int LC_DYLD_INFO = 0x22;
    static final int LC_VERSION_MIN_MACOSX = 0x24;
    static final int LC_VERSION_MIN_IPHONEOS = 0x25;
    static final int LC_VERSION_MIN_TVOS = 0x2f;
    static final int LC_VERSION_MIN_WATCHOS = 0x30;
    static final int LC_BUILD_VERSION = 0x32;
    static final int LC_REQ_DYLD = 0x80000000;
    static final int LC_LOAD_WEAK_DYLIB = 0x18 | LC_REQ_DYLD;
    static final int LC_RPATH = 0x1c | LC_REQ_DYLD;
    static final int LC_REEXPORT_DYLIB = 0x1f | LC_REQ_DYLD;
    static final int LC_DYLD_INFO_ONLY = 0x22 | LC_REQ_DYLD;
    static final int LC_LOAD_UPWARD_DYLIB = 0x23 | LC_REQ_DYLD;
    static final int LC_DYLD_EXPORTS_TRIE = 0x33 | LC_REQ_DYLD;
    static final int LC_DYLD_CHAINED_FIXUPS = 0x34 | LC_REQ_DYLD;

    /** A dependent library in load-command order; its index + 1 is its two-level ordinal. */
    record Dylib(String name, int command) {
        boolean weak() { return command == LC_LOAD_WEAK_DYLIB; }
    }

    /** A file range of __LINKEDIT data: offset and size, both checked against the file. */
    record Range(long offset, long size) {}

    /** A section: its address range and whether it holds code. */
    record Section(String segment, String name, long address, long size, long flags) {}

    /** A segment: where it is in memory and where its bytes are in the file. */
    record Segment(String name, long vmaddr, long vmsize, long fileoff, long filesize) {}

    /** LC_BUILD_VERSION or LC_VERSION_MIN_*. */
    record Version(String platform, String minOs, String sdk) {}

    final List<Dylib> dylibs = new ArrayList<>();
    final List<String> rpaths = new ArrayList<>();
    final List<Section> sections = new ArrayList<>();
    final List<Segment> segments = new ArrayList<>();
    final List<Version> versions = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();
    String installName;
    String uuid;
    boolean codeSignature;
    /** vmaddr of the segment mapping the file start: export trie addresses are relative to it. */
    long imageBase = -1;
    long symoff = -1;
    long nsyms;
    long stroff;
    long strsize;
    boolean dysymtab;
    long iextdefsym;
    long nextdefsym;
    long iundefsym;
    long nundefsym;
    Range bind;
    Range weakBind;
    Range lazyBind;
    Range exportInfo;
    Range exportsTrie;
    Range chainedFixups;

    private LoadCommands() {}

    static LoadCommands read(Bytes data, boolean wide, int headerSize, long ncmds, long sizeofcmds)
            throws MalformedBinaryException {
        if (sizeofcmds > data.size() - headerSize) {
            throw new MalformedBinaryException("load commands (" + sizeofcmds + " bytes) run past the end of the file",
                    headerSize);
        }
        if (ncmds > sizeofcmds / 8) {
            throw new MalformedBinaryException(ncmds + " load commands cannot fit in " + sizeofcmds + " bytes", 16);
        }
        LoadCommands out = new LoadCommands();
        long end = headerSize + sizeofcmds;
        long at = headerSize;
        for (long i = 0; i < ncmds; i++) {
            if (end - at < 8) {
                throw new MalformedBinaryException("load command " + i + " starts past sizeofcmds", at);
            }
            int cmd = data.s32(at);
            long cmdsize = data.u32(at + 4);
            if (cmdsize < 8) {
                throw new MalformedBinaryException("load command " + i + " has cmdsize " + cmdsize, at + 4);
            }
            if (cmdsize > end - at) {
                throw new MalformedBinaryException("load command " + i + " (cmdsize " + cmdsize
                        + ") runs past sizeofcmds", at + 4);
            }
            if (cmdsize % 4 != 0) {
                out.problems.add(new Problem("load command " + i + " has cmdsize " + cmdsize
                        + ", not a multiple of 4", at + 4));
            }
            try {
                out.command(data, wide, cmd, at, cmdsize);
            } catch (MalformedBinaryException e) {
                out.problems.add(new Problem(String.format("load command %d (cmd 0x%x): %s", i, cmd, e.reason()),
                        e.offset()));
            }
            at += cmdsize;
        }
        return out;
    }

    private void command(Bytes data, boolean wide, int cmd, long at, long size) throws MalformedBinaryException {
        switch (cmd) {
            case LC_SEGMENT, LC_SEGMENT_64 -> segment(data, cmd == LC_SEGMENT_64, at, size);
            case LC_SYMTAB -> {
                need(size, 24, at);
                symoff = data.u32(at + 8);
                nsyms = data.u32(at + 12);
                stroff = data.u32(at + 16);
                strsize = data.u32(at + 20);
            }
            case LC_DYSYMTAB -> {
                need(size, 80, at);
                dysymtab = true;
                iextdefsym = data.u32(at + 16);
                nextdefsym = data.u32(at + 20);
                iundefsym = data.u32(at + 24);
                nundefsym = data.u32(at + 28);
            }
            case LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB, LC_REEXPORT_DYLIB, LC_LAZY_LOAD_DYLIB, LC_LOAD_UPWARD_DYLIB -> {
                need(size, 24, at);
                // Keep the ordinal numbering even when the name is unreadable.
                String name;
                try {
                    name = lcString(data, at, size);
                } catch (MalformedBinaryException e) {
                    dylibs.add(new Dylib(null, cmd));
                    throw e;
                }
                dylibs.add(new Dylib(name, cmd));
            }
            case LC_ID_DYLIB -> {
                need(size, 24, at);
                installName = lcString(data, at, size);
            }
            case LC_RPATH -> {
                need(size, 12, at);
                rpaths.add(lcString(data, at, size));
            }
            case LC_UUID -> {
                need(size, 24, at);
                byte[] raw = data.bytes(at + 8, 16);
                StringBuilder hex = new StringBuilder(36);
                for (int i = 0; i < raw.length; i++) {
                    if (i == 4 || i == 6 || i == 8 || i == 10) {
                        hex.append('-');
                    }
                    hex.append(Character.toUpperCase(Character.forDigit((raw[i] >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(raw[i] & 0xf, 16)));
                }
                uuid = hex.toString();
            }
            case LC_CODE_SIGNATURE -> codeSignature = true;
            case LC_DYLD_INFO, LC_DYLD_INFO_ONLY -> {
                need(size, 48, at);
                bind = range(data, at + 16, "bind info");
                weakBind = range(data, at + 24, "weak bind info");
                lazyBind = range(data, at + 32, "lazy bind info");
                exportInfo = range(data, at + 40, "export info");
            }
            case LC_DYLD_EXPORTS_TRIE -> {
                need(size, 16, at);
                exportsTrie = range(data, at + 8, "export trie");
            }
            case LC_DYLD_CHAINED_FIXUPS -> {
                need(size, 16, at);
                chainedFixups = range(data, at + 8, "chained fixups");
            }
            case LC_BUILD_VERSION -> {
                need(size, 24, at);
                versions.add(new Version(BuildPlatform.name(data.u32(at + 8)),
                        BuildPlatform.version(data.u32(at + 12)), BuildPlatform.version(data.u32(at + 16))));
            }
            case LC_VERSION_MIN_MACOSX, LC_VERSION_MIN_IPHONEOS, LC_VERSION_MIN_TVOS, LC_VERSION_MIN_WATCHOS -> {
                need(size, 16, at);
                String platform = switch (cmd) {
                    case LC_VERSION_MIN_MACOSX -> "macos";
                    case LC_VERSION_MIN_IPHONEOS -> "ios";
                    case LC_VERSION_MIN_TVOS -> "tvos";
                    default -> "watchos";
                };
                versions.add(new Version(platform, BuildPlatform.version(data.u32(at + 8)),
                        BuildPlatform.version(data.u32(at + 12))));
            }
            default -> { }
        }
    }

    private void segment(Bytes data, boolean wide, long at, long size) throws MalformedBinaryException {
        int header = wide ? 72 : 56;
        int sectionSize = wide ? 80 : 68;
        need(size, header, at);
        String segname = data.fixedString(at + 8, 16);
        long vmaddr = wide ? data.u64(at + 24) : data.u32(at + 24);
        long fileoff = wide ? data.u64(at + 40) : data.u32(at + 32);
        long filesize = wide ? data.u64(at + 48) : data.u32(at + 36);
        long nsects = data.u32(at + (wide ? 64 : 48));
        long vmsize = wide ? data.u64(at + 32) : data.u32(at + 28);
        segments.add(new Segment(segname, vmaddr, vmsize, fileoff, filesize));
        if (fileoff == 0 && filesize != 0 && imageBase == -1) {
            imageBase = vmaddr;
        }
        if (nsects > (size - header) / sectionSize) {
            throw new MalformedBinaryException("segment " + segname + " declares " + nsects
                    + " sections that do not fit in its load command", at);
        }
        for (long i = 0; i < nsects; i++) {
            long s = at + header + i * sectionSize;
            String sectname = data.fixedString(s, 16);
            long addr = wide ? data.u64(s + 32) : data.u32(s + 32);
            long ssize = wide ? data.u64(s + 40) : data.u32(s + 36);
            long flags = data.u32(s + (wide ? 64 : 56));
            sections.add(new Section(segname, sectname, addr, ssize, flags));
        }
    }

    private static void need(long size, int minimum, long at) throws MalformedBinaryException {
        if (size < minimum) {
            throw new MalformedBinaryException("cmdsize " + size + " is below the " + minimum
                    + " bytes this command needs", at + 4);
        }
    }

    /** An lc_str: an offset from the command start to a NUL-terminated string inside the command. */
    private static String lcString(Bytes data, long at, long size) throws MalformedBinaryException {
        long offset = data.u32(at + 8);
        if (offset < 12 || offset >= size) {
            throw new MalformedBinaryException("string offset " + offset + " lies outside its load command", at + 8);
        }
        return data.cstring(at + offset, at + size);
    }

    /** A (dataoff, datasize) pair that must lie inside the file; empty ranges come out null. */
    private Range range(Bytes data, long at, String what) throws MalformedBinaryException {
        long offset = data.u32(at);
        long size = data.u32(at + 4);
        if (size == 0) {
            return null;
        }
        if (!data.contains(offset, size)) {
            problems.add(new Problem(what + " (" + size + " bytes at " + offset + ") lies outside the file", at));
            return null;
        }
        return new Range(offset, size);
    }
}
