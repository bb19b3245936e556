package dev.abilint.rule.macos;

import dev.abilint.rule.Targets;
import dev.abilint.rule.python.PythonModule;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a wheel's {@code macosx_X_Y_ARCH} tags promise for one architecture. */
final class MacosTarget {
    private static final Pattern TAG = Pattern.compile("^macosx_(\\d+)_(\\d+)_(.+)$");

    private MacosTarget() {}

    /** Whether a tag's architecture part covers a slice's architecture. */
    static boolean covers(String tagArch, String arch) {
        return switch (tagArch) {
            case "universal2" -> arch.equals("x86_64") || arch.equals("arm64");
            case "intel" -> arch.equals("x86_64") || arch.equals("i686");
            case "x86_64" -> arch.equals("x86_64") || arch.equals("x86_64h");
            case "arm64" -> arch.equals("arm64") || arch.equals("arm64e");
            default -> tagArch.equals(arch);
        };
    }

    /** The lowest macOS version the wheel's tags claim for this arch, else {@code --macos}; null when unknown. */
    static String minimumFor(PythonModule module, String arch, Targets targets) {
        String tagged = taggedMinimum(module, arch);
        return tagged != null ? tagged : targets.macos();
    }

    /** The lowest macOS version the wheel's tags claim for this arch; null when they claim none. */
    static String taggedMinimum(PythonModule module, String arch) {
        String best = null;
        if (module.wheel() != null) {
            for (String tag : module.wheel().platformTags()) {
                Matcher m = TAG.matcher(tag);
                if (m.matches() && covers(m.group(3), arch)) {
                    String version = m.group(1) + "." + m.group(2);
                    if (best == null || dev.abilint.rule.data.DottedVersion.compare(version, best) < 0) {
                        best = version;
                    }
                }
            }
        }
        return best;
    }

    /** The architectures a wheel's macOS tags require in every Mach-O file (universal2: both). */
    static List<String> requiredArchs(PythonModule module) {
        if (module.wheel() == null) {
            return List.of();
        }
        for (String tag : module.wheel().platformTags()) {
            Matcher m = TAG.matcher(tag);
            if (m.matches() && m.group(3).equals("universal2")) {
                return List.of("x86_64", "arm64");
            }
            if (m.matches() && m.group(3).equals("intel")) {
                return List.of("x86_64", "i686");
            }
        }
        return List.of();
    }
}
