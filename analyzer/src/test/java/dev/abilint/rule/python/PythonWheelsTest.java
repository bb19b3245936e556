package dev.abilint.rule.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.artifact.TestArchivesAccess;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fixture modules packed into wheels with the right and the wrong tags, scanned with no options:
 * the wheel's own tags decide the policy, the ABI floor and the platform. Exact rule sets.
 */
class PythonWheelsTest {

    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource(delimiter = '|', value = {
        // right tags: silent
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl | good.cpython-312-x86_64-linux-gnu.so       | ",
        "demo-1.0-cp312-cp312-manylinux_2_17_aarch64.whl                      | good.cpython-312-aarch64-linux-gnu.so      | ",
        "demo-1.0-cp312-cp312-musllinux_1_2_x86_64.whl                        | good.cpython-312-x86_64-linux-musl.so      | ",
        "demo-1.0-cp38-abi3-manylinux_2_17_x86_64.whl                         | _clean3.abi3.so                            | ",
        "demo-1.0-cp313-cp313t-manylinux_2_17_x86_64.whl                      | ftsyms.cpython-313t-x86_64-linux-gnu.so    | export-namespace-pollution",
        "demo-1.0-cp312-cp312-manylinux_2_36_x86_64.whl                       | newglibc.cpython-312-x86_64-linux-gnu.so   | ",
        // wrong tags
        "demo-1.0-cp313-cp313-manylinux_2_17_x86_64.whl                       | good.cpython-312-x86_64-linux-gnu.so       | tag-binary-mismatch",
        "demo-1.0-cp312-cp312-manylinux_2_17_aarch64.whl                      | good.cpython-312-x86_64-linux-gnu.so       | tag-binary-mismatch",
        // good.* needs nothing from any C library, so it loads on musl too: nothing to say
        "demo-1.0-cp312-cp312-musllinux_1_2_x86_64.whl                        | good.cpython-312-x86_64-linux-gnu.so       | ",
        "demo-1.0-cp312-cp312-musllinux_1_2_x86_64.whl                        | newglibc.cpython-312-x86_64-linux-gnu.so   | linux-libc-mismatch",
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl                       | good.cpython-312-x86_64-linux-musl.so      | linux-libc-mismatch",
        "demo-1.0-py3-none-any.whl                                            | good.cpython-312-x86_64-linux-gnu.so       | wheel-pure-with-binaries",
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl                       | newglibc.cpython-312-x86_64-linux-gnu.so   | linux-glibc-symbol-too-new",
        "demo-1.0-cp38-abi3-manylinux_2_17_x86_64.whl                         | _abi3demo.abi3.so                          | abi3-symbol-newer-than-floor abi3-symbol-outside-stable-abi export-namespace-pollution",
        "demo-1.0-cp313-abi3-manylinux_2_17_x86_64.whl                        | _abi3demo.abi3.so                          | abi3-symbol-outside-stable-abi export-namespace-pollution",
        "demo-1.0-cp313-cp313-manylinux_2_17_x86_64.whl                       | ftsyms.cpython-313-x86_64-linux-gnu.so     | python-build-flavour-mismatch export-namespace-pollution",
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl                       | needsfoo.cpython-312-x86_64-linux-gnu.so   | linux-library-not-allowed",
        // a plain linux tag (before auditwheel repair) is judged against the widest policy, as auditwheel show does:
        // a library no policy allows is still said; symbols any policy allows are not
        "demo-1.0-cp312-cp312-linux_x86_64.whl                                | needsfoo.cpython-312-x86_64-linux-gnu.so   | linux-library-not-allowed",
        "demo-1.0-cp312-cp312-linux_x86_64.whl                                | newglibc.cpython-312-x86_64-linux-gnu.so   | ",
        "demo-1.0-cp312-cp312-linux_x86_64.whl                                | good.cpython-312-x86_64-linux-musl.so      | ",
        // built against a CPython 3.6 configured --with-fpectl: fails to import anywhere else, whatever the tag
        "demo-1.0-cp36-cp36m-manylinux_2_17_x86_64.whl                        | fpectl.cpython-36m-x86_64-linux-gnu.so     | python-build-flavour-mismatch",
        "demo-1.0-cp36-cp36m-linux_x86_64.whl                                 | fpectl.cpython-36m-x86_64-linux-gnu.so     | python-build-flavour-mismatch",
    })
    void wheelTagsDecide(String wheelName, String module, String expected, @TempDir Path dir) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("demo/__init__.py", new byte[0]);
        files.put("demo/" + module, Fixtures.bytes(Fixtures.file("python/" + module)));
        Path wheel = dir.resolve(wheelName);
        Files.write(wheel, TestArchivesAccess.wheel("demo-1.0.dist-info", wheelName.replaceFirst("^demo-1\\.0-", "")
                .replaceFirst("\\.whl$", ""), wheelName.contains("none-any"), files));
        assertEquals(expectedSet(expected), rulesOf(CliRun.of("scan", "--format", "json", wheel.toString()).json()));
    }

    @ParameterizedTest(name = "{1} as {2} in {0}")
    @CsvSource(delimiter = '|', value = {
        // Windows: demo.* links python3.dll, demo312.* links python312.dll; both use MinGW's msvcrt.dll (a warning).
        // The Windows and macOS fixture modules use single-phase init (PyModule_Create2): a note on each.
        "demo-1.0-cp38-abi3-win_amd64.whl                | pe/demo.cp312-win_amd64.pyd      | demo.pyd                  | windows-legacy-crt module-single-phase-init",
        "demo-1.0-cp312-cp312-win_amd64.whl              | pe/demo312.cp312-win_amd64.pyd   | demo.cp312-win_amd64.pyd  | windows-legacy-crt module-single-phase-init",
        "demo-1.0-cp38-abi3-win_amd64.whl                | pe/demo312.cp312-win_amd64.pyd   | demo.pyd                  | windows-python-dll-mismatch windows-legacy-crt module-single-phase-init",
        "demo-1.0-cp313-cp313-win_amd64.whl              | pe/demo312.cp312-win_amd64.pyd   | demo.pyd                  | windows-python-dll-mismatch windows-legacy-crt module-single-phase-init",
        "demo-1.0-cp312-cp312-win_arm64.whl              | pe/demo312.cp312-win_amd64.pyd   | demo.cp312-win_amd64.pyd  | tag-binary-mismatch windows-legacy-crt module-single-phase-init",
        "demo-1.0-cp312-cp312-win_amd64.whl              | pe/delayed.dll                   | delayed.dll               | windows-dll-not-bundled windows-legacy-crt",
        // CPython 3.6/3.7: the wheel's ABI tag says cp36m, the Windows file name has no m, the Linux one has
        "demo-1.0-cp36-cp36m-win_amd64.whl               | pe/demo.cp312-win_amd64.pyd      | demo.cp36-win_amd64.pyd   | windows-legacy-crt module-single-phase-init",
        "demo-1.0-cp36-cp36m-manylinux_2_17_x86_64.whl   | python/good.cpython-312-x86_64-linux-gnu.so | good.cpython-36m-x86_64-linux-gnu.so | ",
        "demo-1.0-cp37-cp37m-manylinux_2_17_x86_64.whl   | python/good.cpython-312-x86_64-linux-gnu.so | good.cpython-36m-x86_64-linux-gnu.so | tag-binary-mismatch",
        "demo-1.0-cp36-cp36m-win_amd64.whl               | pe/demo.cp312-win_amd64.pyd      | demo.cp37-win_amd64.pyd   | tag-binary-mismatch windows-legacy-crt module-single-phase-init",
        // macOS: an arm64 extension module built for macOS 11
        "demo-1.0-cp312-cp312-macosx_11_0_arm64.whl      | macho/demo.cpython-312-darwin.so | demo.cpython-312-darwin.so | module-single-phase-init",
        "demo-1.0-cp312-cp312-macosx_10_9_universal2.whl | macho/demo.cpython-312-darwin.so | demo.cpython-312-darwin.so | macos-arch-missing module-single-phase-init",
        "demo-1.0-cp312-cp312-macosx_10_13_x86_64.whl    | macho/demo.cpython-312-darwin.so | demo.cpython-312-darwin.so | tag-binary-mismatch module-single-phase-init",
        "demo-1.0-cp312-cp312-macosx_11_0_universal2.whl | macho/libplain-fat.dylib         | libplain.dylib            | ",
        "demo-1.0-cp312-cp312-macosx_10_9_universal2.whl | macho/libplain-fat.dylib         | libplain.dylib            | macos-min-version-above-tag",
        "demo-1.0-cp312-cp312-macosx_11_0_arm64.whl      | macho/libuser.dylib              | libuser.dylib             | macos-dylib-not-bundled",
    })
    void windowsAndMacosWheels(String wheelName, String fixture, String nameInWheel, String expected, @TempDir Path dir)
            throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("demo/" + nameInWheel, Fixtures.bytes(Fixtures.file(fixture)));
        Path wheel = dir.resolve(wheelName);
        Files.write(wheel, TestArchivesAccess.wheel("demo-1.0.dist-info", wheelName.replaceFirst("^demo-1\\.0-", "")
                .replaceFirst("\\.whl$", ""), false, files));
        assertEquals(expectedSet(expected), rulesOf(CliRun.of("scan", "--format", "json", wheel.toString()).json()));
    }

    @ParameterizedTest(name = "bundled: {0}")
    @CsvSource({"true, ", "false, linux-library-not-allowed"})
    void bundlingTheDependencySilencesTheLibraryRule(boolean bundled, String expected, @TempDir Path dir) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("demo/needsfoo.cpython-312-x86_64-linux-gnu.so",
                Fixtures.bytes(Fixtures.file("python/needsfoo.cpython-312-x86_64-linux-gnu.so")));
        if (bundled) {
            files.put("demo.libs/libfoo.so.1", Fixtures.bytes(Fixtures.file("python/libfoo.so.1")));
        }
        Path wheel = dir.resolve("demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl");
        Files.write(wheel, TestArchivesAccess.wheel("demo-1.0.dist-info", "cp312-cp312-manylinux_2_17_x86_64", false, files));
        assertEquals(expectedSet(expected), rulesOf(CliRun.of("scan", "--format", "json", wheel.toString()).json()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl, error", "demo-1.0-cp312-cp312-linux_x86_64.whl, note"})
    void aPlainLinuxTagMakesWhatRepairMustBundleANote(String wheelName, String severity, @TempDir Path dir)
            throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("demo/needsfoo.cpython-312-x86_64-linux-gnu.so",
                Fixtures.bytes(Fixtures.file("python/needsfoo.cpython-312-x86_64-linux-gnu.so")));
        Path wheel = dir.resolve(wheelName);
        Files.write(wheel, TestArchivesAccess.wheel("demo-1.0.dist-info", wheelName.replaceFirst("^demo-1\\.0-", "")
                .replaceFirst("\\.whl$", ""), false, files));
        Set<String> got = new TreeSet<>();
        for (JsonNode f : CliRun.of("scan", "--format", "json", wheel.toString()).json().get("findings")) {
            if (f.get("ruleId").asText().equals("linux-library-not-allowed")) {
                got.add(f.get("severity").asText());
            }
        }
        assertEquals(Set.of(severity), got, "libfoo.so.1 is in no policy");
    }

    private static Set<String> expectedSet(String expected) {
        return new TreeSet<>(expected == null ? Set.of() : Set.of(expected.trim().split("\\s+")));
    }

    private static Set<String> rulesOf(JsonNode report) {
        Set<String> out = new TreeSet<>();
        for (JsonNode f : report.get("findings")) {
            out.add(f.get("ruleId").asText());
        }
        return out;
    }
}
