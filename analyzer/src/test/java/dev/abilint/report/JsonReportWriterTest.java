package dev.abilint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.abilint.artifact.Analyzer;
import dev.abilint.gate.Baseline;
import dev.abilint.gate.Gate;
import dev.abilint.model.Analysis;
import dev.abilint.model.Finding;
import dev.abilint.model.Severity;
import dev.abilint.rule.AllRules;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.rule.RuleEngine;
import dev.abilint.rule.Targets;
import dev.abilint.testing.Fixtures;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming JSON writer against jackson-databind's serialization of the same report (the
 * annotations on the model say what databind writes): byte for byte, on every fixture directory,
 * the hostile corpus, with a baseline and config, for scan and inspect.
 */
class JsonReportWriterTest {
    /** What the JSON report was before the streaming writer: databind, indented. */
    private static final ObjectMapper DATABIND = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    static Stream<String> inputs() throws Exception {
        List<String> dirs = new ArrayList<>();
        try (Stream<Path> children = Files.list(Fixtures.root())) {
            children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(dirs::add);
        }
        return dirs.stream();
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void sameBytesAsDatabind(String dir) throws Exception {
        Analysis analysis = new Analyzer().analyze(List.of(Fixtures.root().resolve(dir).toString()), n -> { });
        List<Finding> findings = new RuleEngine(AllRules.all(), RuleCatalogue.get())
                .run(analysis, new Targets("3.9", "2_17", "11.0", "17", List.of("linux-x86_64", "macos-arm64"), "2.17",
                        List.of()));
        List<Baseline.Entry> fixed = List.of(new Baseline.Entry("f1", "rule-id", "a.so", "gone \"quoted\" <b>"));
        Report[] reports = {
            Report.of("scan", "test", analysis, findings, Severity.WARNING),
            Report.of("inspect", "test", analysis, List.of(), Severity.NEVER),
            Report.of("scan", "test", analysis, new Gate.Result(findings, 2, 1, fixed), Severity.ERROR, "abilint.toml",
                    "baseline.json"),
        };
        for (Report report : reports) {
            StringWriter expected = new StringWriter();
            DATABIND.writeValue(expected, report);
            expected.write(System.lineSeparator());
            StringWriter actual = new StringWriter();
            new JsonReportWriter().write(report, actual);
            assertEquals(expected.toString(), actual.toString(), dir + " " + report.command());
        }
        assertTrue(analysis.binaries().size() + analysis.artifacts().size() > 0, dir + " gave nothing to write");
        for (Finding f : findings) {
            assertSameOrderInEveryRun(f.evidence(), dir + " " + f.ruleId() + " evidence");
        }
        for (dev.abilint.model.Artifact a : analysis.artifacts()) {
            assertSameOrderInEveryRun(a.getFacts(), dir + " " + a.getPath() + " facts");
        }
        for (dev.abilint.model.Binary b : analysis.binaries()) {
            assertSameOrderInEveryRun(b.getFlags(), dir + " " + b.getPath() + " flags");
            if (b.getPython() != null) {
                assertSameOrderInEveryRun(b.getPython().allocators(), dir + " " + b.getPath() + " allocators");
            }
        }
    }

    /**
     * No map or set of two or more entries made by Map.of or Set.of in what a report writes: their iteration
     * order is salted afresh in every JVM, so the same scan wrote its keys in another order from one run to
     * the next (release coverage's targets did).
     */
    private static void assertSameOrderInEveryRun(Object value, String where) {
        if (value == null) {
            return;
        }
        String type = value.getClass().getName();
        assertTrue(!type.equals("java.util.ImmutableCollections$MapN") && !type.equals("java.util.ImmutableCollections$SetN"),
                where + ": a Map.of/Set.of, iterated in a different order in every run: " + value);
        if (value instanceof java.util.Map<?, ?> map) {
            for (Object v : map.values()) {
                assertSameOrderInEveryRun(v, where);
            }
        } else if (value instanceof java.util.Collection<?> items) {
            for (Object v : items) {
                assertSameOrderInEveryRun(v, where);
            }
        }
    }
}
