package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.model.Severity;
import dev.abilint.rule.RuleContext;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A symbol the library still exports, but no longer at the ELF version (verdef node) the old release
 * defined it at: a binary linked against {@code foo@LIBX_1.0} fails with "version `LIBX_1.0' not found".
 * Also lists version nodes that disappeared altogether. An error where the old version mattered to
 * someone (libraries others link against), a note elsewhere.
 */
public final class DiffSymbolVersionChanged extends PairRule {
    @Override
    public String id() {
        return "diff-symbol-version-changed";
    }

    @Override
    public boolean readsEveryExport() {
        return true;
    }

    @Override
    void check(Comparison.BinaryPair pair, Comparison.ProductPair product, RuleContext context) {
        Map<String, Set<String>> before = Changes.exports(pair.old());
        Map<String, Set<String>> after = Changes.exports(pair.young());
        Set<String> changed = new TreeSet<>();
        Set<String> oldNodes = new TreeSet<>();
        Set<String> newNodes = new TreeSet<>();
        before.values().forEach(oldNodes::addAll);
        after.values().forEach(newNodes::addAll);
        oldNodes.remove("");
        newNodes.remove("");
        for (Map.Entry<String, Set<String>> e : before.entrySet()) {
            Set<String> now = after.get(e.getKey());
            if (now == null) {
                continue;
            }
            for (String v : e.getValue()) {
                if (!now.contains(v)) {
                    changed.add(Changes.versioned(e.getKey(), v) + " -> "
                            + String.join(",", now.stream().map(x -> Changes.versioned(e.getKey(), x)).toList()));
                }
            }
        }
        Set<String> goneNodes = new TreeSet<>(oldNodes);
        goneNodes.removeAll(newNodes);
        if (changed.isEmpty() && goneNodes.isEmpty()) {
            return;
        }
        Changes.Audience audience = Changes.audience(pair.young());
        Severity severity = audience == Changes.Audience.PUBLIC ? Severity.ERROR
                : audience == Changes.Audience.JAR ? Severity.WARNING : Severity.NOTE;
        context.report(pair.young().getPath(), (changed.isEmpty() ? "" : changed.size() + " export"
                        + (changed.size() == 1 ? "" : "s") + " moved to another symbol version")
                        + (changed.isEmpty() || goneNodes.isEmpty() ? "" : "; ")
                        + (goneNodes.isEmpty() ? "" : "version node" + (goneNodes.size() == 1 ? " " : "s ")
                                + String.join(", ", goneNodes) + " gone")
                        + " on " + pair.platform() + ": binaries linked against the old versions fail to load")
                .severity(severity)
                .evidence("platform", pair.platform())
                .evidence("symbols", Changes.listed(changed))
                .evidence("removedVersionNodes", goneNodes.isEmpty() ? null : java.util.List.copyOf(goneNodes))
                .change(java.util.List.copyOf(oldNodes), java.util.List.copyOf(newNodes))
                .key(pair.role() + "|" + pair.platform())
                .fix("Keep the old version node and define the symbol at both versions (.symver foo,foo@OLD and "
                        + "foo@@NEW), or bump the soname.")
                .emit();
    }
}
