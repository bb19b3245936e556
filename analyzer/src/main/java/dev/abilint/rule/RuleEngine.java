package dev.abilint.rule;

import dev.abilint.model.Analysis;
import dev.abilint.model.Binary;
import dev.abilint.model.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs rules over an analysis. Findings come out in a stable order: by location, then rule, then
 * message, so that reports do not change with thread timing.
 */
public final class RuleEngine {
    private final List<Rule> rules;
    private final RuleCatalogue catalogue;

    public RuleEngine(List<Rule> rules, RuleCatalogue catalogue) {
        this.rules = List.copyOf(rules);
        this.catalogue = catalogue;
    }

    public List<Finding> run(Analysis analysis, Targets targets) {
        List<Finding> findings = new ArrayList<>();
        java.util.function.UnaryOperator<String> stable = location -> Fingerprints.relativeToInputs(location, analysis.inputs());
        for (Rule rule : rules) {
            RuleContext context = new RuleContext(catalogue.require(rule.id()), targets, findings, stable);
            if (rule instanceof AnalysisRule whole) {
                whole.check(analysis, context);
            }
            if (rule instanceof BinaryRule perBinary) {
                for (Binary binary : analysis.binaries()) {
                    perBinary.check(binary, context);
                }
            }
        }
        findings.sort(Comparator.comparing(Finding::location, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Finding::ruleId)
                .thenComparing(Finding::message));
        return findings;
    }
}
