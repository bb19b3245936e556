package dev.abilint.rule.pypy;

import dev.abilint.model.Analysis;
import dev.abilint.model.Severity;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.InterpreterCApi;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shared check of pypy-c-api-missing and graalpy-c-api-missing. A module built for PyPy ({@code *.pypy39-pp73-*.so}, or in a {@code pp39-pypy39_pp73} wheel) that imports C API
 * names its PyPy does not export (rules/data/pypy-c-api.tsv, read from libpypy3.X-c.so): PyPy's loader refuses
 * it with "undefined symbol". One finding per module naming the symbols; a PyPy whose Python version the table
 * lacks gets a note saying so, never an error.
 */
public abstract class InterpreterCApiMissing implements AnalysisRule {

    /** The interpreter's name in messages ({@code PyPy}). */
    protected abstract String interpreter();

    /** Its table. */
    protected abstract InterpreterCApi table();

    /** The key of the release a module is built for, {@link PypyTarget#UNKNOWN}, or null when it is not for this interpreter. */
    protected abstract String target(PythonModule module);

    /** How a release is named in messages ({@code PyPy 7.3.11 (Python 3.9)}). */
    protected abstract String describe(InterpreterCApi.Release release);

    /** How a key is named in messages ({@code PyPy for Python 3.10}). */
    protected abstract String describeKey(String key);

    /** The fix of a finding. */
    protected abstract String fix();

    /** The spelling the interpreter's headers give a name CPython spells {@code name}, or null when it does not rename. */
    protected abstract String renamed(String name);

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (PythonModule module : PythonModules.of(analysis)) {
            if (!module.isExtension()) {
                continue;
            }
            String python = target(module);
            if (python == null) {
                continue;
            }
            Set<String> imports = PypyTarget.apiImports(module, PypyTarget.siblingExports(analysis, module));
            if (imports.isEmpty()) {
                continue; // a cffi module: nothing of cpyext to judge
            }
            InterpreterCApi.Release release = table().release(python);
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
                String spelled = renamed(name);
                if (spelled != null && !spelled.equals(name) && release.exports().contains(spelled)) {
                    cpythonSpelled.add(name);
                }
            }
            if (!missing.isEmpty()) {
                report(module, context, release, new ArrayList<>(missing), new ArrayList<>(cpythonSpelled));
            }
        }
    }

    private void report(PythonModule module, RuleContext context, InterpreterCApi.Release release, List<String> missing,
            List<String> cpythonSpelled) {
        List<String> cpythonNames = missing.stream().map(PypyTarget::cpythonSpelling).distinct().toList();
        String which = describe(release);
        String message = "imports " + Listing.firstFew(missing) + ", which " + which + " does not export"
                + (cpythonNames.equals(missing) ? "" : " (C API " + Listing.firstFew(cpythonNames) + ")")
                + ": the module fails to import there with "
                + "'undefined symbol'";
        if (!cpythonSpelled.isEmpty()) {
            message += "; " + Listing.firstFew(cpythonSpelled) + " " + (cpythonSpelled.size() == 1 ? "is" : "are")
                    + " CPython's spelling, which " + interpreter() + " exports renamed: built against CPython's headers";
        }
        boolean windows = "pe".equals(module.binary().getFormat());
        if (windows) {
            message += " (the table is read from the Linux build; the Windows build may export more)";
        }
        context.report(module.binary().getPath(), message)
                .severity(windows ? Severity.NOTE : context.defaultSeverity())
                .evidence("interpreter", interpreter())
                .evidence("release", release.version())
                .evidence("key", release.key())
                .evidence("count", missing.size())
                .evidence("symbols", missing)
                .evidence("cApi", cpythonNames)
                .fix(fix())
                .emit();
    }

    private void unknown(PythonModule module, RuleContext context, String python) {
        String known = String.join(", ", table().releases().stream().map(this::describe).toList());
        String which = python.isEmpty() ? interpreter() + " of a version its name and tags do not tell"
                : describeKey(python);
        context.report(module.binary().getPath(), "is built for " + which + ", which abilint's table of " + interpreter() + "'s C API "
                        + "does not cover (it has " + known + "): its imports were not checked against PyPy's exports")
                .severity(Severity.NOTE)
                .evidence("interpreter", interpreter())
                .evidence("key", python.isEmpty() ? null : python)
                .evidence("known", table().releases().stream().map(InterpreterCApi.Release::key).toList())
                .key("unknown-version")
                .emit();
    }
}
