package dev.abilint.rule.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.artifact.TestArchivesAccess;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** windows-dll-not-bundled on the PE fixtures: interpreter DLLs and data files are not judged. */
class WindowsRulesTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "python3.dll, true", "python312.dll, true", "python313t.dll, true", "python312_d.dll, true",
        "python313t_d.dll, true", "PYTHON313T.DLL, true", "libpypy3.10-c.dll, true", "libpypy3.11-c.dll, true",
        "libpypy3-c.dll, true", "libpypy-c.dll, true", "python-native.dll, true", "libpython3.12.dll, true",
        "pythoncom312.dll, false", "simpledll.dll, false", "python.dll, false", "libpypy.dll, false",
        "msvcp140.dll, false", "python-native2.dll, false",
    })
    void theInterpretersOwnDllsAreKnown(String dll, boolean interpreter) {
        assertEquals(interpreter, WindowsDlls.isInterpreter(dll));
        assertFalse(WindowsDlls.isSystem(dll) && !dll.equalsIgnoreCase("python3.dll") && interpreter);
    }

    /** demo312.cp312-win_amd64.pyd with its python312.dll import renamed (same length). */
    private static byte[] demoLinking(String dll) {
        byte[] bytes = Fixtures.bytes(Fixtures.file("pe/demo312.cp312-win_amd64.pyd"));
        byte[] from = "python312.dll".getBytes(StandardCharsets.US_ASCII);
        byte[] to = dll.getBytes(StandardCharsets.US_ASCII);
        assertEquals(from.length, to.length);
        int at = -1;
        outer:
        for (int i = 0; i + from.length <= bytes.length; i++) {
            for (int j = 0; j < from.length; j++) {
                if (bytes[i + j] != from[j]) {
                    continue outer;
                }
            }
            at = i;
            break;
        }
        assertTrue(at > 0);
        System.arraycopy(to, 0, bytes, at, to.length);
        return bytes;
    }

    private static List<JsonNode> notBundled(Path wheel) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : CliRun.of("scan", "--format", "json", "--fail-on", "never", wheel.toString()).json().get("findings")) {
            if (f.get("ruleId").asText().equals("windows-dll-not-bundled")) {
                out.add(f);
            }
        }
        return out;
    }

    private static Path wheel(Path dir, String name, String tags, Map<String, byte[]> files) throws Exception {
        Path wheel = dir.resolve(name + "-1.0-" + tags + ".whl");
        Files.write(wheel, TestArchivesAccess.wheel(name + "-1.0.dist-info", tags, false, files));
        return wheel;
    }

    @Test
    void pypysDllIsProvidedByPypyAnotherDllIsNot(@TempDir Path dir) throws Exception {
        Path pypy = wheel(dir, "pp", "pp310-pypy310_pp73-win_amd64",
                Map.of("demo.pypy310-pp73-win_amd64.pyd", demoLinking("libpypy-c.dll")));
        assertEquals(List.of(), notBundled(pypy));
        Path other = wheel(dir, "other", "pp310-pypy310_pp73-win_amd64",
                Map.of("demo.pypy310-pp73-win_amd64.pyd", demoLinking("libfoo123.dll")));
        List<JsonNode> found = notBundled(other);
        assertEquals(1, found.size(), found.toString());
        assertEquals("libfoo123.dll", found.get(0).get("evidence").get("library").asText());
    }

    @Test
    void aDllInstalledAsDataIsNotJudged(@TempDir Path dir) throws Exception {
        byte[] dll = Fixtures.bytes(Fixtures.file("pe/delayed.dll"));
        Path data = wheel(dir, "data", "cp312-cp312-win_amd64", Map.of("data-1.0.data/data/delayed.dll", dll));
        assertEquals(List.of(), notBundled(data));
        Path headers = wheel(dir, "hdr", "cp312-cp312-win_amd64", Map.of("hdr-1.0.data/headers/delayed.dll", dll));
        assertEquals(List.of(), notBundled(headers));
        // the same DLL in the package, in platlib, or in scripts is loaded, and its helper.dll is missing
        for (String member : new String[] {"demo/delayed.dll", "pl-1.0.data/platlib/demo/delayed.dll",
                "pl-1.0.data/scripts/delayed.dll"}) {
            Path loaded = wheel(dir, "pl", "cp312-cp312-win_amd64", Map.of(member, dll));
            List<JsonNode> found = notBundled(loaded);
            assertEquals(1, found.size(), member + ": " + found);
            assertEquals("helper.dll", found.get(0).get("evidence").get("library").asText());
        }
    }
}
