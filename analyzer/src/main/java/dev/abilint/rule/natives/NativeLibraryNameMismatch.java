package dev.abilint.rule.natives;

import dev.abilint.model.Analysis;
import dev.abilint.model.JavaClass;
import dev.abilint.model.Locations;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.natives.NativeInventory.Library;
import dev.abilint.rule.natives.NativeInventory.Native;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code System.loadLibrary("x")} name (or JNA library name) that the jar's libraries do not carry
 * under the file name the JVM maps it to: {@code libx.so} on Linux and other Unix systems,
 * {@code libx.dylib} or {@code libx.jnilib} on macOS, {@code x.dll} on Windows. Two cases: the library is
 * there for a platform under another file name ({@code foo.dylib}, {@code libfoo.dll}); or no library of
 * that name is bundled at all while one with a nearly equal name is ({@code my_lib} vs
 * {@code libmylib.so}). A name that matches nothing bundled is taken for a system library and not judged;
 * a library missing for some platforms only is native-platform-missing's finding.
 */
public final class NativeLibraryNameMismatch implements AnalysisRule {
    @Override
    public String id() {
        return "native-library-name-mismatch";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        NativeInventory inventory = NativeInventory.of(analysis);
        for (JavaClass c : analysis.javaClasses()) {
            if (c.location() == null || c.loadedLibraries().isEmpty()) {
                continue;
            }
            NativeInventory.Scope scope = inventory.scopeNamed(NativeInventory.scopeOf(c.location()));
            List<Library> libraries = scope == null || scope.libraries().isEmpty()
                    ? inventory.libraries() : new ArrayList<>(scope.libraries().values());
            if (libraries.isEmpty()) {
                continue;
            }
            for (String name : new TreeSet<>(c.loadedLibraries())) {
                if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.contains(":")) {
                    continue; // System.load of a path
                }
                check(c, name, libraries, context);
            }
        }
    }

    private void check(JavaClass c, String name, List<Library> libraries, RuleContext context) {
        Library exact = null;
        for (Library l : libraries) {
            if (l.name().equals(NativeInventory.baseName(name))) {
                exact = l;
            }
        }
        if (exact != null) {
            for (Map.Entry<String, List<Native>> e : exact.byPlatform().entrySet()) {
                Set<String> expected = expectedFileNames(e.getKey(), name);
                if (expected.isEmpty()) {
                    continue;
                }
                Set<String> actual = new TreeSet<>();
                for (Native n : e.getValue()) {
                    actual.add(Locations.fileName(n.binary().getPath()));
                }
                if (actual.stream().anyMatch(expected::contains)) {
                    continue;
                }
                // Jar natives are extracted and System.load()ed by path by most loaders, so a file named
                // differently from System.mapLibraryName is only a problem for loadLibrary-style lookups.
                context.report(c.location(), "loads library \"" + name + "\", which System.loadLibrary looks for as "
                                + String.join(" or ", expected) + " on " + e.getKey() + ", but the jar ships it as "
                                + String.join(", ", actual) + " (fine if the loader extracts it and loads it by path)")
                        .severity(dev.abilint.model.Severity.NOTE)
                        .evidence("name", name)
                        .evidence("platform", e.getKey())
                        .evidence("expected", List.copyOf(expected))
                        .evidence("shipped", List.copyOf(actual))
                        .fix("Rename the file to " + expected.iterator().next() + " (check the build's output name, e.g. "
                                + "CMake's PREFIX on Windows), or load it by the name it has.")
                        .key(name + " " + e.getKey())
                        .emit();
            }
            return;
        }
        String normalized = normalize(name);
        if (normalized.length() < 3) {
            return;
        }
        for (Library l : libraries) {
            if (!near(normalized, normalize(l.name()))) {
                continue;
            }
            Set<String> files = new TreeSet<>();
            for (Native n : l.all()) {
                files.add(Locations.fileName(n.binary().getPath()));
            }
            context.report(c.location(), "loads library \"" + name + "\", but the jar has no library of that name; it has "
                            + String.join(", ", files) + " (library \"" + l.name() + "\")")
                    .evidence("name", name)
                    .evidence("closest", l.name())
                    .evidence("shipped", List.copyOf(files))
                    .evidence("platforms", List.copyOf(l.byPlatform().keySet()))
                    .fix("Load \"" + l.name() + "\", or name the built library after \"" + name + "\" (lib" + name
                            + ".so, lib" + name + ".dylib, " + name + ".dll).")
                    .key(name)
                    .emit();
            return;
        }
    }

    /** The file names System.loadLibrary(name) looks for on a platform (java.lang.System#mapLibraryName). */
    static Set<String> expectedFileNames(String platform, String name) {
        String os = platform.split("-")[0];
        Set<String> out = new TreeSet<>();
        switch (os) {
            case "macos" -> {
                out.add("lib" + name + ".dylib");
                out.add("lib" + name + ".jnilib");
            }
            case "windows" -> out.add(name + ".dll");
            case "linux", "android", "freebsd", "openbsd", "netbsd", "solaris", "aix" -> out.add("lib" + name + ".so");
            default -> { }
        }
        return out;
    }

    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** Equal apart from case and punctuation, or one edit apart for names of four or more characters. */
    static boolean near(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (Math.min(a.length(), b.length()) < 4 || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()] <= 1;
    }
}
