package dev.abilint.rule.release;

import dev.abilint.model.Analysis;
import dev.abilint.model.Locations;
import dev.abilint.model.PythonImport;
import dev.abilint.model.PythonSource;
import dev.abilint.model.Severity;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModules;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A release without a pure-Python wheel whose package imports an extension module without an
 * {@code except ImportError} around the import, on the way that importing its top-level packages takes (PyYAML's
 * {@code yaml/cyaml.py} imports {@code yaml._yaml} unguarded, but {@code yaml/__init__.py} imports {@code cyaml} in a
 * try: a fallback): the package has no pure-Python fallback, so wherever no
 * wheel fits, it works only if the user's machine compiles the sdist. One note per release, naming the modules
 * and, in the evidence, the files and lines of the imports. Extension-only packages (no .py file imports the
 * module) are not accelerators and are not reported.
 */
public final class ReleaseAcceleratorNoFallback implements AnalysisRule {

    /** The dotted module a .py file in a wheel is ({@code pkg/sub/__init__.py} is {@code pkg.sub}), or null for metadata. */
    static String moduleOf(String file) {
        if (!file.endsWith(".py") || file.contains(".dist-info/") || file.contains(".data/")) {
            return null;
        }
        String m = file.substring(0, file.length() - 3);
        if (m.endsWith("/__init__")) {
            m = m.substring(0, m.length() - "/__init__".length());
        }
        return m.replace('/', '.');
    }

    @Override
    public String id() {
        return "release-accelerator-no-fallback";
    }

    @Override
    public boolean readsEveryPythonFile() {
        return true;
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        List<Releases.Release> releases = Releases.of(analysis);
        if (releases.isEmpty()) {
            return;
        }
        List<PythonModule> modules = PythonModules.of(analysis);
        // each wheel's .py files, once: a wheelhouse has thousands of them and dozens of releases
        Map<String, List<PythonSource>> sourcesByWheel = new HashMap<>();
        for (PythonSource source : analysis.pythonSources()) {
            String wheel = Locations.enclosing(source.location(), ".whl");
            if (wheel != null) {
                sourcesByWheel.computeIfAbsent(wheel, k -> new ArrayList<>()).add(source);
            }
        }
        for (Releases.Release release : releases) {
            if (release.hasPureWheel()) {
                continue;
            }
            Set<String> wheels = new HashSet<>();
            release.wheels().forEach(w -> wheels.add(w.artifact().getPath()));
            // the dotted names of the release's extension modules
            Set<String> extensions = new TreeSet<>();
            for (PythonModule m : modules) {
                if (m.isExtension() && m.wheelLocation() != null && wheels.contains(m.wheelLocation())
                        && m.suffix() != null) {
                    String inWheel = m.binary().getPath().substring(m.wheelLocation().length() + 2);
                    String dir = inWheel.contains("/") ? inWheel.substring(0, inWheel.lastIndexOf('/')) : "";
                    if (dir.contains("!/") || dir.contains(".data/")) {
                        continue;
                    }
                    extensions.add(dir.isEmpty() ? m.suffix().module() : dir.replace('/', '.') + "." + m.suffix().module());
                }
            }
            if (extensions.isEmpty()) {
                continue;
            }
            // the package's own modules and their unguarded imports (importing a.b.c imports a and a.b first)
            Map<String, Set<String>> edges = new HashMap<>();
            // imported module -> importer -> file:line of each import
            Map<String, Map<String, List<String>>> importedAt = new HashMap<>();
            for (String wheel : wheels) {
                for (PythonSource source : sourcesByWheel.getOrDefault(wheel, List.of())) {
                    String file = source.location().substring(wheel.length() + 2);
                    String importer = moduleOf(file);
                    if (importer == null) {
                        continue;
                    }
                    for (PythonImport imp : source.imports()) {
                        if (imp.guarded()) {
                            continue;
                        }
                        Set<String> to = edges.computeIfAbsent(importer, k -> new HashSet<>());
                        String m = imp.module();
                        to.add(m);
                        for (int dot = m.indexOf('.'); dot > 0; dot = m.indexOf('.', dot + 1)) {
                            to.add(m.substring(0, dot));
                        }
                        importedAt.computeIfAbsent(m, k -> new HashMap<>())
                                .computeIfAbsent(importer, k -> new ArrayList<>()).add(file + ":" + imp.line());
                    }
                }
            }
            // what importing the top-level packages runs: breadth-first over the unguarded imports
            Set<String> reached = new HashSet<>();
            ArrayDeque<String> queue = new ArrayDeque<>();
            for (String m : edges.keySet()) {
                if (!m.contains(".") && reached.add(m)) {
                    queue.add(m);
                }
            }
            while (!queue.isEmpty() && reached.size() < 100_000) {
                for (String next : edges.getOrDefault(queue.poll(), Set.of())) {
                    if (reached.add(next)) {
                        queue.add(next);
                    }
                }
            }
            Map<String, Set<String>> unguarded = new TreeMap<>();
            for (String ext : extensions) {
                if (!reached.contains(ext)) {
                    continue;
                }
                importedAt.getOrDefault(ext, Map.of()).forEach((importer, where) -> {
                    if (reached.contains(importer)) {
                        unguarded.computeIfAbsent(ext, k -> new TreeSet<>()).addAll(where);
                    }
                });
            }
            if (unguarded.isEmpty()) {
                continue;
            }
            List<String> names = new ArrayList<>(unguarded.keySet());
            Map<String, Object> where = new TreeMap<>();
            unguarded.forEach((m, files) -> where.put(m, List.copyOf(files)));
            context.report(release.location(), release.project() + " " + release.version() + " imports its "
                            + Listing.plural(names.size(), "extension module", "extension modules") + " "
                            + Listing.firstFew(names) + " without an except ImportError around the import, and has no "
                            + "pure-Python wheel: where no wheel fits, the package works only if the sdist compiles on "
                            + "the user's machine")
                    .severity(Severity.NOTE)
                    .evidence("release", release.key())
                    .evidence("count", names.size())
                    .evidence("modules", names)
                    .evidence("imports", where)
                    .fix("If the module only speeds things up, import it in try/except ImportError with a pure-Python "
                            + "fallback, make the build skip it when it cannot compile, and publish a py3-none-any wheel; "
                            + "otherwise make sure wheels cover every platform the project supports.")
                    .key(release.key())
                    .emit();
        }
    }
}
