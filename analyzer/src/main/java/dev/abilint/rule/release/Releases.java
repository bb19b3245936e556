package dev.abilint.rule.release;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Locations;
import dev.abilint.model.WheelName;
import dev.abilint.rule.PerAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The releases in a scan: the wheels and sdists of one project name and version (names normalized as PEP 503
 * does), as a release directory ({@code dist/} after cibuildwheel) holds them. Only a group of two artifacts or
 * more is a release: a wheel scanned alone says nothing about what else its project publishes.
 */
public final class Releases {
    private Releases() {}

    private static final Pattern SDIST = Pattern.compile(
            "^(?<name>.+)-(?<version>\\d[^-]*)\\.(?:tar\\.gz|tgz|tar|zip|tar\\.bz2|tar\\.xz)$", Pattern.CASE_INSENSITIVE);
    private static final PerAnalysis<List<Release>> SHARED = new PerAnalysis<>(Releases::compute);

    /** A wheel of a release: its artifact and its parsed name. */
    public record Wheel(Artifact artifact, WheelName name) {}

    /**
     * One project's release.
     *
     * @param project the project name as the first artifact spells it
     * @param key the normalized {@code name==version}
     */
    public record Release(String project, String version, String key, List<Wheel> wheels, List<Artifact> sdists) {

        /** Where a finding about the whole release is put: its sdist, else its first wheel (by path). */
        public String location() {
            return sdists.isEmpty() ? wheels.get(0).artifact().getPath() : sdists.get(0).getPath();
        }

        /** Whether some wheel of the release is pure Python ({@code none} ABI and {@code any} platform). */
        public boolean hasPureWheel() {
            return wheels.stream().anyMatch(w -> w.name().platformIndependent() && w.name().abiTags().contains("none"));
        }
    }

    /** The releases of an analysis (groups of two artifacts or more), computed once. */
    public static List<Release> of(Analysis analysis) {
        return SHARED.of(analysis);
    }

    public static String normalize(String project) {
        return project.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    private static List<Release> compute(Analysis analysis) {
        Map<String, List<Wheel>> wheels = new TreeMap<>();
        Map<String, List<Artifact>> sdists = new TreeMap<>();
        Map<String, String[]> names = new TreeMap<>();
        for (Artifact a : analysis.artifacts()) {
            if (a.getPath() == null || a.getPath().contains("!/")) {
                continue; // a release is what sits in a directory, not what an archive nests
            }
            String file = Locations.fileName(a.getPath());
            if ("wheel".equals(a.getKind())) {
                WheelName w = WheelName.parse(file);
                if (w != null) {
                    String key = normalize(w.name()) + "==" + w.version().toLowerCase(Locale.ROOT);
                    wheels.computeIfAbsent(key, k -> new ArrayList<>()).add(new Wheel(a, w));
                    names.putIfAbsent(key, new String[] {w.name(), w.version()});
                }
            } else if ("sdist".equals(a.getKind())) {
                Matcher m = SDIST.matcher(file);
                if (m.matches()) {
                    String key = normalize(m.group("name")) + "==" + m.group("version").toLowerCase(Locale.ROOT);
                    sdists.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
                    names.putIfAbsent(key, new String[] {m.group("name"), m.group("version")});
                }
            }
        }
        List<Release> out = new ArrayList<>();
        for (Map.Entry<String, String[]> e : names.entrySet()) {
            List<Wheel> w = new ArrayList<>(wheels.getOrDefault(e.getKey(), List.of()));
            List<Artifact> s = new ArrayList<>(sdists.getOrDefault(e.getKey(), List.of()));
            if (w.size() + s.size() < 2 || w.isEmpty()) {
                continue;
            }
            w.sort((x, y) -> x.artifact().getPath().compareTo(y.artifact().getPath()));
            s.sort((x, y) -> x.getPath().compareTo(y.getPath()));
            out.add(new Release(e.getValue()[0], e.getValue()[1], e.getKey(), List.copyOf(w), List.copyOf(s)));
        }
        return List.copyOf(out);
    }
}
