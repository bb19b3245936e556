package dev.abilint.rule.python;

import dev.abilint.model.Symbol;
import dev.abilint.rule.RuleContext;

/** Single-phase initialisation: {@code PyModule_Create2} without {@code PyModuleDef_Init}. */
public final class ModuleSinglePhaseInit extends PythonModuleRule {
    @Override
    public String id() {
        return "module-single-phase-init";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        if (!module.isExtension() || module.partOfInterpreter()) { // CPython keeps some of its own on purpose
            return;
        }
        boolean create = false;
        boolean multiPhase = false;
        for (Symbol s : module.binary().getImports()) {
            create |= s.name().equals("PyModule_Create2") || s.name().equals("PyModule_Create2TraceRefs");
            multiPhase |= s.name().equals("PyModuleDef_Init") || s.name().equals("PyModule_FromDefAndSpec2");
        }
        if (create && !multiPhase) {
            context.report(module.binary().getPath(), "the module uses single-phase initialisation (PyModule_Create2): "
                            + "it cannot be loaded in sub-interpreters and keeps its state process-wide")
                    .evidence("symbol", "PyModule_Create2")
                    .fix("Switch to multi-phase initialisation (PEP 489): return PyModuleDef_Init(&def) from the init "
                            + "function, use Py_mod_exec slots and module state instead of static globals.")
                    .key("PyModule_Create2")
                    .emit();
        }
    }
}
