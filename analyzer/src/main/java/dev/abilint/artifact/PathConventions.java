package dev.abilint.artifact;

import dev.abilint.model.Platform;
import dev.abilint.util.JsonData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
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

    PathConventions(Map<String, Object> root) {
        JsonData.objects(root, "os").forEach((token, v) -> osTable.put(token,
                new Platform(JsonData.text(v, "os", null), null, JsonData.text(v, "libc", null))));
        JsonData.map(root, "arch").forEach((token, v) -> archTable.put(token, String.valueOf(v)));
        JsonData.objects(root, "archByOs").forEach((os, v) -> {
            Map<String, String> m = new HashMap<>();
            v.forEach((token, arch) -> m.put(token, String.valueOf(arch)));
            archByOs.put(os, m);
        });
        JsonData.map(root, "libc").forEach((token, v) -> libcTable.put(token, String.valueOf(v)));
        for (Map<String, Object> c : JsonData.objectList(root, "conventions")) {
            int flags = JsonData.bool(c, "caseInsensitive") ? Pattern.CASE_INSENSITIVE : 0;
            Map<String, String> overrides = new HashMap<>();
            String fixedArch = null;
            if (c.get("arch") instanceof Map<?, ?> arch) {
                arch.forEach((token, value) -> overrides.put(String.valueOf(token), String.valueOf(value)));
            } else if (c.get("arch") instanceof String arch) {
                fixedArch = arch;
            }
            conventions.add(new Convention(JsonData.text(c, "name", ""), Pattern.compile(JsonData.text(c, "pattern", ""),
                    flags), JsonData.bool(c, "last"), JsonData.text(c, "os", null), fixedArch,
                    JsonData.text(c, "libc", null), overrides));
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
                        local = new PathConventions(JsonData.object(in));
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
