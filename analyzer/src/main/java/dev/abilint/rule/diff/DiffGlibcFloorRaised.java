package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.DottedVersion;
import java.util.List;

/**
 * A Linux library now needs a newer glibc (its highest {@code GLIBC_} symbol version went up), or a newer
 * libstdc++ ({@code GLIBCXX_}): on the distributions in between it fails to load with "version
 * `GLIBC_2.28' not found". Lists the symbols that raised it.
 */
public final class DiffGlibcFloorRaised extends PairRule {
    @Override
    public String id() {
        return "diff-glibc-floor-raised";
    }

    @Override
    void check(Comparison.BinaryPair pair, Comparison.ProductPair product, RuleContext context) {
        if (!"elf".equals(pair.young().getFormat())) {
            return;
        }
        for (String prefix : new String[] {"GLIBC_", "GLIBCXX_"}) {
            String before = Changes.highest(pair.old(), prefix);
            String after = Changes.highest(pair.young(), prefix);
            if (after == null || (before != null && DottedVersion.compare(after, before) <= 0)) {
                continue;
            }
            if (before == null && "GLIBC_".equals(prefix) && pair.old().getImports().isEmpty()) {
                continue; // nothing was known about the old one
            }
            // what raised it: the symbols above the old floor (with no old floor, those at the new one)
            List<String> raising = Changes.above(pair.young(), prefix, before);
            if (before == null) {
                raising.removeIf(s -> !s.endsWith("@" + prefix + after));
            }
            List<String> symbols = Changes.listed(raising);
            String what = prefix.equals("GLIBC_") ? "glibc" : "libstdc++ (GLIBCXX)";
            context.report(pair.young().getPath(), what + " floor raised from " + (before == null ? "none" : before)
                            + " to " + after + " on " + pair.platform() + " by " + String.join(", ",
                            symbols.subList(0, Math.min(3, symbols.size()))) + (symbols.size() > 3 ? ", ..." : "")
                            + ": it fails to load on systems in between (\"version `" + prefix + after + "' not found\")")
                    .evidence("platform", pair.platform())
                    .evidence("name", prefix + after)
                    .evidence("symbols", symbols)
                    .change(before == null ? null : prefix + before, prefix + after)
                    .key(pair.role() + "|" + pair.platform() + "|" + prefix)
                    .fix("Build on the older glibc again (a manylinux container), or avoid the symbols listed; if the new "
                            + "floor is deliberate, accept it in the config with a justification.")
                    .emit();
        }
    }
}
