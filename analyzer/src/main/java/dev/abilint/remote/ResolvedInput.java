package dev.abilint.remote;

import java.nio.file.Path;

/**
 * One input ready to walk: where reports say it is ({@code location}: the path as given, or the coordinate
 * such as {@code maven:org.xerial:sqlite-jdbc:3.46.0.0}) and the local file or directory that holds it (the
 * path itself, a file in the cache, or one in the user's local Maven repository). The file keeps the
 * artifact's own file name, so that a wheel's tags apply.
 *
 * @param argument the command-line argument it came from (a {@code pypi:} or {@code maven:...:*} argument
 *     gives several inputs)
 */
public record ResolvedInput(String argument, String location, Path file) {
    /** Whether it came from coordinates (its location is not a path). */
    public boolean remote() {
        return !location.equals(argument) || InputResolver.isCoordinate(argument);
    }
}
