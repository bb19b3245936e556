package dev.abilint.rule.linux;

import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.LinuxPolicies;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModuleRule;

/** A musllinux tag on a glibc binary, or a manylinux tag on a musl binary. */
public final class LinuxLibcMismatch extends PythonModuleRule {
    @Override
    public String id() {
        return "linux-libc-mismatch";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        LinuxPolicies.Tagged target = LinuxTarget.of(module, context.targets());
        String libc = module.binary().getPlatform() == null ? null : module.binary().getPlatform().libc();
        if (target == null || libc == null || libc.equals(target.policy().libc())) {
            return;
        }
        context.report(module.binary().getPath(), "a " + libc + " binary judged by "
                        + target.policy().tag(target.arch()) + " (" + target.policy().libc() + "): it will not load there")
                .evidence("binaryLibc", libc)
                .evidence("policy", target.policy().tag(target.arch()))
                .fix("Build musllinux wheels in a musllinux container and manylinux wheels in a manylinux one; "
                        + "cibuildwheel builds both from the same project.")
                .key(libc)
                .emit();
    }
}
