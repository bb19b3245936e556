package dev.abilint.rule.python;

import dev.abilint.model.Symbol;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.DottedVersion;
import dev.abilint.rule.data.StableAbi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An abi3 extension importing Stable ABI symbols added after the oldest Python it claims to support.
 * One finding per module: the newest Python a symbol needs (the floor the module really has), the
 * symbols, each with the version that added it; fingerprinted by rule and module.
 */
public final class Abi3SymbolNewerThanFloor extends PythonModuleRule {
    @Override
    public String id() {
        return "abi3-symbol-newer-than-floor";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        if (!module.isExtension() || !module.abi3()) {
            return;
        }
        String floor = module.pythonFloor(context.targets());
        if (floor == null) {
            return;
        }
        Map<String, String> found = new TreeMap<>();
        String needed = null;
        for (Symbol s : module.binary().getImports()) {
            StableAbi.Entry entry = StableAbi.get().find(s.name());
            if (entry != null && !entry.added().isEmpty() && DottedVersion.compare(entry.added(), floor) > 0) {
                found.put(s.name(), entry.added());
                if (needed == null || DottedVersion.compare(entry.added(), needed) > 0) {
                    needed = entry.added();
                }
            }
        }
        if (found.isEmpty()) {
            return;
        }
        List<String> named = new ArrayList<>(); // the symbols that need the newest version first
        List<String> all = new ArrayList<>();
        for (Map.Entry<String, String> e : found.entrySet()) {
            all.add(e.getKey() + " (" + e.getValue() + ")");
            if (e.getValue().equals(needed)) {
                named.add(e.getKey());
            }
        }
        for (Map.Entry<String, String> e : found.entrySet()) {
            if (!e.getValue().equals(needed)) {
                named.add(e.getKey() + " (" + e.getValue() + ")");
            }
        }
        context.report(module.binary().getPath(), "this abi3 module claims to load on Python " + floor
                        + ", but imports " + found.size() + " Stable ABI "
                        + Listing.plural(found.size(), "symbol", "symbols") + " added later; it needs Python " + needed
                        + " (" + Listing.firstFew(named) + ")")
                .evidence("floor", floor)
                .evidence("addedIn", needed)
                .evidence("count", found.size())
                .evidence("symbols", all)
                .fix("Either raise the floor to cp" + needed.replace(".", "") + "-abi3 (and Py_LIMITED_API "
                        + "to match), or avoid these functions on older versions (pythoncapi-compat offers "
                        + "fallbacks for many new functions).")
                .emit();
    }
}
