package dev.abilint.rule.python;

import dev.abilint.model.Symbol;
import dev.abilint.rule.RuleContext;
import java.util.Set;

/**
 * An extension module whose exports lack {@code PyInit_<name>} and {@code PyModExport_<name>} for its file name
 * (on PyPy, cffi's {@code _cffi_pypyinit_<name>} does too). Only files Python would import are judged (see
 * {@link PythonModule}): a library that embeds Python is not a module and has no init function to miss.
 */
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
        // cffi's out-of-line modules built for PyPy export _cffi_pypyinit_<name>, which PyPy looks up instead;
        // a plain x.so names no interpreter, so Python 2's init<name> is as good as PyInit_<name>.
        Set<String> accepted = module.suffix().interpreter() == null ? PythonModule.initNames(name)
                : "pypy".equals(module.suffix().interpreter()) ? Set.of(init, export, "_cffi_pypyinit_" + name)
                : Set.of(init, export);
        for (Symbol s : module.binary().getExports()) {
            if (accepted.contains(s.name())) {
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
