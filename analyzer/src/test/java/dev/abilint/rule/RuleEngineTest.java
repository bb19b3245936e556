package dev.abilint.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.abilint.model.Analysis;
import dev.abilint.model.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

    /** A rule that notes when it starts and reports one finding at a location chosen by the test. */
    private record Stub(String id, boolean readsEveryExport, String location, List<String> started)
            implements AnalysisRule {
        @Override
        public void check(Analysis analysis, RuleContext context) {
            started.add(id);
            context.report(location, "from " + id).emit();
        }
    }

    private static final Analysis EMPTY = new Analysis(List.of(), List.of(), List.of(), List.of(), List.of());

    @Test
    void rulesThatReadEveryExportStartFirstAndFindingsStayInTheirOrder() {
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        List<Rule> rules = List.of(
                new Stub("parse-error", false, "b", started),
                new Stub("archive-limit-exceeded", false, "a", started),
                new Stub("jni-export-orphan", true, "a", started),
                new Stub("wheel-record-mismatch", false, "c", started));
        List<Finding> findings = new RuleEngine(rules, RuleCatalogue.get(), 1).run(EMPTY, Targets.none());

        assertEquals(List.of("jni-export-orphan", "parse-error", "archive-limit-exceeded", "wheel-record-mismatch"),
                started);
        assertEquals(List.of("a archive-limit-exceeded", "a jni-export-orphan", "b parse-error", "c wheel-record-mismatch"),
                findings.stream().map(f -> f.location() + " " + f.ruleId()).toList());
    }

    @Test
    void theFindingsDoNotDependOnTheNumberOfThreads() {
        List<Rule> rules = new ArrayList<>();
        for (String id : List.of("parse-error", "jni-export-orphan", "archive-limit-exceeded", "jni-native-method-unbound")) {
            rules.add(new Stub(id, id.startsWith("jni-"), "x", Collections.synchronizedList(new ArrayList<>())));
        }
        List<Finding> one = new RuleEngine(rules, RuleCatalogue.get(), 1).run(EMPTY, Targets.none());
        List<Finding> four = new RuleEngine(rules, RuleCatalogue.get(), 4).run(EMPTY, Targets.none());
        assertEquals(one, four);
        assertEquals(4, one.size());
    }
}
