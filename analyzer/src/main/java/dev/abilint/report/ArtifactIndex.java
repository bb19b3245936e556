package dev.abilint.report;

import dev.abilint.model.Artifact;
import dev.abilint.model.Locations;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the artifact a location belongs to, for writers that group by artifact: the report's
 * artifact whose path is the longest one that is the location itself or encloses it (followed by
 * {@code /} or {@code !/}). Nothing is computed that the report does not say.
 */
final class ArtifactIndex {
    private final List<Artifact> byLengthDescending;

    ArtifactIndex(List<Artifact> artifacts) {
        this.byLengthDescending = artifacts.stream()
                .sorted(Comparator.comparingInt((Artifact a) -> a.getPath().length()).reversed())
                .toList();
    }

    /** The owning artifact's path, or null when no artifact of the report encloses the location. */
    String owner(String location) {
        if (location == null) {
            return null;
        }
        for (Artifact a : byLengthDescending) {
            String path = a.getPath();
            if (location.equals(path)
                    || (location.startsWith(path) && (location.startsWith("/", path.length())
                            || location.startsWith(Locations.SEPARATOR, path.length())
                            || path.endsWith("/")))) {
                return path;
            }
        }
        return null;
    }

    /** The location relative to its artifact ({@code pkg/x.so} for {@code dist/a.whl!/pkg/x.so}), or itself. */
    String relative(String location) {
        String owner = owner(location);
        if (owner == null || owner.equals(location)) {
            return location == null ? null : Locations.fileName(location);
        }
        String rest = location.substring(owner.length());
        if (rest.startsWith(Locations.SEPARATOR)) {
            return rest.substring(Locations.SEPARATOR.length());
        }
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }
}
