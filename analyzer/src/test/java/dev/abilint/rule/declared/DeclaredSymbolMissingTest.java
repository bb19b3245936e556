package dev.abilint.rule.declared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.abilint.format.Bytes;
import dev.abilint.format.elf.ElfReader;
import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Binary;
import dev.abilint.model.Finding;
import dev.abilint.model.JavaClass;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.rule.RuleEngine;
import dev.abilint.rule.Targets;
import dev.abilint.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * JNA interfaces against a jar's libdemo.so (exports demo_add, demo_sub, demo_mul): judged only when the
 * Native.load name is known, and one finding per interface naming every missing function.
 */
class DeclaredSymbolMissingTest {
    private static final String JAR = "demo.jar";

    private static List<Finding> run(JavaClass jnaInterface) throws Exception {
        Binary lib = new ElfReader().read(JAR + "!/natives/linux-x86_64/libdemo.so",
                Bytes.of(Fixtures.bytes(Fixtures.file("jni/natives/linux-x86_64/libdemo.so")))).get(0);
        Analysis analysis = new Analysis(List.of(JAR), List.of(new Artifact(JAR, "jar")), List.of(lib),
                List.of(jnaInterface), List.of());
        return new RuleEngine(List.of(new DeclaredSymbolMissing()), RuleCatalogue.get()).run(analysis, Targets.none());
    }

    private static JavaClass jna(List<String> loaded, List<String> methods) {
        return new JavaClass(JAR + "!/x/CLib.class", "x/CLib", 52, List.of(), loaded, true, methods, List.of());
    }

    @Test
    void anInterfaceWhoseLibraryNameIsUnknownIsNotJudged() throws Exception {
        // Native.load(Platform.C_LIBRARY_NAME, CLib.class): libc's functions, not libdemo's
        assertEquals(List.of(), run(jna(List.of(), List.of("ioctl", "tcgetattr", "demo_add"))));
    }

    @Test
    void oneFindingPerInterfaceNamesEveryMissingFunction() throws Exception {
        List<Finding> findings = run(jna(List.of("demo"), List.of("demo_add", "demo_div", "demo_mod", "demo_sub")));
        assertEquals(1, findings.size(), findings.toString());
        Finding f = findings.get(0);
        assertEquals(JAR + "!/x/CLib.class", f.location());
        assertEquals("demo_div and demo_mod are declared (JNA interface x.CLib) but libdemo.so does not export them on "
                + "linux-x86_64-glibc: calling them fails at run time there", f.message());
        List<?> symbols = (List<?>) f.evidence().get("symbols");
        assertEquals(List.of("demo_div", "demo_mod"), symbols.stream().map(s -> ((Map<?, ?>) s).get("symbol")).toList());
    }

    @Test
    void aSystemLibraryNameIsNotJudged() throws Exception {
        assertEquals(List.of(), run(jna(List.of("c"), List.of("ioctl"))));
    }
}
