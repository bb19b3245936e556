package dev.abilint.format.macho;

import dev.abilint.format.OptionalPart;
import dev.abilint.format.BinaryReader;
import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.format.python.ModuleDefFinder;
import dev.abilint.model.Binary;
import dev.abilint.model.Platform;
import dev.abilint.model.Problem;
import dev.abilint.model.Symbol;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Mach-O files: thin 32/64-bit images in either byte order, and fat (universal) files, one
 * {@link Binary} per slice with the file's location as path and the slice index in flag
 * {@code fatSlice}. Imports come from dyld's bind opcodes or the chained-fixups imports table, with
 * the symbol table filling in what those do not name; exports from the export trie, else the
 * symbol table. The header and the load-command table must be sound; a broken table further in
 * becomes a {@link Problem} on the binary.
 */
public final class MachOReader implements BinaryReader {
    static final long MH_MAGIC = 0xfeedfaceL;
    static final long MH_CIGAM = 0xcefaedfeL;
    static final long MH_MAGIC_64 = 0xfeedfacfL;
    static final long MH_CIGAM_64 = 0xcffaedfeL;
    private static final int MH_OBJECT = 1;
    private static final int MH_TWOLEVEL = 0x80;
    private static final int MH_FORCE_FLAT = 0x100;

    private static final String[] HEADER_FLAGS = {
        "MH_NOUNDEFS", "MH_INCRLINK", "MH_DYLDLINK", "MH_BINDATLOAD", "MH_PREBOUND", "MH_SPLIT_SEGS",
        "MH_LAZY_INIT", "MH_TWOLEVEL", "MH_FORCE_FLAT", "MH_NOMULTIDEFS", "MH_NOFIXPREBINDING",
        "MH_PREBINDABLE", "MH_ALLMODSBOUND", "MH_SUBSECTIONS_VIA_SYMBOLS", "MH_CANONICAL", "MH_WEAK_DEFINES",
        "MH_BINDS_TO_WEAK", "MH_ALLOW_STACK_EXECUTION", "MH_ROOT_SAFE", "MH_SETUID_SAFE",
        "MH_NO_REEXPORTED_DYLIBS", "MH_PIE", "MH_DEAD_STRIPPABLE_DYLIB", "MH_HAS_TLV_DESCRIPTORS",
        "MH_NO_HEAP_EXECUTION", "MH_APP_EXTENSION_SAFE", "MH_NLIST_OUTOFSYNC_WITH_DYLDINFO", "MH_SIM_SUPPORT",
        null, null, null, "MH_DYLIB_IN_CACHE",
    };

    /** Whether the bytes start like a thin Mach-O image. */
    public static boolean matchesThin(Bytes data) {
        if (data.size() < 4) {
            return false;
        }
        try {
            long magic = data.order(ByteOrder.LITTLE_ENDIAN).u32(0);
            return magic == MH_MAGIC || magic == MH_CIGAM || magic == MH_MAGIC_64 || magic == MH_CIGAM_64;
        } catch (MalformedBinaryException e) {
            return false;
        }
    }

    @Override
    public List<Binary> read(String location, Bytes data) throws MalformedBinaryException {
        if (FatHeader.matches(data)) {
            return readFat(location, data);
        }
        return List.of(readThin(location, data));
    }

    private static List<Binary> readFat(String location, Bytes data) throws MalformedBinaryException {
        List<FatHeader.Slice> slices = FatHeader.read(data);
        long tableEnd = 8 + (long) slices.size() * (data.order(ByteOrder.BIG_ENDIAN).u32(0) == FatHeader.FAT_MAGIC_64
                ? 32 : 20);
        List<Binary> out = new ArrayList<>(slices.size());
        MalformedBinaryException firstFailure = null;
        int failures = 0;
        for (FatHeader.Slice slice : slices) {
            String headerArch = CpuType.archName(slice.cputype(), slice.cpusubtype());
            Binary binary;
            try {
                if (slice.offset() < tableEnd || !data.contains(slice.offset(), slice.size())) {
                    throw new MalformedBinaryException("fat slice " + slice.index() + " (" + headerArch + ", "
                            + slice.size() + " bytes at " + slice.offset() + ") lies outside the file or over the"
                            + " fat header", slice.headerOffset());
                }
                if (FatHeader.matches(data.slice(slice.offset(), Math.min(slice.size(), 8)))) {
                    throw new MalformedBinaryException("fat slice " + slice.index() + " is itself a fat file",
                            slice.offset());
                }
                binary = readThin(location, data.slice(slice.offset(), slice.size()));
                if (!headerArch.equals(binary.getArch())) {
                    binary.getProblems().add(new Problem("fat header says slice " + slice.index() + " is "
                            + headerArch + " but its Mach-O header says " + binary.getArch(), slice.headerOffset()));
                }
            } catch (MalformedBinaryException e) {
                failures++;
                if (firstFailure == null) {
                    firstFailure = e;
                }
                // The fat header still says the slice's word size: CPU_ARCH_ABI64 in its cputype.
                binary = new Binary(location, "macho").arch(headerArch)
                        .bits((slice.cputype() & 0x01000000) != 0 ? 64 : 32);
                long offset = e.offset() < 0 || e.offset() == slice.headerOffset() ? e.offset()
                        : e.offset() + slice.offset();
                binary.getProblems().add(new Problem("fat slice " + slice.index() + ": " + e.reason(), offset));
            }
            binary.getFlags().put("fatSlice", slice.index());
            if (slice.align() < 32 && slice.offset() % (1L << slice.align()) != 0) {
                binary.getProblems().add(new Problem("fat slice " + slice.index() + " offset " + slice.offset()
                        + " is not aligned to 2^" + slice.align(), slice.headerOffset()));
            }
            out.add(binary);
        }
        if (failures == slices.size()) {
            throw new MalformedBinaryException("no slice of the fat file can be read: " + firstFailure.reason(),
                    firstFailure.offset());
        }
        checkOverlaps(slices, out);
        return out;
    }

    /** Slices that share bytes or an architecture are reported on each slice involved. */
    private static void checkOverlaps(List<FatHeader.Slice> slices, List<Binary> binaries) {
        List<FatHeader.Slice> byOffset = new ArrayList<>(slices);
        byOffset.sort(Comparator.comparingLong(FatHeader.Slice::offset));
        for (int i = 1; i < byOffset.size(); i++) {
            FatHeader.Slice previous = byOffset.get(i - 1);
            FatHeader.Slice next = byOffset.get(i);
            boolean duplicate = previous.offset() == next.offset() && previous.size() == next.size();
            if (duplicate || previous.offset() + previous.size() > next.offset()) {
                String reason = "fat slices " + previous.index() + " and " + next.index()
                        + (duplicate ? " are the same bytes" : " overlap");
                binaries.get(previous.index()).getProblems().add(new Problem(reason, previous.headerOffset()));
                binaries.get(next.index()).getProblems().add(new Problem(reason, next.headerOffset()));
            }
        }
        Set<String> archs = new HashSet<>();
        for (FatHeader.Slice slice : slices) {
            String arch = slice.cputype() + "/" + (slice.cpusubtype() & CpuType.SUBTYPE_MASK);
            if (!archs.add(arch)) {
                binaries.get(slice.index()).getProblems().add(new Problem("fat slice " + slice.index()
                        + " repeats the architecture of an earlier slice", slice.headerOffset()));
            }
        }
    }

    static Binary readThin(String location, Bytes raw) throws MalformedBinaryException {
        if (raw.size() < 4) {
            throw new MalformedBinaryException("file too short for a Mach-O header", 0);
        }
        long magic = raw.order(ByteOrder.LITTLE_ENDIAN).u32(0);
        boolean wide;
        boolean big;
        if (magic == MH_MAGIC || magic == MH_MAGIC_64) {
            wide = magic == MH_MAGIC_64;
            big = false;
        } else if (magic == MH_CIGAM || magic == MH_CIGAM_64) {
            wide = magic == MH_CIGAM_64;
            big = true;
        } else {
            throw new MalformedBinaryException("not a Mach-O file (bad magic)", 0);
        }
        Bytes data = raw.order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int headerSize = wide ? 32 : 28;
        data.check(0, headerSize, "Mach-O header");
        int cputype = data.s32(4);
        int cpusubtype = data.s32(8);
        int filetype = data.s32(12);
        long ncmds = data.u32(16);
        long sizeofcmds = data.u32(20);
        int headerFlags = data.s32(24);
        LoadCommands commands = LoadCommands.read(data, wide, headerSize, ncmds, sizeofcmds);

        String arch = CpuType.archName(cputype, cpusubtype);
        Binary binary = new Binary(location, "macho")
                .arch(arch)
                .bits(wide ? 64 : 32)
                .endian(big ? "big" : "little")
                .type(fileType(filetype));
        binary.getProblems().addAll(commands.problems);
        String os = CpuType.defaultOs(cputype);
        if (!commands.versions.isEmpty()) {
            LoadCommands.Version version = commands.versions.get(0);
            os = version.platform();
            binary.minOs(version.minOs()).sdk(version.sdk());
            if (commands.versions.size() > 1) {
                List<String> platforms = new ArrayList<>();
                for (LoadCommands.Version v : commands.versions) {
                    platforms.add(v.platform() + " " + v.minOs());
                }
                binary.getFlags().put("platforms", platforms);
            }
        }
        binary.platform(new Platform(os, arch, null));
        binary.installName(commands.installName);
        List<String> weak = new ArrayList<>();
        List<String> reexported = new ArrayList<>();
        List<String> lazy = new ArrayList<>();
        List<String> upward = new ArrayList<>();
        for (LoadCommands.Dylib dylib : commands.dylibs) {
            if (dylib.name() == null) {
                continue;
            }
            binary.getNeeded().add(dylib.name());
            switch (dylib.command()) {
                case LoadCommands.LC_LOAD_WEAK_DYLIB -> weak.add(dylib.name());
                case LoadCommands.LC_REEXPORT_DYLIB -> reexported.add(dylib.name());
                case LoadCommands.LC_LAZY_LOAD_DYLIB -> lazy.add(dylib.name());
                case LoadCommands.LC_LOAD_UPWARD_DYLIB -> upward.add(dylib.name());
                default -> { }
            }
        }
        binary.getRpath().addAll(commands.rpaths);

        boolean flat = filetype != MH_OBJECT && ((headerFlags & MH_TWOLEVEL) == 0 || (headerFlags & MH_FORCE_FLAT) != 0);
        SectionKinds kinds = new SectionKinds(commands.sections, commands.imageBase);
        SymbolTable symbols = OptionalPart.read(binary, () -> new SymbolTable(data, wide, commands));
        List<Symbol> exports = readExports(data, commands, symbols, kinds, binary);
        ImportList imports = readImports(data, commands, symbols, flat, exports, binary);
        imports.writeTo(binary);
        binary.getExports().addAll(exports);

        if (commands.uuid != null) {
            binary.getFlags().put("uuid", commands.uuid);
        }
        binary.getFlags().put("codeSignature", commands.codeSignature);
        binary.getFlags().put("headerFlags", headerFlagNames(headerFlags));
        binary.getFlags().put("flatNamespace", flat);
        if (imports.dynamicLookup) {
            binary.getFlags().put("dynamicLookup", true);
        }
        if (imports.mainExecutable) {
            binary.getFlags().put("bindsToMainExecutable", true);
        }
        putList(binary, "weakDylibs", weak);
        putList(binary, "reexportedDylibs", reexported);
        putList(binary, "lazyDylibs", lazy);
        putList(binary, "upwardDylibs", upward);
        if (commands.chainedFixups != null) {
            binary.getFlags().put("chainedFixups", true);
        }
        if (ModuleDefFinder.moduleName(binary) != null) {
            ModuleDefFinder.attach(binary, MachOLoadedImage.read(data, wide, commands));
        }
        return binary;
    }

    private static List<Symbol> readExports(Bytes data, LoadCommands commands, SymbolTable symbols,
            SectionKinds kinds, Binary binary) {
        List<Symbol> exports = new ArrayList<>();
        LoadCommands.Range trie = commands.exportsTrie != null ? commands.exportsTrie : commands.exportInfo;
        if (trie != null) {
            OptionalPart.read(binary, () -> {
                ExportTrie.read(data, trie, commands.dylibs, kinds, exports);
                return null;
            });
        } else if (symbols != null && symbols.present()) {
            OptionalPart.read(binary, () -> {
                symbols.exports(kinds, exports);
                return null;
            });
        }
        return exports;
    }

    private static ImportList readImports(Bytes data, LoadCommands commands, SymbolTable symbols, boolean flat,
            List<Symbol> exports, Binary binary) {
        ImportList imports = new ImportList(commands.dylibs, flat, binary);
        List<String> weakBinds = new ArrayList<>();
        if (commands.bind != null) {
            OptionalPart.read(binary, () -> {
                BindOpcodes.read(data, commands.bind, BindOpcodes.Table.BIND, imports, null);
                return null;
            });
        }
        if (commands.lazyBind != null) {
            OptionalPart.read(binary, () -> {
                BindOpcodes.read(data, commands.lazyBind, BindOpcodes.Table.LAZY_BIND, imports, null);
                return null;
            });
        }
        if (commands.weakBind != null) {
            OptionalPart.read(binary, () -> {
                BindOpcodes.read(data, commands.weakBind, BindOpcodes.Table.WEAK_BIND, imports,
                        (name, strong) -> {
                            if (!strong && weakBinds.size() < 1_000_000) {
                                weakBinds.add(name);
                            }
                        });
                return null;
            });
        }
        if (commands.chainedFixups != null) {
            OptionalPart.read(binary, () -> {
                ChainedFixups.read(data, commands.chainedFixups, imports);
                return null;
            });
        }
        if (symbols != null && symbols.present()) {
            OptionalPart.read(binary, () -> {
                symbols.imports(imports);
                return null;
            });
        }
        if (!weakBinds.isEmpty()) {
            Set<String> exported = new HashSet<>();
            for (Symbol s : exports) {
                exported.add(s.rawName() != null ? s.rawName() : s.name());
            }
            for (String name : weakBinds) {
                if (!imports.hasName(name) && !exported.contains(name)) {
                    imports.put(name, null, false);
                }
            }
        }
        return imports;
    }

    private static void putList(Binary binary, String flag, List<String> values) {
        if (!values.isEmpty()) {
            binary.getFlags().put(flag, values);
        }
    }

    private static List<String> headerFlagNames(int flags) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((flags & (1 << bit)) != 0) {
                String name = HEADER_FLAGS[bit];
                names.add(name != null ? name : String.format("0x%x", 1 << bit));
            }
        }
        return names;
    }

    private static String fileType(int filetype) {
        return switch (filetype) {
            case 1 -> "object";
            case 2 -> "executable";
            case 3 -> "fvmlib";
            case 4 -> "core";
            case 5 -> "preload";
            case 6 -> "dylib";
            case 7 -> "dylinker";
            case 8 -> "bundle";
            case 9 -> "dylib-stub";
            case 10 -> "dsym";
            case 11 -> "kext-bundle";
            case 12 -> "fileset";
            default -> "filetype-" + Integer.toUnsignedString(filetype);
        };
    }
}
