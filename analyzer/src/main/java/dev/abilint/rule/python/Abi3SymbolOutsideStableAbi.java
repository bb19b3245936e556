package dev.abilint.rule.python;

import dev.abilint.model.Symbol;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.StableAbi;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An abi3/abi3t extension importing {@code Py*}/{@code _Py*} symbols that are not in the Stable ABI.
 * One finding per module naming the symbols; fingerprinted by rule and module.
 */
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
        Set<String> found = new TreeSet<>();
        Set<String> libraries = new TreeSet<>();
        for (Symbol s : module.binary().getImports()) {
            if (StableAbi.isPythonSymbol(s.name()) && !PythonModule.otherInterpreterSpelling(s.name())
                    && StableAbi.get().find(s.name()) == null) {
                found.add(s.name());
                if (s.library() != null) {
                    libraries.add(s.library());
                }
            }
        }
        if (found.isEmpty()) {
            return;
        }
        List<String> symbols = new ArrayList<>(found);
        context.report(module.binary().getPath(), "abi3 extension imports " + symbols.size() + " "
                        + Listing.plural(symbols.size(), "symbol", "symbols") + " that the Stable ABI does not include ("
                        + Listing.firstFew(symbols) + "): other Python versions may lack or change "
                        + Listing.plural(symbols.size(), "it", "them"))
                .evidence("count", symbols.size())
                .evidence("symbols", symbols)
                .evidence("libraries", libraries.isEmpty() ? null : new ArrayList<>(libraries))
                .fix("Build with Py_LIMITED_API set to the oldest Python you support (e.g. 0x03080000) so the "
                        + "compiler rejects non-limited API, and replace these with Limited API calls; or ship "
                        + "version-specific (cpXY) wheels instead of abi3.")
                .emit();
    }
}
