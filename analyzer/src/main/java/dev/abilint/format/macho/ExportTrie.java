package dev.abilint.format.macho;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Symbol;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks dyld's export trie (LC_DYLD_EXPORTS_TRIE or the export range of LC_DYLD_INFO). The trie is
 * untrusted: its depth is bounded, every node is visited at most once (a second visit is a cycle
 * or a shared node and fails the walk), every ULEB128 and child offset is checked, and the total
 * size of the names it spells out is capped.
 */
final class ExportTrie {
    static final int MAX_DEPTH = 128;
    static final long MAX_NAME_BYTES = 64L << 20;
    private static final int KIND_MASK = 0x03;
    private static final int KIND_REGULAR = 0x00;
    private static final int KIND_THREAD_LOCAL = 0x01;
    private static final int KIND_ABSOLUTE = 0x02;
    private static final int WEAK_DEFINITION = 0x04;
    private static final int REEXPORT = 0x08;
    private static final int STUB_AND_RESOLVER = 0x10;

    private final Bytes data;
    private final long start;
    private final long end;
    private final List<LoadCommands.Dylib> dylibs;
    private final SectionKinds kinds;
    private final List<Symbol> out;
    private final Set<Long> visited = new HashSet<>();
    private byte[] prefix = new byte[256];
    private int prefixLength;
    private long nameBytes;

    private ExportTrie(Bytes data, LoadCommands.Range range, List<LoadCommands.Dylib> dylibs, SectionKinds kinds,
            List<Symbol> out) {
        this.data = data;
        this.start = range.offset();
        this.end = range.offset() + range.size();
        this.dylibs = dylibs;
        this.kinds = kinds;
        this.out = out;
    }

    static void read(Bytes data, LoadCommands.Range range, List<LoadCommands.Dylib> dylibs, SectionKinds kinds,
            List<Symbol> out) throws MalformedBinaryException {
        new ExportTrie(data, range, dylibs, kinds, out).node(0, 0);
    }

    private void node(long relative, int depth) throws MalformedBinaryException {
        long at = start + relative;
        if (depth > MAX_DEPTH) {
            throw new MalformedBinaryException("export trie is deeper than " + MAX_DEPTH, at);
        }
        if (relative < 0 || at >= end) {
            throw new MalformedBinaryException("export trie node lies outside the trie", at);
        }
        if (!visited.add(relative)) {
            throw new MalformedBinaryException("export trie node is reached twice (a cycle)", at);
        }
        long[] cursor = {at};
        long terminalSize = Leb.uleb(data, cursor, end);
        long children = cursor[0];
        if (terminalSize > end - children) {
            throw new MalformedBinaryException("export trie terminal runs past the trie", at);
        }
        children += terminalSize;
        if (terminalSize != 0) {
            terminal(cursor, children);
        }
        if (children >= end) {
            throw new MalformedBinaryException("export trie node has no child count", children);
        }
        int childCount = data.u8(children);
        long[] edge = {children + 1};
        for (int i = 0; i < childCount; i++) {
            long labelStart = edge[0];
            int length = labelLength(labelStart);
            byte[] label = data.bytes(labelStart, length);
            edge[0] = labelStart + length + 1;
            long child = Leb.uleb(data, edge, end);
            int mark = prefixLength;
            append(label);
            node(child, depth + 1);
            prefixLength = mark;
        }
    }

    private void terminal(long[] cursor, long limit) throws MalformedBinaryException {
        long at = cursor[0];
        long flags = Leb.uleb(data, cursor, limit);
        nameBytes += prefixLength;
        if (nameBytes > MAX_NAME_BYTES) {
            throw new MalformedBinaryException("export trie spells out more than " + MAX_NAME_BYTES
                    + " bytes of names", at);
        }
        String rawName = new String(prefix, 0, prefixLength, StandardCharsets.UTF_8);
        String name = ImportList.cName(rawName);
        String stored = rawName.equals(name) ? null : rawName;
        boolean weak = (flags & WEAK_DEFINITION) != 0;
        if ((flags & REEXPORT) != 0) {
            long ordinal = Leb.uleb(data, cursor, limit);
            data.cstring(cursor[0], limit); // the name in the other library; checked, not kept
            // An ordinal outside the dependent libraries leaves the library unknown.
            String library = ordinal >= 1 && ordinal <= dylibs.size() ? dylibs.get((int) ordinal - 1).name() : null;
            out.add(new Symbol(name, stored, null, library, "reexport", weak, false, null));
            return;
        }
        String kind;
        if ((flags & STUB_AND_RESOLVER) != 0) {
            Leb.uleb(data, cursor, limit);
            Leb.uleb(data, cursor, limit);
            kind = "ifunc";
        } else {
            long address = Leb.uleb(data, cursor, limit);
            kind = switch ((int) (flags & KIND_MASK)) {
                case KIND_THREAD_LOCAL -> "tls";
                case KIND_ABSOLUTE -> "absolute";
                case KIND_REGULAR -> kinds.kindAtOffset(address);
                default -> "other";
            };
        }
        out.add(new Symbol(name, stored, null, null, kind, weak, false, null));
    }

    private int labelLength(long from) throws MalformedBinaryException {
        long at = from;
        while (true) {
            if (at >= end) {
                throw new MalformedBinaryException("export trie edge label is not terminated", from);
            }
            if (data.u8(at) == 0) {
                return (int) (at - from);
            }
            at++;
        }
    }

    private void append(byte[] label) {
        if (prefixLength + label.length > prefix.length) {
            prefix = java.util.Arrays.copyOf(prefix, Math.max(prefix.length * 2, prefixLength + label.length));
        }
        System.arraycopy(label, 0, prefix, prefixLength, label.length);
        prefixLength += label.length;
    }
}
