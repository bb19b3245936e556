package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.rule.RuleContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A platform's manylinux/musllinux tag went up ({@code manylinux_2_17} to {@code manylinux_2_28}): pip on
 * an older distribution no longer takes the wheel and builds from source.
 */
public final class DiffLinuxPolicyRaised implements dev.abilint.diff.DiffRule {
    @Override
    public String id() {
        return "diff-linux-policy-raised";
    }

    @Override
    public void check(Comparison comparison, RuleContext context) {
        for (Comparison.ProductPair pair : comparison.products()) {
            Map<String, String> before = WheelTags.linuxFloors(pair.old());
            Map<String, String> after = WheelTags.linuxFloors(pair.young());
            Map<String, String> raised = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : after.entrySet()) {
                String old = before.get(e.getKey());
                if (old != null && WheelTags.compare(e.getValue(), old) > 0) {
                    raised.put(e.getKey(), old + " -> " + e.getValue());
                }
            }
            if (raised.isEmpty()) {
                continue;
            }
            String first = raised.values().iterator().next();
            context.report(pair.young().location(), "Linux policy raised on " + String.join(", ", raised.keySet())
                            + " (" + first + "): pip on older distributions no longer installs the wheel")
                    .evidence("name", first.substring(first.indexOf("-> ") + 3))
                    .evidence("platforms", raised)
                    .change(before, after)
                    .key(pair.young().key())
                    .fix("Build in the older manylinux image again, or accept the change in the config and say so in "
                            + "the release notes.")
                    .emit();
        }
    }
}
