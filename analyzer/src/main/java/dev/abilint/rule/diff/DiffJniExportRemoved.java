package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.natives.NativeInventory;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A JNI export ({@code Java_...}) of the old library is gone on a platform while a {@code native} method of
 * the new release still needs it (by its short or long JNI name): calling the method throws
 * UnsatisfiedLinkError there. An export whose method went too is no finding (its removal is
 * diff-export-removed's business only when someone else links it, which nobody does).
 */
public final class DiffJniExportRemoved implements dev.abilint.diff.DiffRule {
    @Override
    public String id() {
        return "diff-jni-export-removed";
    }

    @Override
    public boolean readsEveryExport() {
        return true;
    }

    @Override
    public void check(Comparison comparison, RuleContext context) {
        Map<String, String> needed = JniMethods.of(comparison.young());
        if (needed.isEmpty()) {
            return;
        }
        for (Comparison.ProductPair product : comparison.products()) {
            for (Comparison.BinaryPair pair : product.binaries()) {
                Set<String> before = NativeInventory.exportNames(pair.old());
                Set<String> after = NativeInventory.exportNames(pair.young());
                Map<String, String> missing = new TreeMap<>();
                for (String name : before) {
                    if (name.startsWith("Java_") && !after.contains(name) && needed.containsKey(name)) {
                        missing.put(name, needed.get(name));
                    }
                }
                // a method the new library binds by its other JNI name (short <-> long) is still bound
                missing.entrySet().removeIf(e -> after.stream().anyMatch(a -> a.startsWith("Java_")
                        && e.getValue().equals(needed.get(a))));
                if (missing.isEmpty()) {
                    continue;
                }
                boolean onLoad = after.contains("JNI_OnLoad");
                java.util.List<String> names = Changes.listed(missing.keySet());
                context.report(pair.young().getPath(), missing.size() + " JNI export" + (missing.size() == 1 ? "" : "s")
                                + " removed on " + pair.platform() + " while the native method" + (missing.size() == 1 ? "" : "s")
                                + " still declare" + (missing.size() == 1 ? "s" : "") + " it ("
                                + missing.values().iterator().next() + (missing.size() > 1 ? ", ..." : "")
                                + "): calling it throws UnsatisfiedLinkError"
                                + (onLoad ? " unless JNI_OnLoad registers it with RegisterNatives" : ""))
                        .severity(onLoad ? dev.abilint.model.Severity.WARNING : dev.abilint.model.Severity.ERROR)
                        .evidence("platform", pair.platform())
                        .evidence("symbols", names)
                        .evidence("methods", Changes.listed(new java.util.TreeSet<>(missing.values())))
                        .evidence("jniOnLoad", onLoad ? Boolean.TRUE : null)
                        .change(names, null)
                        .key(pair.role() + "|" + pair.platform())
                        .fix("Build the library from the same sources as the classes (the JNI header javac -h writes), "
                                + "or remove the native methods too.")
                        .emit();
            }
        }
    }
}
