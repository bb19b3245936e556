package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.rule.RuleContext;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * New exports of a library: a note. Many at once ({@value #FLOOD} or more, in a library that exported few)
 * usually means the build lost its visibility map or {@code -fvisibility=hidden}: one finding says so,
 * not one per symbol.
 */
public final class DiffExportsAdded extends PairRule {
    static final int FLOOD = 100;

    @Override
    public String id() {
        return "diff-exports-added";
    }

    @Override
    public boolean readsEveryExport() {
        return true;
    }

    @Override
    void check(Comparison.BinaryPair pair, Comparison.ProductPair product, RuleContext context) {
        Map<String, Set<String>> before = Changes.exports(pair.old());
        Map<String, Set<String>> after = Changes.exports(pair.young());
        Set<String> added = new TreeSet<>();
        for (Map.Entry<String, Set<String>> e : after.entrySet()) {
            if (!before.containsKey(e.getKey())) {
                for (String v : e.getValue()) {
                    added.add(Changes.versioned(e.getKey(), v));
                }
            }
        }
        if (added.isEmpty()) {
            return;
        }
        boolean flood = added.size() >= FLOOD && added.size() > before.size();
        context.report(pair.young().getPath(), added.size() + " new export" + (added.size() == 1 ? "" : "s") + " on "
                        + pair.platform() + (flood ? " (from " + before.size() + "): a missing visibility map or "
                        + "-fvisibility=hidden? Every one becomes ABI that dependants may bind" : ""))
                .evidence("platform", pair.platform())
                .evidence("count", added.size())
                .evidence("symbols", Changes.listed(added))
                .change(null, Changes.listed(added))
                .key(pair.role() + "|" + pair.platform())
                .fix(flood ? "Build with -fvisibility=hidden and a version script (or .def file / exported_symbols_list) "
                        + "naming the intended exports." : null)
                .emit();
    }
}
