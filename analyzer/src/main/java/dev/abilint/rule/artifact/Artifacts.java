package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.ArtifactIssue;
import dev.abilint.rule.RuleContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the artifact rules share: the natives directly inside an artifact, and issue reporting. */
final class Artifacts {
    private Artifacts() {}

    /** Locations of the native files directly in {@code artifact} (not in archives nested in it). */
    static List<String> natives(Analysis analysis, Artifact artifact) {
        Set<String> nested = new HashSet<>();
        for (Artifact other : analysis.artifacts()) {
            nested.add(other.getPath());
        }
        List<String> out = new ArrayList<>();
        for (String member : artifact.getMembers()) {
            if (!nested.contains(member)) {
                out.add(member);
            }
        }
        return out;
    }

    /** Reports every issue of one type, with its evidence, as findings of the running rule. */
    static void reportIssues(Analysis analysis, ArtifactIssue.Type type, RuleContext context, String fix) {
        for (Artifact artifact : analysis.artifacts()) {
            for (ArtifactIssue issue : artifact.getIssues()) {
                if (issue.type() != type) {
                    continue;
                }
                RuleContext.FindingBuilder finding = context.report(issue.location(), issue.message());
                for (Map.Entry<String, Object> e : issue.evidence().entrySet()) {
                    finding.evidence(e.getKey(), e.getValue());
                }
                finding.fix(fix).key(issue.message()).emit();
            }
        }
    }

    static String fact(Artifact artifact, String name) {
        Object value = artifact.getFacts().get(name);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Artifact artifact, String name) {
        Object value = artifact.getFacts().get(name);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Artifact artifact, String name) {
        Object value = artifact.getFacts().get(name);
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
