package dev.abilint.rule.linux;

import dev.abilint.model.Symbol;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.DottedVersion;
import dev.abilint.rule.data.LinuxPolicies;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModuleRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Versioned imports (GLIBC, GLIBCXX, CXXABI, GCC...) that the binary's manylinux/musllinux policy
 * does not allow, judged exactly as auditwheel's policy data says. One finding per binary: the
 * highest version needed in each family with the symbols that need it, every offending symbol in
 * the evidence, and the lowest policy that allows all of them. Fingerprinted by rule and binary, so
 * a new symbol (or a newer version) changes the message and evidence while a baseline still matches.
 */
public final class LinuxGlibcSymbolTooNew extends PythonModuleRule {
    @Override
    public String id() {
        return "linux-glibc-symbol-too-new";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        LinuxPolicies.Tagged target = LinuxTarget.of(module, context.targets());
        if (target == null || !target.policy().coversArch(target.arch())) {
            return;
        }
        // family -> version -> symbols, versions highest first
        Map<String, TreeMap<String, Set<String>>> tooNew = new TreeMap<>();
        Set<String> libraries = new TreeSet<>();
        LinuxPolicies.Policy lowest = null;
        boolean noPolicy = false;
        for (Symbol s : module.binary().getImports()) {
            if (s.version() == null) {
                continue;
            }
            String[] parts = LinuxTarget.split(s.version());
            if (parts == null || target.policy().allows(target.arch(), parts[0], parts[1])) {
                continue;
            }
            Set<String> names = tooNew.computeIfAbsent(parts[0],
                            k -> new TreeMap<>(Comparator.comparing((String v) -> v, DottedVersion::compare).reversed()))
                    .computeIfAbsent(parts[1], k -> new TreeSet<>());
            if (!names.add(s.name())) {
                continue;
            }
            if (s.library() != null) {
                libraries.add(s.library());
            }
            LinuxPolicies.Policy allowing = LinuxPolicies.get().lowestAllowing(target.policy().libc(), target.arch(),
                    parts[0], parts[1]);
            if (allowing == null) {
                noPolicy = true;
            } else if (lowest == null || allowing.priority() < lowest.priority()) {
                lowest = allowing; // policies nest: the newest of the per-version floors allows them all
            }
        }
        if (tooNew.isEmpty()) {
            return;
        }
        if (noPolicy) {
            lowest = null;
        }
        List<String> highest = new ArrayList<>();
        List<String> headline = new ArrayList<>();
        List<String> symbols = new ArrayList<>();
        for (Map.Entry<String, TreeMap<String, Set<String>>> family : tooNew.entrySet()) {
            boolean first = true;
            for (Map.Entry<String, Set<String>> version : family.getValue().entrySet()) {
                String v = family.getKey() + "_" + version.getKey();
                List<String> names = new ArrayList<>(version.getValue());
                if (first) {
                    highest.add(v);
                    headline.add(v + " (" + Listing.firstFew(names) + ")");
                    first = false;
                }
                for (String n : names) {
                    symbols.add(n + "@" + v);
                }
            }
        }
        String policyTag = target.policy().tag(target.arch());
        String lowestTag = lowest == null ? null : lowest.tag(target.arch());
        context.report(module.binary().getPath(), "needs " + String.join(" and ", headline) + ", which " + policyTag
                        + " does not allow" + (symbols.size() > highest.size() && symbols.size() > 1
                                ? " (" + symbols.size() + " symbols need versions it lacks)" : "")
                        + (lowestTag == null ? "; no policy allows " + Listing.plural(symbols.size(), "it", "them")
                                : "; the lowest policy that allows " + Listing.plural(symbols.size(), "it", "them all")
                                + " is " + lowestTag))
                .evidence("needed", highest)
                .evidence("count", symbols.size())
                .evidence("symbols", symbols)
                .evidence("libraries", libraries.isEmpty() ? null : new ArrayList<>(libraries))
                .evidence("policy", policyTag)
                .evidence("lowestAllowing", lowestTag)
                .fix("Build in the " + target.policy().name() + " container (cibuildwheel / the manylinux images), "
                        + "or tag the wheel " + (lowestTag == null ? "for a newer policy" : lowestTag)
                        + " if that is the floor you mean to support.")
                .severity(LinuxTarget.severityFor(module, context))
                .emit();
    }
}
