package dev.abilint.format.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.format.Bytes;
import dev.abilint.model.ModuleSlot;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/**
 * The slot reader on hand-laid 64-bit data (address = file offset, pointers stored as addresses, as in a PE
 * or a Mach-O file without chained fixups): decoys that point at the module's name must not be taken for
 * its definition, and anything that does not read as a slot array is "not known".
 */
class ModuleDefFinderTest {
    private static final int NAME = 0x10;     // "mod\0"
    private static final int DOC = 0x20;      // "doc\0"
    private static final int FUNC = 0x30;     // stands in for a function
    private static final int DEF = 0x100;     // PyModuleDef (12 words: 4 of PyObject head, 3 of m_base, then m_name...)
    private static final int SLOTS = 0x200;
    private static final int DECOY = 0x300;
    private static final int SIZE = 0x400;

    /** An image over a little-endian buffer where a non-zero word that is an address inside it is a pointer. */
    private static final class Image implements LoadedImage {
        final ByteBuffer buffer = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);

        Image() {
            put(NAME, "mod");
            put(DOC, "doc");
            buffer.put(FUNC, (byte) 0xc3);
        }

        void put(int at, String s) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < b.length; i++) {
                buffer.put(at + i, b[i]);
            }
        }

        void word(int at, long value) {
            buffer.putLong(at, value);
        }

        void slot(int at, int id, long value) {
            buffer.putInt(at, id);
            buffer.putLong(at + 8, value);
        }

        /** A definition whose m_name is at {@code at + 7 words}. */
        void def(int at, long slots) {
            word(at, 1); // ob_refcnt (or ob_tid) non-zero on purpose: it is not part of the test
            int name = at + 7 * 8;
            word(name, NAME);
            word(name + 8, DOC);
            word(name + 16, 0);
            word(name + 24, 0);
            word(name + 32, slots);
        }

        @Override public int wordSize() { return 8; }
        @Override public Bytes data() { return Bytes.of(buffer.array()).order(ByteOrder.LITTLE_ENDIAN); }
        @Override public long fileOffset(long address, long length) {
            return address >= 0 && address + length <= SIZE ? address : -1;
        }
        @Override public long pointer(long address) throws dev.abilint.format.MalformedBinaryException {
            long raw = raw(address);
            return raw > 0 && raw < SIZE ? raw : NO_POINTER;
        }
        @Override public boolean fixedUp(long address) { return false; }
        @Override public boolean pointerWords(LongPredicate visitor) {
            for (long a = 0; a + 8 <= SIZE; a += 8) {
                if (!visitor.test(a)) {
                    return true;
                }
            }
            return true;
        }
    }

    @Test
    void readsTheDefinitionAndNotAMethodNamedLikeTheModule() throws Exception {
        Image image = new Image();
        image.def(DEF, SLOTS);
        image.slot(SLOTS, 2, FUNC);
        image.slot(SLOTS + 16, 4, 1);
        // A PyMethodDef array whose first method has the module's name, with a zeroed area before it and
        // the next entry's name where m_slots would be: the "slots" would be the string "mod".
        image.word(DECOY + 32, NAME);
        image.word(DECOY + 40, FUNC);
        image.word(DECOY + 48, 4);
        image.word(DECOY + 56, DOC);
        image.word(DECOY + 64, NAME);
        List<ModuleDefFinder.Def> found = ModuleDefFinder.find(image, "mod");
        assertEquals(1, found.size(), found::toString);
        assertEquals(List.of(new ModuleSlot(2, "Py_mod_exec", "pointer"), new ModuleSlot(4, "Py_mod_gil",
                "Py_MOD_GIL_NOT_USED")), found.get(0).slots());
    }

    @Test
    void aNonZeroBaseIsNoDefinition() throws Exception {
        Image image = new Image();
        image.def(DEF, SLOTS);
        image.slot(SLOTS, 2, FUNC);
        image.word(DEF + 6 * 8, 5); // m_copy
        assertTrue(ModuleDefFinder.find(image, "mod").isEmpty());
    }

    @Test
    void twoDefinitionsThatDisagreeAreBothReported() throws Exception {
        Image image = new Image();
        image.def(DEF, SLOTS);
        image.slot(SLOTS, 4, 1);
        image.def(DECOY, SLOTS + 0x80);
        image.slot(SLOTS + 0x80, 4, 0);
        assertEquals(2, ModuleDefFinder.find(image, "mod").size());
    }

    @Test
    void slotArraysThatDoNotReadAsOneAreRefused() throws Exception {
        Image unknownId = new Image();
        unknownId.slot(SLOTS, 99, 1);
        assertEquals(null, ModuleDefFinder.readSlots(unknownId, SLOTS));
        Image execWithoutFunction = new Image();
        execWithoutFunction.slot(SLOTS, 2, 0);
        assertEquals(null, ModuleDefFinder.readSlots(execWithoutFunction, SLOTS));
        Image terminatorWithValue = new Image();
        terminatorWithValue.slot(SLOTS, 0, 7);
        assertEquals(null, ModuleDefFinder.readSlots(terminatorWithValue, SLOTS));
        Image unterminated = new Image();
        for (int i = 0; i < 12; i++) {
            unterminated.slot(SLOTS + 16 * i, 2, FUNC);
        }
        for (int at = SLOTS + 16 * 12; at + 16 <= SIZE; at += 16) {
            unterminated.slot(at, 2, FUNC);
        }
        assertEquals(null, ModuleDefFinder.readSlots(unterminated, SLOTS)); // runs off the data
        Image dotted = new Image();
        dotted.put(0x40, "pkg.mod");
        dotted.def(DEF, 0);
        dotted.word(DEF + 7 * 8, 0x40);
        assertEquals("pkg.mod", ModuleDefFinder.find(dotted, "mod").get(0).name());
    }
}
