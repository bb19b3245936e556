package dev.abilint.rule.release;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Locations;
import dev.abilint.model.Severity;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.ReleaseTargets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For each release in the scan (several wheels and sdists of one project version, {@link Releases}): the
 * coverage matrix as a fact ({@code releaseCoverage} of the directory that holds the release, else of the
 * release's sdist or first wheel), and a note naming the common platforms and supported CPython versions
 * (rules/data/release-targets.json) that no wheel covers, at or above the lowest version the wheels are for.
 * Free-threaded builds count only when the release ships a free-threaded wheel. No note when a pure wheel
 * covers everything; nothing at all for a wheel scanned alone.
 */
public final class ReleasePlatformUncovered implements AnalysisRule {

    @Override
    public String id() {
        return "release-platform-uncovered";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        ReleaseTargets targets = ReleaseTargets.get();
        for (Releases.Release release : Releases.of(analysis)) {
            Coverage coverage = Coverage.of(release, targets);
            List<String> columns = coverage.columns(targets);
            Map<String, Object> fact = coverage.fact(release, targets, columns);
            record(analysis, release, fact);
            if (coverage.pure() || coverage.platforms().isEmpty()) {
                continue;
            }
            Map<String, List<String>> gaps = new LinkedHashMap<>();
            int count = 0;
            for (String platform : targets.platforms()) {
                for (String py : coverage.pythons()) {
                    if (!expected(py, coverage, targets)) {
                        continue;
                    }
                    if (!coverage.covers(py, platform)) {
                        gaps.computeIfAbsent(platform, k -> new ArrayList<>()).add(py);
                        count++;
                    }
                }
            }
            if (gaps.isEmpty()) {
                continue;
            }
            List<String> described = new ArrayList<>();
            gaps.forEach((platform, pys) -> described.add(platform + " (" + String.join(", ", pys) + ")"));
            context.report(release.location(), release.project() + " " + release.version() + " has no wheel for "
                            + count + " common platform and CPython " + Listing.plural(count, "combination", "combinations")
                            + ": " + Listing.firstFew(described) + "; pip falls back to the sdist there, which needs a "
                            + "compiler and the build dependencies on the user's machine"
                            + (release.sdists().isEmpty() ? " (and this release has no sdist)" : ""))
                    .severity(Severity.NOTE)
                    .evidence("release", release.key())
                    .evidence("count", count)
                    .evidence("uncovered", gaps)
                    .evidence("targetsDate", targets.date())
                    .fix("Add the missing build identifiers to the wheel build (cibuildwheel's default selection "
                            + "covers these; an abi3 wheel covers every later CPython), or say in the project's "
                            + "documentation which platforms and versions it supports.")
                    .key(release.key())
                    .emit();
        }
    }

    /** A supported CPython the release should cover: at or above its lowest version, free-threaded when it ships one. */
    private static boolean expected(String py, Coverage coverage, ReleaseTargets targets) {
        if (py.startsWith("pp")) {
            return false;
        }
        boolean t = py.endsWith("t");
        String v = t ? py.substring(0, py.length() - 1) : py;
        return t ? coverage.freeThreadedShipped() && targets.freeThreaded().contains(v) : targets.cpython().contains(v);
    }

    /** Puts the matrix into the facts of the directory holding the release, else of its sdist or first wheel. */
    @SuppressWarnings("unchecked")
    private static void record(Analysis analysis, Releases.Release release, Map<String, Object> fact) {
        String first = release.wheels().get(0).artifact().getPath();
        String parent = first.contains("/") ? first.substring(0, first.lastIndexOf('/')) : null;
        Artifact target = null;
        for (Artifact a : analysis.artifacts()) {
            if (a.getPath() != null && a.getPath().equals(parent) && "directory".equals(a.getKind())) {
                target = a;
            }
        }
        if (target == null) {
            for (Artifact a : analysis.artifacts()) {
                if (release.location().equals(a.getPath())) {
                    target = a;
                }
            }
        }
        if (target == null) {
            return;
        }
        synchronized (target) {
            Object list = target.getFacts().computeIfAbsent("releaseCoverage", k -> new ArrayList<Object>());
            ((List<Object>) list).add(fact);
        }
    }

    static String fileName(String path) {
        return Locations.fileName(path);
    }
}
