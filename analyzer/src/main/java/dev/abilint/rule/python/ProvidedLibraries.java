package dev.abilint.rule.python;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Binary;
import dev.abilint.model.Locations;
import dev.abilint.rule.PerAnalysis;
import dev.abilint.rule.Targets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Libraries a wheel needs without bundling them that something else supplies: a {@code provided} glob of
 * the configuration (CUDA's {@code libcuda.so.1} from the driver, like auditwheel's {@code --exclude}), or a
 * library bundled by another wheel of the same scan that this wheel's {@code Requires-Dist} names without an
 * extra (the {@code libtorch*.so} of the torch wheel). The not-bundled rules accept these, and
 * {@code library-not-bundled-but-provided} says which were accepted and by what.
 */
public final class ProvidedLibraries {
    /** A name in Requires-Dist: PEP 508's distribution name at the start of the line. */
    private static final Pattern REQUIREMENT = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");
    private static final Pattern EXTRA = Pattern.compile("\\bextra\\s*==");

    private static final PerAnalysis<ProvidedLibraries> SHARED = new PerAnalysis<>(ProvidedLibraries::new);

    /** wheel location -> normalised names it requires (not under an extra) */
    private final Map<String, Set<String>> requires = new HashMap<>();
    /** normalised distribution name -> wheel locations of that name in the scan */
    private final Map<String, List<String>> wheelsByName = new HashMap<>();
    /** wheel location -> names (file names, sonames, install names) of the binaries it bundles */
    private final Map<String, Set<String>> bundled = new HashMap<>();

    private ProvidedLibraries(Analysis analysis) {
        for (Artifact artifact : analysis.artifacts()) {
            if (!"wheel".equals(artifact.getKind())) {
                continue;
            }
            Object name = artifact.getFacts().get("name");
            if (name != null) {
                wheelsByName.computeIfAbsent(normalise(name.toString()), k -> new ArrayList<>()).add(artifact.getPath());
            }
            Set<String> names = new HashSet<>();
            Object metadata = artifact.getFacts().get("metadata");
            if (metadata instanceof Map<?, ?> m && m.get("requiresDist") instanceof List<?> lines) {
                for (Object line : lines) {
                    String text = String.valueOf(line);
                    Matcher matcher = REQUIREMENT.matcher(text);
                    if (matcher.find() && !EXTRA.matcher(text).find()) {
                        names.add(normalise(matcher.group(1)));
                    }
                }
            }
            requires.put(artifact.getPath(), names);
        }
        for (Binary b : analysis.binaries()) {
            String wheel = Locations.enclosing(b.getPath(), ".whl");
            if (wheel == null) {
                continue;
            }
            Set<String> names = bundled.computeIfAbsent(wheel, k -> new HashSet<>());
            names.add(Locations.fileName(b.getPath()));
            if (b.getSoname() != null) {
                names.add(b.getSoname());
            }
            if (b.getInstallName() != null) {
                names.add(Locations.fileName(b.getInstallName()));
            }
        }
    }

    public static ProvidedLibraries of(Analysis analysis) {
        return SHARED.of(analysis);
    }

    /** PEP 503 normalisation: lower case, runs of {@code -_.} as one {@code -}. */
    static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    /**
     * What supplies {@code library} to {@code module}, or null when nothing does: the configuration's glob
     * ({@code provided = ["libcuda.so*"]}), or a required wheel in the scan that bundles it.
     */
    public Provider providerOf(PythonModule module, String library, Targets targets) {
        String file = Locations.fileName(library);
        for (String glob : targets.provided()) {
            if (globMatches(glob, library) || globMatches(glob, file)) {
                return new Provider("config", glob, "the configuration's provided = \"" + glob + "\"");
            }
        }
        String wheel = module.wheelLocation();
        if (wheel == null) {
            return null;
        }
        for (String required : requires.getOrDefault(wheel, Set.of())) {
            for (String other : wheelsByName.getOrDefault(required, List.of())) {
                if (other.equals(wheel)) {
                    continue;
                }
                Set<String> names = bundled.getOrDefault(other, Set.of());
                if (names.contains(file) || names.contains(library)) {
                    return new Provider("wheel", required, "the " + required + " wheel in this scan ("
                            + Locations.fileName(other) + "), which Requires-Dist names");
                }
            }
        }
        return null;
    }

    /** Who supplies a library: {@code kind} config or wheel, {@code name} the glob or distribution. */
    public record Provider(String kind, String name, String description) {
        public Map<String, Object> evidence(String library) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("library", library);
            out.put("providedBy", kind);
            out.put(kind.equals("config") ? "glob" : "distribution", name);
            return out;
        }
    }

    /** {@code *} any run of characters, {@code ?} one; the rest literal; the whole name must match. */
    static boolean globMatches(String glob, String name) {
        return new dev.abilint.util.Glob(glob).matches(name);
    }
}
