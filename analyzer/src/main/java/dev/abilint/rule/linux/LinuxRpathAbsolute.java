package dev.abilint.rule.linux;

import dev.abilint.model.Binary;
import dev.abilint.rule.BinaryRule;
import dev.abilint.rule.RuleContext;
import java.util.List;

/** RPATH/RUNPATH entries that are absolute paths (build-machine paths) rather than $ORIGIN-relative. */
public final class LinuxRpathAbsolute implements BinaryRule {
    @Override
    public String id() {
        return "linux-rpath-absolute";
    }

    @Override
    public void check(Binary binary, RuleContext context) {
        if (!LinuxTarget.forLinux(binary)) {
            return; // Solaris, the BSDs and Android have their own default folders (/usr/ccs/lib, /usr/lib/gcc80)
        }
        report(binary, binary.getRpath(), "RPATH", context);
        report(binary, binary.getRunpath(), "RUNPATH", context);
    }

    private void report(Binary binary, List<String> paths, String tag, RuleContext context) {
        for (String path : paths) {
            if (!path.startsWith("/")) {
                continue;
            }
            context.report(binary.getPath(), tag + " contains the absolute path " + path
                            + ": it names a directory of the build machine, and a library planted there on a user's "
                            + "machine would be loaded")
                    .evidence(tag.toLowerCase(java.util.Locale.ROOT), path)
                    .fix("Use $ORIGIN-relative paths (-Wl,-rpath,'$ORIGIN/../lib'), or remove the entry with "
                            + "patchelf --remove-rpath; auditwheel repair rewrites it for wheels.")
                    .key(tag + ":" + path)
                    .emit();
        }
    }
}
