package dev.abilint.rule.jni;

import dev.abilint.format.classfile.JniNames;
import dev.abilint.model.Analysis;
import dev.abilint.model.JavaClass;
import dev.abilint.model.JavaClass.NativeMethod;
import dev.abilint.model.Locations;
import dev.abilint.model.Severity;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.natives.NativeInventory;
import dev.abilint.rule.natives.NativeInventory.Library;
import dev.abilint.rule.natives.NativeInventory.Native;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
            List<Judged> judged = new ArrayList<>();
            for (NativeMethod m : c.nativeMethods()) {
                if (!NativeInventory.validDescriptor(m.descriptor())) {
                    continue;
                }
                judged.add(judge(m, byPlatform));
            }
            report(c, judged, libraries, context);
        }
    }

    /** One native method against the libraries of every platform. */
    private record Judged(NativeMethod method, String shortName, String longName, Set<String> boundOn,
            Set<String> missing, Set<String> viaOnLoad, Set<String> onLoadLibraries, Set<String> checked) {}

    private static Judged judge(NativeMethod m, Map<String, List<Native>> byPlatform) {
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
        return new Judged(m, shortName, longName, boundOn, missing, viaOnLoad, onLoadLibraries, checked);
    }

    /** Methods named in a message; the evidence lists them all. */
    private static final int NAMED = 5;

    /**
     * One finding per class for the methods with no export (and one note per class for those that
     * JNI_OnLoad may register): the class is what a developer fixes, and its new unbound methods join the
     * same finding, whose fingerprint (rule, class file, class name) stays the same.
     */
    private void report(JavaClass c, List<Judged> judged, List<Library> libraries, RuleContext context) {
        List<Judged> missing = judged.stream().filter(j -> !j.missing().isEmpty()).toList();
        List<Judged> viaOnLoad = judged.stream().filter(j -> !j.viaOnLoad().isEmpty()).toList();
        String simple = NativeInventory.simpleName(c.name()).replace('$', '.');
        if (!missing.isEmpty()) {
            Map<String, String> mangled = missing.isEmpty() ? Map.of() : cppMangled(libraries);
            Set<String> platforms = new TreeSet<>();
            Set<String> checked = new TreeSet<>();
            List<Map<String, Object>> methods = new ArrayList<>();
            List<String> named = new ArrayList<>();
            List<String> cpp = new ArrayList<>();
            for (Judged j : missing) {
                platforms.addAll(j.missing());
                checked.addAll(j.checked());
            }
            for (Judged j : missing) {
                NativeMethod m = j.method();
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("method", m.name() + m.descriptor());
                one.put("expected", List.of(j.shortName(), j.longName()));
                one.put("missingOn", List.copyOf(j.missing()));
                if (!j.boundOn().isEmpty()) {
                    one.put("boundOn", List.copyOf(j.boundOn()));
                }
                String mangledName = mangled.getOrDefault(j.shortName(), mangled.get(j.longName()));
                if (mangledName != null) {
                    one.put("cppMangledExport", mangledName);
                    cpp.add(mangledName);
                }
                methods.add(one);
                named.add(m.name() + m.descriptor() + (j.missing().equals(platforms) ? ""
                        : " (on " + String.join(", ", j.missing()) + ")"));
            }
            String message;
            if (missing.size() == 1) {
                Judged j = missing.get(0);
                message = "native method " + simple + "." + j.method().name() + j.method().descriptor()
                        + " has no JNI export in the libraries shipped for " + String.join(", ", platforms)
                        + ": calling it throws UnsatisfiedLinkError there";
            } else {
                message = missing.size() + " native methods of " + simple + " have no JNI export in the libraries "
                        + "shipped for " + String.join(", ", platforms) + ": " + String.join(", ",
                                named.subList(0, Math.min(NAMED, named.size())))
                        + (named.size() > NAMED ? " and " + (named.size() - NAMED) + " more" : "")
                        + "; calling them throws UnsatisfiedLinkError there";
            }
            if (!cpp.isEmpty()) {
                message += "; the library exports " + (cpp.size() == 1 ? "it" : cpp.size() + " of them")
                        + " under a C++-mangled name (" + cpp.get(0) + (cpp.size() > 1 ? ", ..." : "")
                        + "): the C++ definition lacks extern \"C\", so the JVM cannot find it";
            }
            Judged first = missing.get(0);
            context.report(c.location(), message)
                    .evidence("class", c.name().replace('/', '.'))
                    .evidence("method", missing.size() == 1 ? c.name().replace('/', '.') + "." + first.method().name()
                            + first.method().descriptor() : null)
                    .evidence("expected", missing.size() == 1 ? List.of(first.shortName(), first.longName()) : null)
                    .evidence("missingOn", List.copyOf(platforms))
                    .evidence("boundOn", missing.size() == 1 ? List.copyOf(first.boundOn()) : null)
                    .evidence("methods", missing.size() == 1 ? null : methods)
                    .evidence("cppMangledExports", cpp.isEmpty() ? null : cpp)
                    .evidence("librariesChecked", List.copyOf(checked))
                    .fix(cpp.isEmpty() ? "Implement " + first.shortName() + (missing.size() == 1 ? "" : " and the others")
                            + " (regenerate the header with javac -h and rebuild every platform's library), or remove "
                            + "the native declaration if it is no longer used."
                            : "Declare the JNI functions extern \"C\" (include the javac -h header, which wraps them in "
                            + "extern \"C\", in the .cpp file that defines them) and rebuild every platform's library.")
                    .key(c.name())
                    .emit();
        }
        if (!viaOnLoad.isEmpty()) {
            Set<String> platforms = new TreeSet<>();
            Set<String> onLoadLibraries = new TreeSet<>();
            List<String> named = new ArrayList<>();
            for (Judged j : viaOnLoad) {
                platforms.addAll(j.viaOnLoad());
                onLoadLibraries.addAll(j.onLoadLibraries());
                named.add(j.method().name() + j.method().descriptor());
            }
            Judged first = viaOnLoad.get(0);
            String what = viaOnLoad.size() == 1 ? "native method " + simple + "." + named.get(0) + " has"
                    : viaOnLoad.size() + " native methods of " + simple + " (" + String.join(", ",
                            named.subList(0, Math.min(NAMED, named.size())))
                            + (named.size() > NAMED ? " and " + (named.size() - NAMED) + " more" : "") + ") have";
            context.report(c.location(), what + " no JNI export on " + String.join(", ", platforms)
                            + ", but " + String.join(", ", onLoadLibraries) + " exports JNI_OnLoad and may bind "
                            + (viaOnLoad.size() == 1 ? "it" : "them") + " with RegisterNatives: this cannot be verified "
                            + "statically")
                    .severity(Severity.NOTE)
                    .evidence("class", c.name().replace('/', '.'))
                    .evidence("method", viaOnLoad.size() == 1 ? c.name().replace('/', '.') + "." + named.get(0) : null)
                    .evidence("expected", viaOnLoad.size() == 1 ? List.of(first.shortName(), first.longName()) : null)
                    .evidence("methods", viaOnLoad.size() == 1 ? null : named)
                    .evidence("unverifiedOn", List.copyOf(platforms))
                    .evidence("jniOnLoad", List.copyOf(onLoadLibraries))
                    .fix("Make sure JNI_OnLoad registers " + (viaOnLoad.size() == 1 ? named.get(0) : "these methods")
                            + " with RegisterNatives on every platform; a test that calls each native method once "
                            + "catches the rest.")
                    .key(c.name() + "#JNI_OnLoad")
                    .emit();
        }
    }

    /**
     * The JNI names that the libraries export only C++-mangled, each with its mangled export: a JNI
     * function defined in a .cpp file without {@code extern "C"} is exported as
     * {@code _Z<length>Java_..._name<parameters>} (Itanium ABI: Linux, macOS, MinGW) or
     * {@code ?Java_..._name@@YA...} (MSVC), names the JVM never looks up.
     */
    static Map<String, String> cppMangled(List<Library> libraries) {
        Map<String, String> out = new TreeMap<>();
        for (Library l : libraries) {
            for (Native n : l.all()) {
                for (String e : n.exports()) {
                    String jni = embeddedJniName(e);
                    if (jni != null) {
                        out.putIfAbsent(jni, e);
                    }
                }
            }
        }
        return out;
    }

    /** The JNI name inside a C++-mangled export, or null. */
    static String embeddedJniName(String export) {
        if (export.startsWith("_Z") && export.length() > 2 && Character.isDigit(export.charAt(2))) {
            int i = 2;
            while (i < export.length() && i < 8 && Character.isDigit(export.charAt(i))) {
                i++;
            }
            int length = Integer.parseInt(export.substring(2, i));
            if (length > 5 && i + length <= export.length() && export.startsWith("Java_", i)) {
                return export.substring(i, i + length);
            }
            return null;
        }
        if (export.startsWith("?Java_")) {
            int end = export.indexOf("@@");
            return end > 6 ? export.substring(1, end) : null;
        }
        return null;
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
