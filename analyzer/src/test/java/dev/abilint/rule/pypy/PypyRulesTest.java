package dev.abilint.rule.pypy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.rule.data.InterpreterCApi;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PyPy modules built by fixtures/build-pypy.sh, in the release directories of fixtures/build-release.py. */
class PypyRulesTest {

    private static List<JsonNode> findings(JsonNode report, String rule) {
        List<JsonNode> out = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("ruleId").asText().equals(rule)) {
                out.add(f);
            }
        });
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void tableReadFromPypysOwnExports() {
        InterpreterCApi.Release py39 = InterpreterCApi.pypy().release("3.9");
        assertEquals("7.3.11", py39.version());
        assertTrue(py39.exports().contains("PyPyList_Append"));
        assertTrue(py39.exports().contains("PyModule_AddType"), "exported in CPython's spelling");
        assertFalse(py39.exports().contains("PyPyList_GetItemRef"));
        assertTrue(py39.provided().contains("Py_INCREF"), "a macro of PyPy's headers");
        // declared by pypy_macros.h but not exported by 7.3.11; 7.3.19 exports it
        assertFalse(py39.provided().contains("PyImport_ImportModuleLevel"));
        assertTrue(InterpreterCApi.pypy().release("3.11").provided().contains("PyImport_ImportModuleLevel"));
        assertNull(InterpreterCApi.pypy().release("3.10"));
        assertEquals("3.11", InterpreterCApi.pypy().newest().key());
    }

    @Test
    void aPypyModuleImportingWhatItsPypyLacksIsAnErrorNamingIt() {
        JsonNode report = CliRun.of("scan", "--format", "json", Fixtures.root().resolve("release/pypy").toString()).json();
        List<JsonNode> found = findings(report, "pypy-c-api-missing");
        assertEquals(2, found.size(), found.toString());
        JsonNode error = found.stream().filter(f -> f.get("severity").asText().equals("error")).findFirst().orElseThrow();
        assertTrue(error.get("location").asText().endsWith("pp39-pypy39_pp73-manylinux_2_17_x86_64.whl!/pypydemo/"
                + "_core.pypy39-pp73-x86_64-linux-gnu.so"), error.toString());
        assertEquals(List.of("PyPyList_GetItemRef"), texts(error.get("evidence").get("symbols")));
        assertEquals("7.3.11", error.get("evidence").get("release").asText());
        JsonNode note = found.stream().filter(f -> f.get("severity").asText().equals("note")).findFirst().orElseThrow();
        assertTrue(note.get("location").asText().contains("_core.pypy310-pp73"), note.toString());
        assertTrue(note.get("message").asText().contains("does not cover"), note.toString());
        // the release has PyPy wheels: no portability note
        assertEquals(0, findings(report, "pypy-port-c-api-missing").size());
    }

    @Test
    void aPypyWheelAloneIsJudgedToo() {
        JsonNode report = CliRun.of("scan", "--format", "json", Fixtures.file(
                "release/pypy/pypydemo-1.0-pp39-pypy39_pp73-manylinux_2_17_x86_64.whl").toString()).json();
        assertEquals(1, findings(report, "pypy-c-api-missing").size());
        report = CliRun.of("scan", "--format", "json", Fixtures.file(
                "release/pypy/pypydemo-1.0-pp311-pypy311_pp73-manylinux_2_17_x86_64.whl").toString()).json();
        assertEquals(0, findings(report, "pypy-c-api-missing").size(), "the clean module imports only what 7.3.19 exports");
    }

    @Test
    void aReleaseWithoutPypyWheelsGetsOnePortabilityNote() {
        JsonNode report = CliRun.of("scan", "--format", "json", Fixtures.root().resolve("release/cponly").toString()).json();
        List<JsonNode> found = findings(report, "pypy-port-c-api-missing");
        assertEquals(1, found.size(), found.toString());
        assertEquals("note", found.get(0).get("severity").asText());
        assertEquals(List.of("PyList_GetItemRef"), texts(found.get(0).get("evidence").get("symbols")));
        JsonNode alone = CliRun.of("scan", "--format", "json", Fixtures.file(
                "release/cponly/cponly-1.0-cp312-cp312-manylinux_2_17_x86_64.whl").toString()).json();
        assertEquals(0, findings(alone, "pypy-port-c-api-missing").size(), "a wheel scanned alone is not a release");
    }

    @Test
    void aGraalpyModuleImportingWhatItsGraalpyLacksIsAnError() {
        assertEquals("24.2.1", InterpreterCApi.graalpy().release("242").version());
        assertTrue(InterpreterCApi.graalpy().release("242").exports().contains("PyList_Append"));
        JsonNode report = CliRun.of("scan", "--format", "json", Fixtures.file(
                "release/pypy/pypydemo-1.0-graalpy311-graalpy242_311_native-manylinux_2_17_x86_64.whl").toString()).json();
        List<JsonNode> found = findings(report, "graalpy-c-api-missing");
        assertEquals(1, found.size(), found.toString());
        assertEquals("error", found.get(0).get("severity").asText());
        assertEquals(List.of("PyList_GetItemRef"), texts(found.get(0).get("evidence").get("symbols")));
        assertEquals(0, findings(report, "pypy-c-api-missing").size());
    }
}
