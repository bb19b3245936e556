package dev.abilint.rule;

import dev.abilint.model.Analysis;

/** A rule that needs the whole analysis: artifacts with their members, or what could not be read. */
public interface AnalysisRule extends Rule {
    void check(Analysis analysis, RuleContext context);
}
