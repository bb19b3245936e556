package dev.abilint.format.elf;

import dev.abilint.format.MalformedBinaryException;
import java.util.ArrayList;
import java.util.List;

/** Maps virtual addresses (as in {@code DT_*} pointers) to file offsets through PT_LOAD segments. */
final class ElfAddressMap {
    private record Range(long vaddr, long offset, long filesz, long memsz) {}

    private final List<Range> ranges = new ArrayList<>();

    void add(long vaddr, long offset, long filesz) {
        add(vaddr, offset, filesz, filesz);
    }

    void add(long vaddr, long offset, long filesz, long memsz) {
        ranges.add(new Range(vaddr, offset, filesz, memsz));
    }

    /** Whether {@code length} bytes at {@code address} lie in a segment's memory past its file bytes (.bss). */
    boolean zeroFilled(long address, long length) {
        for (Range r : ranges) {
            long delta = address - r.vaddr;
            if (Long.compareUnsigned(address, r.vaddr) >= 0 && Long.compareUnsigned(delta, r.filesz) >= 0
                    && Long.compareUnsigned(delta, r.memsz) < 0 && length >= 0 && length <= r.memsz - delta) {
                return true;
            }
        }
        return false;
    }

    /** The file offset of {@code length} bytes at {@code address}, or -1 when no segment's file bytes hold them. */
    long offsetOrMinusOne(long address, long length) {
        for (Range r : ranges) {
            if (Long.compareUnsigned(address, r.vaddr) >= 0 && Long.compareUnsigned(address - r.vaddr, r.filesz) < 0
                    && length >= 0 && length <= r.filesz - (address - r.vaddr)) {
                return r.offset + (address - r.vaddr);
            }
        }
        return -1;
    }

    boolean contains(long address, long length) {
        return offsetOrMinusOne(address, length) >= 0;
    }

    long toOffset(long address, String what) throws MalformedBinaryException {
        for (Range r : ranges) {
            if (Long.compareUnsigned(address, r.vaddr) >= 0 && Long.compareUnsigned(address - r.vaddr, r.filesz) < 0) {
                return r.offset + (address - r.vaddr);
            }
        }
        throw new MalformedBinaryException(what + " address 0x" + Long.toHexString(address)
                + " is not inside any loadable segment", -1);
    }
}
