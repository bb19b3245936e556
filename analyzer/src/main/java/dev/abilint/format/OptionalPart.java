package dev.abilint.format;

import dev.abilint.model.Binary;
import dev.abilint.model.Problem;

/**
 * A part of a file the binary can do without (a version table, an export trie, a delay-load
 * directory): a parse error in it becomes a {@link Problem} on the binary and what was read stays.
 */
public final class OptionalPart {
    /** Reads one part. */
    @FunctionalInterface
    public interface Part<T> {
        T read() throws MalformedBinaryException;
    }

    /** Reads a part with no result. */
    @FunctionalInterface
    public interface Step {
        void read() throws MalformedBinaryException;
    }

    private OptionalPart() {}

    /** The part's result, or null when it could not be read (a Problem is recorded on the binary). */
    public static <T> T read(Binary binary, Part<T> part) {
        try {
            return part.read();
        } catch (MalformedBinaryException e) {
            binary.getProblems().add(new Problem(e.reason(), e.offset()));
            return null;
        }
    }

    /** Runs a step; a parse error in it is recorded on the binary. */
    public static void run(Binary binary, Step step) {
        read(binary, () -> {
            step.read();
            return null;
        });
    }
}
