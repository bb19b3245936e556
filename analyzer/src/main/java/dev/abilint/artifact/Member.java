package dev.abilint.artifact;

import dev.abilint.format.Bytes;
import dev.abilint.format.Format;
import java.io.IOException;

/**
 * A file found in an input that a reader should read: where it is, what it looked like from its
 * first bytes, and how to get its bytes when a worker is ready for them.
 */
public record Member(String location, Format format, Loader loader) {

    /** Loads a member's bytes; called once, from any thread. */
    @FunctionalInterface
    public interface Loader {
        Bytes load() throws IOException;
    }
}
