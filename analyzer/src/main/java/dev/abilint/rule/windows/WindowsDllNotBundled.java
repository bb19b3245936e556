package dev.abilint.rule.windows;

import dev.abilint.rule.RuleContext;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModules;
import dev.abilint.rule.python.ProvidedLibraries;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A DLL a PE file in a wheel needs that is neither a Windows system DLL, nor a DLL the Python
 * interpreter provides (python313t.dll, libpypy3.10-c.dll, python-native.dll), nor shipped in the wheel.
 * Files under {@code <name>.data/data/} and {@code .data/headers/} are installed outside the import
 * path and never loaded by an import, so they are not judged (delvewheel skips them too).
 */
public final class WindowsDllNotBundled implements dev.abilint.rule.AnalysisRule {
    private static final Pattern NOT_LOADED = Pattern.compile("^[^/]+\\.data/(data|headers)/");

    @Override
    public String id() {
        return "windows-dll-not-bundled";
    }

    @Override
    public void check(dev.abilint.model.Analysis analysis, RuleContext context) {
        ProvidedLibraries provided = ProvidedLibraries.of(analysis);
        for (PythonModule module : PythonModules.of(analysis)) {
            check(module, provided, context);
        }
    }

    private void check(PythonModule module, ProvidedLibraries provided, RuleContext context) {
        if (!"pe".equals(module.binary().getFormat()) || module.wheel() == null || notLoaded(module)) {
            return;
        }
        for (String needed : module.binary().getNeeded()) {
            String lower = needed.toLowerCase(Locale.ROOT);
            if (WindowsDlls.isSystem(needed) || WindowsDlls.isInterpreter(needed) || module.bundles(needed)
                    || module.bundles(lower) || lower.matches("msvcr\\d+\\.dll")
                    || provided.providerOf(module, needed, context.targets()) != null) {
                continue;
            }
            context.report(module.binary().getPath(), "needs " + needed + ", which is not a Windows system DLL and is "
                            + "not in the wheel: import fails with 'DLL load failed'")
                    .evidence("library", needed)
                    .fix("Run delvewheel repair to copy " + needed + " into the wheel, or link it statically.")
                    .key(lower)
                    .emit();
        }
    }

    /** A file the wheel installs as data or headers, which no import loads. */
    static boolean notLoaded(PythonModule module) {
        String wheel = module.wheelLocation();
        String path = module.binary().getPath();
        if (wheel == null || !path.startsWith(wheel + dev.abilint.model.Locations.SEPARATOR)) {
            return false;
        }
        return NOT_LOADED.matcher(path.substring(wheel.length() + dev.abilint.model.Locations.SEPARATOR.length())).find();
    }
}
