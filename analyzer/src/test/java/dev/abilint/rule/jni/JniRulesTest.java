package dev.abilint.rule.jni;

import static dev.abilint.rule.jni.JniFixtureAnalysis.linux;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.abilint.format.Format;
import dev.abilint.format.Readers;
import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Finding;
import dev.abilint.model.Severity;
import dev.abilint.model.Platform;
import dev.abilint.rule.Targets;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The declared-interfaces pack on the JNI fixtures: each rule fires where it should and nowhere else. */
class JniRulesTest {
    static final String P = "dev/abilint/fixture/";
    static final String NATIVES = "demo.jar!/dev/abilint/fixture/jni/Natives.class";
    static final String BOTH = "linux-aarch64-glibc, linux-x86_64-glibc";

    static JniFixtureAnalysis demo() {
        JniFixtureAnalysis a = new JniFixtureAnalysis().jar("demo.jar").jar("onload.jar");
        for (String c : List.of("jni/Natives", "jni/Natives$Inner", "jni/Natives$Inner$Deeper", "jni/Odd$Name",
                "jna/CLibrary", "jna/Posix", "jna/Direct", "jna/Direct$Helper", "jna/Demo", "ffm/Lookup17")) {
            a.javaClass("demo.jar", P + c);
        }
        a.elf("demo.jar!/natives/linux-x86_64/libnatives.so", "jni/natives/linux-x86_64/libnatives.so", linux("x86_64"));
        a.elf("demo.jar!/natives/linux-aarch64/libnatives.so", "jni/natives/linux-aarch64/libnatives.so", linux("aarch64"));
        a.elf("demo.jar!/natives/linux-x86_64/libdemo.so", "jni/natives/linux-x86_64/libdemo.so", linux("x86_64"));
        a.javaClass("onload.jar", P + "under_score/My_Lib");
        a.elf("onload.jar!/natives/linux-x86_64/libmylib.so", "jni/onload/linux-x86_64/libmylib.so", linux("x86_64"));
        return a;
    }

    static Targets targets(List<String> platforms, String glibc, List<String> declared) {
        return new Targets(null, null, null, null, platforms, glibc, declared);
    }

    static List<String> declaredFiles() {
        return List.of(Fixtures.file("jni/demo.h").toString(), Fixtures.file("jni/demo_ffi.py").toString());
    }

    static String unbound(String location, String method, String platforms) {
        return "jni-native-method-unbound error " + location + " | native method " + method
                + " has no JNI export in the libraries shipped for " + platforms + ": calling it throws UnsatisfiedLinkError there";
    }

    static String declared(String location, String name, String kind) {
        return "declared-symbol-missing error " + location + " | " + name + " is declared (" + kind
                + ") but libdemo.so does not export it on linux-x86_64-glibc: calling it fails at run time there";
    }

    @Test
    void firesExactlyWhereItShouldOnTheDemoJars() {
        Set<String> got = JniFixtureAnalysis.render(JniFixtureAnalysis.run(demo().analysis(),
                targets(List.of(), null, declaredFiles())));
        assertEquals(expectedOnTheDemoJars(), got);
    }

    /** The same jars, built for real and scanned through the command line: walker, readers, rules, JSON. */
    @Test
    void theCommandLineOnRealJarsGivesTheSameFindings(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.util.Map<String, byte[]> demo = new java.util.LinkedHashMap<>();
        for (String c : List.of("jni/Natives", "jni/Natives$Inner", "jni/Natives$Inner$Deeper", "jni/Odd$Name",
                "jna/CLibrary", "jna/Posix", "jna/Direct", "jna/Direct$Helper", "jna/Demo", "ffm/Lookup17")) {
            demo.put(P + c + ".class", Fixtures.bytes(Fixtures.file("java/classes/" + P + c + ".class")));
        }
        for (String n : List.of("linux-x86_64/libnatives.so", "linux-aarch64/libnatives.so", "linux-x86_64/libdemo.so")) {
            demo.put("natives/" + n, Fixtures.bytes(Fixtures.file("jni/natives/" + n)));
        }
        java.util.Map<String, byte[]> onload = new java.util.LinkedHashMap<>();
        onload.put(P + "under_score/My_Lib.class", Fixtures.bytes(Fixtures.file("java/classes/" + P + "under_score/My_Lib.class")));
        onload.put("natives/linux-x86_64/libmylib.so", Fixtures.bytes(Fixtures.file("jni/onload/linux-x86_64/libmylib.so")));
        writeJar(dir.resolve("demo.jar"), demo);
        writeJar(dir.resolve("onload.jar"), onload);
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
        dev.abilint.testing.CliRun run = dev.abilint.testing.CliRun.of("scan", "--format", "json",
                "--declared", declaredFiles().get(0), "--declared", declaredFiles().get(1),
                here.relativize(dir.resolve("demo.jar")).toString(), here.relativize(dir.resolve("onload.jar")).toString());
        assertEquals(1, run.exitCode(), run.stderr());
        String prefix = here.relativize(dir) + "/";
        Set<String> got = new TreeSet<>();
        for (com.fasterxml.jackson.databind.JsonNode f : run.json().get("findings")) {
            got.add(f.get("ruleId").asText() + " " + f.get("severity").asText() + " "
                    + f.get("location").asText().replace(prefix, "") + " | " + f.get("message").asText());
        }
        assertEquals(expectedOnTheDemoJars(), got);
    }

    private static void writeJar(java.nio.file.Path jar, java.util.Map<String, byte[]> entries) throws Exception {
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.zip.ZipEntry("META-INF/MANIFEST.MF"));
            out.write("Manifest-Version: 1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (java.util.Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                out.write(e.getValue());
            }
        }
    }

    static Set<String> expectedOnTheDemoJars() {
        String h = Fixtures.file("jni/demo.h").toString();
        String py = Fixtures.file("jni/demo_ffi.py").toString();
        Set<String> want = new TreeSet<>(List.of(
                "jni-native-method-unbound error " + NATIVES + " | 3 native methods of Natives have no JNI export in the "
                        + "libraries shipped for " + BOTH + ": add([Ljava/util/List;[[I)V, "
                        + "peek()Ljava/lang/Object; (on linux-aarch64-glibc), ünïcödé_名前(C)V; calling them throws UnsatisfiedLinkError there",
                unbound("demo.jar!/dev/abilint/fixture/jni/Natives$Inner$Deeper.class",
                        "Natives.Inner.Deeper.poke(Ldev/abilint/fixture/jni/Natives$Inner;)V", BOTH),
                unbound("demo.jar!/dev/abilint/fixture/jni/Odd$Name.class", "Odd.Name.hello()V", BOTH),
                "jni-native-method-unbound note onload.jar!/dev/abilint/fixture/under_score/My_Lib.class | 3 native "
                        + "methods of My_Lib (_leading(I)V, trailing_()V, a__b()V) have no JNI export on linux-x86_64-glibc, "
                        + "but libmylib.so exports JNI_OnLoad and may bind them with RegisterNatives: this cannot be "
                        + "verified statically",
                "jni-export-orphan note demo.jar!/natives/linux-aarch64/libnatives.so | Java_dev_abilint_fixture_jni_Renamed_hello"
                        + " is for dev.abilint.fixture.jni.Renamed.hello, which no class in this scan declares: there is no "
                        + "class dev.abilint.fixture.jni.Renamed in this scan. The export binds nothing and loading is not "
                        + "affected; it is dead code, or a leftover of a method renamed or removed in Java (a renamed method "
                        + "is reported by jni-native-method-unbound)",
                "jni-export-orphan note demo.jar!/natives/linux-aarch64/libnatives.so | 1 JNI export of library natives "
                        + "(e.g. Java_org_gone_Shaded_run) is for classes of org.gone, which are not in the scan: if those "
                        + "classes ship in another jar, scan them together; if they were relocated, these exports can never bind",
                declared("demo.jar!/dev/abilint/fixture/jna/Demo.class", "demo_missing_jna",
                        "JNA interface dev.abilint.fixture.jna.Demo"),
                declared(h, "demo_missing_header", "header"),
                declared(py, "demo_missing_cffi", "cffi cdef"),
                declared(py, "demo_missing_ctypes", "ctypes use"),
                "native-platform-missing error demo.jar | native library demo is missing for linux-aarch64-glibc, which this "
                        + "jar ships other natives for: loading it fails there",
                "native-glibc-floor note demo.jar!/natives/linux-aarch64/libnatives.so | needs glibc 2.25: the oldest Linux it loads on",
                "native-glibc-floor note demo.jar!/natives/linux-x86_64/libnatives.so | needs glibc 2.25: the oldest Linux it loads on",
                "native-library-name-mismatch error onload.jar!/dev/abilint/fixture/under_score/My_Lib.class | loads library "
                        + "\"my_lib\", but the jar has no library of that name; it has libmylib.so (library \"mylib\")",
                // one note per jar, naming every library and architecture without a musl build
                "native-musl-missing note demo.jar | 2 native libraries demo (x86_64), natives (aarch64, x86_64) have a "
                        + "glibc build but no musl build: the jar does not work on Alpine and other musl systems",
                "native-musl-missing note onload.jar | native library mylib (x86_64) has a glibc build but no musl "
                        + "build: the jar does not work on Alpine and other musl systems"));
        return want;
    }


    @Test
    void targetsTurnPlatformsAndGlibcIntoErrors() {
        List<Finding> findings = JniFixtureAnalysis.run(demo().analysis(),
                targets(List.of("linux-x86_64", "macos-arm64"), "2.17", List.of()));
        Set<String> platformMissing = new TreeSet<>();
        Set<String> glibc = new TreeSet<>();
        for (Finding f : findings) {
            if (f.ruleId().equals("native-platform-missing")) {
                platformMissing.add(f.location() + " " + f.evidence().get("library") + " " + f.evidence().get("missing"));
            }
            if (f.ruleId().equals("native-glibc-floor")) {
                glibc.add(f.severity() + " " + f.location() + " " + f.evidence().get("symbols"));
            }
        }
        assertEquals(Set.of("demo.jar demo [macos-arm64]", "demo.jar natives [macos-arm64]", "onload.jar mylib [macos-arm64]"),
                platformMissing);
        assertEquals(Set.of("ERROR demo.jar!/natives/linux-aarch64/libnatives.so [getrandom@GLIBC_2.25]",
                "ERROR demo.jar!/natives/linux-x86_64/libnatives.so [getrandom@GLIBC_2.25]"), glibc);
        // without declaration files, only the JNA interface's missing function is reported
        assertEquals(1, findings.stream().filter(f -> f.ruleId().equals("declared-symbol-missing")).count());
    }

    @Test
    void unboundEvidenceNamesBothJniNamesAndWhereTheMethodIsBound() {
        Finding natives = JniFixtureAnalysis.run(demo().analysis(), Targets.none()).stream()
                .filter(f -> f.ruleId().equals("jni-native-method-unbound") && f.message().contains("peek"))
                .findFirst().orElseThrow();
        assertEquals("dev.abilint.fixture.jni.Natives", natives.evidence().get("class"));
        Map<?, ?> peek = methods(natives).stream().filter(m -> m.get("method").equals("peek()Ljava/lang/Object;"))
                .findFirst().orElseThrow();
        assertEquals(List.of("Java_dev_abilint_fixture_jni_Natives_peek",
                "Java_dev_abilint_fixture_jni_Natives_peek__"), peek.get("expected"));
        assertEquals(List.of("linux-aarch64-glibc"), peek.get("missingOn"));
        assertEquals(List.of("linux-x86_64-glibc"), peek.get("boundOn"));
        assertEquals(3, methods(natives).size());
        assertEquals(List.of("linux-aarch64-glibc", "linux-x86_64-glibc"), natives.evidence().get("missingOn"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> methods(Finding f) {
        return (List<Map<?, ?>>) f.evidence().get("methods");
    }

    /** Odd$Name.hello defined in C++ without extern "C": the finding says so and names the mangled export. */
    @Test
    void aCppMangledExportIsNamedInTheUnboundFinding() {
        JniFixtureAnalysis a = new JniFixtureAnalysis().jar("cpp.jar");
        a.javaClass("cpp.jar", P + "jni/Odd$Name");
        a.elf("cpp.jar!/natives/linux-x86_64/libcppnatives.so", "jni/cpp/linux-x86_64/libcppnatives.so", linux("x86_64"));
        List<Finding> unbound = JniFixtureAnalysis.run(a.analysis(), Targets.none()).stream()
                .filter(f -> f.ruleId().equals("jni-native-method-unbound")).toList();
        assertEquals(1, unbound.size(), unbound.toString());
        Finding f = unbound.get(0);
        assertEquals(Severity.ERROR, f.severity());
        String mangled = "_Z48Java_dev_abilint_fixture_jni_Odd_00024Name_helloPPvS_";
        assertTrue(f.message().contains("C++-mangled name (" + mangled + ")") && f.message().contains("extern \"C\""),
                f.message());
        assertEquals(List.of(mangled), f.evidence().get("cppMangledExports"));
        assertTrue(f.fix().contains("extern \"C\""), f.fix());
        // the demo jar's libnatives has no mangled export: nothing said about C++ there
        assertTrue(JniFixtureAnalysis.run(demo().analysis(), Targets.none()).stream()
                .noneMatch(g -> g.message().contains("C++")));
    }

    @Test
    void jniNamesInsideMangledExports() {
        assertEquals("Java_a_B_c", JniNativeMethodUnbound.embeddedJniName("_Z10Java_a_B_cP7JNIEnv_P7_jclass"));
        assertEquals("Java_a_B_c", JniNativeMethodUnbound.embeddedJniName("?Java_a_B_c@@YAXPEAUJNIEnv_@@PEAV_jclass@@@Z"));
        assertEquals(null, JniNativeMethodUnbound.embeddedJniName("_ZN3foo3barEv"));
        assertEquals(null, JniNativeMethodUnbound.embeddedJniName("_Z99Java_short"));
        assertEquals(null, JniNativeMethodUnbound.embeddedJniName("Java_a_B_c"));
    }

    @Test
    void theMatrixIsRecordedInTheArtifactFacts() {
        Analysis analysis = demo().analysis();
        JniFixtureAnalysis.run(analysis, Targets.none());
        Artifact jar = analysis.artifacts().get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> matrix = (Map<String, Object>) jar.getFacts().get("nativeMatrix");
        assertEquals(List.of("linux-aarch64-glibc", "linux-x86_64-glibc"), matrix.get("platforms"));
        assertEquals(Map.of("demo", Map.of("linux-aarch64-glibc", "missing", "linux-x86_64-glibc", "present"),
                "natives", Map.of("linux-aarch64-glibc", "present", "linux-x86_64-glibc", "present")), matrix.get("libraries"));
    }

    @Test
    void aNativesOnlyJarGivesNotesNotErrors() {
        JniFixtureAnalysis a = new JniFixtureAnalysis().jar("natives-linux.jar");
        a.elf("natives-linux.jar!/natives/linux-x86_64/libnatives.so", "jni/natives/linux-x86_64/libnatives.so",
                linux("x86_64"));
        Set<String> got = new TreeSet<>();
        List<Finding> orphans = new java.util.ArrayList<>();
        for (Finding f : JniFixtureAnalysis.run(a.analysis(), Targets.none())) {
            got.add(f.ruleId() + " " + f.severity());
            if (f.ruleId().equals("jni-export-orphan")) {
                orphans.add(f);
            }
        }
        // Every Java_ export is unjudgeable without the classes; nothing is an error, and one note per
        // library says so (a natives-only jar of a big library would otherwise give thousands of notes).
        assertTrue(got.stream().noneMatch(s -> s.contains("ERROR")), got.toString());
        assertEquals(1, orphans.size(), orphans.toString());
        Finding note = orphans.get(0);
        assertEquals(Severity.NOTE, note.severity());
        assertEquals("natives", note.evidence().get("library"));
        assertTrue(((List<?>) note.evidence().get("exports")).contains("Java_dev_abilint_fixture_jni_Natives_peek"),
                note.toString());
        assertTrue((Integer) note.evidence().get("count") >= 5, note.toString());
    }

    @Test
    void pageAlignmentFiresOnlyOnThe4kAarch64Build() {
        JniFixtureAnalysis a = new JniFixtureAnalysis();
        a.elf("page.jar!/natives/linux-aarch64/libnatives.so", "jni/page4k/linux-aarch64/libnatives.so", linux("aarch64"));
        a.elf("ok.jar!/natives/linux-aarch64/libnatives.so", "jni/natives/linux-aarch64/libnatives.so", linux("aarch64"));
        a.elf("x86.jar!/natives/linux-x86_64/libnatives.so", "jni/natives/linux-x86_64/libnatives.so", linux("x86_64"));
        Set<String> got = new TreeSet<>();
        for (Finding f : JniFixtureAnalysis.run(a.analysis(), Targets.none())) {
            if (f.ruleId().equals("native-page-alignment")) {
                got.add(f.location() + " " + f.evidence().get("loadAlignment"));
            }
        }
        assertEquals(Set.of("page.jar!/natives/linux-aarch64/libnatives.so 4096"), got);
    }

    @Test
    void noClassesAndNoNativesNoFindings() {
        assertTrue(JniFixtureAnalysis.run(new JniFixtureAnalysis().analysis(), Targets.none()).isEmpty());
        JniFixtureAnalysis classesOnly = new JniFixtureAnalysis().jar("demo.jar");
        classesOnly.javaClass("demo.jar", P + "jni/Natives").javaClass("demo.jar", P + "jna/Demo");
        assertTrue(JniFixtureAnalysis.run(classesOnly.analysis(), Targets.none()).isEmpty());
    }

    /** Needs the Mach-O and PE readers (branches macho, pe): skipped until Readers has them. */
    @Test
    void macosAndWindowsBuildsJoinTheMatrix() {
        assumeTrue(Readers.forFormat(Format.MACHO) != null && Readers.forFormat(Format.PE) != null,
                "Mach-O/PE readers not merged yet");
        JniFixtureAnalysis a = demo();
        assertTrue(a.binary("demo.jar!/natives/macos-arm64/libnatives.dylib", "jni/natives/macos-arm64/libnatives.dylib",
                new Platform("macos", "arm64", null)));
        assertTrue(a.binary("demo.jar!/natives/windows-x86_64/natives.dll", "jni/natives/windows-x86_64/natives.dll",
                new Platform("windows", "x86_64", null)));
        List<Finding> findings = JniFixtureAnalysis.run(a.analysis(), Targets.none());
        Finding natives = findings.stream().filter(f -> f.ruleId().equals("jni-native-method-unbound")
                && f.message().contains("peek")).findFirst().orElseThrow();
        Map<?, ?> peek = methods(natives).stream().filter(m -> m.get("method").equals("peek()Ljava/lang/Object;"))
                .findFirst().orElseThrow();
        assertEquals(List.of("linux-aarch64-glibc"), peek.get("missingOn"));
        Finding demoMissing = findings.stream().filter(f -> f.ruleId().equals("native-platform-missing")
                && "demo".equals(f.evidence().get("library"))).findFirst().orElseThrow();
        // macOS and Windows: the jar ships natives there, but demo is built for Linux only, which may be by design;
        // a missing Linux architecture is a gap
        assertEquals(List.of("linux-aarch64-glibc"), demoMissing.evidence().get("missing"));
        assertFalse(findings.stream().anyMatch(f -> f.ruleId().equals("native-library-name-mismatch")
                && f.location().contains("Natives")), "natives.dll and libnatives.dylib are the names the JVM maps");
    }

    @Test
    void declaredFileThatDoesNotExistIsAUsageError() {
        CliRun run = CliRun.of("scan", "--declared", "/nonexistent/demo.h", Fixtures.file("jni/demo.h").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("--declared"), run.stderr());
    }
}
