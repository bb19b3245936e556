package dev.abilint.rule.python;

import dev.abilint.model.Symbol;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.HeaderInlineSymbols;
import dev.abilint.rule.data.StableAbi;

/**
 * {@code _Py*} imports outside the Stable ABI: private API that changes between CPython versions.
 * Symbols the public headers reference inline (Py_DECREF's helpers) are not the author's doing and
 * are left to python-build-flavour-mismatch.
 */
public final class PrivateCApi extends PythonModuleRule {
    @Override
    public String id() {
        return "private-c-api";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        // abi3 modules are judged by abi3-symbol-outside-stable-abi, which is stricter.
        if (!module.isExtension() || module.abi3()) {
            return;
        }
        for (Symbol s : module.binary().getImports()) {
            if (s.name().startsWith("_Py") && StableAbi.get().find(s.name()) == null
                    && HeaderInlineSymbols.get().build(s.name()) == null) {
                context.report(module.binary().getPath(), "uses the private C API " + s.name()
                                + ": it can change or disappear in any CPython release and is missing on PyPy and GraalPy")
                        .evidence("symbol", s.name())
                        .fix("Use the public equivalent (see the CPython C API docs and pythoncapi-compat); if the "
                                + "symbol comes from generated code, upgrade the generator (Cython, pybind11, PyO3).")
                        .key(s.name())
                        .emit();
            }
        }
    }
}
