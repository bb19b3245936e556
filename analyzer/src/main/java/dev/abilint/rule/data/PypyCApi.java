package dev.abilint.rule.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C API each PyPy release provides (rules/data/pypy-c-api.tsv, derived by rules/generate/pypy_capi.py
 * from the exports of libpypy3.X-c.so and PyPy's headers): per release line (its Python version, {@code 3.9}),
 * the exported names a module built for it may import, and the CPython names it provides at all.
 */
public final class PypyCApi {
    private static final Pattern RELEASE = Pattern.compile("^#\\s+(3\\.\\d+): PyPy (\\S+) ");
    private static final PypyCApi INSTANCE = new PypyCApi(RuleData.open("pypy-c-api.tsv"));

    /** One release line: its Python version, the PyPy release read, its exports and the names it provides. */
    public record Release(String python, String pypy, Set<String> exports, Set<String> provided) {}

    private final Map<String, Release> byPython = new HashMap<>();
    private final List<Release> releases = new ArrayList<>();

    PypyCApi(InputStream in) {
        Map<String, String> pypyVersion = new HashMap<>();
        List<String> columns = null;
        List<Set<String>> exports = new ArrayList<>();
        List<Set<String>> provided = new ArrayList<>();
        try (in) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    Matcher m = RELEASE.matcher(line);
                    if (m.find()) {
                        pypyVersion.put(m.group(1), m.group(2));
                    }
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (columns == null) {
                    columns = List.of(cells).subList(1, cells.length);
                    for (int i = 0; i < columns.size(); i++) {
                        exports.add(new HashSet<>());
                        provided.add(new HashSet<>());
                    }
                    continue;
                }
                for (int i = 0; i < columns.size() && i + 1 < cells.length; i++) {
                    String cell = cells[i + 1];
                    if (cell.equals("-") || cell.isEmpty()) {
                        continue;
                    }
                    provided.get(i).add(cells[0]);
                    if (!cell.equals("header")) {
                        exports.get(i).addAll(List.of(cell.split(",")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (columns == null) {
            throw new IllegalStateException("pypy-c-api.tsv has no header row");
        }
        for (int i = 0; i < columns.size(); i++) {
            String python = columns.get(i);
            Release r = new Release(python, pypyVersion.getOrDefault(python, "?"), Set.copyOf(exports.get(i)),
                    Set.copyOf(provided.get(i)));
            byPython.put(python, r);
            releases.add(r);
        }
        releases.sort((a, b) -> DottedVersion.compare(a.python(), b.python()));
    }

    public static PypyCApi get() {
        return INSTANCE;
    }

    /** The release read for a Python version ({@code 3.9}), or null when the table has none. */
    public Release release(String python) {
        return byPython.get(python);
    }

    /** Every release in the table, oldest Python first. */
    public List<Release> releases() {
        return Collections.unmodifiableList(releases);
    }

    /** The release with the newest Python version. */
    public Release newest() {
        return releases.get(releases.size() - 1);
    }
}
