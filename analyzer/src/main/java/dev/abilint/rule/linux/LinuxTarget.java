package dev.abilint.rule.linux;

import dev.abilint.model.Binary;
import dev.abilint.rule.Targets;
import dev.abilint.rule.data.LinuxPolicies;
import dev.abilint.rule.python.PythonModule;

/**
 * The manylinux/musllinux policy a Linux binary is judged by: the most compatible policy among its
 * wheel's platform tags for its architecture, else the {@code --manylinux} option; null when
 * neither names one (abilint does not guess a policy for a loose library).
 */
final class LinuxTarget {
    private LinuxTarget() {}

    /**
     * Whether an ELF file is for Linux: by its header (the ELF reader tells Solaris, illumos, the BSDs and
     * Android apart from Linux by OSABI, notes, {@code .SUNW_*} sections and the C library it needs) and by
     * its path, where a convention names another OS (a BSD build in a jar's {@code freebsd-x86-64/}). The
     * linux-* rules judge only these: a Solaris library without PT_GNU_STACK or with {@code /usr/ccs/lib} in
     * its RPATH follows Solaris' rules, not Linux's.
     */
    static boolean forLinux(Binary b) {
        return forOs(b, "linux");
    }

    /** {@link #forLinux}, or for Android, which shares Linux's kernel and so its loader hardening (exec stack, text relocations). */
    static boolean forLinuxOrAndroid(Binary b) {
        return forOs(b, "linux") || forOs(b, "android");
    }

    private static boolean forOs(Binary b, String os) {
        if (!"elf".equals(b.getFormat()) || b.getPlatform() == null || !os.equals(b.getPlatform().os())) {
            return false;
        }
        return b.getDeclaredPlatform() == null || b.getDeclaredPlatform().os() == null
                || os.equals(b.getDeclaredPlatform().os());
    }

    static LinuxPolicies.Tagged of(PythonModule module, Targets targets) {
        Binary b = module.binary();
        if (!forLinux(b)) {
            return null;
        }
        String arch = LinuxPolicies.policyArch(b.getArch());
        LinuxPolicies.Tagged best = null;
        if (module.wheel() != null) {
            for (String tag : module.wheel().platformTags()) {
                LinuxPolicies.Tagged tagged = LinuxPolicies.get().forTag(tag);
                if (tagged != null && tagged.arch().equals(arch)
                        && (best == null || tagged.policy().priority() > best.policy().priority())) {
                    best = tagged;
                }
            }
            if (best != null) {
                return best;
            }
        }
        LinuxPolicies.Policy option = LinuxPolicies.get().fromOption(targets.manylinux());
        if (option != null) {
            return new LinuxPolicies.Tagged(option, arch);
        }
        if (plainLinuxTag(module) != null) {
            // A wheel tagged linux_<arch> (straight from pip wheel, before auditwheel repair) claims no policy: it is
            // judged as auditwheel show judges it, against the widest policy of its C library, so that what no
            // policy allows (a library outside every list, a blacklisted symbol) is still said.
            String libc = b.getPlatform() == null || b.getPlatform().libc() == null ? "glibc" : b.getPlatform().libc();
            LinuxPolicies.Policy widest = null;
            for (LinuxPolicies.Policy p : LinuxPolicies.get().all()) {
                if (p.libc().equals(libc) && p.coversArch(arch) && (widest == null || p.priority() < widest.priority())) {
                    widest = p;
                }
            }
            return widest == null ? null : new LinuxPolicies.Tagged(widest, arch);
        }
        return null;
    }

    /**
     * The rule's severity, but a note for a wheel tagged {@code linux_<arch>}: that tag promises the system it was
     * built for and no other, so what the widest policy does not allow is what auditwheel repair must fix before
     * publishing, not a defect of the wheel as tagged (a distribution's own build links its libraries).
     */
    static dev.abilint.model.Severity severityFor(PythonModule module, dev.abilint.rule.RuleContext context) {
        return plainLinuxTag(module) != null ? dev.abilint.model.Severity.NOTE : context.defaultSeverity();
    }

    /** The wheel's plain {@code linux_<arch>} platform tag for this binary's architecture, or null. */
    static String plainLinuxTag(PythonModule module) {
        if (module.wheel() == null) {
            return null;
        }
        String arch = LinuxPolicies.policyArch(module.binary().getArch());
        for (String tag : module.wheel().platformTags()) {
            if (tag.equals("linux_" + arch)) {
                return tag;
            }
        }
        return null;
    }

    /** The family and version of a symbol version string: {@code GLIBC_2.14} → {@code GLIBC}, {@code 2.14}. */
    static String[] split(String symbolVersion) {
        int cut = symbolVersion.indexOf('_');
        if (cut <= 0 || cut == symbolVersion.length() - 1) {
            return null;
        }
        return new String[] {symbolVersion.substring(0, cut), symbolVersion.substring(cut + 1)};
    }
}
