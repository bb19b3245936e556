package dev.abilint.remote;

import dev.abilint.artifact.InputException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one entry point from command-line inputs to local files: a path stays itself; coordinates
 * ({@code maven:GROUP:ARTIFACT:VERSION[:CLASSIFIER|:*][@EXT]}, {@code pypi:NAME==VERSION}) become the files
 * of that release in the cache, downloaded and verified as needed, each with the location reports show
 * ({@code maven:org.xerial:sqlite-jdbc:3.46.0.0}, {@code pypi:numpy==2.1.0/numpy-2.1.0-cp312-...whl}).
 * Errors (not found, a hash mismatch, an offline miss) are {@link InputException}s: one line, exit 2.
 */
public final class InputResolver {
    private InputResolver() {}

    public static boolean isCoordinate(String argument) {
        return argument.startsWith("maven:") || argument.startsWith("pypi:");
    }

    /**
     * Hands the resolved inputs to {@code analyzer} (a coordinate's file is read from the cache and named by its
     * coordinates) and returns the names to pass to {@link dev.abilint.artifact.Analyzer#analyze}.
     */
    public static List<String> register(List<ResolvedInput> inputs, dev.abilint.artifact.Analyzer analyzer) {
        List<String> names = new ArrayList<>();
        for (ResolvedInput input : inputs) {
            if (input.remote()) {
                analyzer.readInputFrom(input.location(), input.location(), input.file());
            }
            names.add(input.location());
        }
        return names;
    }

    /** Resolves every argument in order; a release with several files gives several inputs, in a stable order. */
    public static List<ResolvedInput> resolve(List<String> arguments, RemoteSettings settings) throws InputException {
        Transport transport = null;
        List<ResolvedInput> out = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.startsWith("maven:")) {
                transport = transport == null ? new Transport(settings.progress()) : transport;
                out.addAll(new MavenResolver(settings, transport).resolve(argument));
            } else if (argument.startsWith("pypi:")) {
                transport = transport == null ? new Transport(settings.progress()) : transport;
                out.addAll(new PypiResolver(settings, transport).resolve(argument));
            } else {
                Path path;
                try {
                    path = Path.of(argument);
                } catch (InvalidPathException e) {
                    throw new InputException("cannot read '" + argument + "': not a valid path");
                }
                out.add(new ResolvedInput(argument, argument, path));
            }
        }
        return out;
    }
}
