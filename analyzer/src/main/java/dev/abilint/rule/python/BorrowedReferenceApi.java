package dev.abilint.rule.python;

import dev.abilint.model.Severity;
import dev.abilint.model.Symbol;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.BorrowedReferences;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Imports of APIs that hand out borrowed references (or the deprecated error triple) where a
 * strong-reference replacement exists; a warning for free-threaded modules, where the object can
 * be freed by another thread while it is borrowed. One finding per module, naming the symbols and
 * their replacements; fingerprinted by rule and module, so a new symbol changes the evidence only.
 */
public final class BorrowedReferenceApi extends PythonModuleRule {
    @Override
    public String id() {
        return "borrowed-reference-api";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        if (!module.isExtension() || module.partOfInterpreter()) {
            return;
        }
        boolean freeThreaded = module.claimsFreeThreaded()
                || (context.targets().python() != null && context.targets().python().endsWith("t"));
        Map<String, BorrowedReferences.Replacement> found = new TreeMap<>();
        for (Symbol s : module.binary().getImports()) {
            BorrowedReferences.Replacement r = BorrowedReferences.get().find(s.name());
            if (r != null) {
                found.put(s.name(), r);
            }
        }
        if (found.isEmpty()) {
            return;
        }
        List<String> symbols = new ArrayList<>(found.keySet());
        List<String> replacements = new ArrayList<>();
        String newest = null;
        for (Map.Entry<String, BorrowedReferences.Replacement> e : found.entrySet()) {
            BorrowedReferences.Replacement r = e.getValue();
            replacements.add(e.getKey() + " -> " + r.replacement() + " (Python " + r.since() + "+): " + r.why());
            if (newest == null || dev.abilint.rule.data.DottedVersion.compare(r.since(), newest) > 0) {
                newest = r.since();
            }
        }
        String message;
        if (found.size() == 1) {
            BorrowedReferences.Replacement r = found.values().iterator().next();
            message = "uses " + symbols.get(0) + " (" + r.why() + "); use " + r.replacement() + " (Python " + r.since() + "+)";
        } else {
            message = "uses " + symbols.size() + " APIs that hand out borrowed references or the deprecated error "
                    + "triple (" + Listing.firstFew(symbols) + "); each has a strong-reference replacement";
        }
        RuleContext.FindingBuilder finding = context.report(module.binary().getPath(), message)
                .evidence("count", symbols.size())
                .evidence("symbols", symbols)
                .evidence("replacements", replacements)
                .fix("Call the replacements (evidence: replacements) and release each reference when done; for Python "
                        + "older than " + newest + " the pythoncapi-compat header provides them.");
        if (freeThreaded) {
            finding.severity(Severity.WARNING);
        }
        finding.emit();
    }
}
