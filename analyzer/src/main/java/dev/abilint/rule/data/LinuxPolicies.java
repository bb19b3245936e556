package dev.abilint.rule.data;

import dev.abilint.util.JsonData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The manylinux and musllinux policies (rules/data/linux-policies.json, derived from auditwheel's
 * policy data): allowed symbol versions per architecture and family, allowed libraries.
 */
public final class LinuxPolicies {
    public record Policy(String name, List<String> aliases, String libc, int priority,
            Map<String, Map<String, List<String>>> symbolVersions, List<String> libraries,
            Map<String, List<String>> blacklist) {

        /** Whether a symbol version such as {@code GLIBC_2.14} is allowed on {@code arch}; families the policy does not name are. */
        public boolean allows(String arch, String family, String version) {
            Map<String, List<String>> families = symbolVersions.get(arch);
            if (families == null || !families.containsKey(family)) {
                return true;
            }
            return families.get(family).contains(version);
        }

        public boolean coversArch(String arch) {
            return symbolVersions.containsKey(arch);
        }

        /** The tag for this policy on an architecture: {@code manylinux_2_17_x86_64}. */
        public String tag(String arch) {
            return name + "_" + arch;
        }
    }

    private static final Pattern TAG = Pattern.compile("^(manylinux|musllinux)(_\\d+_\\d+|1|2010|2014)_(.+)$");
    private static final LinuxPolicies INSTANCE = load();

    private final List<Policy> policies;

    private LinuxPolicies(List<Policy> policies) {
        this.policies = policies;
    }

    private static LinuxPolicies load() {
        try (InputStream in = RuleData.open("linux-policies.json")) {
            List<Policy> policies = new ArrayList<>();
            for (Map<String, Object> policy : JsonData.objectList(JsonData.object(in), "policies")) {
                policies.add(policy(policy));
            }
            return new LinuxPolicies(List.copyOf(policies));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Policy policy(Map<String, Object> p) {
        Map<String, Map<String, List<String>>> symbolVersions = new LinkedHashMap<>();
        JsonData.objects(p, "symbolVersions").forEach((arch, families) -> {
            Map<String, List<String>> byFamily = new LinkedHashMap<>();
            families.forEach((family, versions) -> byFamily.put(family, JsonData.strings(versions)));
            symbolVersions.put(arch, byFamily);
        });
        Map<String, List<String>> blacklist = new LinkedHashMap<>();
        JsonData.map(p, "blacklist").forEach((library, symbols) -> blacklist.put(library, JsonData.strings(symbols)));
        return new Policy(JsonData.text(p, "name", null), JsonData.strings(p.get("aliases")), JsonData.text(p, "libc", null),
                (int) JsonData.number(p, "priority", 0), symbolVersions, JsonData.strings(p.get("libraries")), blacklist);
    }

    public static LinuxPolicies get() {
        return INSTANCE;
    }

    /** A platform tag's policy and architecture, or null for a tag that names no known policy. */
    public record Tagged(Policy policy, String arch) {}

    public Tagged forTag(String tag) {
        Matcher m = TAG.matcher(tag);
        if (!m.matches()) {
            return null;
        }
        Policy policy = byName(m.group(1) + m.group(2));
        return policy == null ? null : new Tagged(policy, m.group(3));
    }

    /** By name or alias: {@code manylinux_2_17}, {@code manylinux2014}, {@code musllinux_1_2}. */
    public Policy byName(String name) {
        for (Policy p : policies) {
            if (p.name().equals(name) || p.aliases().contains(name)) {
                return p;
            }
        }
        return null;
    }

    /** The {@code --manylinux} option's value ({@code 2_17}, {@code 2014}) as a policy. */
    public Policy fromOption(String value) {
        if (value == null) {
            return null;
        }
        Policy p = byName("manylinux_" + value);
        return p != null ? p : byName("manylinux" + value);
    }

    /** Every policy, manylinux and musllinux, in the data's order. */
    public List<Policy> all() {
        return policies;
    }

    /** The most compatible policy of this libc that allows the version on the arch, or null. */
    public Policy lowestAllowing(String libc, String arch, String family, String version) {
        Policy best = null;
        for (Policy p : policies) {
            if (p.libc().equals(libc) && p.coversArch(arch) && p.allows(arch, family, version)
                    && (best == null || p.priority() > best.priority())) {
                best = p;
            }
        }
        return best;
    }

    /** Policy architecture names: the wheel tags say {@code armv7l}, abilint says {@code armv7}. */
    public static String policyArch(String arch) {
        return "armv7".equals(arch) ? "armv7l" : arch;
    }
}
