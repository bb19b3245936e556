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
 * The C API each release of another interpreter provides: PyPy (rules/data/pypy-c-api.tsv, derived by
 * rules/generate/pypy_capi.py from the exports of libpypy3.X-c.so and PyPy's headers; releases keyed by their
 * Python version, {@code 3.9}) and GraalPy (rules/data/graalpy-c-api.tsv, by rules/generate/graalpy_capi.py from
 * libpython-native.so in python-resources; keyed {@code 242}): the exported names a module built for a release
 * may import, and the CPython names it provides at all.
 */
public final class InterpreterCApi {
    private static final Pattern RELEASE = Pattern.compile("^#\\s+(\\S+): (?:PyPy|GraalPy) (\\S+) ");
    private static final InterpreterCApi PYPY = new InterpreterCApi(RuleData.open("pypy-c-api.tsv"));
    private static final InterpreterCApi GRAALPY = new InterpreterCApi(RuleData.open("graalpy-c-api.tsv"));

    /** One release: its key (PyPy: the Python version; GraalPy: 242), the release read, its exports and the names it provides. */
    public record Release(String key, String version, Set<String> exports, Set<String> provided) {}

    private final Map<String, Release> byPython = new HashMap<>();
    private final List<Release> releases = new ArrayList<>();

    InterpreterCApi(InputStream in) {
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
        releases.sort((a, b) -> DottedVersion.compare(a.key(), b.key()));
    }

    /** PyPy's releases, keyed by their Python version ({@code 3.9}). */
    public static InterpreterCApi pypy() {
        return PYPY;
    }

    /** GraalPy's releases, keyed by the digits of its module names ({@code 242} for GraalPy 24.2). */
    public static InterpreterCApi graalpy() {
        return GRAALPY;
    }

    /** The release read for a key ({@code 3.9}, {@code 242}), or null when the table has none. */
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
