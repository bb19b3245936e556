package dev.abilint.rule.python;

import dev.abilint.model.Symbol;
import dev.abilint.rule.RuleContext;
import java.util.Set;

/**
 * A free-threaded stable-ABI (abi3t, PEP 803) module that depends on the GIL build's object layout
 * (inline reference counting leaves {@code _Py_Dealloc} imports behind) or lacks the
 * {@code PyModExport_<name>} entry point that abi3t requires.
 */
public final class Abi3tIncompatible extends PythonModuleRule {
    /**
     * Symbols only inline, layout-dependent code of the GIL build pulls in: Py_DECREF inlined
     * (Limited API below 3.12) calls _Py_Dealloc when it sees the count reach zero in ob_refcnt.
     */
    private static final Set<String> LAYOUT_DEPENDENT = Set.of("_Py_Dealloc");

    @Override
    public String id() {
        return "abi3t-incompatible";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        if (!module.isExtension() || !module.abi3t()) {
            return;
        }
        String path = module.binary().getPath();
        for (Symbol s : module.binary().getImports()) {
            if (LAYOUT_DEPENDENT.contains(s.name())) {
                context.report(path, "abi3t module imports " + s.name()
                                + ": it was compiled against the GIL build's object layout (inline reference counting)")
                        .evidence("symbol", s.name())
                        .fix("Compile with Py_LIMITED_API and Py_GIL_DISABLED defined for the abi3t target (PEP 803) so "
                                + "Py_INCREF/Py_DECREF become calls to Py_IncRef/Py_DecRef, and do not touch ob_refcnt "
                                + "or ob_type directly.")
                        .key(s.name())
                        .emit();
            }
        }
        String module_ = module.suffix() == null ? null : module.suffix().module();
        if (module_ != null && module.binary().getExports().stream()
                .noneMatch(s -> s.name().equals("PyModExport_" + module_))) {
            context.report(path, "abi3t module does not export PyModExport_" + module_ + ", the entry point PEP 803 requires")
                    .evidence("expected", "PyModExport_" + module_)
                    .fix("Define the module with the PyModExport_" + module_ + " export hook (PEP 793/803) instead of "
                            + "only PyInit_" + module_ + ".")
                    .key("PyModExport_" + module_)
                    .emit();
        }
    }
}
