package dev.abilint.rule.natives;

import dev.abilint.model.Analysis;
import dev.abilint.model.JavaClass;
import dev.abilint.model.Locations;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.RuleData;
import dev.abilint.rule.natives.NativeInventory.Library;
import dev.abilint.rule.natives.NativeInventory.Native;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A class of a jar that ships native libraries calls {@code System.loadLibrary("x")} (or
 * {@code Runtime.loadLibrary}) for a library that no file of the scan is, for any platform: unless the user's
 * system provides it, the load throws {@code UnsatisfiedLinkError}. Only in jars that ship natives (a jar of
 * classes alone gets its natives from another artifact); never for the JDK's and the common system libraries
 * ({@code rules/data/system-libraries.txt}); never for a name that is nearly a bundled library's
 * (native-library-name-mismatch reports that). A warning: the library may be an optional one the user installs.
 */
public final class NativeLibraryNotBundled implements AnalysisRule {
    private static final Set<String> SYSTEM = lower(RuleData.lines("system-libraries.txt"));

    @Override
    public String id() {
        return "native-library-not-bundled";
    }

    private static Set<String> lower(List<String> names) {
        Set<String> out = new HashSet<>();
        names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        return out;
    }

    /** Whether {@code name} is a JDK or common operating-system library name. */
    static boolean system(String name) {
        return SYSTEM.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        NativeInventory inventory = NativeInventory.of(analysis);
        for (NativeInventory.Scope scope : inventory.scopes()) {
            if (!scope.java() || scope.matrix().isEmpty()) {
                continue;
            }
            Set<String> shipped = new TreeSet<>();
            for (Map<String, List<Native>> row : scope.matrix().values()) {
                row.values().forEach(natives -> natives.forEach(n -> shipped.add(Locations.fileName(n.binary().getPath()))));
            }
            for (JavaClass c : scope.classes()) {
                if (c.location() == null || c.loadLibraryNames().isEmpty()) {
                    continue;
                }
                List<String> missing = new ArrayList<>();
                for (String name : new TreeSet<>(c.loadLibraryNames())) {
                    if (!name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.contains(":")
                            && !system(name) && notBundled(name, scope, inventory)) {
                        missing.add(name);
                    }
                }
                if (missing.isEmpty()) {
                    continue;
                }
                boolean one = missing.size() == 1;
                String names = String.join(", ", missing.stream().map(n -> "\"" + n + "\"").toList());
                context.report(c.location(), "loads " + (one ? "library " : "libraries ") + names
                                + " with System.loadLibrary, but no file of the scan is " + (one ? "that library" : "one of them")
                                + " for any platform (the jar ships " + dev.abilint.rule.Listing.firstFew(List.copyOf(shipped))
                                + "): unless the user's system provides " + (one ? "it" : "them")
                                + ", the load throws UnsatisfiedLinkError")
                        .evidence("libraries", missing)
                        .evidence("shipped", List.copyOf(shipped))
                        .fix("Bundle the library for every platform the jar supports (and load it the way the jar loads its "
                                + "other natives), or, if it is a system library the user must install, say so in the "
                                + "documentation and catch UnsatisfiedLinkError with a clear message.")
                        .key("loadLibrary")
                        .emit();
            }
        }
    }

    /** No library of the scan has this name, and none of the jar has a nearly equal one. */
    private static boolean notBundled(String name, NativeInventory.Scope scope, NativeInventory inventory) {
        if (!inventory.resolve(name, scope.name()).isEmpty() || scope.matrix().containsKey(name)) {
            return false;
        }
        String normalized = NativeLibraryNameMismatch.normalize(name);
        for (Library l : scope.libraries().values()) {
            if (normalized.length() >= 3 && NativeLibraryNameMismatch.near(normalized, NativeLibraryNameMismatch.normalize(l.name()))) {
                return false; // native-library-name-mismatch's finding
            }
        }
        return true;
    }
}
