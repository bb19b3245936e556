package dev.abilint.diff;

import dev.abilint.model.Artifact;
import dev.abilint.model.Binary;
import dev.abilint.model.JavaClass;
import dev.abilint.model.WheelName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one release ships of one project: all wheels of a project name, all jars of an artifact name
 * (its classifier jars included), or the loose binaries. {@code platforms} are what it claims to run on:
 * the wheels' platform tags, the native matrix of the jars (their libraries' platforms), the loose
 * binaries' headers.
 */
public final class Product {
    private final String key;
    private final List<Artifact> artifacts = new ArrayList<>();
    private final List<Binary> binaries = new ArrayList<>();
    private final List<JavaClass> classes = new ArrayList<>();
    private final Set<String> platforms = new TreeSet<>();
    private final List<WheelName> wheels = new ArrayList<>();
    private String location;

    Product(String key) {
        this.key = key;
    }

    /** {@code wheel:numpy}, {@code jar:sqlite-jdbc}, "" for loose binaries. */
    public String key() { return key; }
    public boolean wheel() { return key.startsWith("wheel:"); }
    public boolean jar() { return key.startsWith("jar:") || key.startsWith("aar:") || key.startsWith("war:"); }
    /** The project's name without its kind: {@code numpy}, {@code sqlite-jdbc}; "binaries" for loose ones. */
    public String name() { return key.isEmpty() ? "binaries" : key.substring(key.indexOf(':') + 1); }
    public List<Artifact> artifacts() { return artifacts; }
    public List<Binary> binaries() { return binaries; }
    public List<JavaClass> classes() { return classes; }
    public Set<String> platforms() { return platforms; }
    public List<WheelName> wheels() { return wheels; }

    /** Where a finding about the product as a whole points: its first artifact (or binary). */
    public String location() { return location; }

    void locate(String path) {
        if (location == null || path.compareTo(location) < 0) {
            location = path;
        }
    }

    /** The {@code Requires-Python} of the product's wheels (the first one that says it), or null. */
    public String requiresPython() {
        for (Artifact a : artifacts) {
            if (a.getFacts().get("metadata") instanceof java.util.Map<?, ?> m && m.get("requiresPython") != null) {
                return String.valueOf(m.get("requiresPython"));
            }
        }
        return null;
    }
}
