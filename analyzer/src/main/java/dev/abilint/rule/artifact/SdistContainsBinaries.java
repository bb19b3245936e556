package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import java.util.List;

/** A source distribution that ships compiled native files (build leftovers or prebuilt binaries). */
public final class SdistContainsBinaries implements AnalysisRule {
    @Override
    public String id() {
        return "sdist-contains-binaries";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (Artifact artifact : analysis.artifacts()) {
            if (!"sdist".equals(artifact.getKind())) {
                continue;
            }
            for (String nativeFile : Artifacts.natives(analysis, artifact)) {
                context.report(nativeFile, "source distribution contains a compiled native file")
                        .evidence("sdist", artifact.getPath())
                        .fix("Exclude build outputs from the sdist (MANIFEST.in `global-exclude *.so *.pyd *.dylib *.dll`, "
                                + "or the build backend's sdist excludes) and build from a clean checkout.")
                        .emit();
            }
        }
    }
}
