package dev.abilint.rule.python;

import dev.abilint.model.ModuleSlot;
import dev.abilint.model.PythonFacts;
import dev.abilint.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A module in a free-threaded wheel ({@code cp313t}, {@code .cpython-313t-*.so}) that does not declare that it
 * runs without the GIL: no {@code Py_mod_gil = Py_MOD_GIL_NOT_USED} slot (read from the binary's data) and no
 * call to {@code PyUnstable_Module_SetGIL}. Importing it re-enables the GIL for the whole process. Only when
 * it is known: a multi-phase module whose slot array could not be read is not judged.
 */
public final class FreeThreadedModuleEnablesGil extends PythonModuleRule {
    @Override
    public String id() {
        return "free-threaded-module-enables-gil";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        PythonFacts facts = module.binary().getPython();
        if (!module.isExtension() || module.partOfInterpreter() || !module.claimsFreeThreaded() || facts == null
                || !"used".equals(facts.gil())) {
            return;
        }
        String how;
        if ("Py_mod_gil".equals(facts.gilDeclaredBy())) {
            how = "declares Py_mod_gil = Py_MOD_GIL_USED";
        } else if ("single-phase".equals(facts.init())) {
            how = "uses single-phase init and does not call PyUnstable_Module_SetGIL";
        } else {
            how = "has no Py_mod_gil slot in its PyModuleDef";
        }
        List<String> slots = new ArrayList<>();
        if (facts.slots() != null) {
            for (ModuleSlot s : facts.slots()) {
                slots.add(s.name() + "=" + s.value());
            }
        }
        RuleContext.FindingBuilder finding = context.report(module.binary().getPath(), "the module " + how
                        + ": importing it into a free-threaded Python re-enables the GIL for the whole process")
                .evidence("module", facts.module())
                .evidence("init", facts.init());
        if (facts.defName() != null) {
            finding.evidence("slots", slots);
        }
        finding.evidence("gil", facts.gilDeclaredBy())
                .fix("Make the module thread-safe without the GIL, then declare it: add {Py_mod_gil, Py_MOD_GIL_NOT_USED}"
                        + " to the PyModuleDef_Slot array (multi-phase init), or call PyUnstable_Module_SetGIL(module,"
                        + " Py_MOD_GIL_NOT_USED) after creating the module (single-phase init); Cython: the"
                        + " freethreading_compatible=True directive; pybind11: py::mod_gil_not_used(); PyO3:"
                        + " #[pymodule(gil_used = false)]. If it cannot be made safe, do not ship a free-threaded wheel.")
                .key(facts.module())
                .emit();
    }
}
