package dev.abilint.rule.jni;

import dev.abilint.format.classfile.JniNames;
import dev.abilint.format.classfile.JniNames.Demangled;
import dev.abilint.model.Analysis;
import dev.abilint.model.JavaClass;
import dev.abilint.model.JavaClass.NativeMethod;
import dev.abilint.model.Severity;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.jni.NativeInventory.Library;
import dev.abilint.rule.jni.NativeInventory.Native;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code Java_...} export that no native method of the scanned classes binds to: the class or method
 * was renamed or moved (or relocated by a shading plugin) and the C side was not, so the Java side that
 * needs it throws UnsatisfiedLinkError. When the export's package has no class anywhere in the scan (a
 * natives-only jar whose classes ship separately), or the library's jar holds no class at all, this is a
 * note: scan the jars together to judge it.
 */
public final class JniExportOrphan implements AnalysisRule {
    @Override
    public String id() {
        return "jni-export-orphan";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        NativeInventory inventory = NativeInventory.of(analysis);
        Set<String> classNames = new HashSet<>();
        Set<String> packages = new HashSet<>();
        Set<String> natives = new HashSet<>();
        for (JavaClass c : analysis.javaClasses()) {
            if (c.name() == null) {
                continue;
            }
            classNames.add(c.name());
            packages.add(NativeInventory.packageOf(c.name()));
            for (NativeMethod m : c.nativeMethods()) {
                if (!NativeInventory.validDescriptor(m.descriptor())) {
                    continue;
                }
                natives.add(m.owner() + " " + m.name());
                natives.add(m.owner() + " " + m.name() + " " + JniNames.argumentTypes(m.descriptor()));
            }
        }
        List<Unbound> perLibrary = new ArrayList<>();
        for (NativeInventory.Scope scope : inventory.scopes()) {
            for (Library library : scope.libraries().values()) {
                perLibrary.add(new Unbound(scope, library, new HashMap<>(), new HashMap<>()));
            }
        }
        // libraries in parallel (a JavaCPP jar has dozens, with tens of thousands of exports each); the
        // findings are reported afterwards, on this thread, in library order
        perLibrary.parallelStream().forEach(unbound -> unbound.find(natives));
        for (Unbound unbound : perLibrary) {
            Map<String, List<Native>> elsewhere = new HashMap<>();
            unbound.orphans().forEach((export, where) -> {
                Demangled d = unbound.parsed().get(export);
                if (unbound.scope().classes().isEmpty()
                        || !packages.contains(NativeInventory.packageOf(d.className()))) {
                    elsewhere.put(export, where); // classes probably in another jar: one note per library below
                } else {
                    report(export, d, where, classNames, context); // findings are sorted by the engine
                }
            });
            if (!elsewhere.isEmpty()) {
                reportElsewhere(unbound.library(), elsewhere, unbound.parsed(), unbound.scope(), context);
            }
        }
    }

    /**
     * The exports of one library that no native method binds: export name to the binaries (platforms)
     * that carry it, and every Java_ export demangled. Hash maps, never sorted whole.
     */
    private record Unbound(NativeInventory.Scope scope, Library library, Map<String, List<Native>> orphans,
            Map<String, Demangled> parsed) {
        void find(Set<String> natives) {
            for (Native n : library.all()) {
                for (String export : n.exports()) {
                    if (!export.startsWith("Java_")) {
                        continue;
                    }
                    Demangled d = parsed.computeIfAbsent(export, JniNames::demangle);
                    if (d == null || bound(d, natives)) {
                        continue;
                    }
                    orphans.computeIfAbsent(export, k -> new ArrayList<>()).add(n);
                }
            }
        }
    }

    private static boolean bound(Demangled d, Set<String> natives) {
        String base = d.className() + " " + d.methodName();
        return d.argDescriptor() == null ? natives.contains(base) : natives.contains(base + " " + d.argDescriptor());
    }

    private static final int SAMPLE = 10;

    /**
     * Exports for packages with no class in the scan: the classes usually ship in another jar (a
     * natives-only classifier jar), so one note per library says so instead of one per export, with
     * the first exports in name order as examples.
     */
    private void reportElsewhere(Library library, Map<String, List<Native>> orphans, Map<String, Demangled> parsed,
            NativeInventory.Scope scope, RuleContext context) {
        Set<String> packageNames = new TreeSet<>();
        Set<String> platforms = new TreeSet<>();
        Set<String> binaries = new TreeSet<>();
        for (Map.Entry<String, List<Native>> e : orphans.entrySet()) {
            String pkg = NativeInventory.packageOf(parsed.get(e.getKey()).className());
            packageNames.add(pkg.isEmpty() ? "(default)" : pkg.replace('/', '.'));
            for (Native n : e.getValue()) {
                platforms.add(n.platform());
                binaries.add(n.binary().getPath());
            }
        }
        List<String> exports = first(orphans.keySet(), SAMPLE);
        List<String> packagesShown = new ArrayList<>(packageNames);
        context.report(binaries.iterator().next(), orphans.size() + " JNI export" + (orphans.size() == 1 ? "" : "s")
                        + " of library " + library.name() + " (e.g. " + exports.get(0) + ") " + (orphans.size() == 1 ? "is" : "are")
                        + " for classes of " + String.join(", ", packagesShown.subList(0, Math.min(3, packagesShown.size())))
                        + (packagesShown.size() > 3 ? " and " + (packagesShown.size() - 3) + " more packages" : "")
                        + ", which " + (scope.classes().isEmpty() ? "this jar (it holds no classes) does not contain"
                                : "are not in the scan")
                        + ": if those classes ship in another jar, scan them together; if they were relocated, these "
                        + "exports can never bind")
                .severity(Severity.NOTE)
                .evidence("library", library.name())
                .evidence("count", orphans.size())
                .evidence("packages", packagesShown.subList(0, Math.min(SAMPLE, packagesShown.size())))
                .evidence("exports", exports)
                .evidence("platforms", List.copyOf(platforms))
                .evidence("binaries", List.copyOf(binaries))
                .fix("Scan the jar together with the jar that holds its Java classes (abilint scan a.jar a-natives.jar); "
                        + "if the classes were relocated by shading, relocate the natives too or exclude the package.")
                .key(library.name())
                .emit();
    }

    /** The {@code count} smallest names in name order, without sorting them all. */
    static List<String> first(Collection<String> names, int count) {
        PriorityQueue<String> largestKept = new PriorityQueue<>(count + 1, Comparator.reverseOrder());
        for (String name : names) {
            if (largestKept.size() < count) {
                largestKept.add(name);
            } else if (name.compareTo(largestKept.peek()) < 0) {
                largestKept.poll();
                largestKept.add(name);
            }
        }
        List<String> out = new ArrayList<>(largestKept);
        Collections.sort(out);
        return out;
    }

    private void report(String export, Demangled d, List<Native> where, Set<String> classNames, RuleContext context) {
        where.sort((a, b) -> a.binary().getPath().compareTo(b.binary().getPath()));
        Set<String> platforms = new TreeSet<>();
        List<String> binaries = new ArrayList<>();
        for (Native n : where) {
            platforms.add(n.platform());
            binaries.add(n.binary().getPath());
        }
        boolean classExists = classNames.contains(d.className());
        String target = d.binaryName() + "." + d.methodName() + (d.argDescriptor() == null ? "" : "(" + d.argDescriptor() + ")");
        context.report(binaries.get(0), export + " is for " + target + ", which "
                        + (classExists ? "the class " + d.binaryName() + " does not declare native" : "no scanned class declares "
                                + "(no class " + d.binaryName() + ")")
                        + ": the class or method was renamed in Java but not in C, so the method that needs it is unbound")
                .evidence("export", export)
                .evidence("class", d.binaryName())
                .evidence("method", d.methodName())
                .evidence("argumentTypes", d.argDescriptor())
                .evidence("classInScan", classExists)
                .evidence("platforms", List.copyOf(platforms))
                .evidence("binaries", binaries)
                .fix("Rename the C function to the new name (regenerate the header with javac -h), keep the class out of "
                        + "shading relocation (or relocate the natives with it), or delete the dead export.")
                .key(export)
                .emit();
    }
}
