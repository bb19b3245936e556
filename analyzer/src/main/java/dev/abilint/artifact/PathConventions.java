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
            Map<String, String> archOverrides, boolean anyArch) {}

    /** A platform and the convention that gave it. */
    public record Match(Platform platform, String convention) {}

    /**
     * What a library's file name says: the library it is one build of ({@code libfoo-linux64.so} and
     * {@code foo-win64.dll} are both {@code foo}) and the platform words it carries (each part null when
     * the name does not say it; {@code bits} 0 then). {@code exact} is the identity before a word size or
     * ARM word fused to the name without a separator was taken off ({@code gdx64}, {@code gdxarm64}): such
     * a name is one library with another only when that other name exists too (see NativeInventory).
     */
    public record Name(String identity, String exact, String os, String arch, String libc, int bits) {}

    /** A platform word of file names: what it says. */
    private record Word(String os, String arch, String libc, int bits) {}

    private final Map<String, Platform> osTable = new HashMap<>();
    private final Map<String, String> archTable = new HashMap<>();
    private final Map<String, Map<String, String>> archByOs = new HashMap<>();
    private final Map<String, String> libcTable = new HashMap<>();
    private final List<Convention> conventions = new ArrayList<>();
    private final Map<String, Word> words = new HashMap<>();
    private Pattern trailingWord;

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
                    JsonData.text(c, "libc", null), overrides, JsonData.bool(c, "anyArch")));
        }
        osTable.forEach((token, p) -> words.put(token, new Word(p.os(), null, p.libc(), 0)));
        archTable.forEach((token, arch) -> words.put(token, new Word(null, arch, null, 0)));
        libcTable.forEach((token, libc) -> words.put(token, new Word(null, null, libc, 0)));
        JsonData.objects(JsonData.map(root, "nameTokens"), "words").forEach((token, v) -> words.put(token,
                new Word(JsonData.text(v, "os", null), JsonData.text(v, "arch", null), JsonData.text(v, "libc", null),
                        (int) JsonData.number(v, "bits", 0))));
        List<String> alternatives = new ArrayList<>(words.keySet());
        alternatives.sort((a, b) -> b.length() - a.length());
        StringBuilder any = new StringBuilder();
        for (String w : alternatives) {
            if (!w.matches("[a-z0-9][a-z0-9_-]*")) {
                continue;
            }
            any.append(any.length() == 0 ? "" : "|").append(w.replaceAll("[-_]", "[-_]"));
        }
        trailingWord = Pattern.compile("^(.+?)[-_.](" + any + ")$", Pattern.CASE_INSENSITIVE);
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

    private static final Pattern LIBRARY_FILE = Pattern.compile(
            "^(?<stem>.+?)\\.(?<ext>so|dylib|jnilib|dll|a)(?<tail>(?:[._-][a-z0-9]+)*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FUSED_BITS = Pattern.compile("^(.{2,}[a-z])(64|32)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FUSED_ARM = Pattern.compile("^(.{2,}[a-z])(arm64|aarch64|armhf|armel|armv7|arm)$",
            Pattern.CASE_INSENSITIVE);

    /** {@link #name(String, int, String)} without the header's architecture (no fused ARM word is taken off). */
    public Name name(String fileName, int headerBits) {
        return name(fileName, headerBits, null);
    }

    /**
     * The library a file is one build of, and the platform its name says: {@code libfoo.so.1},
     * {@code libfoo-linux64.so}, {@code libfoo-osx-arm64.jnilib}, {@code foo-win64.dll},
     * {@code libfoo.so_linux_amd64} and {@code foo_x64.dll} are all library {@code foo}. Platform words are
     * taken from the end of the base name only, each after a separator; a word size fused to the name
     * ({@code lwjgl64.dll}) only when it is {@code headerBits}. Names that are not library files are
     * their own identity.
     */
    public Name name(String fileName, int headerBits, String headerArch) {
        Matcher m = LIBRARY_FILE.matcher(fileName);
        if (!m.matches()) {
            return new Name(fileName, fileName, null, null, null, 0);
        }
        String stem = m.group("stem");
        String ext = m.group("ext").toLowerCase(Locale.ROOT);
        if (stem.startsWith("lib") && stem.length() > 3) {
            stem = stem.substring(3);
        }
        Word found = new Word(switch (ext) {
            case "dll" -> "windows";
            case "dylib", "jnilib" -> "macos";
            default -> null;
        }, null, null, 0);
        String tail = m.group("tail");
        if (!tail.isEmpty() && !tail.matches("(\\.\\d+)*")) {
            String rest = "x" + tail; // strip every word from the tail as from a stem
            Matcher w;
            while ((w = trailingWord.matcher(rest)).matches()) {
                found = merge(found, w.group(2));
                rest = w.group(1);
            }
            if (!rest.equals("x")) {
                return new Name(stem + tail, stem + tail, found.os(), null, null, 0); // a tail that is not all platform words
            }
        }
        Matcher w;
        while ((w = trailingWord.matcher(stem)).matches()) {
            found = merge(found, w.group(2));
            stem = w.group(1);
        }
        String exact = stem;
        Matcher arm = FUSED_ARM.matcher(stem);
        Word armWord = arm.matches() ? words.get(arm.group(2).toLowerCase(Locale.ROOT)) : null;
        Matcher fused = FUSED_BITS.matcher(stem);
        if (armWord != null && headerArch != null && dev.abilint.model.ArchFamily.same(armWord.arch(), headerArch)
                && (armWord.arch().equals("aarch64") == (headerBits == 64))) {
            stem = arm.group(1);
            found = new Word(found.os(), found.arch() != null ? found.arch() : armWord.arch(), found.libc(), found.bits());
        } else if (fused.matches() && Integer.parseInt(fused.group(2)) == headerBits) {
            stem = fused.group(1);
            found = new Word(found.os(), found.arch(), found.libc(), headerBits);
        }
        return new Name(stem, exact, found.os(), found.arch(), found.libc(), found.bits());
    }

    /** {@code seen} completed with {@code word}'s parts where it has none yet (the word nearest the end wins). */
    private Word merge(Word seen, String raw) {
        Word w = words.get(raw.toLowerCase(Locale.ROOT));
        if (w == null) {
            w = words.get(raw.toLowerCase(Locale.ROOT).replaceAll("[-_]", "_"));
        }
        if (w == null) {
            w = words.get(raw.toLowerCase(Locale.ROOT).replaceAll("[-_]", "-"));
        }
        if (w == null) {
            return seen;
        }
        return new Word(seen.os() != null ? seen.os() : w.os(), seen.arch() != null ? seen.arch() : w.arch(),
                seen.libc() != null ? seen.libc() : w.libc(), seen.bits() != 0 ? seen.bits() : w.bits());
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
        if (os == null || (arch == null && !c.anyArch())) {
            return null; // anyArch: the path names the OS only (a universal Mac file); the header tells the rest
        }
        if (arch == null) {
            return new Platform(os, null, libc);
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
