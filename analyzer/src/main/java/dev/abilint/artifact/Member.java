package dev.abilint.artifact;

import dev.abilint.format.Bytes;
import dev.abilint.format.Format;
import dev.abilint.model.Platform;
import java.io.IOException;
import java.util.List;

/**
 * A file found in an input that a reader should read: where it is, what it looked like from its
 * first bytes, how to get its bytes when a worker is ready for them, and the platforms its path
 * declares (a jar's directory convention, a wheel's platform tag; several for universal2).
 */
public record Member(String location, Format format, Loader loader, List<Platform> declaredPlatforms) {

    public Member(String location, Format format, Loader loader) {
        this(location, format, loader, List.of());
    }

    /** Loads a member's bytes; called once, from any thread. */
    @FunctionalInterface
    public interface Loader {
        Bytes load() throws IOException;
    }
}
