package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.diff.DiffRule;
import dev.abilint.rule.RuleContext;

/** A diff rule that looks at one paired binary at a time (one finding per pair at most). */
abstract class PairRule implements DiffRule {
    @Override
    public void check(Comparison comparison, RuleContext context) {
        for (Comparison.ProductPair product : comparison.products()) {
            for (Comparison.BinaryPair pair : product.binaries()) {
                check(pair, product, context);
            }
        }
    }

    abstract void check(Comparison.BinaryPair pair, Comparison.ProductPair product, RuleContext context);
}
