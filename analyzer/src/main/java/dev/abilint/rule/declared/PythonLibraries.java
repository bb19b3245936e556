package dev.abilint.rule.declared;

import dev.abilint.format.decl.LibraryRef;
import dev.abilint.model.Locations;
import dev.abilint.rule.natives.NativeInventory;
import dev.abilint.rule.natives.NativeInventory.Library;
import dev.abilint.rule.natives.NativeInventory.Native;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bundled binaries a Python loader call opens, from what the source says it may open ({@link LibraryRef}s).
 *
 * <p>A path ({@code os.path.join(os.path.dirname(__file__), "libfast.so")}) is the binary at that place in the
 * artifact (none there: the path names no bundled binary, however many files elsewhere have that name); a
 * pattern ({@code glob.glob}) every binary it matches; a name ({@code "libfast.so"}, {@code find_library("fast")})
 * the libraries of that base name, as for {@code System.loadLibrary}.
 *
 * <p>Several candidates (a per-platform choice, a handle assigned in several places) are checked together: on
 * each platform, a function must be exported by one of the candidates shipped for it. A candidate that is
 * bundled nowhere is harmless when it is the same library under another name ({@code fast.dll} in a Linux wheel,
 * {@code gmsh-4.15} for {@code libgmsh.so.4.15})
 * or a file for another system than every bundled candidate; otherwise (a system library such as
 * {@code libc.so.6} next to the bundled one) the handle may be that library, and nothing is judged.
 */
final class PythonLibraries {
    private final NativeInventory inventory;
    private final Map<String, Native> byPath = new HashMap<>();

    PythonLibraries(NativeInventory inventory) {
        this.inventory = inventory;
        for (Library l : inventory.libraries()) {
            for (Native n : l.all()) {
                byPath.putIfAbsent(n.binary().getPath(), n);
            }
        }
    }

    /** The bundled binaries these candidates open; empty when none is bundled or the choice is ambiguous. */
    List<Native> resolve(List<LibraryRef> candidates, String scope) {
        Set<Native> out = new LinkedHashSet<>();
        List<LibraryRef> unresolved = new ArrayList<>();
        for (LibraryRef r : candidates) {
            List<Native> found = resolveOne(r, scope);
            if (found.isEmpty()) {
                unresolved.add(r);
            }
            out.addAll(found);
        }
        if (out.isEmpty()) {
            return List.of();
        }
        Set<String> bases = new LinkedHashSet<>();
        Set<String> systems = new LinkedHashSet<>();
        for (Native n : out) {
            bases.add(unversioned(NativeInventory.baseName(Locations.fileName(n.binary().getPath()))));
            systems.add(system(n.platform()));
        }
        for (LibraryRef r : unresolved) {
            if (r.kind() == LibraryRef.Kind.PATTERN || bases.contains(unversioned(NativeInventory.baseName(r.fileName())))) {
                continue;
            }
            String system = systemOfFile(r.fileName());
            if (system == null || systems.contains(system) || system.equals("unix") && systems.stream()
                    .anyMatch(s -> !s.equals("windows") && !s.equals("macos"))) {
                return List.of(); // may be another library on the same system: not judged
            }
        }
        return List.copyOf(out);
    }

    private List<Native> resolveOne(LibraryRef r, String scope) {
        switch (r.kind()) {
            case PATH -> {
                Native exact = byPath.get(r.value());
                return exact == null ? List.of() : List.of(exact);
            }
            case PATTERN -> {
                Pattern p = glob(r.value());
                List<Native> out = new ArrayList<>();
                for (Map.Entry<String, Native> e : byPath.entrySet()) {
                    if (p.matcher(e.getKey()).matches()) {
                        out.add(e.getValue());
                    }
                }
                out.sort(java.util.Comparator.comparing(n -> n.binary().getPath()));
                return out;
            }
            default -> {
                if (r.value().startsWith("/") || r.value().matches("(?s)[A-Za-z]:[\\\\/].*")) {
                    return List.of(); // an absolute path: a file of the user's system, not the bundled one
                }
                List<Native> out = new ArrayList<>();
                for (Library l : inventory.resolve(r.value(), scope)) {
                    out.addAll(l.all());
                }
                return out;
            }
        }
    }

    /** {@code *} matches within one path segment; {@code ?} and brackets are taken literally. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (re.length() > 0) {
                re.append("[^/]*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }

    /** {@code gmsh-4.15} and {@code gmsh} are one library: a version after the name is not part of it. */
    static String unversioned(String base) {
        return base.replaceFirst("[-_.]?\\d+(\\.\\d+)*$", "");
    }

    /** {@code linux} for {@code linux-x86_64-glibc}. */
    private static String system(String platform) {
        int cut = platform.indexOf('-');
        return cut < 0 ? platform : platform.substring(0, cut);
    }

    /** The system a file name is for, by its suffix: {@code windows}, {@code macos}, {@code unix}, or null. */
    static String systemOfFile(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".dll") || lower.endsWith(".pyd")) {
            return "windows";
        }
        if (lower.endsWith(".dylib")) {
            return "macos";
        }
        if (lower.matches(".*\\.so(\\.\\d+)*")) {
            return "unix";
        }
        return null;
    }

    /** The candidates as the finding shows them: paths relative to the artifact, names quoted. */
    String describe(List<LibraryRef> candidates, String scope) {
        List<String> out = new ArrayList<>();
        for (LibraryRef r : candidates) {
            out.add(r.kind() == LibraryRef.Kind.NAME ? "\"" + r.value() + "\"" : NativeInventory.relative(scope, r.value()));
        }
        return out.isEmpty() ? "?" : String.join(" | ", out);
    }
}
