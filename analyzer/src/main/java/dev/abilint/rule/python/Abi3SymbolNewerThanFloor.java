package dev.abilint.rule.python;

import dev.abilint.model.Symbol;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.DottedVersion;
import dev.abilint.rule.data.StableAbi;

/** An abi3 extension importing a Stable ABI symbol added after the oldest Python it claims to support. */
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
        for (Symbol s : module.binary().getImports()) {
            StableAbi.Entry entry = StableAbi.get().find(s.name());
            if (entry != null && !entry.added().isEmpty() && DottedVersion.compare(entry.added(), floor) > 0) {
                context.report(module.binary().getPath(), s.name() + " was added to the Stable ABI in Python "
                                + entry.added() + ", but this abi3 module claims to load on Python " + floor)
                        .evidence("symbol", s.name())
                        .evidence("addedIn", entry.added())
                        .evidence("floor", floor)
                        .fix("Either raise the floor to cp" + entry.added().replace(".", "") + "-abi3 (and Py_LIMITED_API "
                                + "to match), or avoid " + s.name() + " on older versions (pythoncapi-compat offers "
                                + "fallbacks for many new functions).")
                        .key(s.name())
                        .emit();
            }
        }
    }
}
