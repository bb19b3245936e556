package dev.abilint.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.abilint.model.Artifact;
import dev.abilint.model.Binary;
import dev.abilint.model.Finding;
import dev.abilint.model.Platform;
import dev.abilint.model.Severity;
import dev.abilint.model.Symbol;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.rule.RuleInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One self-contained HTML page (no network: CSS and JS inline, a Content-Security-Policy that
 * allows only that one script by hash and no external loads) rendered with Mustache from
 * {@code report-templates/report.html}. Every string from the report is inserted with
 * {@code {{x}}}, which HTML-escapes it, after {@link Escape#terminal} made control characters
 * visible; the only unescaped insertions are abilint's own CSS and JS.
 *
 * <p>Content: summary, a findings table (sorted and filtered by report.js, which reads only
 * {@code data-*} attributes and sets only {@code textContent}), the page of every rule that has
 * findings (anchor {@code #rule-ID}, Markdown shown as preformatted text) and, per artifact, a
 * platform matrix: rows are libraries, columns the platforms present, cells the glibc floor
 * (highest {@code GLIBC_} version imported) and the macOS floor ({@code minOs}).
 */
public final class HtmlReportWriter implements ReportWriter {
    private static final String BASE = "abilint/report/";
    private static final Mustache TEMPLATE = new DefaultMustacheFactory(BASE).compile("report.html");
    private static final String CSS = resource("report.css");
    private static final String JS = resource("report.js");

    private final RuleCatalogue catalogue;

    public HtmlReportWriter() {
        this(RuleCatalogue.get());
    }

    HtmlReportWriter(RuleCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        TEMPLATE.execute(out, model(report));
        out.flush();
    }

    private Map<String, Object> model(Report report) {
        Report.Summary s = report.summary();
        ArtifactIndex index = new ArtifactIndex(report.artifacts());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("css", CSS);
        m.put("js", JS);
        m.put("scriptHash", "sha256-" + sha256Base64(JS));
        m.put("styleHash", "sha256-" + sha256Base64(CSS));
        m.put("toolName", text(report.tool().name()));
        m.put("toolVersion", text(report.tool().version()));
        m.put("command", text(report.command()));
        m.put("inputs", report.inputs().stream().map(HtmlReportWriter::text).toList());
        m.put("failOn", s.failOn().id());
        m.put("failed", s.failed());
        m.put("errors", s.errors());
        m.put("warnings", s.warnings());
        m.put("notes", s.notes());
        m.put("findingCount", s.findings());
        m.put("artifactCount", s.artifacts());
        m.put("binaryCount", s.binaries());

        List<Map<String, Object>> findings = new ArrayList<>();
        Set<String> ruleIds = new LinkedHashSet<>();
        Map<String, Map<Severity, Integer>> counts = new java.util.HashMap<>();
        int n = 0;
        // errors first, then warnings, then notes; within each, the report's order (artifact, location)
        List<Finding> ordered = new ArrayList<>(report.findings());
        ordered.sort(java.util.Comparator.comparingInt((Finding f) -> -rank(f.severity())));
        for (Finding f : ordered) {
            ruleIds.add(f.ruleId());
            counts.computeIfAbsent(f.ruleId(), k -> new java.util.EnumMap<>(Severity.class)).merge(f.severity(), 1, Integer::sum);
            RuleInfo info = catalogue.find(f.ruleId());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", n++);
            row.put("severity", f.severity().id());
            row.put("severityRank", rank(f.severity()));
            row.put("ruleId", text(f.ruleId()));
            row.put("ruleTitle", info == null ? "" : text(info.title()));
            row.put("location", text(f.location()));
            String owner = index.owner(f.location());
            row.put("artifact", text(owner == null ? JunitReportWriter.NO_ARTIFACT : owner));
            row.put("message", text(f.message()));
            List<Map<String, Object>> evidence = new ArrayList<>();
            if (f.evidence() != null) {
                for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
                    evidence.add(Map.of("key", text(e.getKey()), "value", evidenceText(e.getValue(), f.location())));
                }
            }
            row.put("evidence", evidence);
            row.put("change", f.change() == null ? null : Map.of(
                    "before", f.change().before() == null ? "(none)" : evidenceText(f.change().before(), f.location()),
                    "after", f.change().after() == null ? "(none)" : evidenceText(f.change().after(), f.location())));
            row.put("fix", f.fix() == null ? null : text(f.fix()));
            row.put("docs", f.docs() == null ? null : text(f.docs()));
            findings.add(row);
        }
        m.put("findings", findings);
        m.put("noFindings", findings.isEmpty());

        List<Map<String, Object>> rules = new ArrayList<>();
        for (String id : ruleIds) {
            RuleInfo info = catalogue.find(id);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", text(id));
            r.put("title", info == null ? "" : text(info.title()));
            r.put("severity", info == null ? "" : info.severity().id());
            List<Map<String, Object>> found = new ArrayList<>(); // the severities its findings have here
            counts.getOrDefault(id, Map.of()).entrySet().stream()
                    .sorted(java.util.Comparator.comparingInt(e -> -rank(e.getKey())))
                    .forEach(e -> found.add(Map.of("severity", e.getKey().id(), "count", e.getValue())));
            r.put("found", found);
            r.put("family", info == null ? "" : text(info.family()));
            r.put("page", info == null ? null : catalogue.page(id));
            r.put("docs", RuleCatalogue.docsReference(id));
            rules.add(r);
        }
        m.put("rules", rules);
        m.put("matrices", matrices(report, index));
        List<Map<String, Object>> modules = pythonModules(report);
        m.put("pythonModules", modules);
        m.put("hasPythonModules", !modules.isEmpty());
        List<Map<String, Object>> releases = releases(report);
        m.put("releases", releases);
        m.put("hasReleases", !releases.isEmpty());
        m.put("diff", diff(report));
        return m;
    }

    /** One row per Python extension module: what its binary says of its init, slots, GIL and allocators. */
    private static List<Map<String, Object>> pythonModules(Report report) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Binary b : report.binaries()) {
            dev.abilint.model.PythonFacts p = b.getPython();
            if (p == null) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", text(b.getPath()));
            row.put("module", text(p.module()));
            row.put("init", text(p.init()));
            String slots;
            if (p.slots() == null) {
                slots = "not read (" + p.def() + ")";
            } else if (p.slots().isEmpty()) {
                slots = "none";
            } else {
                List<String> parts = new ArrayList<>();
                for (dev.abilint.model.ModuleSlot slot : p.slots()) {
                    parts.add(slot.name() + "=" + slot.value());
                }
                slots = String.join(", ", parts);
            }
            row.put("slots", text(slots));
            row.put("gil", p.gil() == null ? "not known" : text(p.gil() + " (" + p.gilDeclaredBy() + ")"));
            row.put("subinterpreters", p.subinterpreters() == null ? "not known" : text(p.subinterpreters()));
            row.put("releasesGil", p.releasesGil() ? "yes" : "no");
            row.put("allocators", text(String.join(", ", p.allocators().keySet())));
            row.put("types", p.types() == null ? "" : text(p.types()));
            rows.add(row);
        }
        return rows;
    }

    /**
     * The release coverage matrices that release-platform-uncovered recorded ({@code releaseCoverage} facts):
     * rows = Python builds, columns = platforms, a cell = the wheels that install there.
     */
    private static List<Map<String, Object>> releases(Report report) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Artifact a : report.artifacts()) {
            if (!(a.getFacts().get("releaseCoverage") instanceof List<?> list)) {
                continue;
            }
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> fact) || !(fact.get("platforms") instanceof List<?> platforms)
                        || !(fact.get("cells") instanceof Map<?, ?> cells)) {
                    continue;
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("project", text(String.valueOf(fact.get("project"))));
                r.put("version", text(String.valueOf(fact.get("version"))));
                r.put("artifact", text(a.getPath()));
                r.put("sdist", fact.get("sdists") instanceof List<?> s && !s.isEmpty());
                r.put("pureWheel", Boolean.TRUE.equals(fact.get("pureWheel")));
                r.put("platforms", platforms.stream().map(p -> text(String.valueOf(p))).toList());
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Map.Entry<?, ?> row : cells.entrySet()) {
                    List<Map<String, Object>> rowCells = new ArrayList<>();
                    Map<?, ?> byPlatform = row.getValue() instanceof Map<?, ?> m ? m : Map.of();
                    for (Object p : platforms) {
                        List<?> files = byPlatform.get(p) instanceof List<?> l ? l : List.of();
                        Map<String, Object> cell = new LinkedHashMap<>();
                        cell.put("present", !files.isEmpty());
                        cell.put("platform", text(String.valueOf(p)));
                        cell.put("wheels", text(String.join("\n", files.stream().map(String::valueOf).toList())));
                        rowCells.add(cell);
                    }
                    rows.add(Map.of("python", text(String.valueOf(row.getKey())), "cells", rowCells));
                }
                r.put("rows", rows);
                out.add(r);
            }
        }
        return out;
    }

    /**
     * For {@code abilint diff}: the platforms of the old and the new release side by side, one row per
     * platform of either, marked {@code removed}, {@code added} or {@code same}; null for other commands.
     */
    private static Map<String, Object> diff(Report report) {
        if (report.oldSide() == null || report.newSide() == null) {
            return null;
        }
        Set<String> all = new java.util.TreeSet<>(report.oldSide().platforms());
        all.addAll(report.newSide().platforms());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String platform : all) {
            boolean inOld = report.oldSide().platforms().contains(platform);
            boolean inNew = report.newSide().platforms().contains(platform);
            rows.add(Map.of("platform", text(platform), "inOld", inOld, "inNew", inNew,
                    "state", inOld && inNew ? "same" : inOld ? "removed" : "added"));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("oldInputs", report.oldSide().inputs().stream().map(HtmlReportWriter::text).toList());
        d.put("newInputs", report.newSide().inputs().stream().map(HtmlReportWriter::text).toList());
        d.put("rows", rows);
        return d;
    }

    /**
     * Per artifact: rows = libraries (the builds of one library on every platform share a row:
     * libfoo.so, libfoo.dylib, foo.dll), columns = platforms present, cells = floors.
     */
    private static List<Map<String, Object>> matrices(Report report, ArtifactIndex index) {
        Map<String, Map<String, Map<String, List<Binary>>>> byArtifact = new LinkedHashMap<>();
        for (Artifact a : report.artifacts()) {
            byArtifact.put(a.getPath(), new LinkedHashMap<>());
        }
        Map<String, Set<String>> columns = new LinkedHashMap<>();
        Map<String, Binary> byPath = new java.util.HashMap<>();
        for (Binary b : report.binaries()) {
            byPath.putIfAbsent(b.getPath(), b);
        }
        Set<String> fromRules = new java.util.HashSet<>();
        for (Artifact a : report.artifacts()) {
            if (nativeMatrix(a, byPath, byArtifact, columns)) {
                fromRules.add(a.getPath());
            }
        }
        for (Binary b : report.binaries()) {
            String owner = index.owner(b.getPath());
            if (owner != null && fromRules.contains(owner)) {
                continue; // the jar's matrix, as native-platform-missing judged it
            }
            String key = owner == null ? JunitReportWriter.NO_ARTIFACT : owner;
            String label = b.getPlatform() == null ? "unknown" : b.getPlatform().label();
            byArtifact.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent(dev.abilint.model.Locations.libraryName(
                            dev.abilint.model.Locations.fileName(b.getPath())), k -> new TreeMap<>())
                    .computeIfAbsent(label, k -> new ArrayList<>())
                    .add(b);
            columns.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(label);
        }
        Map<String, String> kinds = new LinkedHashMap<>();
        for (Artifact a : report.artifacts()) {
            kinds.put(a.getPath(), a.getKind());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<String, List<Binary>>>> artifact : byArtifact.entrySet()) {
            Map<String, Object> mx = new LinkedHashMap<>();
            mx.put("artifact", text(artifact.getKey()));
            mx.put("kind", text(kinds.getOrDefault(artifact.getKey(), "")));
            List<String> cols = new ArrayList<>(columns.getOrDefault(artifact.getKey(), Set.of()));
            mx.put("platforms", cols.stream().map(HtmlReportWriter::text).toList());
            mx.put("hasBinaries", !artifact.getValue().isEmpty());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map.Entry<String, Map<String, List<Binary>>> row : artifact.getValue().entrySet()) {
                List<Map<String, Object>> cells = new ArrayList<>();
                for (String col : cols) {
                    List<Binary> here = row.getValue().get(col);
                    Map<String, Object> cell = new LinkedHashMap<>();
                    cell.put("present", here != null);
                    cell.put("platform", text(col));
                    if (here != null) {
                        List<String> floors = new ArrayList<>();
                        for (Binary b : here) {
                            String glibc = glibcFloor(b);
                            if (glibc != null && !floors.contains("glibc " + glibc)) {
                                floors.add("glibc " + glibc);
                            }
                            if (b.getMinOs() != null && isMac(b.getPlatform())) {
                                floors.add("macOS " + text(b.getMinOs()));
                            } else if (b.getMinOs() != null) {
                                floors.add("min OS " + text(b.getMinOs()));
                            }
                            Platform declared = b.getDeclaredPlatform();
                            Platform header = b.getPlatform();
                            if (declared != null && header != null && (!java.util.Objects.equals(declared.os(), header.os())
                                    || !dev.abilint.model.ArchFamily.same(declared.arch(), header.arch()))) {
                                floors.add("declared " + text(b.getDeclaredPlatform().label()));
                            }
                        }
                        cell.put("floors", floors);
                    }
                    cells.add(cell);
                }
                rows.add(Map.of("name", text(row.getKey()), "cells", cells));
            }
            mx.put("rows", rows);
            out.add(mx);
        }
        return out;
    }

    /**
     * A jar's rows and columns as native-platform-missing recorded them in its {@code nativeMatrix} fact: the
     * libraries the jar loads (no launchers, bundled interpreters or test data), one row per library however
     * its files are named per platform. False when the artifact has no such fact.
     */
    @SuppressWarnings("unchecked")
    private static boolean nativeMatrix(Artifact artifact, Map<String, Binary> byPath,
            Map<String, Map<String, Map<String, List<Binary>>>> byArtifact, Map<String, Set<String>> columns) {
        if (!(artifact.getFacts().get("nativeMatrix") instanceof Map<?, ?> fact)
                || !(fact.get("files") instanceof Map<?, ?> files) || !(fact.get("platforms") instanceof List<?> platforms)) {
            return false;
        }
        Map<String, Map<String, List<Binary>>> rows = byArtifact.computeIfAbsent(artifact.getPath(),
                k -> new LinkedHashMap<>());
        for (Map.Entry<?, ?> library : files.entrySet()) {
            Map<String, List<Binary>> cells = rows.computeIfAbsent(String.valueOf(library.getKey()), k -> new TreeMap<>());
            for (Map.Entry<?, ?> platform : ((Map<?, ?>) library.getValue()).entrySet()) {
                List<Binary> here = cells.computeIfAbsent(String.valueOf(platform.getKey()), k -> new ArrayList<>());
                for (Object path : (List<Object>) platform.getValue()) {
                    Binary b = byPath.get(String.valueOf(path));
                    if (b != null) {
                        here.add(b);
                    }
                }
            }
        }
        Set<String> cols = columns.computeIfAbsent(artifact.getPath(), k -> new java.util.TreeSet<>());
        platforms.forEach(p -> cols.add(String.valueOf(p)));
        return true;
    }

    private static boolean isMac(Platform p) {
        return p != null && "macos".equals(p.os());
    }

    /** The highest {@code GLIBC_x.y[.z]} version among the imports, or null. */
    static String glibcFloor(Binary b) {
        int[] best = null;
        String bestText = null;
        for (Symbol s : b.getImports()) {
            String v = s.version();
            if (v == null || !v.startsWith("GLIBC_")) {
                continue;
            }
            int[] parsed = parseVersion(v.substring("GLIBC_".length()));
            if (parsed != null && (best == null || compare(parsed, best) > 0)) {
                best = parsed;
                bestText = v.substring("GLIBC_".length());
            }
        }
        return bestText;
    }

    private static int[] parseVersion(String text) {
        String[] parts = text.split("\\.");
        if (parts.length == 0 || parts.length > 4) {
            return null;
        }
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 6 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static int rank(Severity s) {
        return switch (s) {
            case ERROR -> 3;
            case WARNING -> 2;
            case NOTE -> 1;
            case NEVER -> 0;
        };
    }

    /** One line, or several (shown with white-space: pre-wrap), each line's control characters made visible. */
    private static String evidenceText(Object value, String base) {
        String one = EvidenceText.inline(value, base);
        if (one != null) {
            return text(one);
        }
        return String.join("\n", EvidenceText.lines(value, base).stream().map(l -> text(l.substring(2))).toList());
    }

    /** Control characters made visible; Mustache's {{x}} escapes the markup. */
    private static String text(String value) {
        return value == null ? "" : Escape.terminal(value);
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReportWriter.class.getClassLoader().getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException(BASE + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256Base64(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
