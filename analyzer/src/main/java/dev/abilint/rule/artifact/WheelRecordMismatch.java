package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.ArtifactIssue;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;

/**
 * A wheel whose {@code .dist-info/RECORD} does not match its files: a sha256 or size differs, a file
 * is not listed, or a listed file is missing. Installers verify RECORD (pip refuses a bad hash).
 */
public final class WheelRecordMismatch implements AnalysisRule {
    @Override
    public String id() {
        return "wheel-record-mismatch";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        Artifacts.reportIssues(analysis, ArtifactIssue.Type.RECORD_MISMATCH, context,
                "Do not edit a wheel after it is built; if you must (repairing, signing, stripping), rewrite RECORD "
                        + "with the tool that changed it (auditwheel, delocate and `wheel pack` do this).");
    }
}
