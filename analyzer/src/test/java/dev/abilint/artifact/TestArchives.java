package dev.abilint.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds test archives in memory: zips (stored or deflated), tar.gz, tiny ELF files, class files. */
final class TestArchives {
    private TestArchives() {}

    static final int EM_386 = 3;
    static final int EM_ARM = 40;
    static final int EM_X86_64 = 62;
    static final int EM_AARCH64 = 183;

    /** A minimal ELF shared object for a machine: a file header and one PT_GNU_STACK (RW) header. */
    static byte[] elf(int machine) {
        boolean wide = machine == EM_X86_64 || machine == EM_AARCH64;
        int ehsize = wide ? 64 : 52;
        int phentsize = wide ? 56 : 32;
        ByteBuffer b = ByteBuffer.allocate(ehsize + phentsize + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (wide ? 2 : 1), 1, 1, 0});
        b.put(new byte[8]);
        b.putShort((short) 3); // ET_DYN
        b.putShort((short) machine);
        b.putInt(1);
        if (wide) {
            b.putLong(0).putLong(ehsize).putLong(0);
        } else {
            b.putInt(0).putInt(ehsize).putInt(0);
        }
        b.putInt(machine == EM_ARM ? 0x05000400 : 0);
        b.putShort((short) ehsize).putShort((short) phentsize).putShort((short) 1);
        b.putShort((short) (wide ? 64 : 40)).putShort((short) 0).putShort((short) 0);
        b.putInt(0x6474e551); // PT_GNU_STACK
        if (wide) {
            b.putInt(6).putLong(0).putLong(0).putLong(0).putLong(0).putLong(0).putLong(16);
        } else {
            b.putInt(0).putInt(0).putInt(0).putInt(0).putInt(0).putInt(6).putInt(16);
        }
        return b.array();
    }

    /** A class file header of the given major version (enough for the version-only reader). */
    /** A minimal valid class file of this major version, written with ASM. */
    static byte[] classFile(int major) {
        org.objectweb.asm.ClassWriter writer = new org.objectweb.asm.ClassWriter(0);
        writer.visit(major, org.objectweb.asm.Opcodes.ACC_PUBLIC, "example/V" + major, null, "java/lang/Object", null);
        writer.visitEnd();
        return writer.toByteArray();
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Entries in order; a name ending in '/' is a directory. */
    static final class Zip {
        private final Map<String, byte[]> entries = new LinkedHashMap<>();
        private boolean stored;

        Zip put(String name, byte[] data) {
            entries.put(name, data);
            return this;
        }

        Zip put(String name, String data) {
            return put(name, text(data));
        }

        Zip stored() {
            this.stored = true;
            return this;
        }

        Map<String, byte[]> entries() {
            return entries;
        }

        /** DEFLATED entries are written with data descriptors (sizes after the data), as ZipOutputStream does. */
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    ZipEntry entry = new ZipEntry(e.getKey());
                    if (stored) {
                        entry.setMethod(ZipEntry.STORED);
                        entry.setSize(e.getValue().length);
                        entry.setCompressedSize(e.getValue().length);
                        CRC32 crc = new CRC32();
                        crc.update(e.getValue());
                        entry.setCrc(crc.getValue());
                    }
                    zip.putNextEntry(entry);
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }

    /** A wheel: the given files plus .dist-info/WHEEL, METADATA and a correct RECORD. */
    static Zip wheel(String distInfo, String tag, boolean purelib, Map<String, byte[]> files) {
        Zip zip = new Zip();
        files.forEach(zip::put);
        zip.put(distInfo + "/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: " + purelib + "\nTag: "
                + tag + "\n");
        zip.put(distInfo + "/METADATA", "Metadata-Version: 2.1\nName: fast\nVersion: 1.0\nRequires-Python: >=3.9\n\nbody\n");
        StringBuilder record = new StringBuilder();
        for (Map.Entry<String, byte[]> e : zip.entries().entrySet()) {
            record.append(e.getKey()).append(",sha256=").append(sha256(e.getValue())).append(',')
                    .append(e.getValue().length).append('\n');
        }
        record.append(distInfo).append("/RECORD,,\n");
        zip.put(distInfo + "/RECORD", record.toString());
        return zip;
    }

    /** A wheel with the given WHEEL and METADATA texts and a correct RECORD. */
    static Zip wheel(String distInfo, String wheelText, String metadataText, Map<String, byte[]> files) {
        Zip zip = new Zip();
        files.forEach(zip::put);
        zip.put(distInfo + "/WHEEL", wheelText);
        zip.put(distInfo + "/METADATA", metadataText);
        StringBuilder record = new StringBuilder();
        for (Map.Entry<String, byte[]> e : zip.entries().entrySet()) {
            record.append(e.getKey()).append(",sha256=").append(sha256(e.getValue())).append(',')
                    .append(e.getValue().length).append('\n');
        }
        record.append(distInfo).append("/RECORD,,\n");
        zip.put(distInfo + "/RECORD", record.toString());
        return zip;
    }

    static String sha256(byte[] data) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A ustar archive, gzip-compressed. */
    static byte[] tarGz(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(tar(files));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] tar(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            byte[] header = new byte[512];
            byte[] name = text(e.getKey());
            System.arraycopy(name, 0, header, 0, Math.min(100, name.length));
            octal(header, 100, 8, 0644);
            octal(header, 108, 8, 0);
            octal(header, 116, 8, 0);
            octal(header, 124, 12, e.getValue().length);
            octal(header, 136, 12, 0);
            header[156] = '0';
            System.arraycopy(text("ustar\0" + "00"), 0, header, 257, 8);
            for (int i = 148; i < 156; i++) {
                header[i] = ' ';
            }
            long sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            octal(header, 148, 7, sum);
            out.writeBytes(header);
            out.writeBytes(e.getValue());
            int pad = (512 - e.getValue().length % 512) % 512;
            out.writeBytes(new byte[pad]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void octal(byte[] b, int offset, int length, long value) {
        String s = String.format("%0" + (length - 1) + "o", value);
        byte[] digits = text(s);
        System.arraycopy(digits, 0, b, offset, digits.length);
        b[offset + length - 1] = 0;
    }
}
