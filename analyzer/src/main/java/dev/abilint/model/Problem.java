package dev.abilint.model;

/**
 * Something a reader could not read in an otherwise usable binary (a broken version table, a note
 * that runs past its segment). It becomes a {@code parse-error} finding; what was read stays.
 */
public record Problem(String reason, long offset) {
    @Override
    public String toString() {
        return offset < 0 ? reason : reason + " at offset 0x" + Long.toHexString(offset);
    }
}
