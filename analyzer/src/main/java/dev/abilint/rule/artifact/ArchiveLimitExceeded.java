package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.ArtifactIssue;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;

/**
 * abilint stopped reading (part of) an archive at a limit: member size, total inflated bytes,
 * compression ratio (a zip bomb), entry count or nesting depth. What lies beyond was not checked.
 */
public final class ArchiveLimitExceeded implements AnalysisRule {
    @Override
    public String id() {
        return "archive-limit-exceeded";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        Artifacts.reportIssues(analysis, ArtifactIssue.Type.LIMIT, context,
                "Nothing past this point was checked. If the archive is genuine, split it or flatten nested archives; "
                        + "if you did not build it, treat it as hostile (zip bombs look like this).");
    }
}
