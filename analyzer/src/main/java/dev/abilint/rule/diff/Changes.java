package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.diff.Product;
import dev.abilint.diff.Roles;
import dev.abilint.model.Binary;
import dev.abilint.model.ExtensionSuffix;
import dev.abilint.model.Locations;
import dev.abilint.model.Symbol;
import dev.abilint.rule.data.DottedVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** What the diff rules ask of binaries and products, worked out the same way for every rule. */
final class Changes {
    private Changes() {}

    /** Symbols listed in a finding's evidence at most; the count says how many there are. */
    static final int LISTED = 50;

    /** Who a library's exports are for: that decides what removing one breaks. */
    enum Audience {
        /** A Python extension module: the interpreter looks up its init function only. */
        EXTENSION,
        /** A JNI library: its Java_ exports are the jar's classes' business, the rest nobody links to. */
        JNI,
        /** A library a repaired wheel bundles for its own modules (a .libs folder, a hash-mangled name). */
        BUNDLED,
        /** Another library in a jar: JNA interfaces or the jar's own natives may call it by name. */
        JAR,
        /** A library others link against: a loose file, or one a wheel ships for other packages. */
        PUBLIC
    }

    static Audience audience(Binary b) {
        String file = Locations.fileName(b.getPath());
        ExtensionSuffix suffix = ExtensionSuffix.parse(file);
        if (suffix != null && (suffix.interpreter() != null || exportsAny(b, "PyInit_" + suffix.module(),
                "PyModExport_" + suffix.module(), "init" + suffix.module()))) {
            return Audience.EXTENSION;
        }
        for (Symbol s : b.getExports()) {
            if (s.name() != null && (s.name().startsWith("Java_") || s.name().startsWith("_Java_")
                    || s.name().equals("JNI_OnLoad"))) {
                return Audience.JNI;
            }
        }
        String location = b.getPath();
        String inner = location.substring(location.lastIndexOf(Locations.SEPARATOR) + 1);
        for (String folder : inner.split("/")) {
            if (folder.endsWith(".libs") || folder.equals(".dylibs") || folder.endsWith(".dylibs")) {
                return Audience.BUNDLED;
            }
        }
        if (Roles.mangled(file)) {
            return Audience.BUNDLED;
        }
        if (Locations.enclosing(location, ".jar") != null || Locations.enclosing(location, ".aar") != null) {
            return Audience.JAR;
        }
        return Audience.PUBLIC;
    }

    private static boolean exportsAny(Binary b, String... names) {
        Set<String> wanted = Set.of(names);
        for (Symbol s : b.getExports()) {
            if (wanted.contains(s.name())) {
                return true;
            }
        }
        return false;
    }

    /** Whether an export is one a loader binds by name: not a version-node marker or an absolute symbol. */
    static boolean bindable(Symbol s) {
        return s.name() != null && !s.name().isEmpty() && !"absolute".equals(s.kind())
                && !s.name().equals(s.version());
    }

    /** Exports by name, each with the ELF versions it is defined at ("" for none). */
    static Map<String, Set<String>> exports(Binary b) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Symbol s : b.getExports()) {
            if (bindable(s)) {
                out.computeIfAbsent(s.name(), k -> new TreeSet<>()).add(s.version() == null ? "" : s.version());
            }
        }
        return out;
    }

    /** {@code name@VERSION}, or the name. */
    static String versioned(String name, String version) {
        return version == null || version.isEmpty() ? name : name + "@" + version;
    }

    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}(\\.\\d{1,4}){0,3}");

    /** The highest version of imports whose version starts with {@code prefix} ({@code GLIBC_}), or null. */
    static String highest(Binary b, String prefix) {
        String best = null;
        for (Symbol s : b.getImports()) {
            String v = s.version();
            if (v == null || !v.startsWith(prefix)) {
                continue;
            }
            String n = v.substring(prefix.length());
            if (NUMBER.matcher(n).matches() && (best == null || DottedVersion.compare(n, best) > 0)) {
                best = n;
            }
        }
        return best;
    }

    /** Imports at a {@code prefix} version above {@code floor}, as {@code name@VERSION}, sorted. */
    static List<String> above(Binary b, String prefix, String floor) {
        Set<String> out = new TreeSet<>();
        for (Symbol s : b.getImports()) {
            String v = s.version();
            if (v != null && v.startsWith(prefix) && NUMBER.matcher(v.substring(prefix.length())).matches()
                    && (floor == null || DottedVersion.compare(v.substring(prefix.length()), floor) > 0)) {
                out.add(s.name() + "@" + v);
            }
        }
        return new ArrayList<>(out);
    }

    /** At most {@link #LISTED} items, the last saying how many more there are. */
    static List<String> listed(java.util.Collection<String> items) {
        List<String> all = new ArrayList<>(items);
        if (all.size() <= LISTED) {
            return all;
        }
        List<String> out = new ArrayList<>(all.subList(0, LISTED));
        out.add("... " + (all.size() - LISTED) + " more");
        return out;
    }

    /** A product's name for messages: {@code numpy}, {@code sqlite-jdbc}. */
    static String name(Comparison.ProductPair pair) {
        Product p = pair.young();
        return p.name();
    }

    /** File names, sonames and install names of every binary of a product: what it bundles. */
    static Set<String> bundled(Product p) {
        Set<String> out = new TreeSet<>();
        for (Binary b : p.binaries()) {
            String file = Locations.fileName(b.getPath());
            out.add(file);
            out.add(Roles.fileName(file));
            if (b.getSoname() != null) {
                out.add(b.getSoname());
                out.add(Roles.fileName(b.getSoname()));
            }
            if (b.getInstallName() != null) {
                out.add(Locations.fileName(b.getInstallName()));
            }
        }
        return out;
    }
}
