package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Severity;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import java.util.Map;

/**
 * An extension module inside a zipped egg or a {@code .pyz} zipapp: zipimport cannot import
 * extension modules from an archive, the import fails at run time. An egg whose extension has
 * setuptools' bootstrap stub next to it ({@code _core.py}) imports through pkg_resources, which
 * extracts it to a cache: reported as a warning, since that machinery is deprecated.
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
                Object stub = fact.get("stubLoader");
                RuleContext.FindingBuilder finding = stub != null
                        ? context.report(String.valueOf(fact.get("path")), "extension module '" + fact.get("module")
                                + "' inside a zipped egg imports only through setuptools' stub loader (" + stub
                                + "), which extracts it to a cache with pkg_resources (deprecated, being removed "
                                + "from setuptools); without it the import fails")
                                .severity(Severity.WARNING)
                        : context.report(String.valueOf(fact.get("path")), "extension module '" + fact.get("module")
                                + "' inside a zipped " + artifact.getKind() + " cannot be imported: zipimport loads only "
                                + ".py and .pyc files from an archive");
                finding.evidence("archive", artifact.getPath())
                        .evidence("module", fact.get("module"))
                        .evidence("stubLoader", stub)
                        .fix("egg".equals(artifact.getKind())
                                ? "Ship a wheel instead of an egg (eggs are deprecated and pip cannot install them)."
                                : "Install the package into a directory next to the zipapp and put it on sys.path, or use a "
                                        + "tool that unpacks extensions at start-up (shiv, pex).")
                        .emit();
            }
        }
    }
}
