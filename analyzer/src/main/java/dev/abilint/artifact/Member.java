package dev.abilint.artifact;

import dev.abilint.format.Bytes;
import dev.abilint.format.Format;
import dev.abilint.model.Platform;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * A file found in an input that a reader should read: where it is, what it looked like from its
 * first bytes, how to get its bytes when a worker is ready for them, and the platforms its path
 * declares (a jar's directory convention, a wheel's platform tag; several for universal2).
 */
public record Member(String location, Format format, Loader loader, Supplier<List<Platform>> declared) {

    public Member(String location, Format format, Loader loader) {
        this(location, format, loader, List::of);
    }

    /**
     * The platforms the member's path declares; worked out when a reader asks (on its thread), so that
     * the walker never waits for the path-convention data to load.
     */
    public List<Platform> declaredPlatforms() {
        return declared.get();
    }

    /** Loads a member's bytes; called once, from any thread. */
    @FunctionalInterface
    public interface Loader {
        Bytes load() throws IOException;
    }
}
