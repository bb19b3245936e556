package dev.abilint.diff;

import dev.abilint.model.Finding;
import dev.abilint.model.Severity;
import dev.abilint.rule.Fingerprints;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.Targets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Runs the diff rules over a comparison. Findings come out breaking first: errors, then warnings, then
 * notes, each by location, rule and message. Fingerprints take locations below the inputs with versions
 * out, so that the same change compared again (or against the next release) matches a baseline.
 */
public final class DiffEngine {
    private final List<DiffRule> rules;
    private final RuleCatalogue catalogue;

    public DiffEngine(List<DiffRule> rules, RuleCatalogue catalogue) {
        this.rules = List.copyOf(rules);
        this.catalogue = catalogue;
    }

    public List<Finding> run(Comparison comparison, Targets targets) {
        List<String> inputs = new ArrayList<>(comparison.old().analysis().inputs());
        inputs.addAll(comparison.young().analysis().inputs());
        UnaryOperator<String> stable = location -> Fingerprints.relativeToInputs(location, inputs);
        List<Finding> findings = new ArrayList<>();
        for (DiffRule rule : rules) {
            rule.check(comparison, new RuleContext(catalogue.require(rule.id()), targets, findings, stable));
        }
        findings.sort(Comparator.comparingInt((Finding f) -> -rank(f.severity()))
                .thenComparing(Finding::location, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Finding::ruleId)
                .thenComparing(Finding::message));
        return findings;
    }

    private static int rank(Severity s) {
        return switch (s) {
            case ERROR -> 3;
            case WARNING -> 2;
            case NOTE -> 1;
            default -> 0;
        };
    }
}
