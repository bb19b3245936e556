package dev.abilint.rule.artifact;

import dev.abilint.model.ArchFamily;
import dev.abilint.model.Binary;
import dev.abilint.model.Platform;
import dev.abilint.rule.BinaryRule;
import dev.abilint.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A native library whose path (a jar's platform directory, a wheel's platform tag) names one
 * platform while its header says another: the loader for the declared platform picks it up and
 * fails ("wrong ELF class", "mach-o, but wrong architecture", "%1 is not a valid Win32 application").
 */
public final class NativeArchMismatch implements BinaryRule {
    /** Systems that use ELF: an ELF header with OSABI 0 does not tell them apart. */
    private static final java.util.Set<String> ELF_SYSTEMS = java.util.Set.of("linux", "android", "freebsd",
            "openbsd", "netbsd", "dragonfly", "solaris");

    /** ELF with OSABI 0 (System V): the reader's "linux" is its default, not something the file says. */
    private static boolean headerOsIsGuess(Binary binary) {
        return "elf".equals(binary.getFormat()) && "sysv".equals(binary.getOsAbi())
                && "linux".equals(binary.getPlatform().os());
    }

    @Override
    public String id() {
        return "native-arch-mismatch";
    }

    @Override
    public void check(Binary binary, RuleContext context) {
        if (dev.abilint.model.Locations.enclosing(binary.getPath(), ".whl") != null) {
            return; // a wheel's tags are judged by tag-binary-mismatch and linux-libc-mismatch, with wheel words
        }
        Platform declared = binary.getDeclaredPlatform();
        Platform actual = binary.getPlatform();
        if (declared == null || actual == null || !dev.abilint.rule.natives.NativeRole.isLibrary(binary)) {
            return; // a program, launcher template or file of a bundled Python installation makes no platform claim
        }
        List<String> differences = new ArrayList<>();
        if (declared.os() != null && actual.os() != null && !declared.os().equals(actual.os())
                && !(headerOsIsGuess(binary) && ELF_SYSTEMS.contains(declared.os()))) {
            differences.add("os");
        }
        if (declared.arch() != null && actual.arch() != null && !ArchFamily.same(declared.arch(), actual.arch())) {
            differences.add("arch");
        }
        if (declared.libc() != null && actual.libc() != null && !declared.libc().equals(actual.libc())) {
            differences.add("libc");
        }
        if (differences.isEmpty()) {
            return;
        }
        context.report(binary.getPath(), "the path declares " + declared.label() + " but the binary is "
                        + actual.label() + " (" + String.join(", ", differences) + " differ)")
                .evidence("declaredPlatform", declared.label())
                .evidence("headerPlatform", actual.label())
                .evidence("differs", differences)
                .fix("Put the " + actual.label() + " build in the directory for " + actual.label()
                        + " and a " + declared.label() + " build where this one is; check the cross-compilation "
                        + "step that produced it (a missing --target or toolchain file typically builds for the host).")
                .key(declared.label() + "/" + actual.label())
                .emit();
    }
}
