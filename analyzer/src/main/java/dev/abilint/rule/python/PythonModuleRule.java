package dev.abilint.rule.python;

import dev.abilint.model.Analysis;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;

/** A rule that judges each binary as a Python module in its wheel. */
public abstract class PythonModuleRule implements AnalysisRule {

    @Override
    public final void check(Analysis analysis, RuleContext context) {
        for (PythonModule module : PythonModules.of(analysis)) {
            check(module, context);
        }
    }

    protected abstract void check(PythonModule module, RuleContext context);
}
