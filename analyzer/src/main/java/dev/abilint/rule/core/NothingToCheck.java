package dev.abilint.rule.core;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Binary;
import dev.abilint.model.JavaClass;
import dev.abilint.model.PythonSource;
import dev.abilint.model.ReadFailure;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import java.util.Set;

/**
 * An input in which abilint found nothing to judge: no native binary, no class file, no Python package
 * (wheel, sdist, egg, zipapp) and no Python file declaring native functions. A scan of it passes, which
 * is right only if the input was meant to hold nothing of the kind; a note says so, so that a wrong path
 * or an empty build output does not pass silently. Inputs that could not be read get parse errors instead.
 */
public final class NothingToCheck implements AnalysisRule {
    /** Artifact kinds whose metadata rules judge even without binaries. */
    private static final Set<String> PACKAGES = Set.of("wheel", "sdist", "egg", "zipapp");

    @Override
    public String id() {
        return "nothing-to-check";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (String input : analysis.inputs()) {
            String root = input.length() > 1 && input.endsWith("/") ? input.substring(0, input.length() - 1) : input;
            if (somethingUnder(analysis, root)) {
                continue;
            }
            Artifact artifact = null;
            for (Artifact a : analysis.artifacts()) {
                if (a != null && a.getPath().equals(input)) {
                    artifact = a;
                    break;
                }
            }
            String kind = artifact == null ? null : artifact.getKind();
            Object head = artifact == null ? null : artifact.getFacts().get("head");
            Object entries = artifact == null ? null : artifact.getFacts().get("entries");
            String what = "file".equals(kind)
                    ? "it is not a native binary, class file or archive abilint reads"
                            + (head == null ? "" : head.toString().isEmpty() ? " (it is empty)"
                                    : " (it starts with '" + head + "')")
                    : "no native binary, Java class file or Python package metadata was found in it"
                            + (entries instanceof Integer n ? " (" + n + " entr" + (n == 1 ? "y" : "ies") + " read)" : "");
            context.report(input, "nothing to check in this " + (kind == null ? "input" : kind) + ": " + what)
                    .evidence("kind", kind)
                    .evidence("entries", entries)
                    .evidence("head", head)
                    .fix("Check the path: scan the built wheels, jars or libraries (dist/, target/, build/lib), not "
                            + "the sources; an empty directory or archive here may mean the build produced nothing.")
                    .emit();
        }
    }

    private static boolean somethingUnder(Analysis analysis, String root) {
        for (Binary b : analysis.binaries()) {
            if (under(b.getPath(), root)) {
                return true;
            }
        }
        for (JavaClass c : analysis.javaClasses()) {
            if (c.location() != null && under(c.location(), root)) {
                return true;
            }
        }
        for (ReadFailure f : analysis.failures()) {
            if (under(f.location(), root)) {
                return true; // already reported
            }
        }
        for (PythonSource s : analysis.pythonSources()) {
            if (under(s.location(), root)) {
                return true;
            }
        }
        for (Artifact a : analysis.artifacts()) {
            if (a != null && PACKAGES.contains(a.getKind()) && under(a.getPath(), root)) {
                return true;
            }
        }
        return false;
    }

    static boolean under(String location, String root) {
        return location.equals(root) || location.startsWith(root + "/") || location.startsWith(root + "!/");
    }
}
