package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.DottedVersion;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The wheels' {@code Requires-Python} lower bound went up: pip on older Pythons picks the previous release. */
public final class DiffRequiresPythonRaised implements dev.abilint.diff.DiffRule {
    private static final Pattern LOWER = Pattern.compile("(>=|>|~=|==)\\s*(\\d+(?:\\.\\d+){0,2})");

    @Override
    public String id() {
        return "diff-requires-python-raised";
    }

    @Override
    public void check(Comparison comparison, RuleContext context) {
        for (Comparison.ProductPair pair : comparison.products()) {
            String before = pair.old().requiresPython();
            String after = pair.young().requiresPython();
            String low = lower(before);
            String high = lower(after);
            if (high == null || (low != null && DottedVersion.compare(high, low) <= 0) || (low == null && before != null)) {
                continue;
            }
            context.report(pair.young().location(), "Requires-Python raised from " + (before == null ? "none" : "'" + before + "'")
                            + " to '" + after + "': pip on Python below " + high + " installs the previous release")
                    .evidence("name", after)
                    .change(before, after)
                    .key(pair.young().key())
                    .fix("Say so in the release notes; accept the change in the config.")
                    .emit();
        }
    }

    /** The lowest version a specifier allows ({@code >=3.9, <4} gives {@code 3.9}), or null. */
    static String lower(String spec) {
        if (spec == null) {
            return null;
        }
        String best = null;
        Matcher m = LOWER.matcher(spec);
        while (m.find()) {
            if (best == null || DottedVersion.compare(m.group(2), best) > 0) {
                best = m.group(2);
            }
        }
        return best;
    }
}
