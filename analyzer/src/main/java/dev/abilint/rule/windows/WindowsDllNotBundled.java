package dev.abilint.rule.windows;

import dev.abilint.rule.RuleContext;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModuleRule;
import java.util.Locale;

/** A DLL a PE file in a wheel needs that is neither a Windows system DLL nor shipped in the wheel. */
public final class WindowsDllNotBundled extends PythonModuleRule {
    @Override
    public String id() {
        return "windows-dll-not-bundled";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        if (!"pe".equals(module.binary().getFormat()) || module.wheel() == null) {
            return;
        }
        for (String needed : module.binary().getNeeded()) {
            if (WindowsDlls.isSystem(needed) || module.bundles(needed) || module.bundles(needed.toLowerCase(Locale.ROOT))
                    || needed.toLowerCase(Locale.ROOT).matches("msvcr\\d+\\.dll")) {
                continue;
            }
            context.report(module.binary().getPath(), "needs " + needed + ", which is not a Windows system DLL and is "
                            + "not in the wheel: import fails with 'DLL load failed'")
                    .evidence("library", needed)
                    .fix("Run delvewheel repair to copy " + needed + " into the wheel, or link it statically.")
                    .key(needed.toLowerCase(Locale.ROOT))
                    .emit();
        }
    }
}
