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

    private java.util.Set<String> pythonNames;

    /**
     * The dotted names of the Python modules and packages its wheels hold as source ({@code _yaml} for
     * {@code _yaml/__init__.py}, {@code pkg.util} for {@code pkg/util.py}): what still imports when an
     * extension module of that name is gone. Read from the wheels' zip directories on disk when first
     * asked (only when a module seems to be gone), never from their contents; a wheel that cannot be
     * opened contributes nothing.
     */
    public synchronized java.util.Set<String> pythonNames() {
        if (pythonNames != null) {
            return pythonNames;
        }
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Artifact a : artifacts) {
            java.nio.file.Path file = java.nio.file.Path.of(a.getPath());
            if (!a.getPath().toLowerCase(java.util.Locale.ROOT).endsWith(".whl") || !java.nio.file.Files.isRegularFile(file)) {
                continue;
            }
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
                java.util.Enumeration<? extends java.util.zip.ZipEntry> entries = zip.entries();
                for (int i = 0; entries.hasMoreElements() && i < 1_000_000; i++) {
                    String name = entries.nextElement().getName()
                            .replaceFirst("^[^/]*\\.data/(?:purelib|platlib)/", "");
                    if (name.endsWith("/__init__.py")) {
                        out.add(name.substring(0, name.length() - "/__init__.py".length()).replace('/', '.'));
                    } else if (name.endsWith(".py")) {
                        out.add(name.substring(0, name.length() - 3).replace('/', '.'));
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // unreadable here: it was read (or reported) by the scan; nothing to add
            }
        }
        pythonNames = java.util.Collections.unmodifiableSet(out);
        return pythonNames;
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
