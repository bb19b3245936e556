package dev.abilint.rule.macos;

import dev.abilint.model.Binary;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModuleRule;

/**
 * Mach-O dependencies that will not be found on a user's Mac: {@code @rpath}/{@code @loader_path}
 * libraries not shipped in the wheel, and absolute paths outside the system (Homebrew, /usr/local).
 */
public final class MacosDylibNotBundled extends PythonModuleRule {
    @Override
    public String id() {
        return "macos-dylib-not-bundled";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        Binary b = module.binary();
        if (!"macho".equals(b.getFormat())) {
            return;
        }
        for (String needed : b.getNeeded()) {
            if (needed.startsWith("/usr/lib/") || needed.startsWith("/System/") || needed.contains("Python.framework")) {
                continue;
            }
            boolean relative = needed.startsWith("@");
            if (relative && (module.wheel() == null || module.bundles(needed))) {
                continue;
            }
            context.report(b.getPath(), relative
                            ? "needs " + needed + ", which is not in the wheel: import fails with 'Library not loaded'"
                            : "needs " + needed + " by absolute path: it exists only on machines with the same "
                                    + "package manager setup (Homebrew, MacPorts, a build directory)")
                    .evidence("library", needed)
                    .evidence("arch", b.getArch())
                    .fix("Run delocate-wheel to copy the dependency into the wheel and rewrite its install name, or "
                            + "link it statically.")
                    .key(needed)
                    .emit();
        }
    }
}
