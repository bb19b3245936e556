package dev.abilint.rule.natives;

import dev.abilint.artifact.PathConventions;
import dev.abilint.model.Analysis;
import dev.abilint.model.Binary;
import dev.abilint.model.JavaClass;
import dev.abilint.model.Locations;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.natives.NativeInventory.Library;
import dev.abilint.rule.natives.NativeInventory.Native;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A native library the jar ships that no class of the jar loads and no other bundled library needs. Judged only
 * when every library-loading call of the jar's classes names its library in a way abilint reads
 * ({@code System.loadLibrary("x")}, {@code System.load} of a path with a constant file name, JNA, FFM; see
 * {@code ClassFileReader}) and at least one does: one call with a name built at run time, and which libraries the
 * jar loads cannot be told. A note: the file is dead weight in every download, or a library the jar meant to load
 * under another name.
 */
public final class NativeLibraryUnused implements AnalysisRule {
    @Override
    public String id() {
        return "native-library-unused";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        NativeInventory inventory = NativeInventory.of(analysis);
        for (NativeInventory.Scope scope : inventory.scopes()) {
            if (!scope.java() || scope.classes().isEmpty() || scope.matrix().isEmpty()) {
                continue;
            }
            Set<String> loaded = new TreeSet<>();
            boolean unresolved = false;
            for (JavaClass c : scope.classes()) {
                unresolved |= c.unresolvedLoads() > 0;
                loaded.addAll(c.loadedLibraries());
            }
            if (unresolved || loaded.isEmpty()) {
                continue;
            }
            Set<String> referenced = new HashSet<>();
            for (String name : loaded) {
                String file = Locations.fileName(name);
                referenced.add(NativeInventory.baseName(file));
                referenced.add(file);
                referenced.add(PathConventions.get().name(file, 0).identity());
            }
            for (Library l : scope.libraries().values()) {
                for (Native n : l.all()) {
                    for (String needed : n.binary().getNeeded()) {
                        referenced.add(NativeInventory.baseName(Locations.fileName(needed)));
                    }
                }
            }
            for (Map.Entry<String, Map<String, List<Native>>> row : scope.matrix().entrySet()) {
                List<String> files = new ArrayList<>();
                boolean used = referenced.contains(row.getKey());
                for (List<Native> natives : row.getValue().values()) {
                    for (Native n : natives) {
                        Binary b = n.binary();
                        String file = Locations.fileName(b.getPath());
                        files.add(NativeInventory.relative(scope.name(), b.getPath()));
                        used |= referenced.contains(file) || referenced.contains(NativeInventory.baseName(file))
                                || b.getSoname() != null && referenced.contains(NativeInventory.baseName(b.getSoname()));
                    }
                }
                if (used) {
                    continue;
                }
                files.sort(null);
                String first = scope.name().isEmpty() ? files.get(0) : scope.name() + Locations.SEPARATOR + files.get(0);
                context.report(first, "native library " + row.getKey() + " (" + dev.abilint.rule.Listing.firstFew(files)
                                + ") is shipped, but no class of the jar loads it (they load " + String.join(", ", loaded)
                                + ") and no other bundled library needs it: it is never used, or loaded under a name that does"
                                + " not match")
                        .evidence("library", row.getKey())
                        .evidence("files", files)
                        .evidence("loaded", List.copyOf(loaded))
                        .fix("Remove the file from the jar, or load it (check the name passed to System.loadLibrary / "
                                + "Native.load against the file name).")
                        .key(row.getKey())
                        .emit();
            }
        }
    }
}
