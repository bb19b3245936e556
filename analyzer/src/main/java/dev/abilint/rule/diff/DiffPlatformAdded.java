package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.rule.RuleContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A platform the new release ships for that the old one did not: a note, for the release notes. */
public final class DiffPlatformAdded implements dev.abilint.diff.DiffRule {
    @Override
    public String id() {
        return "diff-platform-added";
    }

    @Override
    public void check(Comparison comparison, RuleContext context) {
        for (Comparison.ProductPair pair : comparison.products()) {
            Set<String> added = new TreeSet<>(pair.young().platforms());
            added.removeAll(pair.old().platforms());
            added.remove("any");
            if (added.isEmpty()) {
                continue;
            }
            context.report(pair.young().location(), Changes.name(pair) + " now ships for " + String.join(", ", added))
                    .evidence("name", List.copyOf(added))
                    .change(List.copyOf(pair.old().platforms()), List.copyOf(pair.young().platforms()))
                    .key(pair.young().key())
                    .emit();
        }
    }
}
