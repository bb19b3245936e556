package dev.abilint.rule.release;

import dev.abilint.model.Platform;
import dev.abilint.model.WheelName;
import dev.abilint.rule.data.DottedVersion;
import dev.abilint.rule.data.ReleaseTargets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The matrix of a release: Python builds ({@code 3.12}, {@code 3.13t}, {@code pp3.10}) by platform
 * ({@code linux-x86_64-glibc}, {@code macos-arm64}, ...), each cell the wheels that install there. An abi3
 * wheel counts for its version and every later GIL build in the matrix, abi3t for every later free-threaded
 * build, a {@code py3-none-PLATFORM} wheel for every CPython on its platform.
 */
public final class Coverage {
    private static final Pattern CP = Pattern.compile("^cp(\\d)(\\d+)$");
    private static final Pattern PP = Pattern.compile("^pp(\\d)(\\d+)$");

    private final Map<String, Map<String, Set<String>>> cells = new TreeMap<>(Coverage::compareBuilds);
    private final Set<String> platforms = new TreeSet<>();
    private final Set<String> pythons = new TreeSet<>(Coverage::compareBuilds);
    private boolean pure;
    private boolean freeThreadedShipped;
    private String floor;

    /** Builds the matrix of a release, with rows for the supported versions of {@code targets} as well. */
    public static Coverage of(Releases.Release release, ReleaseTargets targets) {
        Coverage c = new Coverage();
        List<Spread> spreads = new ArrayList<>();
        for (Releases.Wheel w : release.wheels()) {
            WheelName n = w.name();
            String file = dev.abilint.model.Locations.fileName(w.artifact().getPath());
            if (n.platformIndependent() && n.abiTags().contains("none")) {
                c.pure = true;
                continue;
            }
            List<String> labels = n.platforms().stream().map(Platform::label).toList();
            if (labels.isEmpty()) {
                continue; // a platform tag abilint does not know
            }
            c.platforms.addAll(labels);
            for (String py : n.pythonTags()) {
                for (String abi : n.abiTags()) {
                    Matcher cp = CP.matcher(py);
                    Matcher pp = PP.matcher(py);
                    if (cp.matches()) {
                        String v = cp.group(1) + "." + cp.group(2);
                        c.lowest(v);
                        if (abi.equals("abi3") || abi.equals("abi3t")) {
                            spreads.add(new Spread(v, abi.equals("abi3t"), labels, file));
                            c.put(abi.equals("abi3t") ? v + "t" : v, labels, file);
                        } else if (abi.equals("none")) {
                            spreads.add(new Spread(v, false, labels, file));
                            c.put(v, labels, file);
                        } else {
                            boolean t = abi.endsWith("t");
                            c.freeThreadedShipped |= t;
                            c.put(t ? v + "t" : v, labels, file);
                        }
                    } else if (pp.matches()) {
                        c.put("pp" + pp.group(1) + "." + pp.group(2), labels, file);
                    } else if (py.equals("py3") || py.startsWith("py3")) {
                        spreads.add(new Spread("3.0", false, labels, file)); // py3-none-PLATFORM: any CPython 3
                    }
                }
            }
        }
        c.pythons.addAll(c.cells.keySet());
        for (String v : targets.cpython()) {
            if (c.floor == null || DottedVersion.compare(v, c.floor) >= 0) {
                c.pythons.add(v);
            }
        }
        if (c.freeThreadedShipped) {
            for (String v : targets.freeThreaded()) {
                if (c.floor == null || DottedVersion.compare(v, c.floor) >= 0) {
                    c.pythons.add(v + "t");
                }
            }
        }
        for (Spread s : spreads) {
            for (String py : List.copyOf(c.pythons)) {
                if (py.startsWith("pp") || py.endsWith("t") != s.freeThreaded()) {
                    continue;
                }
                String v = py.replace("t", "");
                if (DottedVersion.compare(v, s.from()) >= 0) {
                    c.put(py, s.platforms(), s.file());
                }
            }
        }
        return c;
    }

    private record Spread(String from, boolean freeThreaded, List<String> platforms, String file) {}

    private void lowest(String v) {
        if (floor == null || DottedVersion.compare(v, floor) < 0) {
            floor = v;
        }
    }

    private void put(String python, List<String> labels, String file) {
        Map<String, Set<String>> row = cells.computeIfAbsent(python, k -> new TreeMap<>());
        for (String l : labels) {
            row.computeIfAbsent(l, k -> new TreeSet<>()).add(file);
        }
    }

    /** Orders {@code 3.9 < 3.10 < 3.13 < 3.13t < 3.14 < pp3.10}. */
    static int compareBuilds(String a, String b) {
        boolean ppa = a.startsWith("pp");
        boolean ppb = b.startsWith("pp");
        if (ppa != ppb) {
            return ppa ? 1 : -1;
        }
        String va = a.replace("pp", "").replace("t", "");
        String vb = b.replace("pp", "").replace("t", "");
        int c = DottedVersion.compare(va, vb);
        return c != 0 ? c : Boolean.compare(a.endsWith("t"), b.endsWith("t"));
    }

    public boolean pure() {
        return pure;
    }

    /** Whether some wheel is for a free-threaded build (cp313t, abi3t). */
    public boolean freeThreadedShipped() {
        return freeThreadedShipped;
    }

    /** The lowest CPython version a binary wheel is tagged for, or null. */
    public String floor() {
        return floor;
    }

    /** Whether a wheel covers a Python build on a platform. */
    public boolean covers(String python, String platform) {
        Map<String, Set<String>> row = cells.get(python);
        return row != null && row.containsKey(platform);
    }

    /** The rows of the matrix. */
    public List<String> pythons() {
        return List.copyOf(pythons);
    }

    /** The platforms the wheels are for. */
    public Set<String> platforms() {
        return platforms;
    }

    /**
     * The fact written into the report: {@code pythons} (rows), {@code platforms} (columns: the wheels'
     * platforms and the common ones of {@code targets}), {@code cells} (python -> platform -> wheel files) and
     * what the expectations were.
     */
    public Map<String, Object> fact(Releases.Release release, ReleaseTargets targets, List<String> columns) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project", release.project());
        out.put("version", release.version());
        out.put("wheels", release.wheels().size());
        out.put("sdists", release.sdists().stream().map(a -> dev.abilint.model.Locations.fileName(a.getPath())).toList());
        out.put("pureWheel", pure);
        out.put("pythons", pythons());
        out.put("platforms", columns);
        Map<String, Object> rows = new LinkedHashMap<>();
        for (String py : pythons) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String p : columns) {
                Set<String> files = cells.getOrDefault(py, Map.of()).get(p);
                row.put(p, files == null ? List.of() : List.copyOf(files));
            }
            rows.put(py, row);
        }
        out.put("cells", rows);
        // in this order in every run: Map.of's iteration order changes from one JVM to the next
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("cpython", targets.cpython());
        target.put("freeThreaded", targets.freeThreaded());
        target.put("platforms", targets.platforms());
        target.put("date", targets.date());
        out.put("targets", target);
        return out;
    }

    /** The columns to show: the wheels' platforms, then the common ones they lack, in a stable order. */
    public List<String> columns(ReleaseTargets targets) {
        Set<String> all = new TreeSet<>(Comparator.naturalOrder());
        all.addAll(platforms);
        all.addAll(targets.platforms());
        return List.copyOf(all);
    }
}
