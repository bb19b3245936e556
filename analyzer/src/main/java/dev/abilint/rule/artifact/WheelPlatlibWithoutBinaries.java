package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import java.util.List;
import java.util.Map;

/**
 * The other half of {@code wheel-pure-with-binaries}: a wheel that says {@code Root-Is-Purelib: false}
 * (install into platlib) but holds no native file at all. It installs and imports, so this is a note: the
 * usual cause is a build that was meant to compile extension modules and silently did not (an optional
 * extension whose compiler failed, a build backend told {@code has_ext_modules}), or a platform tag put on
 * a pure package by hand.
 */
public final class WheelPlatlibWithoutBinaries implements AnalysisRule {
    @Override
    public String id() {
        return "wheel-platlib-without-binaries";
    }

    /** A limit stopped the reading, or a member could not be read: a native file may be among them. */
    private static boolean notAllRead(Analysis analysis, Artifact artifact) {
        for (dev.abilint.model.ArtifactIssue issue : artifact.getIssues()) {
            if (issue.type() == dev.abilint.model.ArtifactIssue.Type.LIMIT) {
                return true;
            }
        }
        String inside = artifact.getPath() + dev.abilint.model.Locations.SEPARATOR;
        for (dev.abilint.model.ReadFailure failure : analysis.failures()) {
            if (failure.location().equals(artifact.getPath()) || failure.location().startsWith(inside)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (Artifact artifact : analysis.artifacts()) {
            if (!"wheel".equals(artifact.getKind())) {
                continue;
            }
            Map<String, Object> wheel = Artifacts.map(artifact, "wheel");
            if (!Boolean.FALSE.equals(wheel.get("rootIsPurelib")) || !Artifacts.natives(analysis, artifact).isEmpty()
                    || notAllRead(analysis, artifact)) {
                continue;
            }
            List<Object> platformTags = Artifacts.list(artifact, "platformTags");
            boolean any = !platformTags.isEmpty() && platformTags.stream().allMatch("any"::equals);
            context.report(artifact.getPath(), "wheel declares Root-Is-Purelib: false but holds no native file"
                            + (any ? "" : " although its platform tag is " + String.join(".", platformTags.stream()
                                    .map(String::valueOf).toList()))
                            + ": if extension modules were meant to be built, the build skipped them")
                    .evidence("rootIsPurelib", false)
                    .evidence("platformTags", platformTags)
                    .fix("Check the build log for a skipped or failed extension build; if the package is pure Python, "
                            + "build it as a py3-none-any wheel with Root-Is-Purelib: true.")
                    .emit();
        }
    }
}
