package dev.abilint.rule;

import dev.abilint.model.Binary;

/** A rule that judges one binary at a time. */
public interface BinaryRule extends Rule {
    void check(Binary binary, RuleContext context);
}
