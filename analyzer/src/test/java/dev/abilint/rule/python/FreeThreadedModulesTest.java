package dev.abilint.rule.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 3.13t modules of fixtures/build-freethreaded.sh in ELF, Mach-O and PE: the slot array read from each
 * binary's data (what the C source puts there), the facts derived from it, and which of
 * free-threaded-module-enables-gil / module-static-types fire.
 */
class FreeThreadedModulesTest {
    private static final String EXEC = "Py_mod_exec=pointer";
    private static final String NOT_USED = EXEC + ",Py_mod_multiple_interpreters=Py_MOD_PER_INTERPRETER_GIL_SUPPORTED,"
            + "Py_mod_gil=Py_MOD_GIL_NOT_USED";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "elf/ft_not_used.cpython-313t-x86_64-linux-gnu.so     | multi-phase  | NOT_USED | not-used | per-interpreter-gil | ",
        "elf/ft_not_used.cpython-313t-i386-linux-gnu.so       | multi-phase  | NOT_USED | not-used | per-interpreter-gil | ",
        "elf/ft_relr.cpython-313t-x86_64-linux-gnu.so         | multi-phase  | NOT_USED | not-used | per-interpreter-gil | ",
        "elf/ft_no_gil_slot.cpython-313t-x86_64-linux-gnu.so  | multi-phase  | EXEC     | used     | shared-gil          | free-threaded-module-enables-gil",
        "elf/ft_no_gil_slot.cpython-313t-aarch64-linux-gnu.so | multi-phase  | EXEC     | used     | shared-gil          | free-threaded-module-enables-gil",
        "elf/ft_gil_used.cpython-313t-x86_64-linux-gnu.so     | multi-phase  | Py_mod_exec=pointer,Py_mod_gil=Py_MOD_GIL_USED | used | shared-gil | free-threaded-module-enables-gil",
        "elf/ft_no_subinterp.cpython-313t-x86_64-linux-gnu.so | multi-phase  | Py_mod_exec=pointer,Py_mod_multiple_interpreters=Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED,Py_mod_gil=Py_MOD_GIL_NOT_USED | not-used | not-supported | module-static-types",
        "elf/ft_single.cpython-313t-x86_64-linux-gnu.so       | single-phase |          | used     | not-supported       | free-threaded-module-enables-gil module-static-types module-single-phase-init",
        "elf/ft_single_setgil.cpython-313t-x86_64-linux-gnu.so| single-phase |          | not-used | not-supported       | module-single-phase-init",
        "macho/ft_not_used.cpython-313t-darwin-arm64.so       | multi-phase  | NOT_USED | not-used | per-interpreter-gil | ",
        "macho/ft_not_used.cpython-313t-darwin-x86_64.so      | multi-phase  | NOT_USED | not-used | per-interpreter-gil | ",
        "macho/ft_no_gil_slot.cpython-313t-darwin-arm64.so    | multi-phase  | EXEC     | used     | shared-gil          | free-threaded-module-enables-gil",
        "macho/ft_single_setgil.cpython-313t-darwin-x86_64.so | single-phase |          | not-used | not-supported       | module-single-phase-init",
        "pe/ft_not_used.cp313t-win_amd64.pyd                  | multi-phase  | NOT_USED | not-used | per-interpreter-gil | ",
        "pe/ft_no_gil_slot.cp313t-win_amd64.pyd               | multi-phase  | EXEC     | used     | shared-gil          | free-threaded-module-enables-gil",
        "pe/ft_single.cp313t-win_amd64.pyd                    | single-phase |          | used     | not-supported       | free-threaded-module-enables-gil module-static-types module-single-phase-init",
        "pe/ft_single_setgil.cp313t-win_amd64.pyd             | single-phase |          | not-used | not-supported       | module-single-phase-init",
    })
    void readsTheSlotsAndJudgesTheGil(String fixture, String init, String slots, String gil, String subinterpreters,
            String rules) {
        String path = Fixtures.file("freethreaded/" + fixture.trim()).toString();
        JsonNode python = CliRun.of("inspect", "--format", "json", path).json().get("binaries").get(0).get("python");
        String module = fixture.trim().replaceAll("^.*/", "").replaceAll("\\..*$", "");
        assertEquals(module, python.get("module").asText());
        assertEquals(init, python.get("init").asText());
        assertEquals("read", python.get("def").asText());
        assertEquals(module, python.get("defName").asText());
        String want = slots == null ? "" : slots.equals("NOT_USED") ? NOT_USED : slots.equals("EXEC") ? EXEC : slots;
        List<String> got = new ArrayList<>();
        if (python.has("slots")) {
            for (JsonNode s : python.get("slots")) {
                got.add(s.get("name").asText() + "=" + s.get("value").asText());
            }
        }
        assertEquals(want, String.join(",", got));
        assertEquals(gil, python.get("gil").asText());
        assertEquals(subinterpreters, python.get("subinterpreters").asText());
        assertEquals(true, python.get("releasesGil").asBoolean());
        assertEquals("[\"PyMem_RawMalloc\",\"PyMem_RawFree\"]", python.get("allocators").get("PyMem_Raw").toString());

        JsonNode findings = CliRun.of("scan", "--format", "json", path).json().get("findings");
        Set<String> fired = new TreeSet<>();
        for (JsonNode f : findings) {
            String id = f.get("ruleId").asText();
            if (id.equals("free-threaded-module-enables-gil") || id.equals("module-static-types")
                    || id.equals("module-single-phase-init")) {
                fired.add(id);
            }
        }
        Set<String> expected = new TreeSet<>(rules == null ? Set.of() : Set.of(rules.trim().split("\\s+")));
        assertEquals(expected, fired);
    }

    private static String severityOf(JsonNode findings, String rule) {
        for (JsonNode f : findings) {
            if (f.get("ruleId").asText().equals(rule)) {
                return f.get("severity").asText();
            }
        }
        return null;
    }

    /** The HTML report has a row per module with the facts, escaped. */
    @org.junit.jupiter.api.Test
    void htmlReportListsTheModules() {
        String html = CliRun.of("scan", "--format", "html", Fixtures.file("freethreaded/pe/ft_single_setgil.cp313t-win_amd64.pyd").getParent().toString()).stdout();
        org.junit.jupiter.api.Assertions.assertTrue(html.contains("<code title=\"" + Fixtures.file(
                "freethreaded/pe/ft_single_setgil.cp313t-win_amd64.pyd") + "\">ft_single_setgil</code></th><td>single-phase</td>"
                + "<td>none</td><td>not-used (PyUnstable_Module_SetGIL)</td><td>not-supported</td><td>yes</td>"
                + "<td>PyMem_Raw, malloc</td><td>heap</td>"), html);
    }

    /**
     * The same module under a GIL build's name is not judged by the free-threading rule, and its borrowed
     * references (PyList_GetItem) are a note there but a warning in the free-threaded build.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"elf/ft_no_gil_slot.cpython-313t-x86_64-linux-gnu.so"})
    void notJudgedOutsideAFreeThreadedBuild(String fixture) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ft");
        java.nio.file.Path copy = dir.resolve("ft_no_gil_slot.cpython-313-x86_64-linux-gnu.so");
        java.nio.file.Files.copy(Fixtures.file("freethreaded/" + fixture), copy);
        JsonNode findings = CliRun.of("scan", "--format", "json", copy.toString()).json().get("findings");
        for (JsonNode f : findings) {
            assertEquals(false, f.get("ruleId").asText().equals("free-threaded-module-enables-gil"), f::toString);
        }
        assertEquals("note", severityOf(findings, "borrowed-reference-api"));
        assertEquals("warning", severityOf(CliRun.of("scan", "--format", "json", Fixtures.file("freethreaded/" + fixture)
                .toString()).json().get("findings"), "borrowed-reference-api"));
        java.nio.file.Files.delete(copy);
        java.nio.file.Files.delete(dir);
    }
}
