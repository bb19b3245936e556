package dev.abilint.rule.linux;

import dev.abilint.model.Binary;
import dev.abilint.rule.BinaryRule;
import dev.abilint.rule.RuleContext;

/** An ELF shared object with text relocations (DT_TEXTREL or DF_TEXTREL). */
public final class LinuxTextrel implements BinaryRule {
    @Override
    public String id() {
        return "linux-textrel";
    }

    @Override
    public void check(Binary binary, RuleContext context) {
        if (!LinuxTarget.forLinuxOrAndroid(binary) || !binary.flagSet("textrel")) {
            return;
        }
        context.report(binary.getPath(), "has text relocations: the loader must write to its code pages, which "
                        + "SELinux and hardened kernels refuse and Android rejects")
                .evidence("dynamic", "DT_TEXTREL")
                .fix("Compile every object, including static libraries linked in and assembly, with -fPIC; "
                        + "link with -Wl,-z,text to find the culprit at build time.")
                .emit();
    }
}
