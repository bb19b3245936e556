package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.ArtifactIssue;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;

/**
 * An archive entry whose name would escape or confuse an extraction directory: {@code ../},
 * absolute paths, drive letters, backslashes, control characters, NUL ("zip slip"); or a name
 * that appears twice.
 */
public final class ArchiveUnsafeEntryName implements AnalysisRule {
    @Override
    public String id() {
        return "archive-unsafe-entry-name";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        Artifacts.reportIssues(analysis, ArtifactIssue.Type.UNSAFE_NAME, context,
                "Rebuild the archive from a clean directory with relative, forward-slash names; installers such "
                        + "as pip and unzip may refuse it or, worse, write outside their target directory.");
    }
}
