package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.ReadFailure;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;

/**
 * A member that is data to the package, not code it loads, could not be read: a nested zip or tar
 * archive (CPython ships deliberately broken ones as test data), or any file under a test directory
 * whose name promises a binary or archive its bytes are not. abilint could not look inside, so nothing in
 * it was checked; that is a note, not a parse error. A broken binary, a broken nested jar or wheel, and a
 * broken input stay {@code parse-error}.
 */
public final class ArchiveUnreadableMember implements AnalysisRule {
    @Override
    public String id() {
        return "archive-unreadable-member";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (ReadFailure failure : analysis.failures()) {
            if (!failure.data()) {
                continue;
            }
            context.report(failure.location(), "could not look inside this " + (failure.format() == null ? "member"
                            : failure.format() + " member") + ", which is data to the package (a nested archive or a "
                            + "test file), not code it loads: " + failure.reason() + "; nothing in it was checked")
                    .evidence("format", failure.format())
                    .evidence("reason", failure.reason())
                    .fix("Nothing to do if the file is test data or deliberately broken; if the package does read "
                            + "it, rebuild or re-download it.")
                    .key(failure.reason())
                    .emit();
        }
    }
}
