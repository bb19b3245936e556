package dev.abilint.rule.pypy;

import dev.abilint.model.Analysis;
import dev.abilint.model.Severity;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.PypyCApi;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A module built for PyPy ({@code *.pypy39-pp73-*.so}, or in a {@code pp39-pypy39_pp73} wheel) that imports C API
 * names its PyPy does not export (rules/data/pypy-c-api.tsv, read from libpypy3.X-c.so): PyPy's loader refuses
 * it with "undefined symbol". One finding per module naming the symbols; a PyPy whose Python version the table
 * lacks gets a note saying so, never an error.
 */
public final class PypyCApiMissing implements AnalysisRule {

    @Override
    public String id() {
        return "pypy-c-api-missing";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (PythonModule module : PythonModules.of(analysis)) {
            if (!module.isExtension()) {
                continue;
            }
            String python = PypyTarget.pythonOf(module);
            if (python == null) {
                continue;
            }
            Set<String> imports = PypyTarget.apiImports(module, PypyTarget.siblingExports(analysis, module));
            if (imports.isEmpty()) {
                continue; // a cffi module: nothing of cpyext to judge
            }
            PypyCApi.Release release = PypyCApi.get().release(python);
            if (release == null) {
                unknown(module, context, python);
                continue;
            }
            Set<String> missing = new TreeSet<>();
            Set<String> cpythonSpelled = new TreeSet<>();
            for (String name : imports) {
                if (release.exports().contains(name)) {
                    continue;
                }
                missing.add(name);
                if (!name.startsWith("PyPy") && !name.startsWith("_PyPy")
                        && release.exports().contains(renamed(name))) {
                    cpythonSpelled.add(name);
                }
            }
            if (!missing.isEmpty()) {
                report(module, context, release, new ArrayList<>(missing), new ArrayList<>(cpythonSpelled));
            }
        }
    }

    private static String renamed(String name) {
        return name.startsWith("_Py") ? "_PyPy" + name.substring(3) : "PyPy" + name.substring(2);
    }

    private void report(PythonModule module, RuleContext context, PypyCApi.Release release, List<String> missing,
            List<String> cpythonSpelled) {
        List<String> cpythonNames = missing.stream().map(PypyTarget::cpythonSpelling).distinct().toList();
        String which = "PyPy " + release.pypy() + " (Python " + release.python() + ")";
        String message = "imports " + Listing.firstFew(missing) + ", which " + which + " does not export"
                + " (C API " + Listing.firstFew(cpythonNames) + "): the module fails to import there with "
                + "'undefined symbol'";
        if (!cpythonSpelled.isEmpty()) {
            message += "; " + Listing.firstFew(cpythonSpelled) + " " + (cpythonSpelled.size() == 1 ? "is" : "are")
                    + " CPython's spelling, which PyPy exports renamed PyPy*: built against CPython's headers";
        }
        context.report(module.binary().getPath(), message)
                .evidence("pypy", release.pypy())
                .evidence("python", release.python())
                .evidence("count", missing.size())
                .evidence("symbols", missing)
                .evidence("cApi", cpythonNames)
                .fix("Build against the headers of the PyPy the wheel is tagged for (its include/ renames the C API "
                        + "to PyPy*), and put the calls PyPy lacks under #ifndef PYPY_VERSION with a fallback "
                        + "(pythoncapi-compat has some); or do not publish the PyPy wheel.")
                .emit();
    }

    private void unknown(PythonModule module, RuleContext context, String python) {
        String known = String.join(", ", PypyCApi.get().releases().stream()
                .map(r -> "Python " + r.python() + " (PyPy " + r.pypy() + ")").toList());
        String which = python.isEmpty() ? "a PyPy whose version its name and tags do not tell"
                : "PyPy for Python " + python;
        context.report(module.binary().getPath(), "is built for " + which + ", which abilint's table of PyPy's C API "
                        + "does not cover (it has " + known + "): its imports were not checked against PyPy's exports")
                .severity(Severity.NOTE)
                .evidence("python", python.isEmpty() ? null : python)
                .evidence("known", PypyCApi.get().releases().stream().map(PypyCApi.Release::python).toList())
                .key("unknown-version")
                .emit();
    }
}
