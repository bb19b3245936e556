package dev.abilint.format.macho;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes small synthetic Mach-O images for what the toolchain here cannot make (ppc, chained fixups, odd tries). */
final class MachOBuilder {
    private final boolean wide;
    private final ByteOrder order;
    private int cputype = CpuType.ARM64;
    private int cpusubtype = 0;
    private int filetype = 6;
    private int flags = 0x80 | 0x4;
    private final List<byte[]> commands = new ArrayList<>();
    /** (command index, field offset inside it, blob) for dataoff/datasize pairs patched at build time. */
    private final List<Object[]> patches = new ArrayList<>();

    MachOBuilder(boolean wide, boolean bigEndian) {
        this.wide = wide;
        this.order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    MachOBuilder cpu(int type, int subtype) {
        this.cputype = type;
        this.cpusubtype = subtype;
        return this;
    }

    MachOBuilder filetype(int value) {
        this.filetype = value;
        return this;
    }

    MachOBuilder headerFlags(int value) {
        this.flags = value;
        return this;
    }

    MachOBuilder dylib(int cmd, String name) {
        byte[] s = cstring(name);
        ByteBuffer b = command(cmd, 24 + s.length);
        b.putInt(8, 24);
        b.put(24, s);
        return add(b);
    }

    MachOBuilder rpath(String path) {
        byte[] s = cstring(path);
        ByteBuffer b = command(LoadCommands.LC_RPATH, 12 + s.length);
        b.putInt(8, 12);
        b.put(12, s);
        return add(b);
    }

    MachOBuilder buildVersion(int platform, int minos, int sdk) {
        ByteBuffer b = command(LoadCommands.LC_BUILD_VERSION, 24);
        b.putInt(8, platform).putInt(12, minos).putInt(16, sdk).putInt(20, 0);
        return add(b);
    }

    /** LC_DYLD_EXPORTS_TRIE, LC_DYLD_CHAINED_FIXUPS: a linkedit_data_command over {@code blob}. */
    MachOBuilder linkedit(int cmd, byte[] blob) {
        ByteBuffer b = command(cmd, 16);
        patches.add(new Object[] {commands.size(), 8, blob});
        return add(b);
    }

    MachOBuilder dyldInfo(byte[] bind, byte[] weakBind, byte[] lazyBind, byte[] export) {
        ByteBuffer b = command(LoadCommands.LC_DYLD_INFO_ONLY, 48);
        int index = commands.size();
        patches.add(new Object[] {index, 16, bind});
        patches.add(new Object[] {index, 24, weakBind});
        patches.add(new Object[] {index, 32, lazyBind});
        patches.add(new Object[] {index, 40, export});
        return add(b);
    }

    MachOBuilder raw(byte[] command) {
        commands.add(command);
        return this;
    }

    byte[] build() {
        int headerSize = wide ? 32 : 28;
        int sizeofcmds = 0;
        int[] starts = new int[commands.size()];
        for (int i = 0; i < commands.size(); i++) {
            starts[i] = headerSize + sizeofcmds;
            sizeofcmds += commands.get(i).length;
        }
        ByteArrayOutputStream blobs = new ByteArrayOutputStream();
        int blobStart = align(headerSize + sizeofcmds);
        ByteBuffer head = ByteBuffer.allocate(blobStart).order(order);
        head.putInt(0, wide ? 0xfeedfacf : 0xfeedface);
        head.putInt(4, cputype).putInt(8, cpusubtype).putInt(12, filetype).putInt(16, commands.size())
                .putInt(20, sizeofcmds).putInt(24, flags);
        for (int i = 0; i < commands.size(); i++) {
            head.put(starts[i], commands.get(i));
        }
        for (Object[] p : patches) {
            byte[] blob = (byte[]) p[2];
            int at = starts[(Integer) p[0]] + (Integer) p[1];
            if (blob == null || blob.length == 0) {
                continue;
            }
            head.putInt(at, blobStart + blobs.size()).putInt(at + 4, blob.length);
            blobs.writeBytes(blob);
            while (blobs.size() % 8 != 0) {
                blobs.write(0);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.array());
        out.writeBytes(blobs.toByteArray());
        return out.toByteArray();
    }

    private ByteBuffer command(int cmd, int size) {
        ByteBuffer b = ByteBuffer.allocate(align(size)).order(order);
        b.putInt(0, cmd).putInt(4, align(size));
        return b;
    }

    private MachOBuilder add(ByteBuffer b) {
        commands.add(b.array());
        return this;
    }

    private static int align(int n) {
        return (n + 7) & ~7;
    }

    static byte[] cstring(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[raw.length + 1];
        System.arraycopy(raw, 0, out, 0, raw.length);
        return out;
    }

    /** Concatenates bytes given as ints (0..255) and strings (written with their NUL). */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(cstring(s));
            } else if (part instanceof byte[] b) {
                out.writeBytes(b);
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    static byte[] le32(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putInt((int) v);
        }
        return b.array();
    }

    static byte[] le64(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }
}
