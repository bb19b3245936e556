package dev.abilint.rule;

import dev.abilint.model.Analysis;
import java.util.function.Function;

/**
 * A view derived from an analysis that several rules share (the Python modules and their wheels, the
 * native libraries of each jar): computed once for the analysis the rules are judging, not once per
 * rule. Holds only the latest analysis, so nothing outlives a scan.
 */
public final class PerAnalysis<T> {
    private final Function<Analysis, T> compute;
    private Analysis analysis;
    private T value;

    public PerAnalysis(Function<Analysis, T> compute) {
        this.compute = compute;
    }

    public synchronized T of(Analysis current) {
        if (current != analysis) {
            value = compute.apply(current);
            analysis = current;
        }
        return value;
    }
}
