package dev.abilint.format;

/**
 * A reader's own parse error: the bytes do not form a valid file of the format, with the file
 * offset where reading went wrong. Any other exception escaping a reader is a bug.
 */
public final class MalformedBinaryException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public MalformedBinaryException(String reason, long offset) {
        super(reason);
        this.offset = offset;
    }

    /** File offset the problem was found at, or -1 when it is not tied to one place. */
    public long offset() {
        return offset;
    }

    public String reason() {
        return getMessage();
    }

    @Override
    public String toString() {
        return offset < 0 ? getMessage() : getMessage() + " at offset 0x" + Long.toHexString(offset);
    }
}
