package dev.abilint.format.classfile;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A structural walk over a class file before ASM sees it: constant pool entries, fields, methods and
 * every attribute must lie inside the file, and a Code attribute's code must fit in the attribute.
 * ASM trusts these lengths (it sizes arrays from a Code attribute's 32-bit {@code code_length}), so
 * checking them first keeps a hostile file from making it allocate gigabytes. Each loop runs at most
 * a 16-bit count of times, and each step moves forward through the file.
 */
final class ClassFileStructure {
    private static final byte[] CODE = "Code".getBytes(StandardCharsets.US_ASCII);

    private final Bytes b;
    private int[] utf8Offsets; // constant pool index -> offset of a CONSTANT_Utf8 entry, or 0

    private ClassFileStructure(Bytes data) {
        this.b = data.order(ByteOrder.BIG_ENDIAN);
    }

    /** Throws when a length or count in the file points outside it. */
    static void check(Bytes data) throws MalformedBinaryException {
        new ClassFileStructure(data).walk();
    }

    private void walk() throws MalformedBinaryException {
        if (b.size() < 10 || b.u32(0) != 0xcafebabeL) {
            throw new MalformedBinaryException("not a class file (bad magic)", 0);
        }
        int count = b.u16(8);
        utf8Offsets = new int[count];
        long p = 10;
        for (int i = 1; i < count; i++) {
            int tag = b.u8(p);
            long size;
            switch (tag) {
                case 1 -> {
                    utf8Offsets[i] = (int) p;
                    size = 3L + b.u16(p + 1);
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> size = 5;
                case 5, 6 -> {
                    size = 9;
                    i++; // takes two slots
                }
                case 7, 8, 16, 19, 20 -> size = 3;
                case 15 -> size = 4;
                default -> throw new MalformedBinaryException("unknown constant pool tag " + tag, p);
            }
            b.check(p, size, "constant pool entry " + i);
            p += size;
        }
        b.check(p, 8, "class header");
        int interfaces = b.u16(p + 6);
        p += 8;
        b.check(p, 2L * interfaces, "interfaces");
        p += 2L * interfaces;
        for (int kind = 0; kind < 2; kind++) { // fields, then methods
            int members = b.u16(p);
            p += 2;
            for (int m = 0; m < members; m++) {
                b.check(p, 6, kind == 0 ? "field" : "method");
                p = attributes(p + 6);
            }
        }
        attributes(p);
    }

    private long attributes(long p) throws MalformedBinaryException {
        int count = b.u16(p);
        p += 2;
        for (int a = 0; a < count; a++) {
            int nameIndex = b.u16(p);
            long length = b.u32(p + 2);
            b.check(p + 6, length, "attribute");
            if (isCode(nameIndex)) {
                if (length < 12) {
                    throw new MalformedBinaryException("Code attribute too short", p);
                }
                long codeLength = b.u32(p + 6 + 4);
                if (codeLength > length - 12) {
                    throw new MalformedBinaryException("code_length " + codeLength + " exceeds its attribute", p);
                }
                instructions(p + 6 + 8, codeLength);
                // The exception table and the attributes nested in Code (LineNumberTable, StackMapTable...)
                // must end inside the Code attribute too: ASM sizes their arrays from their own lengths.
                long table = p + 6 + 8 + codeLength; // max_stack, max_locals, code_length, then the code
                long handlers = b.u16(table);
                long nested = table + 2 + 8 * handlers;
                if (nested + 2 > p + 6 + length) {
                    throw new MalformedBinaryException("exception table runs past its Code attribute", table);
                }
                if (attributes(nested) > p + 6 + length) {
                    throw new MalformedBinaryException("attributes nested in Code run past it", nested);
                }
            }
            p += 6 + length;
        }
        return p;
    }

    /**
     * The instructions must end exactly at {@code code_length}: ASM reads the exception table and the nested
     * attributes from where its walk over the instructions stopped, so a last instruction whose operands run
     * past the code shifts those reads onto other bytes, and an "attribute length" read from them can ask for
     * gigabytes (found by fuzzing). Each step moves forward by at least one byte.
     */
    private void instructions(long start, long codeLength) throws MalformedBinaryException {
        long end = start + codeLength;
        long p = start;
        while (p < end) {
            int opcode = b.u8(p);
            long size = instructionSize(opcode, p, start);
            p += size;
        }
        if (p != end) {
            throw new MalformedBinaryException("the last instruction runs past code_length", end);
        }
    }

    private long instructionSize(int opcode, long p, long codeStart) throws MalformedBinaryException {
        if (opcode <= 0x0f || opcode >= 0x1a && opcode <= 0x35 || opcode >= 0x3b && opcode <= 0x83
                || opcode >= 0x85 && opcode <= 0x98 || opcode >= 0xac && opcode <= 0xb1 || opcode == 0xbe
                || opcode == 0xbf || opcode == 0xc2 || opcode == 0xc3) {
            return 1;
        }
        if (opcode == 0x10 || opcode == 0x12 || opcode >= 0x15 && opcode <= 0x19 || opcode >= 0x36 && opcode <= 0x3a
                || opcode == 0xa9 || opcode == 0xbc) {
            return 2;
        }
        if (opcode == 0x11 || opcode == 0x13 || opcode == 0x14 || opcode == 0x84 || opcode >= 0x99 && opcode <= 0xa8
                || opcode >= 0xb2 && opcode <= 0xb8 || opcode == 0xbb || opcode == 0xbd || opcode == 0xc0
                || opcode == 0xc1 || opcode == 0xc6 || opcode == 0xc7) {
            return 3;
        }
        if (opcode == 0xc5) {
            return 4;
        }
        if (opcode == 0xb9 || opcode == 0xba || opcode == 0xc8 || opcode == 0xc9) {
            return 5;
        }
        if (opcode == 0xc4) { // wide: iinc takes 6 bytes, a load, store or ret 4
            return b.u8(p + 1) == 0x84 ? 6 : 4;
        }
        if (opcode == 0xaa || opcode == 0xab) { // tableswitch, lookupswitch: padded to 4 from the code's start
            long operands = p + 1 + (3 - ((p - codeStart) & 3));
            if (opcode == 0xaa) {
                long low = b.s32(operands + 4);
                long high = b.s32(operands + 8);
                if (high < low) {
                    throw new MalformedBinaryException("tableswitch with high below low", p);
                }
                return operands + 12 + 4 * (high - low + 1) - p;
            }
            long pairs = b.s32(operands + 4);
            if (pairs < 0) {
                throw new MalformedBinaryException("lookupswitch with a negative count", p);
            }
            return operands + 8 + 8 * pairs - p;
        }
        throw new MalformedBinaryException("unknown opcode 0x" + Integer.toHexString(opcode), p);
    }

    private boolean isCode(int index) throws MalformedBinaryException {
        if (index <= 0 || index >= utf8Offsets.length || utf8Offsets[index] == 0) {
            return false;
        }
        int offset = utf8Offsets[index];
        return b.u16(offset + 1) == CODE.length && b.startsWith(offset + 3, CODE);
    }
}
