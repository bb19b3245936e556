package dev.abilint.rule;

import dev.abilint.model.Analysis;
import dev.abilint.model.Binary;
import dev.abilint.model.Finding;
import dev.abilint.util.Workers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * Runs rules over an analysis, several at once (rules hold no state; what they share is built once
 * by {@link PerAnalysis}). Findings come out in a stable order, whatever the thread timing: each
 * rule's in the order it reported them, rules in catalogue order, then sorted by location, rule and
 * message.
 */
public final class RuleEngine {
    private final List<Rule> rules;
    private final RuleCatalogue catalogue;
    private final int threads;
    private final Map<String, Long> nanosByRule = Collections.synchronizedMap(new LinkedHashMap<>());

    public RuleEngine(List<Rule> rules, RuleCatalogue catalogue) {
        this(rules, catalogue, Runtime.getRuntime().availableProcessors());
    }

    public RuleEngine(List<Rule> rules, RuleCatalogue catalogue, int threads) {
        this.rules = List.copyOf(rules);
        this.catalogue = catalogue;
        this.threads = Math.max(1, threads);
    }

    public List<Finding> run(Analysis analysis, Targets targets) {
        UnaryOperator<String> stable = location -> Fingerprints.relativeToInputs(location, analysis.inputs());
        List<List<Finding>> perRule = new ArrayList<>();
        ExecutorService pool = Workers.pool(Math.min(threads, rules.size()), "abilint-rules");
        try {
            Map<Rule, Future<List<Finding>>> started = new java.util.IdentityHashMap<>();
            for (Rule rule : startOrder()) {
                started.put(rule, pool.submit(() -> check(rule, analysis, targets, stable)));
            }
            for (Rule rule : rules) { // results in catalogue order, whatever order the rules started in
                perRule.add(Workers.join(started.get(rule)));
            }
        } finally {
            pool.shutdownNow();
        }
        List<Finding> findings = new ArrayList<>();
        perRule.forEach(findings::addAll);
        findings.sort(Comparator.comparing(Finding::location, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Finding::ruleId)
                .thenComparing(Finding::message));
        return findings;
    }

    /** The rules that read every export or every Python file first, each group in catalogue order. */
    private List<Rule> startOrder() {
        List<Rule> order = new ArrayList<>(rules);
        order.sort(Comparator.comparing(rule -> !(rule.readsEveryExport() || rule.readsEveryPythonFile())));
        return order;
    }

    private List<Finding> check(Rule rule, Analysis analysis, Targets targets, UnaryOperator<String> stable) {
        long start = System.nanoTime();
        List<Finding> findings = new ArrayList<>();
        RuleContext context = new RuleContext(catalogue.require(rule.id()), targets, findings, stable);
        if (rule instanceof AnalysisRule whole) {
            whole.check(analysis, context);
        }
        if (rule instanceof BinaryRule perBinary) {
            for (Binary binary : analysis.binaries()) {
                perBinary.check(binary, context);
            }
        }
        nanosByRule.merge(rule.id(), System.nanoTime() - start, Long::sum);
        return findings;
    }

    /** How long each rule took in the last {@link #run}, in nanoseconds (rules overlap: they do not add up to the phase). */
    public Map<String, Long> nanosByRule() {
        synchronized (nanosByRule) {
            return Map.copyOf(nanosByRule);
        }
    }
}
