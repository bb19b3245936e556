package dev.abilint.format.classfile;

import dev.abilint.model.JavaClass;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves JNA library interfaces across one set of classes (a jar): an interface is a JNA library
 * when it extends {@code com.sun.jna.Library} directly ({@link JavaClass#jnaLibrary()}) or extends an
 * interface of the set that is one. Interfaces outside the set (another jar) are not followed.
 */
public final class JnaLibraries {
    private JnaLibraries() {}

    /** Internal names of every JNA library interface in {@code classes}, direct or inherited. */
    public static Set<String> resolve(Collection<JavaClass> classes) {
        // Walk down from the direct libraries along "is extended by" edges: linear, no recursion.
        Map<String, List<String>> extendedBy = new HashMap<>();
        List<String> work = new ArrayList<>();
        for (JavaClass c : classes) {
            if (c.name() == null) {
                continue;
            }
            for (String parent : c.superInterfaces()) {
                extendedBy.computeIfAbsent(parent, k -> new ArrayList<>()).add(c.name());
            }
            if (c.jnaLibrary()) {
                work.add(c.name());
            }
        }
        Set<String> libraries = new HashSet<>();
        while (!work.isEmpty()) {
            String next = work.remove(work.size() - 1);
            if (libraries.add(next)) {
                work.addAll(extendedBy.getOrDefault(next, List.of()));
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (JavaClass c : classes) {
            if (c.name() != null && libraries.contains(c.name())) {
                ordered.add(c.name());
            }
        }
        return ordered;
    }

    /**
     * The functions JNA binds for library interface {@code name}: its own method names and those of the
     * library interfaces it extends within {@code classes}.
     */
    public static List<String> methods(String name, Collection<JavaClass> classes) {
        Map<String, JavaClass> byName = new HashMap<>();
        for (JavaClass c : classes) {
            if (c.name() != null) {
                byName.putIfAbsent(c.name(), c);
            }
        }
        Set<String> out = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        List<String> work = new ArrayList<>(List.of(name));
        while (!work.isEmpty()) {
            String next = work.remove(work.size() - 1);
            JavaClass c = byName.get(next);
            if (c == null || !seen.add(next)) {
                continue;
            }
            out.addAll(c.jnaMethods());
            work.addAll(c.superInterfaces());
        }
        return List.copyOf(out);
    }
}
