package dev.abilint.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.abilint.gate.Baseline;
import dev.abilint.gate.Gate;
import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Binary;
import dev.abilint.model.Finding;
import dev.abilint.model.Severity;
import java.util.List;

/** One run's report: what every writer prints, field for field (see DESIGN.md's JSON contract). */
@JsonPropertyOrder({"schemaVersion", "tool", "command", "inputs", "old", "new", "config", "artifacts", "binaries", "findings", "baseline",
    "summary"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(String schemaVersion, Tool tool, String command, List<String> inputs,
        @com.fasterxml.jackson.annotation.JsonProperty("old") Side oldSide,
        @com.fasterxml.jackson.annotation.JsonProperty("new") Side newSide, String config,
        List<Artifact> artifacts, List<Binary> binaries, List<Finding> findings, BaselineOutcome baseline,
        Summary summary) {

    /**
     * One release of {@code abilint diff}: the inputs it was read from and the platforms it ships (wheel
     * tags, a jar's native matrix, loose binaries' headers), which the HTML page sets side by side.
     */
    @JsonPropertyOrder({"inputs", "platforms"})
    public record Side(List<String> inputs, List<String> platforms) {}

    /** This report as the report of a diff between two releases. */
    public Report asDiff(Side old, Side changed) {
        return new Report(schemaVersion, tool, "diff", inputs, old, changed, config, artifacts, binaries, findings,
                baseline, summary);
    }

    public static final String SCHEMA_VERSION = "1";

    @JsonPropertyOrder({"name", "version"})
    public record Tool(String name, String version) {}

    @JsonPropertyOrder({"artifacts", "binaries", "findings", "errors", "warnings", "notes", "suppressed", "failOn",
        "failed"})
    public record Summary(int artifacts, int binaries, int findings, int errors, int warnings, int notes,
            int suppressed, Severity failOn, boolean failed) {}

    /** What {@code --baseline} did: how many findings it matched, and the recorded ones that are gone. */
    @JsonPropertyOrder({"path", "matched", "fixed"})
    public record BaselineOutcome(String path, int matched, List<Baseline.Entry> fixed) {}

    public static Report of(String command, String version, Analysis analysis, List<Finding> findings,
            Severity failOn) {
        return of(command, version, analysis, new Gate.Result(findings, 0, 0, List.of()), failOn, null, null);
    }

    public static Report of(String command, String version, Analysis analysis, Gate.Result gated, Severity failOn,
            String configPath, String baselinePath) {
        List<Finding> findings = gated.findings();
        int errors = count(findings, Severity.ERROR);
        int warnings = count(findings, Severity.WARNING);
        int notes = count(findings, Severity.NOTE);
        boolean failed = findings.stream().anyMatch(f -> f.severity().atLeast(failOn));
        BaselineOutcome baseline = baselinePath == null ? null
                : new BaselineOutcome(baselinePath, gated.baselined(), gated.fixed());
        return new Report(SCHEMA_VERSION, new Tool("abilint", version), command, analysis.inputs(), null, null, configPath,
                analysis.artifacts(), analysis.binaries(), findings, baseline,
                new Summary(analysis.artifacts().size(), analysis.binaries().size(), findings.size(),
                        errors, warnings, notes, gated.suppressed(), failOn, failed));
    }

    private static int count(List<Finding> findings, Severity severity) {
        return (int) findings.stream().filter(f -> f.severity() == severity).count();
    }
}
