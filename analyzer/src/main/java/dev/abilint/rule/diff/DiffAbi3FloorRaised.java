package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.DottedVersion;

/** The abi3 wheels' CPython floor went up ({@code cp38-abi3} to {@code cp310-abi3}): older CPythons lose them. */
public final class DiffAbi3FloorRaised implements dev.abilint.diff.DiffRule {
    @Override
    public String id() {
        return "diff-abi3-floor-raised";
    }

    @Override
    public void check(Comparison comparison, RuleContext context) {
        for (Comparison.ProductPair pair : comparison.products()) {
            String before = WheelTags.abi3Floor(pair.old());
            String after = WheelTags.abi3Floor(pair.young());
            if (before == null || after == null || DottedVersion.compare(after, before) <= 0) {
                continue;
            }
            context.report(pair.young().location(), "abi3 floor raised from CPython " + before + " to " + after
                            + ": users of CPython " + before + " up to below " + after + " no longer get a wheel")
                    .evidence("name", "cp" + after.replace(".", "") + "-abi3")
                    .change(before, after)
                    .key(pair.young().key())
                    .fix("Keep Py_LIMITED_API at the old value, or accept the change in the config and raise Requires-Python.")
                    .emit();
        }
    }
}
