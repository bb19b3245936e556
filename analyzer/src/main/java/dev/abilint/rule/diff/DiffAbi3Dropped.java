package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.model.WheelName;
import dev.abilint.rule.RuleContext;
import java.util.List;
import java.util.TreeSet;

/**
 * The old release had abi3 (Stable ABI) wheels, the new one has none: each new CPython now needs its own
 * wheel, and users of an interpreter the release has no wheel for (a new CPython, the next one) build from
 * source. A policy change: a warning the config can accept.
 */
public final class DiffAbi3Dropped implements dev.abilint.diff.DiffRule {
    @Override
    public String id() {
        return "diff-abi3-dropped";
    }

    @Override
    public void check(Comparison comparison, RuleContext context) {
        for (Comparison.ProductPair pair : comparison.products()) {
            if (!WheelTags.hasAbi3(pair.old()) || WheelTags.hasAbi3(pair.young()) || pair.young().wheels().isEmpty()) {
                continue;
            }
            TreeSet<String> abis = new TreeSet<>();
            for (WheelName w : pair.young().wheels()) {
                abis.addAll(w.abiTags());
            }
            context.report(pair.young().location(), Changes.name(pair) + " no longer ships abi3 wheels (cp"
                            + WheelTags.abi3Floor(pair.old()).replace(".", "") + "-abi3 before; now " + String.join(", ", abis)
                            + "): an interpreter without its own wheel builds from source")
                    .evidence("name", "abi3")
                    .evidence("oldAbi3Floor", WheelTags.abi3Floor(pair.old()))
                    .evidence("newAbiTags", List.copyOf(abis))
                    .change("abi3", List.copyOf(abis))
                    .key(pair.young().key())
                    .fix("Build with the limited API again (Py_LIMITED_API, py_limited_api=True), or accept the change in "
                            + "the config and build a wheel for every supported CPython.")
                    .emit();
        }
    }
}
