package dev.abilint.rule.python;

import dev.abilint.model.Symbol;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.HeaderInlineSymbols;
import dev.abilint.rule.data.StableAbi;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code _Py*} imports outside the Stable ABI: private API that changes between CPython versions.
 * Symbols the public headers reference inline (Py_DECREF's helpers) are not the author's doing and
 * are left to python-build-flavour-mismatch; PyPy's and GraalPy's spellings of the C API
 * ({@code _PyPy_NoneStruct}, {@code _Py_NoneStructReference}) are not private API. One finding per
 * module, naming the symbols; its fingerprint is the rule and the module, so a symbol more or less
 * changes the message and the evidence, not whether a baseline matches.
 */
public final class PrivateCApi extends PythonModuleRule {
    @Override
    public String id() {
        return "private-c-api";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        // abi3 modules are judged by abi3-symbol-outside-stable-abi, which is stricter.
        if (!module.isExtension() || module.abi3() || module.partOfInterpreter()) {
            return;
        }
        Set<String> found = new TreeSet<>();
        for (Symbol s : module.binary().getImports()) {
            if (s.name().startsWith("_Py") && !PythonModule.otherInterpreterSpelling(s.name())
                    && StableAbi.get().find(s.name()) == null && HeaderInlineSymbols.get().build(s.name()) == null) {
                found.add(s.name());
            }
        }
        if (found.isEmpty()) {
            return;
        }
        List<String> symbols = new ArrayList<>(found);
        String message = symbols.size() == 1
                ? "uses the private C API " + symbols.get(0) + ": it can change or disappear in any CPython release "
                        + "and is missing on PyPy and GraalPy"
                : "uses " + symbols.size() + " private C API symbols (" + Listing.firstFew(symbols) + "): they can "
                        + "change or disappear in any CPython release and are missing on PyPy and GraalPy";
        context.report(module.binary().getPath(), message)
                .evidence("count", symbols.size())
                .evidence("symbols", symbols)
                .fix("Use the public equivalents (see the CPython C API docs and pythoncapi-compat); if the "
                        + "symbols come from generated code, upgrade the generator (Cython, pybind11, PyO3).")
                .emit();
    }
}
