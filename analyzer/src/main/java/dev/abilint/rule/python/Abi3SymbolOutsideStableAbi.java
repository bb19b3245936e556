package dev.abilint.rule.python;

import dev.abilint.model.Symbol;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.StableAbi;

/** An abi3/abi3t extension importing a {@code Py*}/{@code _Py*} symbol that is not in the Stable ABI. */
public final class Abi3SymbolOutsideStableAbi extends PythonModuleRule {
    @Override
    public String id() {
        return "abi3-symbol-outside-stable-abi";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        if (!module.isExtension() || !module.abi3()) {
            return;
        }
        for (Symbol s : module.binary().getImports()) {
            if (StableAbi.isPythonSymbol(s.name()) && StableAbi.get().find(s.name()) == null) {
                context.report(module.binary().getPath(), "abi3 extension imports " + s.name()
                                + ", which is not part of the Stable ABI")
                        .evidence("symbol", s.name())
                        .evidence("library", s.library())
                        .fix("Build with Py_LIMITED_API set to the oldest Python you support (e.g. 0x03080000) so the "
                                + "compiler rejects non-limited API, and replace " + s.name()
                                + " with a Limited API call; or ship version-specific (cpXY) wheels instead of abi3.")
                        .key(s.name())
                        .emit();
            }
        }
    }
}
