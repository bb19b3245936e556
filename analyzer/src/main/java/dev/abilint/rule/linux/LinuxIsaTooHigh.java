package dev.abilint.rule.linux;

import dev.abilint.model.Binary;
import dev.abilint.rule.BinaryRule;
import dev.abilint.rule.RuleContext;

/** An x86-64 binary whose GNU property note says it needs x86-64-v2 or above. */
public final class LinuxIsaTooHigh implements BinaryRule {
    @Override
    public String id() {
        return "linux-isa-too-high";
    }

    @Override
    public void check(Binary binary, RuleContext context) {
        Object level = binary.flag("x86IsaNeeded");
        if (level == null || "x86-64-baseline".equals(level) || !LinuxTarget.forLinux(binary)) {
            return;
        }
        context.report(binary.getPath(), "needs " + level + " (from its GNU property note): it crashes with "
                        + "SIGILL or is refused by the loader on CPUs below that level, which manylinux still supports")
                .evidence("isaNeeded", level)
                .fix("Build for the baseline (-march=x86-64, no -march=native) and dispatch to faster code at run time "
                        + "(function multi-versioning, cpuid checks).")
                .emit();
    }
}
