package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.windows.WindowsDlls;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Windows DLL now imports a C runtime or system DLL the old one did not ({@code vcruntime140_1.dll},
 * {@code msvcp140_2.dll}, an API set, a DLL of a newer Windows): machines without that runtime or Windows
 * version fail to load it. A warning: the runtime floor went up.
 */
public final class DiffWindowsRuntimeRaised extends PairRule {
    @Override
    public String id() {
        return "diff-windows-runtime-raised";
    }

    @Override
    void check(Comparison.BinaryPair pair, Comparison.ProductPair product, RuleContext context) {
        if (!"pe".equals(pair.young().getFormat())) {
            return;
        }
        Set<String> before = new TreeSet<>();
        pair.old().getNeeded().forEach(n -> before.add(n.toLowerCase(Locale.ROOT)));
        Set<String> added = new TreeSet<>();
        for (String n : pair.young().getNeeded()) {
            String lower = n.toLowerCase(Locale.ROOT);
            if (!before.contains(lower) && WindowsDlls.isSystem(lower)) {
                added.add(n);
            }
        }
        if (added.isEmpty()) {
            return;
        }
        context.report(pair.young().getPath(), "now imports " + String.join(", ", added) + " on " + pair.platform()
                        + ": Windows without that runtime fails to load it (\"The specified module could not be found\")")
                .evidence("platform", pair.platform())
                .evidence("libraries", List.copyOf(added))
                .evidence("name", String.join(",", added))
                .change(List.copyOf(pair.old().getNeeded()), List.copyOf(pair.young().getNeeded()))
                .key(pair.role() + "|" + pair.platform())
                .fix("Link the runtime statically (/MT) or bundle it, or accept the newer runtime in the config and "
                        + "document the Visual C++ Redistributable it needs.")
                .emit();
    }
}
