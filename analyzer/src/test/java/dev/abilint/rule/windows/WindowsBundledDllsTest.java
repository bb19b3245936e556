package dev.abilint.rule.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * fixtures/build-pe-vcruntime.sh: libusecpp.dll imports _Mtx_init_in_situ from msvcp140.dll, and a stand-in
 * msvcp140.dll exports it. Both are linked by lld-link (linker 14.0); each case writes the linker versions
 * Visual Studio's toolsets write into the optional header (fixtures/pe-vcruntime/*.llvm-readobj.txt shows the
 * fields), as delvewheel's own test does with a 14.34 and a 14.40 msvcp140.dll.
 */
class WindowsBundledDllsTest {

    @ParameterizedTest(name = "user {0}, msvcp140.dll {1} named {2}")
    @CsvSource({
        // delvewheel's test_toolset_too_old: a 14.44 build with the 14.34 runtime
        "14.44, 14.34, msvcp140.dll,                                  windows-vc-runtime-older-than-toolset windows-dll-name-not-mangled",
        "14.40, 14.29, msvcp140.dll,                                  windows-vc-runtime-older-than-toolset windows-dll-name-not-mangled",
        // the same tens digit is fine (17.11 links 14.41 and works with the 14.40 runtime), newer is fine
        "14.41, 14.40, msvcp140.dll,                                  windows-dll-name-not-mangled",
        "14.38, 14.44, msvcp140.dll,                                  windows-dll-name-not-mangled",
        // lld-link's 14.0 and GNU ld's 2.x say nothing about a Visual Studio toolset
        "14.0,  14.29, msvcp140.dll,                                  windows-dll-name-not-mangled",
        "2.40,  14.29, msvcp140.dll,                                  windows-dll-name-not-mangled",
        // delvewheel's mangled name: no clash, and still recognised as the runtime
        "14.44, 14.34, msvcp140-0123456789abcdef0123456789abcdef.dll, windows-vc-runtime-older-than-toolset",
        "14.44, 14.44, msvcp140-0123456789abcdef0123456789abcdef.dll, ",
    })
    void bundledRuntimeAgainstTheToolset(String user, String runtime, String runtimeName, String expected,
            @TempDir Path dir) throws Exception {
        boolean mangled = !runtimeName.equals("msvcp140.dll");
        byte[] usecpp = Fixtures.bytes(Fixtures.file(mangled ? "pe-vcruntime/libusecpp-mangled.dll"
                : "pe-vcruntime/libusecpp.dll"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("demo/libusecpp.dll", linker(usecpp, user));
        files.put("demo/" + runtimeName, linker(Fixtures.bytes(Fixtures.file("pe-vcruntime/msvcp140.dll")), runtime));
        Path wheel = dir.resolve("demo-1.0-cp312-cp312-win_amd64.whl");
        Files.write(wheel, TestArchivesAccess.wheel("demo-1.0.dist-info", "cp312-cp312-win_amd64", false, files));
        JsonNode report = CliRun.of("scan", "--format", "json", wheel.toString()).json();
        assertEquals(expectedSet(expected), rulesOf(report));
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals("windows-vc-runtime-older-than-toolset")) {
                assertEquals("warning", f.get("severity").asText());
                assertTrue(f.get("location").asText().endsWith("demo/libusecpp.dll"));
                assertEquals(runtime, f.at("/evidence/runtimes/0/linkerVersion").asText());
            }
            if (f.get("ruleId").asText().equals("windows-dll-name-not-mangled")) {
                assertEquals("note", f.get("severity").asText());
                assertTrue(f.get("location").asText().endsWith("demo/msvcp140.dll"));
            }
        }
    }

    /** Sets MajorLinkerVersion and MinorLinkerVersion (optional header bytes 2 and 3) to {@code version}. */
    static byte[] linker(byte[] pe, String version) {
        byte[] out = pe.clone();
        int lfanew = (out[0x3c] & 0xff) | (out[0x3d] & 0xff) << 8 | (out[0x3e] & 0xff) << 16 | (out[0x3f] & 0xff) << 24;
        int optional = lfanew + 4 + 20;
        String[] parts = version.split("\\.");
        out[optional + 2] = (byte) Integer.parseInt(parts[0]);
        out[optional + 3] = (byte) Integer.parseInt(parts[1]);
        return out;
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
