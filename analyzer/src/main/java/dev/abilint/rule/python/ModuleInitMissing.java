package dev.abilint.rule.python;

import dev.abilint.model.Symbol;
import dev.abilint.rule.RuleContext;

/** An extension module whose exports lack {@code PyInit_<name>} and {@code PyModExport_<name>} for its file name. */
public final class ModuleInitMissing extends PythonModuleRule {
    @Override
    public String id() {
        return "module-init-missing";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        if (!module.isExtension() || module.suffix() == null) {
            return;
        }
        String name = module.suffix().module();
        String init = "PyInit_" + name;
        String export = "PyModExport_" + name;
        String other = null;
        for (Symbol s : module.binary().getExports()) {
            if (s.name().equals(init) || s.name().equals(export)) {
                return;
            }
            if (other == null && (s.name().startsWith("PyInit_") || s.name().startsWith("PyModExport_"))) {
                other = s.name();
            }
        }
        context.report(module.binary().getPath(), "the module's file name says '" + name + "', but it exports neither "
                        + init + " nor " + export + (other == null ? "" : " (it exports " + other + ")")
                        + ": import fails with 'dynamic module does not define module export function'")
                .evidence("expected", init)
                .evidence("found", other)
                .fix(other != null
                        ? "Rename the file to match " + other + ", or rename the init function to " + init + "."
                        : "Define the init function with PyMODINIT_FUNC (which marks it exported even under "
                                + "-fvisibility=hidden) and name it " + init + ".")
                .key(init)
                .emit();
    }
}
