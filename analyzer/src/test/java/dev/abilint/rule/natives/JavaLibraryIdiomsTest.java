package dev.abilint.rule.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jars built here from the classes of fixtures/src/java/.../idioms (and idioms22) and the fixture libraries:
 * library names from constants, property defaults and paths reach declared-symbol-missing, and the
 * System.loadLibrary names are tied to what the jar ships (native-library-not-bundled, native-library-unused).
 */
class JavaLibraryIdiomsTest {
    private static final String P = "dev/abilint/fixture/";
    private static final Set<String> RULES = Set.of("declared-symbol-missing", "native-library-not-bundled",
            "native-library-unused");

    @TempDir
    Path dir;

    private static void writeJar(Path jar, Map<String, byte[]> entries) throws Exception {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            out.write("Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
            }
        }
    }

    private static Map<String, byte[]> classes(String... names) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String c : names) {
            out.put(P + c + ".class", Fixtures.bytes(Fixtures.file("java/classes/" + P + c + ".class")));
        }
        return out;
    }

    private static byte[] lib(String path) throws Exception {
        return Fixtures.bytes(Fixtures.file("jni/" + path));
    }

    /** Each expected prefix starts exactly one of the findings, and there are no others. */
    private static void assertFindings(Set<String> prefixes, Set<String> got) {
        for (String p : prefixes) {
            assertEquals(1, got.stream().filter(g -> g.startsWith(p)).count(), p + "\nin " + got);
        }
        assertEquals(prefixes.size(), got.size(), got.toString());
    }

    /** "rule severity location-in-jar | message" for the rules of this test. */
    private Set<String> scan(Map<String, byte[]> entries) throws Exception {
        Path jar = dir.resolve("idioms.jar");
        Files.deleteIfExists(jar);
        writeJar(jar, entries);
        JsonNode report = CliRun.of("scan", "--format", "json", jar.toString()).json();
        Set<String> got = new TreeSet<>();
        for (JsonNode f : report.get("findings")) {
            if (RULES.contains(f.get("ruleId").asText())) {
                String message = f.get("message").asText();
                got.add(f.get("ruleId").asText() + " " + f.get("severity").asText() + " "
                        + f.get("location").asText().replace(jar + "!/", "") + " | "
                        + message);
            }
        }
        return got;
    }

    private static Map<String, byte[]> idiomsJar() throws Exception {
        Map<String, byte[]> jar = classes("idioms/DemoByProperty", "idioms/DemoByConstant", "idioms/DemoByConstant$Names",
                "idioms/Loader", "idioms22/Lookup22");
        jar.put("natives/linux-x86_64/libdemo.so", lib("natives/linux-x86_64/libdemo.so"));
        jar.put("natives/linux-x86_64/libnatives.so", lib("natives/linux-x86_64/libnatives.so"));
        return jar;
    }

    @Test
    void namesFromConstantsPropertiesAndPathsAreChecked() throws Exception {
        assertFindings(Set.of(
                "declared-symbol-missing error " + P + "idioms/DemoByProperty.class | demo_missing_by_property is declared (JNA interface",
                "declared-symbol-missing error " + P + "idioms/DemoByConstant.class | demo_missing_by_constant is declared (JNA interface",
                "declared-symbol-missing error " + P + "idioms22/Lookup22.class | demo_missing_ffm is declared (FFM lookups of",
                "native-library-not-bundled warning " + P + "idioms/Loader.class | loads library \"notshipped\" with System.loadLibrary,"),
                scan(idiomsJar()));
    }

    @Test
    void aShippedLibraryNoClassLoadsIsANote() throws Exception {
        Map<String, byte[]> jar = idiomsJar();
        jar.put("natives/linux-x86_64/libmylib.so", lib("onload/linux-x86_64/libmylib.so"));
        Set<String> got = scan(jar);
        assertFindings(Set.of("native-library-unused note natives/linux-x86_64/libmylib.so | native library mylib "
                + "(natives/linux-x86_64/libmylib.so) is shipped, but no class of the jar loads it"), Set.copyOf(got.stream()
                .filter(s -> s.startsWith("native-library-unused")).toList()));
    }

    @Test
    void aJarWithALoadOfAComputedNameGetsNoUnusedNote() throws Exception {
        Map<String, byte[]> jar = idiomsJar();
        jar.putAll(classes("idioms/AnyLoader"));
        jar.put("natives/linux-x86_64/libmylib.so", lib("onload/linux-x86_64/libmylib.so"));
        assertEquals(List.of(), scan(jar).stream().filter(s -> s.startsWith("native-library-unused")).toList());
    }

    @Test
    void aJarOfClassesAloneGetsNoNotBundledWarning() throws Exception {
        // the natives ship in another artifact
        assertEquals(Set.of(), scan(classes("idioms/Loader")));
    }
}
