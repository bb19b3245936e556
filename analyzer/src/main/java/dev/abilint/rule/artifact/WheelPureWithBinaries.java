package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import java.util.List;
import java.util.Map;

/**
 * A wheel that says it runs everywhere ({@code -any} platform tag, or {@code Root-Is-Purelib: true})
 * but ships native code: pip installs it on platforms where the binaries cannot load.
 */
public final class WheelPureWithBinaries implements AnalysisRule {
    @Override
    public String id() {
        return "wheel-pure-with-binaries";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (Artifact artifact : analysis.artifacts()) {
            if (!"wheel".equals(artifact.getKind())) {
                continue;
            }
            List<String> natives = Artifacts.natives(analysis, artifact);
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
