package dev.abilint.rule.windows;

import dev.abilint.rule.data.RuleData;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Windows system DLLs and API sets (rules/data/windows-system-dlls.txt). */
final class WindowsDlls {
    private static final Set<String> SYSTEM = new HashSet<>(RuleData.lines("windows-system-dlls.txt"));

    private WindowsDlls() {}

    static boolean isSystem(String dll) {
        String lower = dll.toLowerCase(Locale.ROOT);
        return SYSTEM.contains(lower) || lower.startsWith("api-ms-win-") || lower.startsWith("ext-ms-")
                || lower.matches("python3\\d*(_d)?\\.dll");
    }
}
