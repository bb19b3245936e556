package dev.abilint.artifact;

import dev.abilint.format.Bytes;
import dev.abilint.format.Format;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.format.classfile.ClassFileReader;
import dev.abilint.model.JavaClass;
import dev.abilint.model.ReadFailure;
import dev.abilint.model.PythonImport;
import dev.abilint.model.PythonSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.io.InputStream;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * What one archive entry holds, told from its name and first bytes, and the part of it the walker
 * keeps: the bytes of a native binary, a class file read with ASM, a Python file or a metadata file
 * (the last two only up to the metadata limit). Reading it touches no shared state, so entries of a
 * zip on disk are read on several threads and recorded afterwards in entry order.
 *
 * @param data the bytes kept (null when nothing is kept, or a Python/metadata file over the limit)
 * @param failure why a class file could not be read, or why an entry is not what its name promises
 *     (a {@code .so} or {@code .jar} whose bytes are none of the formats abilint reads)
 * @param python a Python file's declarations and imports, decoded here (null: nothing in it is kept)
 */
record EntryContent(Kind kind, Format format, byte[] data, JavaClass javaClass, ReadFailure failure,
        PythonSource python) {

    EntryContent(Kind kind, Format format, byte[] data, JavaClass javaClass, ReadFailure failure) {
        this(kind, format, data, javaClass, failure, null);
    }

    /** What an entry is to the walker. */
    enum Kind { NATIVE, CLASS, NESTED, PYTHON, METADATA, OTHER }

    private static final Pattern DIST_INFO_FILE = Pattern.compile("^([^/]+\\.dist-info)/(WHEEL|METADATA|RECORD)$");
    static final Pattern PKG_INFO = Pattern.compile("^(?:[^/]+/)?PKG-INFO$");
    private static final ClassFileReader CLASS_READER = new ClassFileReader();

    /** Bytes of a buffer allocated up front from an entry's declared size; it grows past this when needed. */
    private static final int MAX_PRESIZE = 64 << 20;

    /** An entry's first bytes, the format they show and what the entry is to the walker. */
    record Head(byte[] bytes, Format format, Kind kind) {
        static Head read(String name, InputStream in, int size) throws IOException {
            byte[] bytes = in.readNBytes(size);
            Format format = Format.sniff(Bytes.of(bytes));
            return new Head(bytes, format, classify(name, bytes, format));
        }
    }

    static Kind classify(String name, byte[] head, Format format) {
        if (format.isNative()) {
            return Kind.NATIVE;
        }
        if (format == Format.JAVA_CLASS && name.endsWith(".class")) {
            return Kind.CLASS;
        }
        if (format == Format.ZIP || format == Format.GZIP || TarReader.looksLikeTar(head, head.length)) {
            return Kind.NESTED;
        }
        if (name.endsWith(".py")) {
            return Kind.PYTHON;
        }
        return wantedMetadata(name) ? Kind.METADATA : Kind.OTHER;
    }

    static boolean wantedMetadata(String name) {
        return name.equalsIgnoreCase("META-INF/MANIFEST.MF") || DIST_INFO_FILE.matcher(name).matches()
                || PKG_INFO.matcher(name).matches();
    }

    /**
     * Reads what an entry of this kind keeps from {@code rest}, the entry after its head
     * (nothing for NESTED and OTHER: the caller streams or skips them).
     *
     * @param sizeHint the entry's declared inflated size, or -1: the buffer is allocated once from it
     */
    static EntryContent read(Head first, String location, InputStream rest, long sizeHint, int maxMetadataBytes)
            throws IOException {
        Kind kind = first.kind();
        Format format = first.format();
        byte[] head = first.bytes();
        switch (kind) {
            case NATIVE:
                return new EntryContent(kind, format, readAll(head, rest, sizeHint), null, null);
            case CLASS:
                return readClass(format, location, readAll(head, rest, sizeHint));
            case PYTHON:
                // decided and decoded here, on an inflater thread, not on the walker's
                return new EntryContent(kind, format, null, null, null,
                        python(location, readAtMost(head, rest, maxMetadataBytes, sizeHint)));
            case METADATA:
                return new EntryContent(kind, format, readAtMost(head, rest, maxMetadataBytes, sizeHint), null, null);
            default:
                return new EntryContent(kind, format, null, null, misnamed(location, head));
        }
    }

    /**
     * What is kept of a Python file: its text when it declares native functions (cffi, ctypes), its imports when
     * it is in a wheel (release-accelerator-no-fallback); null when neither. Files that cannot declare anything
     * (the byte filter) are never decoded whole; the imports are read from the bytes.
     */
    static PythonSource python(String location, byte[] source) {
        if (source == null) {
            return null;
        }
        boolean wantImports = PythonImports.wanted(location);
        boolean mayDeclare = PythonDeclarationFilter.mayDeclare(source);
        if (!wantImports && !mayDeclare) {
            return null;
        }
        String text = mayDeclare ? new String(source, StandardCharsets.UTF_8) : "";
        boolean declares = mayDeclare && PythonDeclarationFilter.NATIVE_DECLARATIONS.matcher(text).find();
        List<PythonImport> imports = wantImports
                ? PythonImports.of(source, location.substring(location.lastIndexOf("!/") + 2)) : List.of();
        if (!declares && imports.isEmpty()) {
            return null;
        }
        return new PythonSource(location, declares ? text : "", imports);
    }

    /**
     * A parse failure for an entry whose name promises a binary or an archive that its bytes are not (null
     * otherwise): data when it is under a test directory, or an archive the package does not load.
     */
    static ReadFailure misnamed(String location, byte[] head) {
        int member = location.lastIndexOf("!/");
        String path = member < 0 ? location : location.substring(member + 2);
        if (Promised.of(path) == null || Promised.linkerScript(head)) {
            return null;
        }
        return new ReadFailure(location, Promised.format(path), Promised.reason(path, head), -1,
                Promised.testData(path) || !Promised.loadable(path));
    }

    private static EntryContent readClass(Format format, String location, byte[] data) {
        try {
            return new EntryContent(Kind.CLASS, format, data, CLASS_READER.read(location, Bytes.of(data)), null);
        } catch (MalformedBinaryException e) {
            return new EntryContent(Kind.CLASS, format, data, null, new ReadFailure(location, "class", e.reason(),
                    e.offset()));
        } catch (RuntimeException e) { // a reader bug must not stop the walk; it is reported as such
            return new EntryContent(Kind.CLASS, format, data, null, new ReadFailure(location, "class",
                    "class file cannot be read: " + e, -1));
        }
    }

    /** The largest array the JVM allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * The head and everything after it, in a buffer sized once from the declared size when there is
     * one (grown, like readAllBytes, when the entry turns out larger). The member limit is enforced by
     * the limited stream underneath.
     */
    static byte[] readAll(byte[] head, InputStream rest, long sizeHint) throws IOException {
        byte[] all = read(head, rest, Math.min(MAX_PRESIZE, sizeHint), MAX_ARRAY);
        if (all == null) {
            throw new OutOfMemoryError("entry larger than an array holds");
        }
        return all;
    }

    /**
     * The head and the rest, or null when together they are more than {@code max} bytes (the rest is left
     * unread); the buffer is sized once from the declared size when there is one.
     */
    static byte[] readAtMost(byte[] head, InputStream rest, int max, long sizeHint) throws IOException {
        return head.length > max ? null : read(head, rest, Math.min(max, sizeHint), max);
    }

    /** The head and the rest in a buffer of {@code presize} bytes grown by doubling up to {@code max}; null past it. */
    private static byte[] read(byte[] head, InputStream rest, long presize, int max) throws IOException {
        byte[] buffer = Arrays.copyOf(head, (int) Math.max(head.length, presize));
        int filled = head.length;
        while (true) {
            if (filled == buffer.length) {
                int probe = rest.read();
                if (probe < 0) {
                    return buffer;
                }
                if (filled == max) {
                    return null;
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(max, Math.max(8192L, (long) buffer.length * 2)));
                buffer[filled++] = (byte) probe;
            }
            int n = rest.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                return filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
            }
            filled += n;
        }
    }
}
