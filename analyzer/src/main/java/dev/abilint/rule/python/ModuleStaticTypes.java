package dev.abilint.rule.python;

import dev.abilint.model.PythonFacts;
import dev.abilint.model.Severity;
import dev.abilint.model.Symbol;
import dev.abilint.rule.RuleContext;

/**
 * A C extension module that readies its types with {@code PyType_Ready} and never creates one with
 * {@code PyType_FromModuleAndSpec}/{@code PyType_FromSpec*}: its types are static {@code PyTypeObject}s, shared
 * by every interpreter in the process. A note; a warning when the module declares
 * {@code Py_MOD_PER_INTERPRETER_GIL_SUPPORTED}, which static types contradict. C++ modules are not judged:
 * pybind11 and Boost.Python call {@code PyType_Ready} on types they allocate on the heap themselves.
 */
public final class ModuleStaticTypes extends PythonModuleRule {
    @Override
    public String id() {
        return "module-static-types";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        PythonFacts facts = module.binary().getPython();
        if (!module.isExtension() || module.partOfInterpreter() || facts == null || !"static".equals(facts.types())
                || cplusplus(module)) {
            return;
        }
        boolean perInterpreter = "per-interpreter-gil".equals(facts.subinterpreters());
        RuleContext.FindingBuilder finding = context.report(module.binary().getPath(), "the module readies its types"
                        + " with PyType_Ready and creates none from a spec: static types are process-wide state shared by"
                        + " every interpreter" + (perInterpreter ? ", yet it declares Py_MOD_PER_INTERPRETER_GIL_SUPPORTED"
                        : ""))
                .evidence("symbol", "PyType_Ready")
                .evidence("subinterpreters", facts.subinterpreters() == null ? "not known" : facts.subinterpreters())
                .fix("Create the types per module with PyType_FromModuleAndSpec() (heap types) in the Py_mod_exec function"
                        + " and keep them in module state; see the Isolating Extension Modules HOWTO.")
                .key("PyType_Ready");
        if (perInterpreter) {
            finding.severity(Severity.WARNING);
        }
        finding.emit();
    }

    /** Built from C++: it imports mangled names or needs a C++ runtime. */
    private static boolean cplusplus(PythonModule module) {
        for (Symbol s : module.binary().getImports()) {
            String n = s.name(); // not __cxa_finalize: every gcc-built C library imports it
            if (n.startsWith("_Z") || n.startsWith("?") || n.startsWith("__gxx_personality")
                    || n.equals("__cxa_throw") || n.equals("__cxa_begin_catch") || n.equals("__cxa_guard_acquire")) {
                return true;
            }
        }
        for (String needed : module.binary().getNeeded()) {
            String n = needed.toLowerCase(java.util.Locale.ROOT);
            if (n.contains("libstdc++") || n.contains("libc++") || n.startsWith("msvcp") || n.contains("libc++abi")) {
                return true;
            }
        }
        return false;
    }
}
