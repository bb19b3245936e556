package dev.abilint.format.macho;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;

/**
 * Runs dyld's bind, weak-bind and lazy-bind opcode streams (LC_DYLD_INFO) far enough to learn
 * which symbol binds to which library ordinal. Addresses are not computed; a repeated bind is
 * recorded once. Every opcode consumes at least one byte, so a stream ends within its size.
 */
final class BindOpcodes {
    enum Table { BIND, WEAK_BIND, LAZY_BIND }

    private static final int OPCODE_MASK = 0xf0;
    private static final int IMMEDIATE_MASK = 0x0f;
    private static final int DONE = 0x00;
    private static final int SET_DYLIB_ORDINAL_IMM = 0x10;
    private static final int SET_DYLIB_ORDINAL_ULEB = 0x20;
    private static final int SET_DYLIB_SPECIAL_IMM = 0x30;
    private static final int SET_SYMBOL_TRAILING_FLAGS_IMM = 0x40;
    private static final int SET_TYPE_IMM = 0x50;
    private static final int SET_ADDEND_SLEB = 0x60;
    private static final int SET_SEGMENT_AND_OFFSET_ULEB = 0x70;
    private static final int ADD_ADDR_ULEB = 0x80;
    private static final int DO_BIND = 0x90;
    private static final int DO_BIND_ADD_ADDR_ULEB = 0xa0;
    private static final int DO_BIND_ADD_ADDR_IMM_SCALED = 0xb0;
    private static final int DO_BIND_ULEB_TIMES_SKIPPING_ULEB = 0xc0;
    private static final int THREADED = 0xd0;
    private static final int THREADED_SET_BIND_ORDINAL_TABLE_SIZE_ULEB = 0x00;
    static final int FLAG_WEAK_IMPORT = 0x1;
    static final int FLAG_NON_WEAK_DEFINITION = 0x8;

    /** What a weak-bind entry names: a symbol coalesced across images, not an import from one library. */
    interface WeakBindSink {
        void weakBind(String rawName, boolean strongDefinition);
    }

    private BindOpcodes() {}

    static void read(Bytes data, LoadCommands.Range range, Table table, ImportList imports, WeakBindSink weak)
            throws MalformedBinaryException {
        long end = range.offset() + range.size();
        long[] cursor = {range.offset()};
        long ordinal = 0;
        String symbol = null;
        int symbolFlags = 0;
        while (cursor[0] < end) {
            long at = cursor[0];
            int b = data.u8(at);
            cursor[0]++;
            int opcode = b & OPCODE_MASK;
            int immediate = b & IMMEDIATE_MASK;
            switch (opcode) {
                case DONE -> {
                    if (table != Table.LAZY_BIND) {
                        return;
                    }
                    // Each lazy entry ends with DONE; the stream goes on until its size.
                }
                case SET_DYLIB_ORDINAL_IMM -> ordinal = immediate;
                case SET_DYLIB_ORDINAL_ULEB -> ordinal = Leb.uleb(data, cursor, end);
                case SET_DYLIB_SPECIAL_IMM -> ordinal = immediate == 0 ? 0 : (byte) (OPCODE_MASK | immediate);
                case SET_SYMBOL_TRAILING_FLAGS_IMM -> {
                    symbolFlags = immediate;
                    symbol = data.cstring(cursor[0], end);
                    cursor[0] += utf8Length(data, cursor[0], end) + 1;
                }
                case SET_TYPE_IMM -> { }
                case SET_ADDEND_SLEB -> Leb.sleb(data, cursor, end);
                case SET_SEGMENT_AND_OFFSET_ULEB, ADD_ADDR_ULEB -> Leb.uleb(data, cursor, end);
                case DO_BIND, DO_BIND_ADD_ADDR_ULEB, DO_BIND_ADD_ADDR_IMM_SCALED, DO_BIND_ULEB_TIMES_SKIPPING_ULEB -> {
                    if (opcode == DO_BIND_ADD_ADDR_ULEB) {
                        Leb.uleb(data, cursor, end);
                    } else if (opcode == DO_BIND_ULEB_TIMES_SKIPPING_ULEB) {
                        Leb.uleb(data, cursor, end);
                        Leb.uleb(data, cursor, end);
                    }
                    if (symbol == null) {
                        throw new MalformedBinaryException("bind opcode before any symbol was set", at);
                    }
                    if (table == Table.WEAK_BIND) {
                        weak.weakBind(symbol, (symbolFlags & FLAG_NON_WEAK_DEFINITION) != 0);
                    } else {
                        imports.add(symbol, ordinal, (symbolFlags & FLAG_WEAK_IMPORT) != 0, at);
                    }
                }
                case THREADED -> {
                    if (immediate == THREADED_SET_BIND_ORDINAL_TABLE_SIZE_ULEB) {
                        Leb.uleb(data, cursor, end);
                    }
                }
                default -> throw new MalformedBinaryException(String.format("unknown bind opcode 0x%02x", b), at);
            }
        }
    }

    /** Bytes before the NUL that {@link Bytes#cstring} found (the string may hold invalid UTF-8). */
    private static long utf8Length(Bytes data, long from, long end) throws MalformedBinaryException {
        long at = from;
        while (data.u8(at) != 0) {
            at++;
            if (at >= end) {
                throw new MalformedBinaryException("symbol name is not terminated inside bind info", from);
            }
        }
        return at - from;
    }
}
