package dev.abilint.rule.python;

import dev.abilint.model.Severity;
import dev.abilint.model.Symbol;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.BorrowedReferences;

/**
 * Imports of APIs that hand out borrowed references (or the deprecated error triple) where a
 * strong-reference replacement exists; a warning for free-threaded modules, where the object can
 * be freed by another thread while it is borrowed.
 */
public final class BorrowedReferenceApi extends PythonModuleRule {
    @Override
    public String id() {
        return "borrowed-reference-api";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        if (!module.isExtension()) {
            return;
        }
        boolean freeThreaded = module.claimsFreeThreaded()
                || (context.targets().python() != null && context.targets().python().endsWith("t"));
        for (Symbol s : module.binary().getImports()) {
            BorrowedReferences.Replacement r = BorrowedReferences.get().find(s.name());
            if (r == null) {
                continue;
            }
            RuleContext.FindingBuilder finding = context.report(module.binary().getPath(),
                            "uses " + s.name() + " (" + r.why() + "); use " + r.replacement() + " (Python " + r.since() + "+)")
                    .evidence("symbol", s.name())
                    .evidence("replacement", r.replacement())
                    .evidence("since", r.since())
                    .fix("Call " + r.replacement() + " and release the reference when done; for Python older than "
                            + r.since() + " the pythoncapi-compat header provides it.")
                    .key(s.name());
            if (freeThreaded) {
                finding.severity(Severity.WARNING);
            }
            finding.emit();
        }
    }
}
