package dev.abilint.rule.python;

import dev.abilint.model.Binary;
import dev.abilint.model.Platform;
import dev.abilint.model.WheelName;
import dev.abilint.model.Analysis;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A wheel whose tags do not describe the binaries inside: the platform tag against each binary's
 * format, OS and architecture, and the interpreter/ABI tags against each extension's file suffix.
 * A universal (fat) Mach-O file that holds a slice for a tagged platform is fine, whatever other
 * slices it holds: dyld loads the matching one.
 */
public final class TagBinaryMismatch implements AnalysisRule {
    @Override
    public String id() {
        return "tag-binary-mismatch";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        List<PythonModule> modules = PythonModules.of(analysis);
        Map<String, Set<String>> slices = new HashMap<>(); // Mach-O file -> "os/arch" of each slice
        for (PythonModule m : modules) {
            Platform p = m.binary().getPlatform();
            if ("macho".equals(m.binary().getFormat()) && p != null) {
                slices.computeIfAbsent(m.binary().getPath(), k -> new HashSet<>()).add(p.os() + "/" + p.arch());
            }
        }
        Set<String> reportedSuffixes = new HashSet<>(); // a fat file's slices share one name
        for (PythonModule module : modules) {
            WheelName wheel = module.wheel();
            if (wheel == null) {
                continue;
            }
            boolean wrongBinary = checkPlatform(module, wheel, slices.getOrDefault(module.binary().getPath(), Set.of()),
                    context);
            if (module.isExtension() && module.suffix() != null && !wheel.platformIndependent()) {
                checkAbi(module, wheel, context);
                if (!wrongBinary && reportedSuffixes.add(module.binary().getPath())) {
                    checkSuffixPlatform(module, wheel, context);
                }
            }
        }
    }

    /** Reports a binary built for a platform the tag does not name; true when it did. */
    private boolean checkPlatform(PythonModule module, WheelName wheel, Set<String> slices, RuleContext context) {
        Binary b = module.binary();
        Platform actual = b.getPlatform();
        if (actual == null) {
            return false;
        }
        if (wheel.platformIndependent()) {
            return false; // wheel-pure-with-binaries says what is wrong with that
        }
        List<Platform> claimed = wheel.platforms();
        if (claimed.isEmpty()) {
            return false; // a tag abilint does not know: never guess
        }
        for (Platform p : claimed) {
            if ((p.os().equals(actual.os()) && p.arch().equals(actual.arch())) || slices.contains(p.os() + "/" + p.arch())) {
                return false;
            }
        }
        context.report(b.getPath(), b.getFormat() + " binary for " + actual.os() + "/" + actual.arch()
                        + " in a wheel tagged " + String.join(".", wheel.platformTags())
                        + ": it cannot load on the platforms the tag promises")
                .evidence("binaryPlatform", actual.os() + "-" + actual.arch())
                .evidence("platformTags", wheel.platformTags())
                .fix("Build this binary for the wheel's platform (check the cross-compilation settings and "
                        + "cibuildwheel's archs), or give the wheel the platform tag that matches the binary.")
                .key(actual.os() + "-" + actual.arch())
                .emit();
        return true;
    }

    /**
     * The platform part of the module's file name against the wheel's platform tags: the interpreter looks
     * only for its own suffix ({@code .cpython-312-x86_64-linux-gnu.so} on glibc x86-64 Linux,
     * {@code .cp312-win_amd64.pyd} on 64-bit Windows) besides {@code .abi3.so} and a bare {@code .so}/{@code .pyd},
     * so a file named for another system or architecture is never found, whatever its bytes are. A
     * {@code -linux-gnu} name in a musllinux wheel is deliberately not judged: CPython before 3.13 on musl used
     * that triplet, auditwheel keeps it and Alpine's Python looks for both (pypa/auditwheel#349).
     */
    private void checkSuffixPlatform(PythonModule module, WheelName wheel, RuleContext context) {
        Platform named = SuffixPlatform.of(module.suffix().platform());
        List<Platform> claimed = wheel.platforms();
        if (named == null || claimed.isEmpty()) {
            return;
        }
        for (Platform p : claimed) {
            boolean os = p.os().equals(named.os());
            boolean arch = named.arch() == null || named.arch().equals(p.arch());
            boolean libc = !"glibc".equals(p.libc()) || !"musl".equals(named.libc());
            if (os && arch && libc) {
                return;
            }
        }
        Platform actual = module.binary().getPlatform();
        if (actual != null && "linux".equals(actual.os()) && actual.libc() != null
                && actual.libc().equals(named.libc())) {
            return; // the binary really is for the C library its name says: linux-libc-mismatch reports that, once
        }
        String fileName = dev.abilint.model.Locations.fileName(module.binary().getPath());
        context.report(module.binary().getPath(), "file name " + fileName + " names " + named.label()
                        + " (suffix part '" + module.suffix().platform() + "') in a wheel tagged "
                        + String.join(".", wheel.platformTags()) + ": the interpreter on those platforms looks only for "
                        + "its own suffix and never finds this module")
                .evidence("suffixPlatform", module.suffix().platform())
                .evidence("namedPlatform", named.label())
                .evidence("platformTags", wheel.platformTags())
                .fix("Build the module with the interpreter of the wheel's platform (its EXT_SUFFIX names the file), or "
                        + "rename it to that interpreter's suffix if the binary itself is right.")
                .key("suffix-" + module.suffix().platform())
                .emit();
    }

    /**
     * The ABI without CPython 3.7-and-older's {@code m} (pymalloc) and Python 2's {@code u} (wide
     * unicode) flags: the same module is {@code .cpython-36m-x86_64-linux-gnu.so} on Linux but
     * {@code .cp36-win_amd64.pyd} on Windows, in a wheel tagged {@code cp36m} on both, and
     * pip accepts it; {@code d} and {@code t} change the ABI and stay.
     */
    static String withoutPymalloc(String abi) {
        java.util.regex.Matcher m = CP_ABI.matcher(abi);
        return m.matches() ? "cp" + m.group(1) + m.group(2).replace("m", "").replace("u", "") : abi;
    }

    private static final java.util.regex.Pattern CP_ABI = java.util.regex.Pattern.compile("^cp(\\d+)([dmtu]*)$");

    private void checkAbi(PythonModule module, WheelName wheel, RuleContext context) {
        String abi = module.suffix().abi();
        if (abi == null || abi.startsWith("abi3") || !abi.startsWith("cp")) {
            return;
        }
        List<String> abiTags = wheel.abiTags();
        boolean stableWheel = abiTags.stream().anyMatch(t -> t.startsWith("abi3"));
        String moduleAbi = withoutPymalloc(abi);
        String plain = moduleAbi.replace("d", "");
        for (String tag : abiTags) {
            String t = withoutPymalloc(tag);
            if (t.equals(moduleAbi) || t.equals(plain)) {
                return;
            }
        }
        String message = stableWheel
                ? "version-specific module (" + abi + ") in a wheel tagged " + String.join(".", abiTags)
                        + ": other Python versions will not find it"
                : "module built for " + abi + " in a wheel tagged " + String.join(".", abiTags)
                        + ": the interpreter the tag names will not import it";
        context.report(module.binary().getPath(), message)
                .evidence("moduleAbi", abi)
                .evidence("abiTags", abiTags)
                .evidence("pythonTags", wheel.pythonTags())
                .fix("Rebuild the module with the interpreter the wheel is tagged for (or retag the wheel to "
                        + abi + "); do not mix free-threaded (t) and default builds in one wheel.")
                .key(abi)
                .emit();
    }
}
