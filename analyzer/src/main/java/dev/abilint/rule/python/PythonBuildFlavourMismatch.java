package dev.abilint.rule.python;

import dev.abilint.model.Symbol;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.HeaderInlineSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Symbols that only a debug, a free-threaded or an fpectl ({@code --with-fpectl}, 3.6 and older) CPython exports
 * (rules/data/header-inline-symbols.tsv), in a module that does not claim that build (no tag claims fpectl). One finding per module and flavour, naming the symbols;
 * fingerprinted by rule, module and flavour.
 */
public final class PythonBuildFlavourMismatch extends PythonModuleRule {

    @Override
    public String id() {
        return "python-build-flavour-mismatch";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        if (!module.isExtension()) {
            return;
        }
        Set<String> debug = new TreeSet<>();
        Set<String> freeThreaded = new TreeSet<>();
        Set<String> fpectl = new TreeSet<>();
        for (Symbol s : module.binary().getImports()) {
            String build = HeaderInlineSymbols.get().build(s.name());
            if ("debug".equals(build) && !module.claimsDebug()) {
                debug.add(s.name());
            } else if ("free-threaded".equals(build) && !module.claimsFreeThreaded()) {
                freeThreaded.add(s.name());
            } else if ("fpectl".equals(build)) {
                fpectl.add(s.name()); // no tag claims it
            }
        }
        report(module, context, debug, "debug", "a debug build of CPython (--with-pydebug, tag cpXYd)",
                "Build against a release CPython (not python3-dbg / --with-pydebug), or tag the module for the debug ABI.");
        report(module, context, freeThreaded, "free-threaded", "the free-threaded build of CPython (tag cpXYt)",
                "Build against the default (GIL) CPython for this tag, or build and tag a separate cpXYt wheel.");
        report(module, context, fpectl, "fpectl", "a CPython built with --with-fpectl (3.6 and older; not the manylinux "
                + "interpreters)", "Build against a CPython configured without --with-fpectl (the manylinux images' "
                + "interpreters), or drop PyFPE_START_PROTECT/PyFPE_END_PROTECT from the sources.");
    }

    private void report(PythonModule module, RuleContext context, Set<String> found, String flavour, String build,
            String fix) {
        if (found.isEmpty()) {
            return;
        }
        List<String> symbols = new ArrayList<>(found);
        context.report(module.binary().getPath(), "imports " + Listing.firstFew(symbols) + ", which only " + build
                        + " exports, but the module is not tagged for it: it fails to import with 'undefined symbol'")
                .evidence("flavour", flavour)
                .evidence("count", symbols.size())
                .evidence("symbols", symbols)
                .evidence("abi", module.suffix() == null ? null : module.suffix().abi())
                .fix(fix)
                .key(flavour)
                .emit();
    }
}
