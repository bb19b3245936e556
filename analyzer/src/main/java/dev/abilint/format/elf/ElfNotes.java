package dev.abilint.format.elf;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import java.util.HexFormat;

/**
 * Notes in PT_NOTE segments (or SHT_NOTE sections): the GNU build id, GNU properties (the x86
 * ISA level a binary needs) and the Android ident note.
 */
final class ElfNotes {
    private static final int NT_GNU_ABI_TAG = 1;
    private static final int NT_GNU_BUILD_ID = 3;
    private static final int NT_GNU_PROPERTY_TYPE_0 = 5;
    private static final long GNU_PROPERTY_X86_ISA_1_NEEDED = 0xc0008002L;
    private static final int MAX_NOTES = 4096;

    String buildId;
    String x86IsaNeeded;
    boolean android;
    /** The OS an identifying note names ({@code freebsd}, {@code openbsd}, {@code netbsd}, {@code dragonfly}, {@code solaris}...), or null. */
    String noteOs;

    void read(Bytes data, long offset, long size, long align, boolean wide) throws MalformedBinaryException {
        data.check(offset, size, "note segment");
        long pad = align == 8 ? 8 : 4;
        long at = offset;
        long end = offset + size;
        for (int n = 0; n < MAX_NOTES && end - at >= 12; n++) {
            long namesz = data.u32(at);
            long descsz = data.u32(at + 4);
            long type = data.u32(at + 8);
            long name = at + 12;
            // The name is padded to 4 bytes; the next note starts at the segment's alignment.
            long desc = name + roundUp(namesz, 4);
            long next = offset + roundUp(desc + descsz - offset, pad);
            if (namesz > size || descsz > size || next > end) {
                throw new MalformedBinaryException("note runs past the end of its segment", at);
            }
            String owner = namesz == 0 ? "" : data.fixedString(name, (int) namesz);
            if (owner.equals("GNU") && type == NT_GNU_BUILD_ID && descsz <= 64) {
                buildId = HexFormat.of().formatHex(data.bytes(desc, (int) descsz));
            } else if (owner.equals("GNU") && type == NT_GNU_PROPERTY_TYPE_0) {
                readProperties(data, desc, descsz, wide);
            } else if (owner.equals("Android")) {
                android = true;
            } else if (owner.equals("FreeBSD") || owner.equals("OpenBSD") || owner.equals("NetBSD")
                    || owner.equals("DragonFly")) {
                noteOs = owner.toLowerCase(java.util.Locale.ROOT);
            } else if (owner.equals("GNU") && type == NT_GNU_ABI_TAG && descsz >= 4) {
                noteOs = abiTagOs(data.u32(desc));
            }
            at = next;
        }
    }

    private void readProperties(Bytes data, long offset, long size, boolean wide) throws MalformedBinaryException {
        long at = offset;
        long end = offset + size;
        long pad = wide ? 8 : 4;
        for (int n = 0; n < MAX_NOTES && end - at >= 8; n++) {
            long type = data.u32(at);
            long datasz = data.u32(at + 4);
            if (datasz > size) {
                throw new MalformedBinaryException("GNU property runs past the end of its note", at);
            }
            if (type == GNU_PROPERTY_X86_ISA_1_NEEDED && datasz >= 4) {
                x86IsaNeeded = isaLevel(data.u32(at + 8));
            }
            at += 8 + roundUp(datasz, pad);
        }
    }

    /** The OS word of a {@code .note.ABI-tag}: 0 Linux, 1 Hurd, 2 Solaris, 3 FreeBSD. */
    private static String abiTagOs(long os) {
        return switch ((int) os) {
            case 0 -> "linux";
            case 1 -> "hurd";
            case 2 -> "solaris";
            case 3 -> "freebsd";
            default -> null;
        };
    }

    private static String isaLevel(long bits) {
        if ((bits & 8) != 0) {
            return "x86-64-v4";
        }
        if ((bits & 4) != 0) {
            return "x86-64-v3";
        }
        if ((bits & 2) != 0) {
            return "x86-64-v2";
        }
        return (bits & 1) != 0 ? "x86-64-baseline" : null;
    }

    private static long roundUp(long value, long to) {
        return (value + to - 1) / to * to;
    }
}
