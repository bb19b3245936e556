package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import java.util.List;
import java.util.Map;

/**
 * A wheel that says it runs everywhere ({@code -any} platform tag, or {@code Root-Is-Purelib: true})
 * but ships native code: pip installs it on platforms where the binaries cannot load. Windows
 * executables do not count: pure wheels ship launcher templates ({@code t64.exe}, {@code cli-arm64.exe}
 * in pip and setuptools) as data.
 */
public final class WheelPureWithBinaries implements AnalysisRule {
    @Override
    public String id() {
        return "wheel-pure-with-binaries";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        // Windows executables are programs, not modules: pip's and setuptools' own py3-none-any wheels
        // ship launcher templates (t64.exe, cli-arm64.exe) that they copy next to a script. auditwheel
        // only looks at ELF files; a pure wheel with a DLL, a .so or a Mach-O file still counts.
        java.util.Set<String> launchers = new java.util.HashSet<>();
        for (dev.abilint.model.Binary b : analysis.binaries()) {
            if ("pe".equals(b.getFormat()) && "executable".equals(b.getType()) && b.getPath() != null) {
                launchers.add(b.getPath());
            }
        }
        for (Artifact artifact : analysis.artifacts()) {
            if (!"wheel".equals(artifact.getKind())) {
                continue;
            }
            List<String> natives = new java.util.ArrayList<>(Artifacts.natives(analysis, artifact));
            natives.removeIf(launchers::contains);
            if (natives.isEmpty()) {
                continue;
            }
            List<Object> platformTags = Artifacts.list(artifact, "platformTags");
            boolean anyTag = !platformTags.isEmpty() && platformTags.stream().allMatch("any"::equals);
            Map<String, Object> wheel = Artifacts.map(artifact, "wheel");
            boolean purelib = Boolean.TRUE.equals(wheel.get("rootIsPurelib"));
            if (!anyTag && !purelib) {
                continue;
            }
            String claim = anyTag && purelib ? "platform tag 'any' and Root-Is-Purelib: true"
                    : anyTag ? "platform tag 'any'" : "Root-Is-Purelib: true";
            context.report(artifact.getPath(), "wheel declares " + claim + " but contains " + natives.size()
                            + " native file(s), e.g. " + natives.get(0))
                    .evidence("platformTags", platformTags)
                    .evidence("rootIsPurelib", wheel.get("rootIsPurelib"))
                    .evidence("natives", natives.size() > 10 ? natives.subList(0, 10) : natives)
                    .fix("Build platform wheels (the build backend does this when it knows the package has extension "
                            + "modules: setuptools' ext_modules, or `has_ext_modules` returning True), then repair them "
                            + "with auditwheel/delocate/delvewheel; if the natives are data, remove them.")
                    .emit();
        }
    }
}
