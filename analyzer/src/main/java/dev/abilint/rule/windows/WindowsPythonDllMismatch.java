package dev.abilint.rule.windows;

import dev.abilint.rule.RuleContext;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModuleRule;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An abi3 module linking {@code python3X.dll}, or a {@code cp3X} module linking another version's DLL. */
public final class WindowsPythonDllMismatch extends PythonModuleRule {
    private static final Pattern VERSIONED = Pattern.compile("^python3(\\d+)t?(_d)?\\.dll$");

    @Override
    public String id() {
        return "windows-python-dll-mismatch";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        if (!"pe".equals(module.binary().getFormat()) || !module.isExtension()) {
            return;
        }
        String claimed = claimedMinor(module);
        for (String needed : module.binary().getNeeded()) {
            Matcher m = VERSIONED.matcher(needed.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                continue;
            }
            if (module.abi3()) {
                report(module, context, needed, "an abi3 module links " + needed
                        + ": it loads only on Python 3." + m.group(1) + ", not on every version abi3 promises",
                        "Link against python3.lib (python3.dll): define Py_LIMITED_API before including Python.h, "
                                + "which makes pyconfig.h pick python3.lib.");
            } else if (claimed != null && !claimed.equals(m.group(1))) {
                report(module, context, needed, "a module for Python 3." + claimed + " links " + needed
                        + ": Windows cannot load it into Python 3." + claimed,
                        "Build with the Python 3." + claimed + " headers and libraries (python3" + claimed + ".lib).");
            }
        }
    }

    private static String claimedMinor(PythonModule module) {
        if (module.suffix() != null && module.suffix().version() != null && module.suffix().version().startsWith("3")) {
            return module.suffix().version().substring(1);
        }
        if (module.wheel() != null) {
            for (String tag : module.wheel().abiTags()) {
                if (tag.matches("cp3\\d+t?")) {
                    return tag.substring(3).replace("t", "");
                }
            }
        }
        return null;
    }

    private void report(PythonModule module, RuleContext context, String dll, String message, String fix) {
        context.report(module.binary().getPath(), message)
                .evidence("library", dll)
                .fix(fix)
                .key(dll)
                .emit();
    }
}
