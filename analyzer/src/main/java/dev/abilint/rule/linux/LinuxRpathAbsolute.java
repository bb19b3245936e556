package dev.abilint.rule.linux;

import dev.abilint.model.Binary;
import dev.abilint.rule.Listing;
import dev.abilint.rule.BinaryRule;
import dev.abilint.rule.RuleContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * RPATH/RUNPATH entries that are absolute paths (build-machine paths) rather than $ORIGIN-relative.
 * One finding per binary listing the paths; a path in both RPATH and RUNPATH (linkers write both
 * with --enable-new-dtags off/on mixes) is named once. Fingerprinted by rule and binary.
 */
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
        List<String> rpath = absolute(binary.getRpath());
        List<String> runpath = absolute(binary.getRunpath());
        if (rpath.isEmpty() && runpath.isEmpty()) {
            return;
        }
        Set<String> paths = new LinkedHashSet<>(rpath);
        paths.addAll(runpath);
        List<String> all = new ArrayList<>(paths);
        String tags = rpath.isEmpty() ? "RUNPATH" : runpath.isEmpty() ? "RPATH" : "RPATH and RUNPATH";
        boolean one = all.size() == 1;
        context.report(binary.getPath(), tags + (tags.contains(" and ") ? " contain" : " contains")
                        + " the absolute " + (one ? "path " : "paths ") + Listing.firstFew(all) + ": "
                        + (one ? "it names a directory" : "they name directories")
                        + " of the build machine, and a library planted there on a user's machine would be loaded")
                .evidence("rpath", rpath.isEmpty() ? null : rpath)
                .evidence("runpath", runpath.isEmpty() ? null : runpath)
                .fix("Use $ORIGIN-relative paths (-Wl,-rpath,'$ORIGIN/../lib'), or remove the entries with "
                        + "patchelf --remove-rpath; auditwheel repair rewrites them for wheels.")
                .emit();
    }

    /**
     * The dynamic loader's own default folders ({@code /lib}, {@code /usr/lib64}, {@code /usr/lib/x86_64-linux-gnu}):
     * it searches them anyway, and only root can write there, so naming them plants nothing.
     */
    private static final java.util.regex.Pattern SYSTEM = java.util.regex.Pattern.compile(
            "^/(usr/)?lib(32|64|x32)?(/[a-z0-9_]+-linux-[a-z0-9_]+)?/?$");

    private static List<String> absolute(List<String> paths) {
        List<String> out = new ArrayList<>();
        for (String path : paths) {
            if (path.startsWith("/") && !SYSTEM.matcher(path).matches() && !out.contains(path)) {
                out.add(path);
            }
        }
        return out;
    }
}
