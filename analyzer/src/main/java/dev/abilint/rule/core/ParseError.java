package dev.abilint.rule.core;

import dev.abilint.model.Analysis;
import dev.abilint.model.Binary;
import dev.abilint.model.Problem;
import dev.abilint.model.ReadFailure;
import dev.abilint.model.Severity;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;

/**
 * A member that could not be read, or a part of a binary that could not: the scan went on, but
 * nothing abilint says about that part can be trusted. Errors for whole files, warnings for parts.
 * A file whose name promises a binary or archive that its bytes are not (an HTML page saved as
 * {@code .whl}, an empty {@code .so}) is one too. Members that are data to the package (a nested zip
 * or tar, test files) are left to {@code archive-unreadable-member}, a note.
 */
public final class ParseError implements AnalysisRule {
    @Override
    public String id() {
        return "parse-error";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (ReadFailure failure : analysis.failures()) {
            if (failure.data()) {
                continue; // data the package does not load: archive-unreadable-member, a note
            }
            context.report(failure.location(), (failure.format() == null ? "" : failure.format() + ": ")
                            + failure.reason() + at(failure.offset()))
                    .evidence("format", failure.format())
                    .evidence("reason", failure.reason())
                    .evidence("offset", failure.offset() < 0 ? null : failure.offset())
                    .fix("Check that the file is complete and not corrupted (rebuild or re-download it); "
                            + "if it is a valid file, report it to abilint with the file attached.")
                    .key(failure.reason())
                    .emit();
        }
        for (Binary binary : analysis.binaries()) {
            for (Problem problem : binary.getProblems()) {
                context.report(binary.getPath(), binary.getFormat() + ": part of the file cannot be read: "
                                + problem.reason() + at(problem.offset()))
                        .severity(Severity.WARNING)
                        .evidence("format", binary.getFormat())
                        .evidence("reason", problem.reason())
                        .evidence("offset", problem.offset() < 0 ? null : problem.offset())
                        .fix("Findings about this binary may be incomplete; check how it was built or "
                                + "post-processed (strip, patchelf, packers).")
                        .key(problem.reason())
                        .emit();
            }
        }
    }

    private static String at(long offset) {
        return offset < 0 ? "" : " (at offset 0x" + Long.toHexString(offset) + ")";
    }
}
