package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.diff.Product;
import dev.abilint.format.classfile.JniNames;
import dev.abilint.model.Binary;
import dev.abilint.model.JavaClass;
import dev.abilint.model.Severity;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.natives.NativeInventory;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@code native} method that is new in this release (by its long JNI name, so a new overload counts)
 * and that no JNI library of its product exports on some platform where the product ships JNI libraries:
 * calling it there throws UnsatisfiedLinkError. Where that platform's library exports {@code JNI_OnLoad}
 * the method may be registered at load time (RegisterNatives): a note.
 */
public final class DiffNativeMethodUnbound implements dev.abilint.diff.DiffRule {
    @Override
    public String id() {
        return "diff-native-method-unbound";
    }

    @Override
    public boolean readsEveryExport() {
        return true;
    }

    @Override
    public void check(Comparison comparison, RuleContext context) {
        Map<String, JavaClass.NativeMethod> before = JniMethods.byLongName(comparison.old());
        Map<String, JavaClass.NativeMethod> after = JniMethods.byLongName(comparison.young());
        Map<String, JavaClass.NativeMethod> added = new TreeMap<>(after);
        added.keySet().removeAll(before.keySet());
        if (added.isEmpty()) {
            return;
        }
        for (Comparison.ProductPair pair : comparison.products()) {
            Product p = pair.young();
            // the JNI libraries of the product by platform: the exports of every one of them
            Map<String, Set<String>> exports = new TreeMap<>();
            for (Binary b : p.binaries()) {
                Set<String> names = NativeInventory.exportNames(b);
                if (names.stream().anyMatch(n -> n.startsWith("Java_")) || names.contains("JNI_OnLoad")) {
                    exports.computeIfAbsent(NativeInventory.platformLabel(b), k -> new TreeSet<>()).addAll(names);
                }
            }
            if (exports.isEmpty()) {
                continue;
            }
            Map<String, Set<String>> unboundOn = new TreeMap<>();
            Set<String> viaOnLoad = new TreeSet<>();
            for (Map.Entry<String, JavaClass.NativeMethod> e : added.entrySet()) {
                JavaClass.NativeMethod m = e.getValue();
                String label = m.owner().replace('/', '.') + "." + m.name() + m.descriptor();
                for (Map.Entry<String, Set<String>> platform : exports.entrySet()) {
                    Set<String> names = platform.getValue();
                    if (!names.contains(JniNames.shortName(m)) && !names.contains(JniNames.longName(m))) {
                        unboundOn.computeIfAbsent(label, k -> new TreeSet<>()).add(platform.getKey());
                        if (names.contains("JNI_OnLoad")) {
                            viaOnLoad.add(label + "|" + platform.getKey());
                        }
                    }
                }
            }
            if (unboundOn.isEmpty()) {
                continue;
            }
            boolean allOnLoad = unboundOn.entrySet().stream()
                    .allMatch(e -> e.getValue().stream().allMatch(pl -> viaOnLoad.contains(e.getKey() + "|" + pl)));
            Set<String> platforms = new TreeSet<>();
            unboundOn.values().forEach(platforms::addAll);
            context.report(p.location(), unboundOn.size() + " new native method" + (unboundOn.size() == 1 ? "" : "s")
                            + " with no JNI export on " + String.join(", ", platforms) + " ("
                            + unboundOn.keySet().iterator().next() + (unboundOn.size() > 1 ? ", ..." : "")
                            + "): calling it throws UnsatisfiedLinkError"
                            + (allOnLoad ? " unless JNI_OnLoad registers it with RegisterNatives" : ""))
                    .severity(allOnLoad ? Severity.NOTE : Severity.ERROR)
                    .evidence("methods", Changes.listed(unboundOn.keySet()))
                    .evidence("platforms", java.util.List.copyOf(platforms))
                    .change(null, Changes.listed(unboundOn.keySet()))
                    .key(p.key())
                    .fix("Rebuild the libraries of every platform from the sources that declare the new methods (javac -h "
                            + "writes their JNI header).")
                    .emit();
        }
    }
}
