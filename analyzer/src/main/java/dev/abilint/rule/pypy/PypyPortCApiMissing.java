package dev.abilint.rule.pypy;

import dev.abilint.model.Analysis;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.HeaderInlineSymbols;
import dev.abilint.rule.data.InterpreterCApi;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModules;
import dev.abilint.rule.release.Releases;
import dev.abilint.model.Locations;
import dev.abilint.model.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A release (several wheels and sdists of one project version in the scan, see {@link Releases}) that ships no
 * PyPy wheel, whose CPython modules call public C API functions that the newest PyPy in
 * rules/data/pypy-c-api.tsv provides in no form (neither exported nor in its headers): what stands in the way of
 * a PyPy build. A note, one per release, listing the functions and the modules; nothing for a wheel scanned
 * alone, nor for a release that has PyPy wheels (pypy-c-api-missing judges those). Private {@code _Py*}
 * names are left to private-c-api: code generators (Cython, pybind11) emit them on CPython only.
 */
public final class PypyPortCApiMissing implements AnalysisRule {

    @Override
    public String id() {
        return "pypy-port-c-api-missing";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        List<Releases.Release> releases = Releases.of(analysis);
        if (releases.isEmpty()) {
            return;
        }
        InterpreterCApi.Release newest = InterpreterCApi.pypy().newest();
        List<PythonModule> modules = PythonModules.of(analysis);
        for (Releases.Release release : releases) {
            if (release.wheels().stream().anyMatch(w -> w.name().pythonTags().stream().anyMatch(t -> t.startsWith("pp")))) {
                continue;
            }
            Set<String> wheelPaths = new java.util.HashSet<>();
            release.wheels().forEach(w -> wheelPaths.add(w.artifact().getPath()));
            Set<String> missing = new TreeSet<>();
            Map<String, Set<String>> byModule = new TreeMap<>();
            for (PythonModule module : modules) {
                if (module.wheelLocation() == null || !wheelPaths.contains(module.wheelLocation())
                        || !module.isExtension() || !cpython3(module)) {
                    continue;
                }
                Set<String> here = new TreeSet<>();
                for (var s : module.binary().getImports()) {
                    String name = s.name();
                    if (!s.weak() && name.startsWith("Py") && !name.startsWith("PyPy") && !name.startsWith("PyInit_")
                            && HeaderInlineSymbols.get().build(name) == null && !newest.provided().contains(name)) {
                        here.add(name);
                    }
                }
                here.removeAll(PypyTarget.siblingExports(analysis, module));
                if (!here.isEmpty()) {
                    missing.addAll(here);
                    byModule.computeIfAbsent(module.suffix() == null ? Locations.fileName(module.binary().getPath())
                            : module.suffix().module(), k -> new TreeSet<>()).addAll(here);
                }
            }
            if (missing.isEmpty()) {
                continue;
            }
            List<String> names = new ArrayList<>(missing);
            Map<String, Object> perModule = new LinkedHashMap<>();
            byModule.forEach((m, n) -> perModule.put(m, List.copyOf(n)));
            context.report(release.location(), release.project() + " " + release.version() + " ships no PyPy wheel, "
                            + "and its modules call " + Listing.firstFew(names) + ", which PyPy " + newest.version()
                            + " (Python " + newest.key() + "), the newest PyPy abilint knows, provides in no form: "
                            + "a PyPy build needs a fallback for " + (names.size() == 1 ? "it" : "them")
                            + " unless the sources already choose other calls on PyPy (Cython's generated code does)")
                    .severity(Severity.NOTE)
                    .evidence("release", release.key())
                    .evidence("pypy", newest.version())
                    .evidence("python", newest.key())
                    .evidence("count", names.size())
                    .evidence("symbols", names)
                    .evidence("modules", perModule)
                    .fix("Put these calls under #ifndef PYPY_VERSION with a fallback (pythoncapi-compat provides "
                            + "some), then build and test pp3XX wheels (cibuildwheel builds them when pp* identifiers "
                            + "are enabled); or state that the project does not support PyPy.")
                    .key(release.key())
                    .emit();
        }
    }

    /** A module for CPython 3 by its name or its wheel's tags (not PyPy, GraalPy or Python 2). */
    private static boolean cpython3(PythonModule module) {
        if (module.suffix() != null && module.suffix().interpreter() != null) {
            if (!"cpython".equals(module.suffix().interpreter())) {
                return false;
            }
            String v = module.suffix().version();
            if (v != null && v.startsWith("2")) {
                return false;
            }
            if (v != null || module.suffix().abi() != null) {
                return true;
            }
        }
        if (module.wheel() != null) {
            return module.wheel().pythonTags().stream().anyMatch(t -> t.startsWith("cp3"));
        }
        return module.suffix() != null && "cpython".equals(module.suffix().interpreter());
    }
}
