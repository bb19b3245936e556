package dev.abilint.rule.jni;

import dev.abilint.format.classfile.JniNames;
import dev.abilint.format.classfile.JniNames.Demangled;
import dev.abilint.model.Analysis;
import dev.abilint.model.JavaClass;
import dev.abilint.model.JavaClass.NativeMethod;
import dev.abilint.model.Severity;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.natives.NativeInventory;
import dev.abilint.rule.natives.NativeInventory.Library;
import dev.abilint.rule.natives.NativeInventory.Native;
import java.util.ArrayList;
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
 * A {@code Java_...} export that no native method of the scanned classes binds to. An export nobody
 * binds never breaks loading: it is dead code, a method removed from Java, or the C half of a rename
 * whose Java half {@link JniNativeMethodUnbound} reports as the error. So this is a note (the catalogue
 * default), worded as what is known: no class in this scan declares it. When the export's package has
 * no class anywhere in the scan (a natives-only jar whose classes ship separately), or the library's
 * jar holds no class at all, one note per library sums the exports up: scan the jars together.
 */
public final class JniExportOrphan implements AnalysisRule {
    @Override
    public String id() {
        return "jni-export-orphan";
    }

    @Override
    public boolean readsEveryExport() {
        return true;
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
        List<Judged> perLibrary = new ArrayList<>();
        for (NativeInventory.Scope scope : inventory.scopes()) {
            for (Library library : scope.libraries().values()) {
                perLibrary.add(new Judged(scope, library, new ArrayList<>(), new Elsewhere()));
            }
        }
        // libraries in parallel (a JavaCPP jar has dozens, with tens of thousands of exports each), each
        // keeping only what its findings need; the findings are made afterwards, here, in library order
        perLibrary.parallelStream().forEach(judged -> judged.judge(natives, packages));
        for (Judged judged : perLibrary) {
            if (!judged.direct().isEmpty()) {
                report(judged.library(), judged.direct(), classNames, context);
            }
            if (judged.elsewhere().count > 0) {
                reportElsewhere(judged.library(), judged.elsewhere(), judged.scope(), context);
            }
        }
    }

    /** An export no native method binds, for a class whose package is in the scan: a finding of its own. */
    private record Orphan(String export, Demangled demangled, List<Native> where) {}

    /** Exports for packages with no class in the scan, summed up for one note. */
    private static final class Elsewhere {
        int count;
        final FirstNames firstExports = new FirstNames(SAMPLE);
        final Set<String> packageNames = new TreeSet<>();
        final Set<String> platforms = new TreeSet<>();
        final Set<String> binaries = new TreeSet<>();
    }

    /**
     * One library's exports that no native method binds. The demangled names of every Java_ export are
     * needed only while it is judged; what is kept is what the findings say.
     */
    private record Judged(NativeInventory.Scope scope, Library library, List<Orphan> direct, Elsewhere elsewhere) {
        void judge(Set<String> natives, Set<String> packages) {
            Map<String, List<Native>> orphans = new HashMap<>(); // export -> the binaries (platforms) carrying it
            Map<String, Demangled> parsed = new HashMap<>();
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
            orphans.forEach((export, where) -> {
                Demangled d = parsed.get(export);
                String pkg = NativeInventory.packageOf(d.className());
                if (!scope.classes().isEmpty() && packages.contains(pkg)) {
                    direct.add(new Orphan(export, d, where)); // findings are sorted by the engine
                    return;
                }
                elsewhere.count++; // classes probably in another jar: one note per library
                elsewhere.firstExports.add(export);
                elsewhere.packageNames.add(pkg.isEmpty() ? "(default)" : pkg.replace('/', '.'));
                for (Native n : where) {
                    elsewhere.platforms.add(n.platform());
                    elsewhere.binaries.add(n.binary().getPath());
                }
            });
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
    private void reportElsewhere(Library library, Elsewhere orphans, NativeInventory.Scope scope, RuleContext context) {
        List<String> exports = orphans.firstExports.inOrder();
        List<String> packagesShown = new ArrayList<>(orphans.packageNames);
        context.report(orphans.binaries.iterator().next(), orphans.count + " JNI export" + (orphans.count == 1 ? "" : "s")
                        + " of library " + library.name() + " (e.g. " + exports.get(0) + ") " + (orphans.count == 1 ? "is" : "are")
                        + " for classes of " + String.join(", ", packagesShown.subList(0, Math.min(3, packagesShown.size())))
                        + (packagesShown.size() > 3 ? " and " + (packagesShown.size() - 3) + " more packages" : "")
                        + ", which " + (scope.classes().isEmpty() ? "this jar (it holds no classes) does not contain"
                                : "are not in the scan")
                        + ": if those classes ship in another jar, scan them together; if they were relocated, these "
                        + "exports can never bind")
                .severity(Severity.NOTE)
                .evidence("library", library.name())
                .evidence("count", orphans.count)
                .evidence("packages", packagesShown.subList(0, Math.min(SAMPLE, packagesShown.size())))
                .evidence("exports", exports)
                .evidence("platforms", List.copyOf(orphans.platforms))
                .evidence("binaries", List.copyOf(orphans.binaries))
                .fix("Scan the jar together with the jar that holds its Java classes (abilint scan a.jar a-natives.jar); "
                        + "if the classes were relocated by shading, relocate the natives too or exclude the package.")
                .key(library.name())
                .emit();
    }

    /** The first names in name order of all those added, without keeping or sorting them all. */
    static final class FirstNames {
        private final int count;
        private final PriorityQueue<String> largestKept;

        FirstNames(int count) {
            this.count = count;
            this.largestKept = new PriorityQueue<>(count + 1, Comparator.reverseOrder());
        }

        void add(String name) {
            if (largestKept.size() < count) {
                largestKept.add(name);
            } else if (name.compareTo(largestKept.peek()) < 0) {
                largestKept.poll();
                largestKept.add(name);
            }
        }

        List<String> inOrder() {
            List<String> out = new ArrayList<>(largestKept);
            Collections.sort(out);
            return out;
        }
    }

    /** Exports named in a message; the evidence lists them all. */
    private static final int NAMED = 5;

    /**
     * One note per library for its exports that no class of the scan declares, though their packages are
     * in the scan: the exports in name order, each with the method it is for; a new orphan export joins
     * the same finding (fingerprint: rule, first binary, library name).
     */
    private void report(Library library, List<Orphan> orphans, Set<String> classNames, RuleContext context) {
        orphans.sort((a, b) -> a.export().compareTo(b.export()));
        Set<String> platforms = new TreeSet<>();
        Set<String> binaries = new TreeSet<>();
        List<String> targets = new ArrayList<>();
        List<Map<String, Object>> exports = new ArrayList<>();
        for (Orphan o : orphans) {
            for (Native n : o.where()) {
                platforms.add(n.platform());
                binaries.add(n.binary().getPath());
            }
            Demangled d = o.demangled();
            boolean classExists = classNames.contains(d.className());
            targets.add(d.binaryName() + "." + d.methodName() + (d.argDescriptor() == null ? "" : "(" + d.argDescriptor() + ")")
                    + (classExists ? "" : " (no class " + NativeInventory.simpleName(d.className()).replace('$', '.')
                            + " in this scan)"));
            Map<String, Object> one = new java.util.LinkedHashMap<>();
            one.put("export", o.export());
            one.put("class", d.binaryName());
            one.put("method", d.methodName());
            if (d.argDescriptor() != null) {
                one.put("argumentTypes", d.argDescriptor());
            }
            one.put("classInScan", classExists);
            exports.add(one);
        }
        String message;
        if (orphans.size() == 1) {
            Orphan o = orphans.get(0);
            Demangled d = o.demangled();
            boolean classExists = classNames.contains(d.className());
            String target = d.binaryName() + "." + d.methodName() + (d.argDescriptor() == null ? "" : "(" + d.argDescriptor() + ")");
            message = o.export() + " is for " + target + ", which no class in this scan declares: "
                    + (classExists ? "the class " + d.binaryName() + " has no native method " + d.methodName()
                            + (d.argDescriptor() == null ? "" : " with these arguments")
                            : "there is no class " + d.binaryName() + " in this scan")
                    + ". The export binds nothing and loading is not affected; it is dead code, or a leftover of a "
                    + "method renamed or removed in Java (a renamed method is reported by jni-native-method-unbound)";
        } else {
            message = orphans.size() + " JNI exports of library " + library.name() + " are for methods that no class in "
                    + "this scan declares: " + String.join(", ", targets.subList(0, Math.min(NAMED, targets.size())))
                    + (targets.size() > NAMED ? " and " + (targets.size() - NAMED) + " more" : "")
                    + ". They bind nothing and loading is not affected; they are dead code, or leftovers of methods "
                    + "renamed or removed in Java (a renamed method is reported by jni-native-method-unbound)";
        }
        Orphan first = orphans.get(0);
        context.report(binaries.iterator().next(), message)
                .evidence("library", library.name())
                .evidence("count", orphans.size())
                .evidence("export", orphans.size() == 1 ? first.export() : null)
                .evidence("class", orphans.size() == 1 ? first.demangled().binaryName() : null)
                .evidence("method", orphans.size() == 1 ? first.demangled().methodName() : null)
                .evidence("argumentTypes", orphans.size() == 1 ? first.demangled().argDescriptor() : null)
                .evidence("classInScan", orphans.size() == 1 ? classNames.contains(first.demangled().className()) : null)
                .evidence("exports", orphans.size() == 1 ? null : exports)
                .evidence("platforms", List.copyOf(platforms))
                .evidence("binaries", List.copyOf(binaries))
                .fix("If a method was renamed or moved in Java, rename the C function too (regenerate the header with "
                        + "javac -h) or keep the class out of shading relocation; otherwise delete the dead exports.")
                .key(library.name() + "#declared-packages")
                .emit();
    }
}
