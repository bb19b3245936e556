package dev.abilint.format.python;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import java.util.function.LongPredicate;

/**
 * A binary's data seen as the loader leaves it, word by word: what {@link ModuleDefFinder} needs to find a
 * {@code PyModuleDef} and its slot array in ELF, Mach-O and PE files alike. Each format says how a pointer
 * is stored (ELF: a relocation and its addend; Mach-O: a chained fixup or the unslid address; PE: the
 * preferred address, adjusted by base relocations).
 */
public interface LoadedImage {
    /** What {@link #pointer} returns for a word that holds no pointer. */
    long NO_POINTER = -1;
    /** What {@link #pointer} returns for a pointer whose target cannot be told (an imported symbol). */
    long UNKNOWN_TARGET = -2;

    /** 4 or 8. */
    int wordSize();

    /** The file's bytes, in the file's byte order. */
    Bytes data();

    /** The file offset of {@code length} bytes at {@code address}, or -1 when the file does not hold them. */
    long fileOffset(long address, long length);

    /**
     * Whether {@code length} bytes at {@code address} are mapped by the loader but not held by the file
     * (.bss, zero-fill): they read as zero. A slot array of only {@code {0, NULL}} lands there.
     */
    default boolean zeroFilled(long address, long length) {
        return false;
    }

    /** The word stored at {@code address} in the file (before the loader changes it). */
    default long raw(long address) throws MalformedBinaryException {
        long at = fileOffset(address, wordSize());
        if (at < 0) {
            throw new MalformedBinaryException("address 0x" + Long.toHexString(address) + " is not in the file", -1);
        }
        return wordSize() == 8 ? data().u64(at) : data().u32(at);
    }

    /** The address the word at {@code address} points to once loaded, {@link #NO_POINTER} or {@link #UNKNOWN_TARGET}. */
    long pointer(long address) throws MalformedBinaryException;

    /** Whether the loader writes to the word at {@code address} (a relocation or fixup names it). */
    boolean fixedUp(long address);

    /**
     * Visits the addresses of words that may hold a pointer, in a bounded number; stops when the visitor
     * returns false. Returns false when the image's pointers cannot be enumerated at all.
     */
    boolean pointerWords(LongPredicate visitor) throws MalformedBinaryException;
}
