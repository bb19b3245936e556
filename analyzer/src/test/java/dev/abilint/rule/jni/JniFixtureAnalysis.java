package dev.abilint.rule.jni;

import dev.abilint.format.Bytes;
import dev.abilint.format.Format;
import dev.abilint.format.Readers;
import dev.abilint.format.classfile.ClassFileReader;
import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Binary;
import dev.abilint.model.Finding;
import dev.abilint.model.JavaClass;
import dev.abilint.model.Platform;
import dev.abilint.rule.AllRules;
import dev.abilint.rule.Rule;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.rule.RuleEngine;
import dev.abilint.rule.Targets;
import dev.abilint.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds an {@link Analysis} from the committed JNI fixtures with locations as the artifact walker
 * writes them ({@code demo.jar!/natives/linux-x86_64/libnatives.so}) and the declared platform set
 * explicitly, so that the rule tests do not depend on the walker.
 */
final class JniFixtureAnalysis {
    private final List<Artifact> artifacts = new ArrayList<>();
    private final List<Binary> binaries = new ArrayList<>();
    private final List<JavaClass> classes = new ArrayList<>();

    JniFixtureAnalysis jar(String name) {
        artifacts.add(new Artifact(name, "jar"));
        return this;
    }

    /** Reads {@code fixtures/<fixture>} as {@code <location>}; returns false when no reader exists yet for its format. */
    boolean binary(String location, String fixture, Platform declared) {
        Path path = Fixtures.file(fixture);
        Bytes bytes = Bytes.of(Fixtures.bytes(path));
        Format format = Format.sniff(bytes);
        if (Readers.forFormat(format) == null) {
            return false;
        }
        try {
            for (Binary b : Readers.forFormat(format).read(location, bytes)) {
                binaries.add(b.declaredPlatform(declared));
            }
        } catch (Exception e) {
            throw new AssertionError(fixture, e);
        }
        return true;
    }

    JniFixtureAnalysis elf(String location, String fixture, Platform declared) {
        if (!binary(location, fixture, declared)) {
            throw new AssertionError("no ELF reader");
        }
        return this;
    }

    JniFixtureAnalysis javaClass(String jar, String internalName) {
        Path path = Fixtures.file("java/classes/" + internalName + ".class");
        try {
            classes.add(new ClassFileReader().read(jar + "!/" + internalName + ".class", Bytes.of(Fixtures.bytes(path))));
        } catch (Exception e) {
            throw new AssertionError(internalName, e);
        }
        return this;
    }

    Analysis analysis() {
        return new Analysis(List.of("demo.jar"), artifacts, binaries, classes, List.of());
    }

    static Platform linux(String arch) {
        return new Platform("linux", arch, null);
    }

    /** The rules of the Java-archive packs: jni, natives (native-*) and declared (declared-symbol-missing). */
    static List<Rule> pack() {
        List<String> packs = List.of("dev.abilint.rule.jni", "dev.abilint.rule.natives", "dev.abilint.rule.declared");
        List<Rule> out = new ArrayList<>();
        for (Rule r : AllRules.all()) {
            if (packs.contains(r.getClass().getPackageName())) {
                out.add(r);
            }
        }
        return out;
    }

    static List<Finding> run(Analysis analysis, Targets targets) {
        return new RuleEngine(pack(), RuleCatalogue.get()).run(analysis, targets);
    }

    /** {@code rule severity location | message} lines, sorted. */
    static Set<String> render(List<Finding> findings) {
        Set<String> out = new TreeSet<>();
        for (Finding f : findings) {
            out.add(f.ruleId() + " " + f.severity().name().toLowerCase() + " " + f.location() + " | " + f.message());
        }
        return out;
    }
}
