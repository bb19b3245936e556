package dev.abilint.format.pe;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.format.python.LoadedImage;
import java.util.function.LongPredicate;

/**
 * A PE image's data as the loader leaves it, addressed by RVA: a pointer is stored as its address at the
 * preferred ImageBase (base relocations only add the difference when the image is moved), so a word
 * holds a pointer when, less ImageBase, it falls inside a section. Words are visited in the sections of
 * initialized data that are not code.
 */
final class PeLoadedImage implements LoadedImage {
    private static final long MAX_SCAN = 256L * 1024 * 1024;
    private static final long CNT_INITIALIZED_DATA = 0x40;

    private final PeImage image;

    PeLoadedImage(PeImage image) {
        this.image = image;
    }

    @Override
    public int wordSize() {
        return image.headers.wide ? 8 : 4;
    }

    @Override
    public Bytes data() {
        return image.data;
    }

    @Override
    public long fileOffset(long address, long length) {
        try {
            return image.offset(address, length, "data");
        } catch (MalformedBinaryException e) {
            return -1;
        }
    }

    @Override
    public boolean zeroFilled(long address, long length) {
        PeSection s = image.sectionAt(address);
        return s != null && !s.holds(address, 1) && length <= s.memorySize() - (address - s.virtualAddress());
    }

    @Override
    public long pointer(long address) throws MalformedBinaryException {
        long raw = raw(address);
        if (raw == 0) {
            return NO_POINTER;
        }
        long rva = raw - image.headers.imageBase;
        return rva >= 0 && rva <= 0xffffffffL && image.sectionAt(rva) != null ? rva : NO_POINTER;
    }

    @Override
    public boolean fixedUp(long address) {
        return false; // a relocated word holds its preferred address, never zero; callers test zero words only
    }

    @Override
    public boolean pointerWords(LongPredicate visitor) {
        long scanned = 0;
        int w = wordSize();
        for (PeSection s : image.sections()) {
            if (s.executable() || (s.characteristics() & CNT_INITIALIZED_DATA) == 0) {
                continue;
            }
            long end = s.virtualAddress() + Math.min(s.memorySize(), s.rawSize());
            for (long rva = s.virtualAddress(); rva + w <= end; rva += w) {
                if ((scanned += w) > MAX_SCAN) {
                    return false;
                }
                if (fileOffset(rva, w) < 0) {
                    break;
                }
                if (!visitor.test(rva)) {
                    return true;
                }
            }
        }
        return true;
    }
}
