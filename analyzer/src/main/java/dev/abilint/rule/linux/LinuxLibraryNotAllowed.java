package dev.abilint.rule.linux;

import dev.abilint.model.Symbol;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.LinuxPolicies;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModules;
import dev.abilint.rule.python.ProvidedLibraries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the policy does not let a binary take from the user's system, one finding per binary and cause:
 * DT_NEEDED libraries that the policy does not allow and the wheel does not bundle (fingerprint key
 * {@code libraries}), and symbols of allowed libraries that the policy's per-library blacklist
 * excludes, such as zlib's internal {@code zcalloc}/{@code zcfree} (key {@code blacklist}). The blacklist
 * is applied as auditwheel's {@code lddtree_external_references} does: for each blacklisted library
 * the binary needs, the blacklisted names among its undefined, non-weak dynamic symbols.
 */
public final class LinuxLibraryNotAllowed implements dev.abilint.rule.AnalysisRule {
    @Override
    public String id() {
        return "linux-library-not-allowed";
    }

    @Override
    public void check(dev.abilint.model.Analysis analysis, RuleContext context) {
        ProvidedLibraries provided = ProvidedLibraries.of(analysis);
        for (PythonModule module : PythonModules.of(analysis)) {
            check(module, provided, context);
        }
    }

    private void check(PythonModule module, ProvidedLibraries provided, RuleContext context) {
        LinuxPolicies.Tagged target = LinuxTarget.of(module, context.targets());
        String libc = module.binary().getPlatform() == null ? null : module.binary().getPlatform().libc();
        if (target == null || (libc != null && !libc.equals(target.policy().libc()))) {
            return; // the wrong C library altogether is linux-libc-mismatch's finding
        }
        Set<String> missing = new LinkedHashSet<>();
        for (String needed : module.binary().getNeeded()) {
            if (target.policy().libraries().contains(needed) || module.bundles(needed)
                    || needed.startsWith("libpython") || needed.startsWith("ld-linux") || needed.startsWith("ld64.so")
                    || needed.startsWith("ld-musl") || needed.startsWith("libc.musl")
                    || provided.providerOf(module, needed, context.targets()) != null) {
                continue; // a provided one is library-not-bundled-but-provided's note
            }
            missing.add(needed);
        }
        String policyTag = target.policy().tag(target.arch());
        if (!missing.isEmpty()) {
            List<String> libraries = new ArrayList<>(missing);
            boolean one = libraries.size() == 1;
            String plain = LinuxTarget.plainLinuxTag(module);
            String message = plain == null
                    ? "needs " + Listing.firstFew(libraries) + ", which " + policyTag + " does not allow and the wheel "
                            + "does not bundle: " + (one ? "it is" : "they are") + " missing on most user systems"
                    : "needs " + Listing.firstFew(libraries) + ", which no manylinux policy allows (judged against the "
                            + "widest, " + policyTag + ") and the wheel does not bundle: fine on the system it was built "
                            + "for, which its " + plain + " tag is about, but auditwheel repair must bundle "
                            + (one ? "it" : "them") + " before the wheel can be published";
            context.report(module.binary().getPath(), message)
                    .severity(LinuxTarget.severityFor(module, context))
                    .evidence("libraries", libraries)
                    .evidence("policy", policyTag)
                    .fix("Run auditwheel repair to bundle " + (one ? libraries.get(0) : "them") + " into the wheel (it "
                            + "renames " + (one ? "it" : "them") + " and sets RPATH), or link "
                            + (one ? "that dependency" : "those dependencies") + " statically.")
                    .key("libraries")
                    .emit();
        }
        Map<String, List<String>> blacklisted = blacklisted(module, target.policy());
        if (!blacklisted.isEmpty()) {
            List<String> symbols = new ArrayList<>();
            List<String> parts = new ArrayList<>();
            blacklisted.forEach((library, names) -> {
                names.forEach(n -> symbols.add(n + " (" + library + ")"));
                parts.add(Listing.firstFew(names) + " from " + library);
            });
            LinuxPolicies.Policy allowing = null;
            for (LinuxPolicies.Policy p : LinuxPolicies.get().all()) {
                if (p.libc().equals(target.policy().libc()) && p.coversArch(target.arch())
                        && p.priority() < target.policy().priority() && blacklisted(module, p).isEmpty()
                        && (allowing == null || p.priority() > allowing.priority())) {
                    allowing = p;
                }
            }
            String allowingTag = allowing == null ? null : allowing.tag(target.arch());
            boolean one = symbols.size() == 1;
            context.report(module.binary().getPath(), "imports " + String.join(" and ", parts) + ", which "
                            + policyTag + " blacklists: " + (one ? "it is an internal symbol" : "they are internal symbols")
                            + " that the copies of " + (blacklisted.size() == 1 ? "that library" : "those libraries")
                            + " on users' systems need not export, and auditwheel refuses the tag"
                            + (allowingTag == null ? "; no policy allows " + (one ? "it" : "them")
                                    : "; the lowest policy that allows " + (one ? "it" : "them") + " is " + allowingTag))
                    .evidence("symbols", symbols)
                    .evidence("libraries", new ArrayList<>(blacklisted.keySet()))
                    .evidence("policy", policyTag)
                    .evidence("lowestAllowing", allowingTag)
                    .fix("These are a library's internals, not its API (zlib's zcalloc/zcfree, _tr_*, inflate_fast): they are "
                            + "imported when part of zlib's sources is compiled into the binary and the rest is taken "
                            + "from the system's libz.so.1. Compile all of it in (with its symbols hidden), or use only "
                            + "the library's public API.")
                    .severity(LinuxTarget.severityFor(module, context))
                    .key("blacklist")
                    .emit();
        }
    }

    /** library → blacklisted names the binary imports (undefined, not weak), for the libraries it needs. */
    private static Map<String, List<String>> blacklisted(PythonModule module, LinuxPolicies.Policy policy) {
        Map<String, List<String>> out = new TreeMap<>();
        if (policy.blacklist().isEmpty()) {
            return out;
        }
        Set<String> imported = null;
        for (Map.Entry<String, List<String>> e : policy.blacklist().entrySet()) {
            if (!module.binary().getNeeded().contains(e.getKey())) {
                continue;
            }
            if (imported == null) {
                imported = new TreeSet<>();
                for (Symbol s : module.binary().getImports()) {
                    if (!s.weak()) {
                        imported.add(s.name());
                    }
                }
            }
            List<String> names = new ArrayList<>();
            for (String name : e.getValue()) {
                if (imported.contains(name)) {
                    names.add(name);
                }
            }
            if (!names.isEmpty()) {
                names.sort(null);
                out.put(e.getKey(), names);
            }
        }
        return out;
    }
}
