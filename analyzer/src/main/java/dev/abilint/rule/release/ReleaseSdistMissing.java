package dev.abilint.rule.release;

import dev.abilint.model.Analysis;
import dev.abilint.model.Severity;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;

/**
 * A release (several wheels of one project version in the scan) without a source distribution: on every
 * platform and Python its binary wheels do not cover, nobody can build it (pip finds nothing to install), and
 * distributors that build from source (Debian, conda-forge, Homebrew) have nothing to start from. A warning
 * when the release has binary wheels, a note when all its wheels are pure Python.
 */
public final class ReleaseSdistMissing implements AnalysisRule {

    @Override
    public String id() {
        return "release-sdist-missing";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (Releases.Release release : Releases.of(analysis)) {
            if (!release.sdists().isEmpty()) {
                continue;
            }
            boolean binary = release.wheels().stream().anyMatch(w -> !w.name().platformIndependent()
                    || !w.name().abiTags().contains("none"));
            context.report(release.location(), release.project() + " " + release.version() + " has "
                            + release.wheels().size() + " wheels and no sdist" + (binary
                            ? ": on a platform or Python that no wheel covers, pip finds nothing it can install, and "
                            + "nobody can build the release from source"
                            : ": distributors that build from source have nothing to start from"))
                    .severity(binary ? Severity.WARNING : Severity.NOTE)
                    .evidence("release", release.key())
                    .evidence("wheels", release.wheels().stream()
                            .map(w -> ReleasePlatformUncovered.fileName(w.artifact().getPath())).toList())
                    .fix("Build and upload the sdist with the wheels (python -m build --sdist, or the sdist job of "
                            + "cibuildwheel's example workflow) and check it with twine check.")
                    .key(release.key())
                    .emit();
        }
    }
}
