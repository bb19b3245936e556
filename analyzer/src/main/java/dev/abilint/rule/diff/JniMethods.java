package dev.abilint.rule.diff;

import dev.abilint.diff.Release;
import dev.abilint.format.classfile.JniNames;
import dev.abilint.model.JavaClass;
import dev.abilint.model.Locations;
import dev.abilint.rule.natives.NativeInventory;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The JNI native methods of a release by the names a library exports for them: short and long. */
final class JniMethods {
    private JniMethods() {}

    /** A native method as {@code owner.name(descriptor)}, by both its JNI names. */
    static Map<String, String> of(Release release) {
        Set<String> registered = new HashSet<>();
        for (JavaClass c : release.analysis().javaClasses()) {
            registered.addAll(c.jnaRegisteredClasses());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (JavaClass c : release.analysis().javaClasses()) {
            if (c.name() == null || registered.contains(c.name()) || c.location() == null
                    || c.location().contains(Locations.SEPARATOR + "META-INF/versions/")) {
                continue;
            }
            for (JavaClass.NativeMethod m : c.nativeMethods()) {
                if (!NativeInventory.validDescriptor(m.descriptor())) {
                    continue;
                }
                String label = m.owner().replace('/', '.') + "." + m.name() + m.descriptor();
                out.putIfAbsent(JniNames.shortName(m), label);
                out.putIfAbsent(JniNames.longName(m), label);
            }
        }
        return out;
    }

    /** The long JNI name of every native method (overloads are told apart by it). */
    static Map<String, JavaClass.NativeMethod> byLongName(Release release) {
        Set<String> registered = new HashSet<>();
        for (JavaClass c : release.analysis().javaClasses()) {
            registered.addAll(c.jnaRegisteredClasses());
        }
        Map<String, JavaClass.NativeMethod> out = new LinkedHashMap<>();
        for (JavaClass c : release.analysis().javaClasses()) {
            if (c.name() == null || registered.contains(c.name()) || c.location() == null
                    || c.location().contains(Locations.SEPARATOR + "META-INF/versions/")) {
                continue;
            }
            for (JavaClass.NativeMethod m : c.nativeMethods()) {
                if (NativeInventory.validDescriptor(m.descriptor())) {
                    out.putIfAbsent(JniNames.longName(m), m);
                }
            }
        }
        return out;
    }
}
