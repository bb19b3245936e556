package dev.abilint.rule.natives;

import dev.abilint.artifact.PathConventions;
import dev.abilint.model.Analysis;
import dev.abilint.model.Binary;
import dev.abilint.model.JavaClass;
import dev.abilint.model.Locations;
import dev.abilint.model.Platform;
import dev.abilint.model.Symbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The native libraries and Java classes of an analysis, arranged the way the JNI/JNA rules look at
 * them: by scope (the innermost enclosing jar, or the outermost input for loose files), then by
 * library (binaries grouped by base name: {@code libfoo.so}, {@code libfoo.dylib}, {@code foo.dll} are
 * library {@code foo}), then by platform (the declared platform from the path convention, else the
 * one read from the header).
 */
public final class NativeInventory {

    /** One binary of a library, with its platform label and its export names without decoration. */
    public record Native(Binary binary, String platform, Set<String> exports) {
        public boolean exports(String name) {
            return exports.contains(name);
        }
    }

    /** A library of one scope: its binaries by platform label. */
    public record Library(String scope, String name, Map<String, List<Native>> byPlatform) {
        public List<Native> all() {
            List<Native> out = new ArrayList<>();
            byPlatform.values().forEach(out::addAll);
            return out;
        }
    }

    /**
     * Everything in one scope; {@code jar} when it is a jar (or holds classes): where the jar rules apply.
     * {@code matrix} is the jar's platform matrix: only its libraries ({@link NativeRole.Role#LIBRARY}),
     * grouped by library identity ({@code libfoo-linux64.so} and {@code foo-win64.dll} are one library
     * {@code foo}), then by platform label; {@code leftOut} the binaries that are not libraries, with why.
     */
    public record Scope(String name, boolean jar, Map<String, Library> libraries, List<JavaClass> classes,
            Map<String, Map<String, List<Native>>> matrix, Map<String, NativeRole.Role> leftOut) {
        public boolean java() {
            return jar || !classes.isEmpty();
        }

        /** The platform labels the jar's libraries are shipped for. */
        public Set<String> matrixPlatforms() {
            Set<String> out = new TreeSet<>();
            for (Map<String, List<Native>> row : matrix.values()) {
                out.addAll(row.keySet());
            }
            return out;
        }

        public Set<String> platforms() {
            Set<String> out = new TreeSet<>();
            for (Library l : libraries.values()) {
                out.addAll(l.byPlatform().keySet());
            }
            return out;
        }
    }

    private final Map<String, Scope> scopes = new TreeMap<>();
    private final List<JavaClass> classes;

    private NativeInventory(Analysis analysis) {
        this.classes = analysis.javaClasses();
        for (Binary b : analysis.binaries()) {
            if (b.getPath() == null) {
                continue;
            }
            String scope = scopeOf(b.getPath());
            Scope s = scope(scope);
            String name = baseName(Locations.fileName(b.getPath()));
            Library lib = s.libraries().computeIfAbsent(name, n -> new Library(scope, n, new TreeMap<>()));
            lib.byPlatform().computeIfAbsent(platformLabel(b), p -> new ArrayList<>())
                    .add(new Native(b, platformLabel(b), exportNames(b)));
        }
        for (JavaClass c : analysis.javaClasses()) {
            if (c.location() != null) {
                scope(scopeOf(c.location())).classes().add(c);
            }
        }
        for (Scope s : scopes.values()) {
            List<Binary> all = new ArrayList<>();
            for (Library l : s.libraries().values()) {
                l.all().forEach(n -> all.add(n.binary()));
            }
            Set<String> pythonPrefixes = NativeRole.pythonPrefixes(all);
            List<Map.Entry<Native, PathConventions.Name>> names = new ArrayList<>();
            for (Library l : s.libraries().values()) {
                for (Native n : l.all()) {
                    NativeRole.Role role = NativeRole.of(n.binary(), pythonPrefixes);
                    if (role != NativeRole.Role.LIBRARY) {
                        s.leftOut().put(n.binary().getPath(), role);
                        continue;
                    }
                    names.add(Map.entry(n, PathConventions.get().name(Locations.fileName(n.binary().getPath()),
                            n.binary().getBits(), n.binary().getArch())));
                }
            }
            // A word fused to the name (gdx64, lwjgl64, OpenAL32, gdxarm64) is taken off only when that
            // makes the file one library with another file of the jar: libcrc32.so alone stays crc32.
            Map<String, Set<String>> exactByIdentity = new HashMap<>();
            Set<String> exacts = new HashSet<>();
            for (Map.Entry<Native, PathConventions.Name> e : names) {
                exactByIdentity.computeIfAbsent(e.getValue().identity(), k -> new TreeSet<>()).add(e.getValue().exact());
                exacts.add(e.getValue().exact());
            }
            for (Map.Entry<Native, PathConventions.Name> e : names) {
                PathConventions.Name name = e.getValue();
                String identity = name.identity().equals(name.exact()) || exacts.contains(name.identity())
                        || exactByIdentity.get(name.identity()).size() > 1 ? name.identity() : name.exact();
                s.matrix().computeIfAbsent(identity, k -> new TreeMap<>())
                        .computeIfAbsent(matrixLabel(e.getKey().binary(), name), k -> new ArrayList<>()).add(e.getKey());
            }
        }
    }

    /**
     * The platform label of a library in the matrix: {@link #platformLabel}, except that an ELF file whose
     * header does not say its OS (OSABI 0 with nothing else to tell) takes the OS its file name says.
     */
    public static String matrixLabel(Binary b, PathConventions.Name name) {
        Platform header = b.getPlatform();
        boolean declared = b.getDeclaredPlatform() != null && b.getDeclaredPlatform().os() != null;
        boolean guess = "elf".equals(b.getFormat()) && "sysv".equals(b.getOsAbi()) && header != null
                && "linux".equals(header.os()) && header.libc() == null;
        if (!declared && guess && name.os() != null && !"linux".equals(name.os())) {
            return new Platform(name.os(), header.arch(), null).label();
        }
        return platformLabel(b);
    }

    private static final dev.abilint.rule.PerAnalysis<NativeInventory> SHARED =
            new dev.abilint.rule.PerAnalysis<>(NativeInventory::new);

    /** The inventory of an analysis, built once however many rules ask. */
    public static NativeInventory of(Analysis analysis) {
        return SHARED.of(analysis);
    }

    private Scope scope(String name) {
        return scopes.computeIfAbsent(name, n -> new Scope(n, n.endsWith(".jar"), new TreeMap<>(), new ArrayList<>(),
                new TreeMap<>(), new TreeMap<>()));
    }

    public Iterable<Scope> scopes() {
        return scopes.values();
    }

    public Scope scopeNamed(String name) {
        return scopes.get(name);
    }

    public List<JavaClass> classes() {
        return classes;
    }

    /** Every library of every scope. */
    public List<Library> libraries() {
        List<Library> out = new ArrayList<>();
        for (Scope s : scopes.values()) {
            out.addAll(s.libraries().values());
        }
        return out;
    }

    /** Libraries named {@code name} (a loadLibrary / JNA / ctypes name or file name), this scope's first. */
    public List<Library> resolve(String name, String preferredScope) {
        String base = baseName(Locations.fileName(name));
        List<Library> out = new ArrayList<>();
        Scope preferred = scopes.get(preferredScope);
        if (preferred != null && preferred.libraries().containsKey(base)) {
            out.add(preferred.libraries().get(base));
            return out;
        }
        for (Scope s : scopes.values()) {
            Library l = s.libraries().get(base);
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    /** The innermost enclosing jar, else the outermost input of an archive member, else "" (loose files). */
    public static String scopeOf(String location) {
        String jar = Locations.enclosing(location, ".jar");
        if (jar != null) {
            return jar;
        }
        int cut = location.indexOf(Locations.SEPARATOR);
        return cut < 0 ? "" : location.substring(0, cut);
    }

    /**
     * {@code libfoo.so.1.2} / {@code libfoo.dylib} / {@code libfoo.jnilib} / {@code foo.dll} /
     * {@code libfoo.dll} all give {@code foo}; other names are kept as they are.
     */
    public static String baseName(String fileName) {
        return Locations.libraryName(fileName);
    }

    /**
     * The declared platform, completed with the header's libc; the header's platform when none is declared.
     * A Linux binary whose C library is not known (no libc dependency at all) counts as glibc, the default.
     */
    public static String platformLabel(Binary b) {
        Platform declared = b.getDeclaredPlatform();
        Platform header = b.getPlatform();
        String os = declared != null && declared.os() != null ? declared.os() : header == null ? null : header.os();
        String arch = declared != null && declared.arch() != null ? declared.arch() : header == null ? null : header.arch();
        String libc = declared != null ? declared.libc() : null;
        if (libc == null && header != null && header.libc() != null && (os == null || os.equals(header.os()))) {
            libc = header.libc();
        }
        if (libc == null && "linux".equals(os)) {
            libc = "glibc";
        }
        return new Platform(os, arch, libc).label();
    }

    /**
     * Export names as the loader looks them up: without a Mach-O/Win32 leading underscore or a {@code @N} suffix
     * (32-bit Windows {@code __stdcall} decorates {@code JNI_OnLoad} as {@code _JNI_OnLoad@8}).
     */
    public static Set<String> exportNames(Binary b) {
        Set<String> out = new HashSet<>();
        for (Symbol s : b.getExports()) {
            if (s.name() == null) {
                continue;
            }
            out.add(s.name());
            String n = s.name();
            int at = n.lastIndexOf('@');
            if (at > 0 && at < n.length() - 1 && n.substring(at + 1).chars().allMatch(Character::isDigit)) {
                n = n.substring(0, at);
                out.add(n);
                if (n.startsWith("_") && n.length() > 1) {
                    out.add(n.substring(1)); // 32-bit Windows __stdcall: _JNI_OnLoad@8 is JNI_OnLoad
                }
            }
            if (n.startsWith("_Java_")) {
                out.add(n.substring(1));
            }
        }
        return out;
    }

    /** Whether a method descriptor has the {@code (...)} shape JniNames needs (hostile class files may not). */
    public static boolean validDescriptor(String descriptor) {
        return descriptor != null && descriptor.startsWith("(") && descriptor.indexOf(')') > 0;
    }

    /** Platforms, in order, as a map label to whatever: for evidence. */
    public static Map<String, Object> matrixRow(Set<String> platforms, Set<String> present) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String p : platforms) {
            row.put(p, present.contains(p) ? "present" : "missing");
        }
        return row;
    }

    /** A location relative to its scope ({@code x.jar!/lib/a.so} as {@code lib/a.so}), for evidence. */
    public static String relative(String scope, String location) {
        return scope.isEmpty() || !location.startsWith(scope + Locations.SEPARATOR) ? location
                : location.substring(scope.length() + Locations.SEPARATOR.length());
    }

    /** {@code a/b/C$D} as {@code C$D}. */
    public static String simpleName(String internalName) {
        int cut = internalName.lastIndexOf('/');
        return cut < 0 ? internalName : internalName.substring(cut + 1);
    }

    /** {@code a/b/C} gives {@code a/b}; "" for the default package. */
    public static String packageOf(String internalName) {
        int cut = internalName.lastIndexOf('/');
        return cut < 0 ? "" : internalName.substring(0, cut);
    }
}
