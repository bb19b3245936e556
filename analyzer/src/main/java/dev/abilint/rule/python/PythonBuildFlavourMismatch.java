package dev.abilint.rule.python;

import dev.abilint.model.Symbol;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.HeaderInlineSymbols;

/**
 * Symbols that only a debug or only a free-threaded CPython exports (rules/data/header-inline-symbols.tsv),
 * in a module that does not claim that build.
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
        for (Symbol s : module.binary().getImports()) {
            String build = HeaderInlineSymbols.get().build(s.name());
            if ("debug".equals(build) && !module.claimsDebug()) {
                report(module, context, s, "debug", "a debug build of CPython (--with-pydebug, tag cpXYd)",
                        "Build against a release CPython (not python3-dbg / --with-pydebug), or tag the module for the debug ABI.");
            } else if ("free-threaded".equals(build) && !module.claimsFreeThreaded()) {
                report(module, context, s, "free-threaded", "the free-threaded build of CPython (tag cpXYt)",
                        "Build against the default (GIL) CPython for this tag, or build and tag a separate cpXYt wheel.");
            }
        }
    }

    private void report(PythonModule module, RuleContext context, Symbol s, String flavour, String build, String fix) {
        context.report(module.binary().getPath(), "imports " + s.name() + ", which only " + build
                        + " exports, but the module is not tagged for it: it fails to import with 'undefined symbol'")
                .evidence("symbol", s.name())
                .evidence("flavour", flavour)
                .evidence("abi", module.suffix() == null ? null : module.suffix().abi())
                .fix(fix)
                .key(s.name())
                .emit();
    }
}
