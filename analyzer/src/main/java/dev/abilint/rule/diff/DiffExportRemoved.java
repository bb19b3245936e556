package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.model.Severity;
import dev.abilint.rule.RuleContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An exported function or data symbol of the old release's library is gone from the new one (on that
 * platform): a program or package linked against it fails to load ("undefined symbol"). Severity by who
 * binds the library's exports: an error for libraries others link against and for a module's init
 * function; a note for the rest of an extension module's, a JNI library's and a wheel-bundled library's
 * exports (nothing outside the package binds them; a JNI name whose method went too is one of those, one a
 * method still needs is diff-jni-export-removed's); a warning
 * for other libraries in a jar (JNA interfaces bind those by name). A symbol still exported at another
 * ELF version is diff-symbol-version-changed's.
 */
public final class DiffExportRemoved implements dev.abilint.diff.DiffRule {
    @Override
    public String id() {
        return "diff-export-removed";
    }

    @Override
    public boolean readsEveryExport() {
        return true;
    }

    @Override
    public void check(Comparison comparison, RuleContext context) {
        // the JNI names the new release's native methods need: those are diff-jni-export-removed's
        Map<String, String> needed = JniMethods.of(comparison.young());
        for (Comparison.ProductPair product : comparison.products()) {
            for (Comparison.BinaryPair pair : product.binaries()) {
                check(pair, needed, context);
            }
        }
    }

    private static void check(Comparison.BinaryPair pair, Map<String, String> needed, RuleContext context) {
        Map<String, Set<String>> before = Changes.exports(pair.old());
        Map<String, Set<String>> after = Changes.exports(pair.young());
        Set<String> removed = new TreeSet<>();
        Set<String> harmful = new TreeSet<>();
        Changes.Audience audience = Changes.audience(pair.young());
        for (Map.Entry<String, Set<String>> e : before.entrySet()) {
            String name = e.getKey();
            if (after.containsKey(name) || needed.containsKey(name)
                    || name.startsWith("_Java_") && needed.containsKey(name.substring(1))) {
                continue; // still there (perhaps at another version), or a JNI name a method still needs
            }
            for (String version : e.getValue()) {
                removed.add(Changes.versioned(name, version));
                boolean init = name.startsWith("PyInit_") || name.startsWith("PyModExport_");
                if (audience == Changes.Audience.PUBLIC || audience == Changes.Audience.JAR
                        || (audience == Changes.Audience.EXTENSION && init)) {
                    harmful.add(Changes.versioned(name, version));
                }
            }
        }
        if (removed.isEmpty()) {
            return;
        }
        Severity severity = harmful.isEmpty() ? Severity.NOTE
                : audience == Changes.Audience.JAR ? Severity.WARNING : Severity.ERROR;
        String who = switch (audience) {
            case EXTENSION -> harmful.isEmpty() ? "an extension module's helper exports: only its init function is looked up"
                    : "the module's init function: Python cannot import it";
            case JNI -> "a JNI library's non-JNI exports: nothing outside the jar links them";
            case BUNDLED -> "a library the wheel bundles for its own modules";
            case JAR -> "a library in a jar: a JNA interface or another native that binds it by name fails";
            case PUBLIC -> "code linked against the old release fails with \"undefined symbol\"";
        };
        List<String> names = Changes.listed(removed);
        context.report(pair.young().getPath(), removed.size() + " export" + (removed.size() == 1 ? "" : "s")
                        + " removed on " + pair.platform() + " (" + String.join(", ", names.subList(0, Math.min(5, names.size())))
                        + (removed.size() > 5 ? ", ..." : "") + "): " + who)
                .severity(severity)
                .evidence("platform", pair.platform())
                .evidence("oldLocation", pair.old().getPath())
                .evidence("count", removed.size())
                .evidence("symbols", names)
                .change(names, null)
                .key(pair.role() + "|" + pair.platform())
                .fix(severity == Severity.NOTE ? null : "Export the symbols again (or keep a compatibility wrapper for a "
                        + "deprecation period), or bump the library's major version/soname so that dependants relink; "
                        + "if the removal is deliberate, accept it in the config with a justification.")
                .emit();
    }
}
