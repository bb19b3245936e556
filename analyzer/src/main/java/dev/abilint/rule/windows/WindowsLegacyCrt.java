package dev.abilint.rule.windows;

import dev.abilint.model.Severity;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModuleRule;
import java.util.Locale;

/** A PE extension linking a legacy Microsoft C runtime (msvcr90, msvcr100...; msvcrt.dll as a warning). */
public final class WindowsLegacyCrt extends PythonModuleRule {
    @Override
    public String id() {
        return "windows-legacy-crt";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        if (!"pe".equals(module.binary().getFormat()) || (!module.isExtension() && module.wheel() == null)) {
            return;
        }
        for (String needed : module.binary().getNeeded()) {
            String lower = needed.toLowerCase(Locale.ROOT);
            boolean legacy = lower.matches("msvcr\\d+d?\\.dll");
            if (!legacy && !lower.equals("msvcrt.dll")) {
                continue;
            }
            RuleContext.FindingBuilder finding = context.report(module.binary().getPath(), "links " + needed
                            + ", a C runtime other than the Universal CRT that Python 3.5+ uses: FILE*, malloc/free and "
                            + "errno are not shared with the interpreter")
                    .evidence("library", needed)
                    .fix(legacy ? "Rebuild with Visual Studio 2015 or later (vcruntime140 + UCRT)."
                            : "Build with the UCRT: MSVC, or a MinGW-w64 toolchain targeting ucrt (e.g. the ucrt64 "
                                    + "environment), and never pass CRT objects across the boundary.")
                    .key(lower);
            if (!legacy) {
                finding.severity(Severity.WARNING);
            }
            finding.emit();
        }
    }
}
