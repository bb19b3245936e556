package dev.abilint.rule.macos;

import dev.abilint.model.Analysis;
import dev.abilint.model.Binary;
import dev.abilint.model.Severity;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mach-O dependencies that will not be found on a user's Mac: {@code @rpath}/{@code @loader_path}
 * libraries not shipped in the wheel, absolute paths outside the system (Homebrew, /usr/local), and
 * bare names ({@code liba.dylib}), which dyld looks up only on its search paths. One finding per
 * (file, dependency): the slices of a universal file that need the same library are one cause.
 */
public final class MacosDylibNotBundled implements AnalysisRule {
    @Override
    public String id() {
        return "macos-dylib-not-bundled";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        // file -> dependency -> the modules (slices) that need it, in the order read
        Map<String, Map<String, List<PythonModule>>> byFile = new LinkedHashMap<>();
        dev.abilint.rule.python.ProvidedLibraries provided = dev.abilint.rule.python.ProvidedLibraries.of(analysis);
        for (PythonModule module : PythonModules.of(analysis)) {
            Binary b = module.binary();
            if (!"macho".equals(b.getFormat())) {
                continue;
            }
            for (String needed : b.getNeeded()) {
                if (!isSystem(needed) && provided.providerOf(module, needed, context.targets()) == null) {
                    byFile.computeIfAbsent(b.getPath(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(needed, k -> new ArrayList<>()).add(module);
                }
            }
        }
        byFile.forEach((path, deps) -> deps.forEach((needed, slices) -> check(path, needed, slices, context)));
    }

    static boolean isSystem(String needed) {
        return needed.startsWith("/usr/lib/") || needed.startsWith("/System/") || needed.contains("Python.framework");
    }

    private void check(String path, String needed, List<PythonModule> slices, RuleContext context) {
        PythonModule module = slices.get(0);
        boolean inWheel = module.wheel() != null;
        List<String> arches = slices.stream().map(m -> m.binary().getArch()).distinct().toList();
        String message;
        Severity severity = Severity.ERROR;
        if (needed.startsWith("@")) {
            if (!inWheel || module.bundles(needed)) {
                return;
            }
            message = "needs " + needed + ", which is not in the wheel: import fails with 'Library not loaded'";
        } else if (needed.indexOf('/') < 0) {
            // A leaf name: dyld tries DYLD_LIBRARY_PATH, then the name relative to the current directory,
            // then DYLD_FALLBACK_LIBRARY_PATH ($HOME/lib, /usr/local/lib, /usr/lib); never the loader's folder.
            String searched = "needs " + needed + " by bare name (no @rpath/ or @loader_path/, no folder): dyld "
                    + "looks for it only in DYLD_LIBRARY_PATH, the current directory and DYLD_FALLBACK_LIBRARY_PATH "
                    + "(~/lib, /usr/local/lib, /usr/lib)";
            if (inWheel) {
                message = searched + (module.bundles(needed)
                        ? ", not next to this file: the copy in the wheel is not found and import fails with "
                                + "'Library not loaded'"
                        : ", and the wheel does not ship it: import fails with 'Library not loaded'");
            } else {
                severity = Severity.WARNING;
                message = searched + ": it loads only where one of those holds it";
            }
        } else {
            message = "needs " + needed + " by absolute path: it exists only on machines with the same "
                    + "package manager setup (Homebrew, MacPorts, a build directory)";
        }
        context.report(path, message)
                .severity(severity)
                .evidence("library", needed)
                .evidence("arch", arches.size() == 1 ? arches.get(0) : arches)
                .fix(needed.indexOf('/') < 0 && !needed.startsWith("@")
                        ? "Give the dependency an install name dyld can resolve (@rpath/" + needed
                                + " with an LC_RPATH of @loader_path, or @loader_path/" + needed
                                + "): delocate-wheel copies it into the wheel and rewrites the name, or use "
                                + "install_name_tool -change " + needed + " @loader_path/" + needed + "."
                        : "Run delocate-wheel to copy the dependency into the wheel and rewrite its install name, or "
                                + "link it statically.")
                .key(needed)
                .emit();
    }
}
