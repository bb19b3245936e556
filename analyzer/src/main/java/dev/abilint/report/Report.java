package dev.abilint.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Binary;
import dev.abilint.model.Finding;
import dev.abilint.model.Severity;
import java.util.List;

/** One run's report: what every writer prints, field for field (see DESIGN.md's JSON contract). */
@JsonPropertyOrder({"schemaVersion", "tool", "command", "inputs", "artifacts", "binaries", "findings", "summary"})
public record Report(String schemaVersion, Tool tool, String command, List<String> inputs, List<Artifact> artifacts,
        List<Binary> binaries, List<Finding> findings, Summary summary) {

    public static final String SCHEMA_VERSION = "1";

    @JsonPropertyOrder({"name", "version"})
    public record Tool(String name, String version) {}

    @JsonPropertyOrder({"artifacts", "binaries", "findings", "errors", "warnings", "notes", "failOn", "failed"})
    public record Summary(int artifacts, int binaries, int findings, int errors, int warnings, int notes,
            Severity failOn, boolean failed) {}

    public static Report of(String command, String version, Analysis analysis, List<Finding> findings,
            Severity failOn) {
        int errors = count(findings, Severity.ERROR);
        int warnings = count(findings, Severity.WARNING);
        int notes = count(findings, Severity.NOTE);
        boolean failed = findings.stream().anyMatch(f -> f.severity().atLeast(failOn));
        return new Report(SCHEMA_VERSION, new Tool("abilint", version), command, analysis.inputs(),
                analysis.artifacts(), analysis.binaries(), findings,
                new Summary(analysis.artifacts().size(), analysis.binaries().size(), findings.size(),
                        errors, warnings, notes, failOn, failed));
    }

    private static int count(List<Finding> findings, Severity severity) {
        return (int) findings.stream().filter(f -> f.severity() == severity).count();
    }
}
