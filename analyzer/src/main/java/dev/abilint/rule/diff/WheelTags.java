package dev.abilint.rule.diff;

import dev.abilint.diff.Product;
import dev.abilint.model.Platform;
import dev.abilint.model.WheelName;
import dev.abilint.rule.data.DottedVersion;
import dev.abilint.rule.data.LinuxPolicies;
import java.util.Map;
import java.util.TreeMap;

/** What a product's wheel tags claim, as the diff rules compare it. */
final class WheelTags {
    private WheelTags() {}

    /** The lowest CPython an abi3 wheel of the product is for ({@code 3.8} for cp38-abi3), or null for none. */
    static String abi3Floor(Product p) {
        String best = null;
        for (WheelName w : p.wheels()) {
            if (!w.abiTags().contains("abi3")) {
                continue;
            }
            for (String tag : w.pythonTags()) {
                String v = DottedVersion.pythonFromTag(tag);
                if (v != null && (best == null || DottedVersion.compare(v, best) < 0)) {
                    best = v;
                }
            }
        }
        return best;
    }

    static boolean hasAbi3(Product p) {
        return p.wheels().stream().anyMatch(w -> w.abiTags().contains("abi3"));
    }

    /**
     * Per platform ({@code linux-x86_64-glibc}), the oldest Linux policy a wheel installs on: for each wheel the
     * lowest of its tags, for the product the lowest of its wheels ({@code manylinux_2_17}).
     */
    static Map<String, String> linuxFloors(Product p) {
        Map<String, String> out = new TreeMap<>();
        for (WheelName w : p.wheels()) {
            Map<String, String> wheel = new TreeMap<>();
            for (String tag : w.platformTags()) {
                LinuxPolicies.Tagged t = LinuxPolicies.get().forTag(tag);
                if (t == null) {
                    continue;
                }
                for (Platform platform : WheelName.platformsOf(tag)) {
                    wheel.merge(platform.label(), t.policy().name(), WheelTags::lower);
                }
            }
            wheel.forEach((k, v) -> out.merge(k, v, WheelTags::lower));
        }
        return out;
    }

    /** {@code manylinux_2_17} is lower than {@code manylinux_2_28}. */
    static String lower(String a, String b) {
        return compare(a, b) <= 0 ? a : b;
    }

    static int compare(String a, String b) {
        return DottedVersion.compare(version(a), version(b));
    }

    /** {@code manylinux_2_28} as {@code 2.28}. */
    static String version(String policy) {
        int cut = policy.indexOf('_');
        return cut < 0 ? "0" : policy.substring(cut + 1).replace('_', '.');
    }
}
