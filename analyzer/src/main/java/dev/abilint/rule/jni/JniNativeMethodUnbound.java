package dev.abilint.rule.jni;

import dev.abilint.format.classfile.JniNames;
import dev.abilint.model.Analysis;
import dev.abilint.model.JavaClass;
import dev.abilint.model.JavaClass.NativeMethod;
import dev.abilint.model.Locations;
import dev.abilint.model.Severity;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.jni.NativeInventory.Library;
import dev.abilint.rule.jni.NativeInventory.Native;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A JNI native method that no bundled library of some platform exports under its short or long JNI
 * name: calling it throws UnsatisfiedLinkError on that platform. The libraries judged are those of the
 * class's jar, plus libraries elsewhere in the scan whose {@code Java_} exports name the class's package
 * (natives shipped in a separate jar). Where a library exports {@code JNI_OnLoad} the method may be
 * bound with RegisterNatives, which cannot be seen statically: the finding is lowered to a note.
 * Methods of classes bound by JNA direct mapping ({@code Native.register}) are not JNI methods.
 */
public final class JniNativeMethodUnbound implements AnalysisRule {
    @Override
    public String id() {
        return "jni-native-method-unbound";
    }

    @Override
    public boolean readsEveryExport() {
        return true;
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        NativeInventory inventory = NativeInventory.of(analysis);
        Set<String> registered = new HashSet<>();
        for (JavaClass c : analysis.javaClasses()) {
            registered.addAll(c.jnaRegisteredClasses());
        }
        for (JavaClass c : analysis.javaClasses()) {
            if (c.nativeMethods().isEmpty() || c.name() == null || registered.contains(c.name()) || c.location() == null) {
                continue;
            }
            List<Library> libraries = relevantLibraries(inventory, c);
            if (libraries.isEmpty()) {
                continue; // no natives in the scan for this class: nothing to judge against
            }
            Map<String, List<Native>> byPlatform = new TreeMap<>();
            for (Library l : libraries) {
                l.byPlatform().forEach((p, natives) -> byPlatform.computeIfAbsent(p, k -> new ArrayList<>()).addAll(natives));
            }
            for (NativeMethod m : c.nativeMethods()) {
                if (!NativeInventory.validDescriptor(m.descriptor())) {
                    continue;
                }
                check(c, m, byPlatform, context);
            }
        }
    }

    private void check(JavaClass c, NativeMethod m, Map<String, List<Native>> byPlatform, RuleContext context) {
        String shortName = JniNames.shortName(m);
        String longName = JniNames.longName(m);
        Set<String> boundOn = new TreeSet<>();
        Set<String> missing = new TreeSet<>();
        Set<String> viaOnLoad = new TreeSet<>();
        Set<String> onLoadLibraries = new TreeSet<>();
        Set<String> checked = new TreeSet<>();
        for (Map.Entry<String, List<Native>> e : byPlatform.entrySet()) {
            boolean bound = false;
            String onLoad = null;
            for (Native n : e.getValue()) {
                if (n.exports(shortName) || n.exports(longName)) {
                    bound = true;
                }
                if (n.exports("JNI_OnLoad")) {
                    onLoad = n.binary().getPath();
                }
            }
            if (bound) {
                boundOn.add(e.getKey());
                continue;
            }
            for (Native n : e.getValue()) {
                checked.add(n.binary().getPath());
            }
            if (onLoad != null) {
                viaOnLoad.add(e.getKey());
                onLoadLibraries.add(Locations.fileName(onLoad));
            } else {
                missing.add(e.getKey());
            }
        }
        String method = NativeInventory.simpleName(m.owner()).replace('$', '.') + "." + m.name() + m.descriptor();
        String key = m.owner() + "." + m.name() + m.descriptor();
        if (!missing.isEmpty()) {
            context.report(c.location(), "native method " + method + " has no JNI export in the libraries shipped for "
                            + String.join(", ", missing) + ": calling it throws UnsatisfiedLinkError there")
                    .evidence("method", m.owner().replace('/', '.') + "." + m.name() + m.descriptor())
                    .evidence("expected", List.of(shortName, longName))
                    .evidence("missingOn", List.copyOf(missing))
                    .evidence("boundOn", List.copyOf(boundOn))
                    .evidence("librariesChecked", List.copyOf(checked))
                    .fix("Implement " + shortName + " (regenerate the header with javac -h and rebuild every platform's "
                            + "library), or remove the native declaration if it is no longer used.")
                    .key(key)
                    .emit();
        }
        if (!viaOnLoad.isEmpty()) {
            context.report(c.location(), "native method " + method + " has no JNI export on " + String.join(", ", viaOnLoad)
                            + ", but " + String.join(", ", onLoadLibraries) + " exports JNI_OnLoad and may bind it with "
                            + "RegisterNatives: this cannot be verified statically")
                    .severity(Severity.NOTE)
                    .evidence("method", m.owner().replace('/', '.') + "." + m.name() + m.descriptor())
                    .evidence("expected", List.of(shortName, longName))
                    .evidence("unverifiedOn", List.copyOf(viaOnLoad))
                    .evidence("jniOnLoad", List.copyOf(onLoadLibraries))
                    .fix("Make sure JNI_OnLoad registers " + m.name() + m.descriptor() + " with RegisterNatives on every "
                            + "platform; a test that calls each native method once catches the rest.")
                    .key(key + "#JNI_OnLoad")
                    .emit();
        }
    }

    /** The class's scope's libraries, plus any library whose Java_ exports name the class's package. */
    static List<Library> relevantLibraries(NativeInventory inventory, JavaClass c) {
        List<Library> out = new ArrayList<>();
        NativeInventory.Scope own = inventory.scopeNamed(NativeInventory.scopeOf(c.location()));
        if (own != null) {
            out.addAll(own.libraries().values());
        }
        String pkg = NativeInventory.packageOf(c.name());
        if (pkg.isEmpty()) {
            return out;
        }
        String prefix = "Java_" + JniNames.mangle(pkg) + "_";
        for (Library l : inventory.libraries()) {
            if (own != null && l.scope().equals(own.name())) {
                continue;
            }
            outer:
            for (Native n : l.all()) {
                for (String e : n.exports()) {
                    if (e.startsWith(prefix)) {
                        out.add(l);
                        break outer;
                    }
                }
            }
        }
        return out;
    }
}
