package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.rule.RuleContext;

/**
 * An x86-64 library now needs a higher ISA level (its GNU property note, {@code x86-64-v2} to {@code v3}):
 * CPUs below it crash with SIGILL or the loader refuses the file.
 */
public final class DiffArchLevelRaised extends PairRule {
    @Override
    public String id() {
        return "diff-arch-level-raised";
    }

    @Override
    void check(Comparison.BinaryPair pair, Comparison.ProductPair product, RuleContext context) {
        int before = level(pair.old().flag("x86IsaNeeded"));
        int after = level(pair.young().flag("x86IsaNeeded"));
        if (after <= before || after <= 1) {
            return;
        }
        String was = String.valueOf(pair.old().flag("x86IsaNeeded") == null ? "x86-64-baseline" : pair.old().flag("x86IsaNeeded"));
        String now = String.valueOf(pair.young().flag("x86IsaNeeded"));
        context.report(pair.young().getPath(), "needs " + now + " (was " + was + ") on " + pair.platform()
                        + ": CPUs below it crash with SIGILL or refuse to load it")
                .evidence("platform", pair.platform())
                .evidence("name", now)
                .change(was, now)
                .key(pair.role() + "|" + pair.platform())
                .fix("Build with -march=x86-64 (or -march=x86-64-v2) again, or pick the code path at run time.")
                .emit();
    }

    /** {@code x86-64-v3} as 3, baseline (or none) as 1. */
    static int level(Object flag) {
        if (flag == null) {
            return 1;
        }
        String s = flag.toString();
        int v = s.lastIndexOf("-v");
        if (v >= 0 && v + 2 < s.length() && Character.isDigit(s.charAt(v + 2))) {
            return s.charAt(v + 2) - '0';
        }
        return 1;
    }
}
