package dev.abilint.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.abilint.model.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform a native library's path inside a jar declares ({@code com/sun/jna/linux-x86-64/...}),
 * from the data file {@code rules/data/native-path-conventions.json}. Unknown layouts and unknown
 * tokens give null: never a guess.
 */
public final class PathConventions {
    static final String RESOURCE = "abilint/rules/data/native-path-conventions.json";
    private static volatile PathConventions instance;

    private record Convention(String name, Pattern pattern, boolean last, String os, String arch, String libc,
            Map<String, String> archOverrides) {}

    /** A platform and the convention that gave it. */
    public record Match(Platform platform, String convention) {}

    private final Map<String, Platform> osTable = new HashMap<>();
    private final Map<String, String> archTable = new HashMap<>();
    private final Map<String, Map<String, String>> archByOs = new HashMap<>();
    private final Map<String, String> libcTable = new HashMap<>();
    private final List<Convention> conventions = new ArrayList<>();

    PathConventions(JsonNode root) {
        root.path("os").fields().forEachRemaining(e -> osTable.put(e.getKey(),
                new Platform(e.getValue().path("os").asText(null), null, e.getValue().path("libc").asText(null))));
        root.path("arch").fields().forEachRemaining(e -> archTable.put(e.getKey(), e.getValue().asText()));
        root.path("archByOs").fields().forEachRemaining(e -> {
            Map<String, String> m = new HashMap<>();
            e.getValue().fields().forEachRemaining(a -> m.put(a.getKey(), a.getValue().asText()));
            archByOs.put(e.getKey(), m);
        });
        root.path("libc").fields().forEachRemaining(e -> libcTable.put(e.getKey(), e.getValue().asText()));
        for (JsonNode c : root.path("conventions")) {
            int flags = c.path("caseInsensitive").asBoolean(false) ? Pattern.CASE_INSENSITIVE : 0;
            Map<String, String> overrides = new HashMap<>();
            JsonNode arch = c.path("arch");
            String fixedArch = null;
            if (arch.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = arch.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    overrides.put(e.getKey(), e.getValue().asText());
                }
            } else if (arch.isTextual()) {
                fixedArch = arch.asText();
            }
            conventions.add(new Convention(c.path("name").asText(), Pattern.compile(c.path("pattern").asText(), flags),
                    c.path("last").asBoolean(false), c.path("os").asText(null), fixedArch, c.path("libc").asText(null),
                    overrides));
        }
    }

    public static PathConventions get() {
        PathConventions local = instance;
        if (local == null) {
            synchronized (PathConventions.class) {
                local = instance;
                if (local == null) {
                    try (InputStream in = PathConventions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException(RESOURCE + " is missing from the build");
                        }
                        local = new PathConventions(new ObjectMapper().readTree(in));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + RESOURCE, e);
                    }
                    instance = local;
                }
            }
        }
        return local;
    }

    /** The declared platform of a member at {@code path} (inside its innermost archive), or null. */
    public Match declared(String path) {
        for (Convention c : conventions) {
            Matcher m = c.pattern().matcher(path);
            if (!m.find()) {
                continue;
            }
            if (c.last()) {
                int start = m.start();
                while (m.find(start + 1)) {
                    start = m.start();
                }
                m.find(start);
            }
            Platform platform = resolve(c, m);
            return platform == null ? null : new Match(platform, c.name());
        }
        return null;
    }

    private Platform resolve(Convention c, Matcher m) {
        String os = c.os();
        String libc = c.libc();
        String osToken = group(m, "os");
        if (osToken != null) {
            Platform found = osTable.get(token(osToken));
            if (found == null) {
                return null;
            }
            os = found.os();
            if (found.libc() != null) {
                libc = found.libc();
            }
        }
        String arch = c.arch();
        String archToken = group(m, "arch");
        if (archToken != null) {
            String key = token(archToken);
            arch = c.archOverrides().getOrDefault(key, archTable.get(key));
        }
        String libcToken = group(m, "libc");
        if (libcToken != null) {
            String found = libcTable.get(token(libcToken));
            if (found == null) {
                return null;
            }
            libc = found;
        }
        if (os == null || arch == null) {
            return null;
        }
        arch = archByOs.getOrDefault(os, Map.of()).getOrDefault(arch, arch);
        return new Platform(os, arch, libc);
    }

    private static String token(String raw) {
        String t = raw.toLowerCase(Locale.ROOT);
        while (t.startsWith("-") || t.startsWith("_")) {
            t = t.substring(1);
        }
        return t;
    }

    private static String group(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException e) {
            return null; // the pattern has no such group
        }
    }
}
