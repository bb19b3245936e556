package dev.abilint.artifact;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How an APK stores its native libraries: for each {@code lib/<abi>/*.so} entry, the compression method and
 * the offset of its data in the file, read from the central directory and the entry's local header
 * ({@link java.util.zip.ZipFile} gives neither). Android maps a library stored uncompressed straight from the
 * APK, which it can only do at a page-aligned offset. Every offset and count is checked against the file;
 * what cannot be read is returned as {@code unreadable} with the reason, never thrown.
 */
final class ZipAlignment {
    private static final int EOCD = 0x06054b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final Pattern NATIVE = Pattern.compile("^lib/[^/]+/[^/]+\\.so$");
    /** Native libraries described per APK; the rest are counted. */
    static final int MAX_LIBRARIES = 1000;

    private ZipAlignment() {}

    /** The {@code nativeLibraryStorage} fact of an APK on disk, or null when it holds no {@code lib/} .so. */
    static Map<String, Object> of(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(ch);
        } catch (IOException | RuntimeException e) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("unreadable", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return out;
        }
    }

    private static Map<String, Object> read(FileChannel ch) throws IOException {
        long size = ch.size();
        int tailLength = (int) Math.min(size, 22 + 0xffff);
        ByteBuffer tail = readAt(ch, size - tailLength, tailLength);
        int eocd = -1;
        for (int i = tailLength - 22; i >= 0; i--) {
            if (tail.getInt(i) == EOCD) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new IOException("no end of central directory record");
        }
        int count = Short.toUnsignedInt(tail.getShort(eocd + 10));
        long cdSize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
        long cdOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
        if (count == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
            throw new IOException("ZIP64 archive: its native library offsets are not read");
        }
        if (cdOffset + cdSize > size || cdSize > Integer.MAX_VALUE) {
            throw new IOException("central directory lies outside the file");
        }
        ByteBuffer cd = readAt(ch, cdOffset, (int) cdSize);
        List<Map<String, Object>> libraries = new ArrayList<>();
        int more = 0;
        int at = 0;
        for (int n = 0; n < count; n++) {
            if (at + 46 > cd.limit() || cd.getInt(at) != CENTRAL) {
                throw new IOException("central directory entry " + n + " is damaged");
            }
            int method = Short.toUnsignedInt(cd.getShort(at + 10));
            long compressed = Integer.toUnsignedLong(cd.getInt(at + 20));
            int nameLength = Short.toUnsignedInt(cd.getShort(at + 28));
            int extraLength = Short.toUnsignedInt(cd.getShort(at + 30));
            int commentLength = Short.toUnsignedInt(cd.getShort(at + 32));
            long local = Integer.toUnsignedLong(cd.getInt(at + 42));
            if (at + 46 + nameLength > cd.limit()) {
                throw new IOException("central directory entry " + n + " is damaged");
            }
            byte[] nameBytes = new byte[nameLength];
            cd.get(at + 46, nameBytes);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            at += 46 + nameLength + extraLength + commentLength;
            if (!NATIVE.matcher(name).matches()) {
                continue;
            }
            if (libraries.size() >= MAX_LIBRARIES) {
                more++;
                continue;
            }
            Map<String, Object> lib = new LinkedHashMap<>();
            lib.put("entry", name);
            lib.put("stored", method == 0);
            lib.put("method", method);
            if (local + 30 > size) {
                lib.put("unreadable", "local header offset " + local + " is past the end of the file");
            } else {
                ByteBuffer header = readAt(ch, local, 30);
                if (header.getInt(0) != LOCAL) {
                    lib.put("unreadable", "no local header at offset " + local);
                } else {
                    long data = local + 30 + Short.toUnsignedInt(header.getShort(26))
                            + Short.toUnsignedInt(header.getShort(28));
                    lib.put("dataOffset", data);
                    lib.put("size", compressed);
                    lib.put("alignment", alignment(data));
                }
            }
            libraries.add(lib);
        }
        if (libraries.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("libraries", libraries);
        if (more > 0) {
            out.put("moreLibraries", more);
        }
        return out;
    }

    /** The largest power of two up to 64 KiB that divides {@code offset}. */
    static long alignment(long offset) {
        if (offset == 0) {
            return 65536;
        }
        return Math.min(65536, Long.lowestOneBit(offset));
    }

    private static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
        if (position < 0 || length < 0 || position + length > ch.size()) {
            throw new IOException("read past the end of the file");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (ch.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("file ended early");
            }
        }
        return buffer.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
}
