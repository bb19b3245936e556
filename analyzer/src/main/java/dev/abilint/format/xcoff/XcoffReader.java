package dev.abilint.format.xcoff;

import dev.abilint.format.BinaryReader;
import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.format.OptionalPart;
import dev.abilint.model.Binary;
import dev.abilint.model.Platform;
import dev.abilint.model.Problem;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads AIX XCOFF files (32-bit magic 0x01DF, 64-bit 0x01F7) and AIX archives that hold them ({@code <bigaf>}
 * big format and {@code <aiaff>} small format; AIX shared libraries are often {@code libfoo.a} with a
 * {@code shr.o} / {@code shr_64.o} member). One {@link Binary} per XCOFF file: a bare file gives one, an
 * archive one per XCOFF member, each with the archive's location as path and the member's name in flag
 * {@code archiveMember}.
 *
 * <p>The file header and the section table must be sound, or the file is malformed; the auxiliary header and
 * the loader section are optional parts whose damage becomes a {@link Problem}. From the loader section (what
 * the AIX loader reads, as the dynamic section is for ELF): {@code needed} holds the import file IDs after the
 * first, written {@code base(member)} or {@code path/base(member)} as AIX tools print them; flag
 * {@code libpath} the first entry's library search path; imports carry that name in {@code library}; exports
 * are the symbols marked L_EXPORT, {@code function} for function descriptors and code, {@code tls} for
 * thread-local storage, {@code object} for the rest.
 */
public final class XcoffReader implements BinaryReader {
    static final int MAGIC_32 = 0x01df;
    static final int MAGIC_64 = 0x01f7;

    private static final int F_EXEC = 0x0002;
    private static final int F_SHROBJ = 0x2000;
    private static final String[] FILE_FLAGS = {
        "F_RELFLG", "F_EXEC", "F_LNNO", null, "F_FDPR_PROF", "F_FDPR_OPTI", "F_DSA", null,
        "F_VARPG", null, null, null, "F_DYNLOAD", "F_SHROBJ", "F_LOADONLY", null,
    };
    private static final int STYP_LOADER = 0x1000;
    /** More sections than an XCOFF file has (real ones have 3 to 12); the field is 16 bits. */
    static final int MAX_SECTIONS = 1024;

    /** Whether the bytes start like an XCOFF file: the magic, a section count, and an aux header size AIX writes. */
    public static boolean matches(Bytes raw) {
        try {
            Bytes data = raw.order(ByteOrder.BIG_ENDIAN);
            if (data.size() < 20) {
                return false;
            }
            int magic = data.u16(0);
            int sections = data.u16(2);
            if (magic == MAGIC_32) {
                int opt = data.u16(16);
                return sections <= MAX_SECTIONS && (opt == 0 || opt == 28 || opt == 72);
            }
            if (magic == MAGIC_64 && data.size() >= 24) {
                int opt = data.u16(16);
                return sections <= MAX_SECTIONS && (opt == 0 || opt == 72 || opt == 120);
            }
            return false;
        } catch (MalformedBinaryException e) {
            return false;
        }
    }

    /** Whether the bytes start like an AIX archive (big or small format). */
    public static boolean matchesArchive(Bytes data) {
        return AixArchive.matches(data);
    }

    @Override
    public List<Binary> read(String location, Bytes data) throws MalformedBinaryException {
        if (AixArchive.matches(data)) {
            return readArchive(location, data);
        }
        return List.of(readFile(location, data));
    }

    private static List<Binary> readArchive(String location, Bytes data) throws MalformedBinaryException {
        AixArchive archive = AixArchive.read(data);
        List<Binary> out = new ArrayList<>();
        MalformedBinaryException firstFailure = null;
        int xcoff = 0;
        int read = 0;
        for (AixArchive.Member member : archive.members()) {
            Bytes content = data.slice(member.dataOffset(), member.size());
            if (!matches(content) && !(content.size() >= 2 && isMagic(content))) {
                continue; // a text or other member: nothing the loader maps
            }
            xcoff++;
            if (out.size() >= AixArchive.MAX_READ_MEMBERS) {
                out.get(0).getProblems().add(new Problem("archive holds more than " + AixArchive.MAX_READ_MEMBERS
                        + " XCOFF members; the rest were not read", member.headerOffset()));
                break;
            }
            Binary binary;
            try {
                binary = readFile(location, content);
                read++;
            } catch (MalformedBinaryException e) {
                if (firstFailure == null) {
                    firstFailure = new MalformedBinaryException("archive member " + member.name() + ": " + e.reason(),
                            e.offset() < 0 ? member.headerOffset() : member.dataOffset() + e.offset());
                }
                boolean wide = content.size() >= 2 && content.order(ByteOrder.BIG_ENDIAN).u16(0) == MAGIC_64;
                binary = new Binary(location, "xcoff").arch(wide ? "ppc64" : "ppc").bits(wide ? 64 : 32)
                        .endian("big").platform(new Platform("aix", wide ? "ppc64" : "ppc", null));
                binary.getProblems().add(new Problem("archive member " + member.name() + ": " + e.reason(),
                        e.offset() < 0 ? member.headerOffset() : member.dataOffset() + e.offset()));
            }
            binary.getFlags().put("archiveMember", member.name());
            binary.getFlags().put("archiveFormat", archive.big() ? "big" : "small");
            out.add(binary);
        }
        for (Problem problem : archive.problems()) {
            if (!out.isEmpty()) {
                out.get(0).getProblems().add(problem);
            }
        }
        if (xcoff == 0) {
            String reason = archive.members().isEmpty() ? "AIX archive has no members"
                    : "AIX archive holds no XCOFF member (" + archive.members().size() + " other member"
                    + (archive.members().size() == 1 ? "" : "s") + ")";
            if (!archive.problems().isEmpty()) {
                reason += "; " + archive.problems().get(0).reason();
            }
            throw new MalformedBinaryException(reason, -1);
        }
        if (read == 0 && firstFailure != null) {
            throw new MalformedBinaryException("no XCOFF member of the archive can be read: " + firstFailure.reason(),
                    firstFailure.offset());
        }
        return out;
    }

    private static boolean isMagic(Bytes content) throws MalformedBinaryException {
        int magic = content.order(ByteOrder.BIG_ENDIAN).u16(0);
        return magic == MAGIC_32 || magic == MAGIC_64;
    }

    /** Reads one XCOFF file. */
    static Binary readFile(String location, Bytes raw) throws MalformedBinaryException {
        Bytes data = raw.order(ByteOrder.BIG_ENDIAN);
        XcoffHeaders headers = XcoffHeaders.read(data);
        String arch = headers.wide ? "ppc64" : "ppc";
        int flags = headers.flags;
        String type = (flags & F_SHROBJ) != 0 ? "shared" : (flags & F_EXEC) != 0 ? "executable" : "object";
        Binary binary = new Binary(location, "xcoff")
                .arch(arch)
                .bits(headers.wide ? 64 : 32)
                .endian("big")
                .type(type)
                .platform(new Platform("aix", arch, null));
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < FILE_FLAGS.length; bit++) {
            if ((flags & (1 << bit)) != 0 && FILE_FLAGS[bit] != null) {
                names.add(FILE_FLAGS[bit]);
            }
        }
        binary.getFlags().put("xcoffFlags", names);
        if (headers.auxProblem != null) {
            binary.getProblems().add(headers.auxProblem);
        }
        if (headers.modtype != null) {
            binary.getFlags().put("modtype", headers.modtype);
        }
        XcoffHeaders.Section loader = null;
        for (XcoffHeaders.Section section : headers.sections) {
            if ((section.flags() & 0xffff) == STYP_LOADER) {
                loader = section;
                break;
            }
        }
        binary.getFlags().put("loaderSection", loader != null);
        if (loader != null) {
            XcoffHeaders.Section found = loader;
            OptionalPart.run(binary, () -> LoaderSection.read(data, found, headers.wide, binary));
        } else if ((flags & F_SHROBJ) != 0) {
            binary.getProblems().add(new Problem("a " + type + " XCOFF file without a loader section (.loader):"
                    + " its imports and exports cannot be read", -1));
        }
        return binary;
    }
}
