package dev.abilint.rule.linux;

import dev.abilint.model.Symbol;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.LinuxPolicies;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModuleRule;
import java.util.HashSet;
import java.util.Set;

/**
 * Versioned imports (GLIBC, GLIBCXX, CXXABI, GCC...) that the binary's manylinux/musllinux policy
 * does not allow, judged exactly as auditwheel's policy data says, with the lowest policy that would.
 */
public final class LinuxGlibcSymbolTooNew extends PythonModuleRule {
    @Override
    public String id() {
        return "linux-glibc-symbol-too-new";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        LinuxPolicies.Tagged target = LinuxTarget.of(module, context.targets());
        if (target == null || !target.policy().coversArch(target.arch())) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Symbol s : module.binary().getImports()) {
            if (s.version() == null) {
                continue;
            }
            String[] parts = LinuxTarget.split(s.version());
            if (parts == null || target.policy().allows(target.arch(), parts[0], parts[1])) {
                continue;
            }
            LinuxPolicies.Policy lowest = LinuxPolicies.get().lowestAllowing(target.policy().libc(), target.arch(),
                    parts[0], parts[1]);
            String key = s.name() + "@" + s.version();
            if (!seen.add(key)) {
                continue;
            }
            context.report(module.binary().getPath(), s.name() + " needs " + s.version() + ", which "
                            + target.policy().tag(target.arch()) + " does not allow"
                            + (lowest == null ? " (no policy allows it)" : "; the lowest policy that does is "
                            + lowest.tag(target.arch())))
                    .evidence("symbol", s.name())
                    .evidence("version", s.version())
                    .evidence("library", s.library())
                    .evidence("policy", target.policy().tag(target.arch()))
                    .evidence("lowestAllowing", lowest == null ? null : lowest.tag(target.arch()))
                    .fix("Build in the " + target.policy().name() + " container (cibuildwheel / the manylinux images), "
                            + "or tag the wheel " + (lowest == null ? "for a newer policy" : lowest.tag(target.arch()))
                            + " if that is the floor you mean to support.")
                    .key(key)
                    .emit();
        }
    }
}
