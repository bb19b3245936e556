package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.JavaClass;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A jar whose multi-release setup does not work as intended: {@code META-INF/versions/} without
 * {@code Multi-Release: true} (the versioned classes are ignored), the header without the directory,
 * a release directory below 9 (ignored), or versioned classes compiled for an older release than
 * their directory: harmless (the JVM loads them), but a sign that the build put the wrong output there,
 * so a note; a {@code module-info.class} compiled for 9 under a later release is a common, deliberate
 * layout (netty's jars) and is not counted.
 */
public final class MultiReleaseMisconfigured implements AnalysisRule {
    private static final Pattern VERSIONED = Pattern.compile("^META-INF/versions/(\\d{1,4})/");

    @Override
    public String id() {
        return "multi-release-misconfigured";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (Artifact artifact : analysis.artifacts()) {
            String kind = artifact.getKind();
            if (!kind.equals("jar") && !kind.equals("war") && !kind.equals("ear") && !kind.equals("aar")) {
                continue;
            }
            Object header = Artifacts.map(artifact, "manifest").get("Multi-Release");
            boolean multiRelease = header != null && header.toString().trim().equalsIgnoreCase("true");
            List<Object> releases = Artifacts.list(artifact, "versionedReleases");
            String fix = "Set `Multi-Release: true` in the manifest exactly when the jar has META-INF/versions/N/ "
                    + "directories, and compile each directory's sources with `--release N` (Maven: a "
                    + "maven-compiler-plugin execution per release with multiReleaseOutput).";
            if (!releases.isEmpty() && !multiRelease) {
                context.report(artifact.getPath(), "jar has META-INF/versions/ " + releases
                                + " but its manifest does not say Multi-Release: true: the versioned classes are ignored")
                        .evidence("versionedReleases", releases)
                        .evidence("Multi-Release", header)
                        .fix(fix).key("no-header").emit();
            }
            if (releases.isEmpty() && multiRelease) {
                context.report(artifact.getPath(), "manifest says Multi-Release: true but the jar has no versioned "
                                + "classes under META-INF/versions/")
                        .fix(fix).key("no-versions").emit();
            }
            if (!multiRelease) {
                continue;
            }
            for (Object release : releases) {
                if (release instanceof Integer n && n < 9) {
                    context.report(artifact.getPath(), "META-INF/versions/" + n + "/ is ignored: versioned "
                                    + "directories start at release 9")
                            .evidence("release", n).fix(fix).key("low-" + n).emit();
                }
            }
            Map<Integer, List<JavaClass>> tooOld = new TreeMap<>();
            String prefix = artifact.getPath() + "!/";
            for (JavaClass c : analysis.javaClasses()) {
                if (!c.location().startsWith(prefix)) {
                    continue;
                }
                String inner = c.location().substring(prefix.length());
                if (inner.contains("!/")) {
                    continue;
                }
                Matcher m = VERSIONED.matcher(inner);
                if (m.find() && !inner.endsWith("/module-info.class")) {
                    int release = Integer.parseInt(m.group(1));
                    if (c.majorVersion() - 44 < release) {
                        tooOld.computeIfAbsent(release, k -> new ArrayList<>()).add(c);
                    }
                }
            }
            for (Map.Entry<Integer, List<JavaClass>> e : tooOld.entrySet()) {
                JavaClass first = e.getValue().get(0);
                context.report(artifact.getPath(), e.getValue().size() + " class file(s) under META-INF/versions/"
                                + e.getKey() + "/ are compiled for Java " + (first.majorVersion() - 44)
                                + " (class file version " + first.majorVersion() + "), below the directory's release (they load,"
                                + " but the build may have put the wrong output there), e.g. "
                                + first.location().substring(prefix.length()))
                        .evidence("release", e.getKey())
                        .evidence("classMajorVersion", first.majorVersion())
                        .evidence("classes", e.getValue().size())
                        .severity(dev.abilint.model.Severity.NOTE)
                        .fix(fix).key("old-" + e.getKey()).emit();
            }
        }
    }
}
