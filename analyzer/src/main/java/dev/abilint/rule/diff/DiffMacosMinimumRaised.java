package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.DottedVersion;

/** A Mach-O binary's minimum macOS (LC_BUILD_VERSION / LC_VERSION_MIN_MACOSX) went up: older Macs refuse it. */
public final class DiffMacosMinimumRaised extends PairRule {
    @Override
    public String id() {
        return "diff-macos-minimum-raised";
    }

    @Override
    void check(Comparison.BinaryPair pair, Comparison.ProductPair product, RuleContext context) {
        String before = pair.old().getMinOs();
        String after = pair.young().getMinOs();
        if (!"macho".equals(pair.young().getFormat()) || before == null || after == null
                || DottedVersion.compare(after, before) <= 0) {
            return;
        }
        context.report(pair.young().getPath(), "minimum macOS raised from " + before + " to " + after + " on "
                        + pair.platform() + ": macOS " + before + " up to below " + after + " refuses to load it")
                .evidence("platform", pair.platform())
                .evidence("name", "macos-" + after)
                .change(before, after)
                .key(pair.role() + "|" + pair.platform())
                .fix("Set MACOSX_DEPLOYMENT_TARGET=" + before + " again, or accept the change in the config.")
                .emit();
    }
}
