package dev.abilint.rule.python;

import dev.abilint.model.Symbol;
import dev.abilint.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** An extension module exporting more than its init functions. */
public final class ExportNamespacePollution extends PythonModuleRule {
    /** Symbols linkers add to every shared object; not the author's doing. */
    private static final Set<String> LINKER = Set.of("_init", "_fini", "__bss_start", "_edata", "_end", "__end__",
            "__bss_start__", "_bss_end__", "__bss_end__", "__data_start", "data_start", "_IO_stdin_used",
            "__dso_handle", "_mh_bundle_header", "__mh_bundle_header", "_mh_dylib_header", "__mh_dylib_header",
            "_mh_execute_header", "__mh_execute_header");
    private static final int SAMPLE = 10;

    @Override
    public String id() {
        return "export-namespace-pollution";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        if (!module.isExtension()) {
            return;
        }
        List<String> extra = new ArrayList<>();
        // Python 2's init<name>, cffi's _cffi_pypyinit_<name> and PEP 489's PyInitU_<punycode> (non-ASCII
        // module names) are init functions too
        Set<String> init = module.suffix() == null ? Set.of() : PythonModule.initNames(module.suffix().module());
        for (Symbol s : module.binary().getExports()) {
            String n = s.name();
            if (init.contains(n) || n.startsWith("PyInit_") || n.startsWith("PyInitU_") || n.startsWith("PyModExport_") || LINKER.contains(n)
                    || "absolute".equals(s.kind()) || n.startsWith("_ZTI") || n.startsWith("_ZTS")
                    || n.startsWith("__pyx_module_is_main_")) { // Cython defines it non-static on purpose
                continue;
            }
            extra.add(n);
        }
        if (extra.isEmpty()) {
            return;
        }
        context.report(module.binary().getPath(), "exports " + extra.size() + " symbol" + (extra.size() == 1 ? "" : "s")
                        + " besides its init function (" + String.join(", ", extra.subList(0, Math.min(SAMPLE, extra.size())))
                        + (extra.size() > SAMPLE ? ", ..." : "") + "): they can clash with other extensions and libraries")
                .evidence("count", extra.size())
                .evidence("sample", extra.subList(0, Math.min(SAMPLE, extra.size())))
                .fix("Compile with -fvisibility=hidden (PyMODINIT_FUNC keeps the init function exported), link static "
                        + "libraries with -Wl,--exclude-libs,ALL, or use a version script { global: PyInit_*; local: *; }; "
                        + "on macOS -exported_symbols_list.")
                .emit();
    }
}
