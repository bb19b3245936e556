package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.rule.RuleContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A platform the old release shipped for is gone: from the wheels' platform tags, from the jar's native
 * matrix (its libraries' platforms) or from its set of classifier jars. Users there get no wheel (pip falls
 * back to building the sdist, or fails) or an UnsatisfiedLinkError. A deliberate policy change: a warning,
 * which the config can accept by name with a justification.
 */
public final class DiffPlatformRemoved implements dev.abilint.diff.DiffRule {
    @Override
    public String id() {
        return "diff-platform-removed";
    }

    @Override
    public void check(Comparison comparison, RuleContext context) {
        for (Comparison.ProductPair pair : comparison.products()) {
            Set<String> gone = new TreeSet<>(pair.old().platforms());
            gone.removeAll(pair.young().platforms());
            gone.remove("any");
            if (gone.isEmpty()) {
                continue;
            }
            context.report(pair.young().location(), Changes.name(pair) + " no longer ships for "
                            + String.join(", ", gone) + ": users there get no " + (pair.young().wheel()
                            ? "wheel (pip builds from source or fails)" : "native library (UnsatisfiedLinkError)"))
                    .evidence("name", List.copyOf(gone))
                    .evidence("oldPlatforms", List.copyOf(pair.old().platforms()))
                    .evidence("newPlatforms", List.copyOf(pair.young().platforms()))
                    .change(List.copyOf(pair.old().platforms()), List.copyOf(pair.young().platforms()))
                    .key(pair.young().key() + "|" + String.join(",", gone))
                    .fix("Build for the platforms again, or, if dropping them is deliberate, accept the change in the "
                            + "config ([[accept]] rule = \"diff-platform-removed\", name = \"" + gone.iterator().next()
                            + "\", justification = \"...\") and say so in the release notes.")
                    .emit();
        }
    }
}
