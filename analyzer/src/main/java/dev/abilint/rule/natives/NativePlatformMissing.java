package dev.abilint.rule.natives;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import dev.abilint.model.Locations;
import dev.abilint.rule.natives.NativeInventory.Native;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A library of a jar that is missing for a platform the user targets ({@code --platforms}) or, without
 * that option, for a platform the jar ships other native libraries for. Also records the jar's
 * library × platform matrix in the artifact's facts ({@code nativeMatrix}) for the reports. The matrix
 * holds the jar's libraries only (see {@link NativeRole}: no programs, launcher templates, bundled Python
 * installations, test data or nested packages), one row per library however its files are named per
 * platform ({@code libfoo-linux64.so}, {@code foo-win64.dll}).
 */
public final class NativePlatformMissing implements AnalysisRule {
    @Override
    public String id() {
        return "native-platform-missing";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        NativeInventory inventory = NativeInventory.of(analysis);
        List<String> targets = context.targets().platforms();
        for (NativeInventory.Scope scope : inventory.scopes()) {
            if (!scope.java() || scope.matrix().isEmpty()) {
                continue;
            }
            Set<String> shipped = scope.matrixPlatforms();
            Map<String, Object> matrix = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, List<Native>>> l : scope.matrix().entrySet()) {
                matrix.put(l.getKey(), NativeInventory.matrixRow(shipped, l.getValue().keySet()));
            }
            Map<String, Object> cellFiles = new LinkedHashMap<>(); // for the HTML matrix's floors
            for (Map.Entry<String, Map<String, List<Native>>> l : scope.matrix().entrySet()) {
                Map<String, Object> byPlatform = new LinkedHashMap<>();
                l.getValue().forEach((platform, natives) -> byPlatform.put(platform,
                        natives.stream().map(n -> n.binary().getPath()).distinct().toList()));
                cellFiles.put(l.getKey(), byPlatform);
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("platforms", List.copyOf(shipped));
            facts.put("libraries", matrix);
            Map<String, Object> shownMatrix = new LinkedHashMap<>(facts); // evidence: without the file lists
            facts.put("files", cellFiles);
            for (Artifact a : analysis.artifacts()) {
                if (a.getPath() != null && a.getPath().equals(scope.name())) {
                    a.getFacts().put("nativeMatrix", facts);
                }
            }
            for (Map.Entry<String, Map<String, List<Native>>> l : scope.matrix().entrySet()) {
                String library = l.getKey();
                Set<String> present = l.getValue().keySet();
                List<String> missing = new ArrayList<>();
                List<String> otherSystems = new ArrayList<>();
                Set<String> systems = new java.util.TreeSet<>(); // the systems the library is built for
                present.forEach(p -> systems.add(system(p)));
                if (targets.isEmpty()) {
                    // Only the platforms the jar itself ships libraries for (a jar that holds one platform, a
                    // JavaCPP or netty classifier jar, claims no other), and only on an operating system the library
                    // is built for at all: a library made for some systems only is a design (pty4j's libpty is
                    // for Unix, winpty for Windows; MinGW's libgcc_s_seh-1.dll is a Windows runtime), a gap
                    // on one architecture of a system it is built for is a release that lost a build.
                    for (String p : shipped) {
                        if (!present.contains(p) && !"unknown-unknown".equals(p)) {
                            (systems.contains(system(p)) ? missing : otherSystems).add(p);
                        }
                    }
                } else {
                    for (String t : targets) {
                        if (present.stream().noneMatch(p -> covers(t, p))) {
                            missing.add(t);
                        }
                    }
                }
                if (missing.isEmpty() && otherSystems.isEmpty()) {
                    continue;
                }
                List<String> files = new ArrayList<>();
                l.getValue().values().forEach(ns -> ns.forEach(n -> files.add(Locations.fileName(n.binary().getPath()))));
                if (missing.isEmpty()) {
                    onlySomeSystems(context, scope.name(), library, present, systems, otherSystems, files);
                    continue;
                }
                context.report(scope.name(), "native library " + library + " is missing for " + String.join(", ", missing)
                                + (targets.isEmpty() ? ", which this jar ships other natives for" : ", which --platforms targets")
                                + ": loading it fails there")
                        .evidence("library", library)
                        .evidence("files", files.stream().distinct().sorted().toList())
                        .evidence("missing", missing)
                        .evidence("present", List.copyOf(present))
                        .evidence("targets", targets.isEmpty() ? "the platforms the jar ships (no --platforms)" : targets)
                        .evidence("matrix", shownMatrix)
                        .fix("Build " + library + " for " + String.join(", ", missing) + " and add it to the jar (check the "
                                + "CI matrix that assembles the natives), or drop the platform from the supported list.")
                        .key(library)
                        .emit();
            }
        }
    }

    /**
     * A library built for some operating systems only, in a jar that ships natives for others too: by design as
     * often as not (a Unix-only pty library beside its Windows counterpart, a MinGW runtime DLL), so a note
     * that says what is known, never an error; {@code --platforms} makes it a judgement.
     */
    private static void onlySomeSystems(RuleContext context, String scope, String library, Set<String> present,
            Set<String> builtFor, List<String> otherSystems, List<String> files) {
        context.report(scope, "native library " + library + " is built for " + String.join(", ", builtFor)
                        + " only, while this jar ships natives for " + String.join(", ", otherSystems)
                        + " too: if the Java code loads it there, it is missing")
                .severity(dev.abilint.model.Severity.NOTE)
                .evidence("library", library)
                .evidence("files", files.stream().distinct().sorted().toList())
                .evidence("present", List.copyOf(present))
                .evidence("notBuiltFor", otherSystems)
                .fix("Nothing, if " + library + " is only used on " + String.join(", ", builtFor) + "; otherwise build it "
                        + "for the other systems, and say which platforms you ship with --platforms to make this a check.")
                .key(library)
                .emit();
    }

    /** The operating system of a platform label: {@code linux-x86_64-glibc} is {@code linux}. */
    private static String system(String platform) {
        int dash = platform.indexOf('-');
        return os(dash < 0 ? platform : platform.substring(0, dash));
    }

    /** {@code linux-x86_64} covers {@code linux-x86_64-glibc}; arm64/aarch64 and amd64/x86_64 are one. */
    static boolean covers(String target, String platform) {
        String[] t = target.toLowerCase(Locale.ROOT).split("-");
        String[] p = platform.toLowerCase(Locale.ROOT).split("-");
        if (t.length < 2 || p.length < 2) {
            return false;
        }
        if (!os(t[0]).equals(os(p[0])) || !arch(t[1]).equals(arch(p[1]))) {
            return false;
        }
        return t.length < 3 || (p.length >= 3 && t[2].equals(p[2]));
    }

    private static String os(String os) {
        return switch (os) {
            case "osx", "darwin", "mac" -> "macos";
            case "win" -> "windows";
            default -> os;
        };
    }

    private static String arch(String arch) {
        return switch (arch) {
            case "arm64" -> "aarch64";
            case "amd64", "x64" -> "x86_64";
            case "x86", "i386", "i586" -> "i686";
            default -> arch;
        };
    }
}
