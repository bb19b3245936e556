package dev.abilint.rule.linux;

import dev.abilint.model.Binary;
import dev.abilint.rule.BinaryRule;
import dev.abilint.rule.RuleContext;

/**
 * An ELF binary that asks for an executable stack (PT_GNU_STACK with PF_X, or no PT_GNU_STACK on
 * a machine where that means executable). Loading such a library into a process makes every
 * thread's stack executable, and glibc 2.41+ refuses to dlopen it at all.
 */
public final class LinuxExecStack implements BinaryRule {
    @Override
    public String id() {
        return "linux-exec-stack";
    }

    @Override
    public void check(Binary binary, RuleContext context) {
        if (!"elf".equals(binary.getFormat()) || !binary.flagSet("execStack") || !LinuxTarget.forLinuxOrAndroid(binary)) {
            return;
        }
        boolean missing = binary.flagSet("gnuStackMissing");
        context.report(binary.getPath(), missing
                        ? "no PT_GNU_STACK segment: the stack of every process that loads this file becomes executable"
                        : "PT_GNU_STACK is executable (RWE): the stack of every process that loads this file becomes executable")
                .evidence("segment", missing ? "PT_GNU_STACK missing" : "PT_GNU_STACK flags RWE")
                .evidence("arch", binary.getArch())
                .fix(missing
                        ? "Link with -Wl,-z,noexecstack, and add '.section .note.GNU-stack,\"\",@progbits' to hand-written assembly files."
                        : "Find the object that needs it (an assembly file without a .note.GNU-stack section, or a GCC nested function "
                                + "trampoline) and fix it, or link with -Wl,-z,noexecstack.")
                .emit();
    }
}
