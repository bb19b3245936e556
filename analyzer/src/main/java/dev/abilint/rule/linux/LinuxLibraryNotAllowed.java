package dev.abilint.rule.linux;

import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.LinuxPolicies;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModuleRule;

/** A DT_NEEDED library that the policy does not allow and that the wheel does not bundle. */
public final class LinuxLibraryNotAllowed extends PythonModuleRule {
    @Override
    public String id() {
        return "linux-library-not-allowed";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        LinuxPolicies.Tagged target = LinuxTarget.of(module, context.targets());
        String libc = module.binary().getPlatform() == null ? null : module.binary().getPlatform().libc();
        if (target == null || (libc != null && !libc.equals(target.policy().libc()))) {
            return; // the wrong C library altogether is linux-libc-mismatch's finding
        }
        for (String needed : module.binary().getNeeded()) {
            if (target.policy().libraries().contains(needed) || module.bundles(needed)
                    || needed.startsWith("libpython") || needed.startsWith("ld-linux") || needed.startsWith("ld64.so")
                    || needed.startsWith("ld-musl") || needed.startsWith("libc.musl")) {
                continue;
            }
            context.report(module.binary().getPath(), "needs " + needed + ", which " + target.policy().tag(target.arch())
                            + " does not allow and the wheel does not bundle: it is missing on most user systems")
                    .evidence("library", needed)
                    .evidence("policy", target.policy().tag(target.arch()))
                    .fix("Run auditwheel repair to bundle " + needed + " into the wheel (it renames it and sets "
                            + "RPATH), or link that dependency statically.")
                    .key(needed)
                    .emit();
        }
    }
}
