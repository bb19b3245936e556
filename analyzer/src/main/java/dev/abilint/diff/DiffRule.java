package dev.abilint.diff;

import dev.abilint.rule.Rule;
import dev.abilint.rule.RuleContext;

/** A rule of the {@code diff} family: judges what changed between two releases. */
public interface DiffRule extends Rule {
    void check(Comparison comparison, RuleContext context);
}
