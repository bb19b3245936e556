package dev.abilint.rule.windows;

import dev.abilint.rule.data.RuleData;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Windows system DLLs and API sets (rules/data/windows-system-dlls.txt), and the DLLs a Python
 * interpreter provides (rules/data/windows-interpreter-dlls.txt).
 */
public final class WindowsDlls {
    private static final Set<String> SYSTEM = new HashSet<>(RuleData.lines("windows-system-dlls.txt"));
    private static final List<Pattern> INTERPRETER = RuleData.lines("windows-interpreter-dlls.txt").stream()
            .map(Pattern::compile).toList();

    private WindowsDlls() {}

    public static boolean isSystem(String dll) {
        String lower = dll.toLowerCase(Locale.ROOT);
        return SYSTEM.contains(lower) || lower.startsWith("api-ms-win-") || lower.startsWith("ext-ms-");
    }

    /** CPython's python3X(t)(_d).dll, PyPy's libpypy*-c.dll, GraalPy's python-native.dll, MinGW's libpython3.X.dll. */
    public static boolean isInterpreter(String dll) {
        String lower = dll.toLowerCase(Locale.ROOT);
        for (Pattern p : INTERPRETER) {
            if (p.matcher(lower).matches()) {
                return true;
            }
        }
        return false;
    }
}
