package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import java.util.Map;

/**
 * An extension module inside a zipped egg or a {@code .pyz} zipapp: zipimport cannot import
 * extension modules from an archive, the import fails at run time.
 */
public final class ExtensionInZipimportArchive implements AnalysisRule {
    @Override
    public String id() {
        return "extension-in-zipimport-archive";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (Artifact artifact : analysis.artifacts()) {
            if (!"egg".equals(artifact.getKind()) && !"zipapp".equals(artifact.getKind())) {
                continue;
            }
            for (Object extension : Artifacts.list(artifact, "extensions")) {
                if (!(extension instanceof Map<?, ?> fact)) {
                    continue;
                }
                context.report(String.valueOf(fact.get("path")), "extension module '" + fact.get("module")
                                + "' inside a zipped " + artifact.getKind() + " cannot be imported: zipimport loads only "
                                + ".py and .pyc files from an archive")
                        .evidence("archive", artifact.getPath())
                        .evidence("module", fact.get("module"))
                        .fix("egg".equals(artifact.getKind())
                                ? "Ship a wheel instead of an egg (eggs are deprecated and pip cannot install them)."
                                : "Install the package into a directory next to the zipapp and put it on sys.path, or use a "
                                        + "tool that unpacks extensions at start-up (shiv, pex).")
                        .emit();
            }
        }
    }
}
