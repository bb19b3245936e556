package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.diff.Roles;
import dev.abilint.model.Locations;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.LinuxPolicies;
import dev.abilint.rule.windows.WindowsDlls;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A binary now needs a library that the release does not bundle and that the platform does not provide
 * (not a manylinux-allowed library, not under /usr/lib or /System on macOS, not a Windows system DLL or
 * the interpreter's): users who lack it get a load error. A warning: some users have it.
 */
public final class DiffDependencyAdded extends PairRule {
    private static final Set<String> LINUX_SYSTEM = linuxSystem();

    private static Set<String> linuxSystem() {
        Set<String> out = new HashSet<>();
        for (String name : new String[] {"manylinux_2_5", "manylinux_2_17", "manylinux_2_28", "manylinux_2_34",
                "musllinux_1_1", "musllinux_1_2"}) {
            LinuxPolicies.Policy p = LinuxPolicies.get().byName(name);
            if (p != null) {
                out.addAll(p.libraries());
            }
        }
        out.addAll(List.of("ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "ld-linux.so.2", "ld-linux-armhf.so.3",
                "libc.so", "liblog.so", "libandroid.so", "libdl.so", "libm.so", "libc++_shared.so"));
        return out;
    }

    @Override
    public String id() {
        return "diff-dependency-added";
    }

    @Override
    void check(Comparison.BinaryPair pair, Comparison.ProductPair product, RuleContext context) {
        Set<String> before = new HashSet<>();
        for (String n : pair.old().getNeeded()) {
            before.add(Roles.fileName(Locations.fileName(n)).toLowerCase(Locale.ROOT));
        }
        Set<String> bundled = new HashSet<>();
        Changes.bundled(product.young()).forEach(b -> bundled.add(b.toLowerCase(Locale.ROOT)));
        Set<String> added = new TreeSet<>();
        for (String n : pair.young().getNeeded()) {
            String file = Locations.fileName(n);
            String lower = file.toLowerCase(Locale.ROOT);
            if (before.contains(Roles.fileName(file).toLowerCase(Locale.ROOT)) || bundled.contains(lower)
                    || bundled.contains(Roles.fileName(file).toLowerCase(Locale.ROOT)) || system(pair.young().getFormat(), n)) {
                continue;
            }
            added.add(n);
        }
        if (added.isEmpty()) {
            return;
        }
        context.report(pair.young().getPath(), "new dependency not bundled on " + pair.platform() + ": "
                        + String.join(", ", added) + ": users without it get a load error")
                .evidence("platform", pair.platform())
                .evidence("libraries", List.copyOf(added))
                .change(List.copyOf(pair.old().getNeeded()), List.copyOf(pair.young().getNeeded()))
                .key(pair.role() + "|" + pair.platform())
                .fix("Bundle it (auditwheel/delocate/delvewheel repair for wheels; the jar's natives folder), link it "
                        + "statically, or document it as a system requirement and accept the change in the config.")
                .emit();
    }

    private static boolean system(String format, String needed) {
        String lower = needed.toLowerCase(Locale.ROOT);
        return switch (format == null ? "" : format) {
            case "elf" -> LINUX_SYSTEM.contains(needed) || lower.startsWith("ld-") || lower.startsWith("libpython")
                    || LINUX_SYSTEM.contains(needed.replaceFirst("\\.so(\\.\\d+)*$", ".so"));
            case "macho" -> lower.startsWith("/usr/lib/") || lower.startsWith("/system/") || lower.startsWith("@rpath/libpython")
                    || lower.contains("python.framework");
            case "pe" -> WindowsDlls.isSystem(lower) || WindowsDlls.isInterpreter(lower) || lower.startsWith("python")
                    || lower.equals("jvm.dll");
            default -> true;
        };
    }
}
