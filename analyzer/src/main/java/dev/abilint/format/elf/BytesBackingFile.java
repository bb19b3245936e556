package dev.abilint.format.elf;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import net.fornwall.jelf.BackingFile;
import net.fornwall.jelf.ElfException;

/** Lets jelf read from our bounds-checked bytes; every read outside the file is an ElfException. */
final class BytesBackingFile implements BackingFile {
    private final Bytes bytes;
    private long position;

    BytesBackingFile(Bytes bytes) {
        this.bytes = bytes;
    }

    @Override
    public void seek(long offset) {
        if (offset < 0 || offset > bytes.size()) {
            throw new ElfException("seek outside the file: " + offset);
        }
        position = offset;
    }

    @Override
    public void skip(int bytesToSkip) {
        seek(position + bytesToSkip);
    }

    @Override
    public short readUnsignedByte() {
        try {
            short value = (short) bytes.u8(position);
            position++;
            return value;
        } catch (MalformedBinaryException e) {
            throw new ElfException("read outside the file at " + position);
        }
    }

    @Override
    public int read(byte[] data) {
        try {
            byte[] read = bytes.bytes(position, data.length);
            System.arraycopy(read, 0, data, 0, data.length);
            position += data.length;
            return data.length;
        } catch (MalformedBinaryException e) {
            throw new ElfException("read of " + data.length + " bytes outside the file at " + position);
        }
    }
}
