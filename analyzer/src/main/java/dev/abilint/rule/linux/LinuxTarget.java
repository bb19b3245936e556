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

    static LinuxPolicies.Tagged of(PythonModule module, Targets targets) {
        Binary b = module.binary();
        if (!"elf".equals(b.getFormat()) || b.getPlatform() == null || !"linux".equals(b.getPlatform().os())) {
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
        return option == null ? null : new LinuxPolicies.Tagged(option, arch);
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
