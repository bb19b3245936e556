package dev.abilint.rule.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each Python fixture module scanned on its own with --manylinux 2_17 --python 3.8: exactly the
 * rules that should fire do, and clean modules produce nothing.
 */
class PythonRulesOnLooseModulesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "good.cpython-312-x86_64-linux-gnu.so          | ",
        "good.cpython-312-aarch64-linux-gnu.so         | ",
        "_clean3.abi3.so                               | ",
        "_ftgood.abi3t.so                              | ",
        "ftsyms.cpython-313t-x86_64-linux-gnu.so       | export-namespace-pollution",
        "_abi3demo.abi3.so                             | abi3-symbol-newer-than-floor abi3-symbol-outside-stable-abi export-namespace-pollution",
        "_ftbad.abi3t.so                               | abi3t-incompatible export-namespace-pollution",
        "debugsyms.cpython-312-x86_64-linux-gnu.so     | python-build-flavour-mismatch",
        "ftsyms.cpython-313-x86_64-linux-gnu.so        | python-build-flavour-mismatch export-namespace-pollution",
        "legacy.cpython-312-x86_64-linux-gnu.so        | borrowed-reference-api module-single-phase-init private-c-api export-namespace-pollution",
        "misnamed.cpython-312-x86_64-linux-gnu.so      | module-init-missing",
        "newglibc.cpython-312-x86_64-linux-gnu.so      | linux-glibc-symbol-too-new",
        "needsfoo.cpython-312-x86_64-linux-gnu.so      | linux-library-not-allowed",
        "linkspy.cpython-312-x86_64-linux-gnu.so       | libpython-linked",
        "rpathabs.cpython-312-x86_64-linux-gnu.so      | linux-rpath-absolute",
        "good.cpython-312-x86_64-linux-musl.so         | linux-libc-mismatch",
    })
    void firesExactlyTheRulesItShould(String fixture, String expected) {
        CliRun run = CliRun.of("scan", "--format", "json", "--manylinux", "2_17", "--python", "3.8",
                Fixtures.file("python/" + fixture).toString());
        Set<String> want = new TreeSet<>(expected == null ? Set.of() : Set.of(expected.trim().split("\\s+")));
        Set<String> got = new TreeSet<>();
        for (JsonNode f : run.json().get("findings")) {
            got.add(f.get("ruleId").asText());
        }
        assertEquals(want, got, () -> run.stdout());
        boolean anyError = false;
        for (JsonNode f : run.json().get("findings")) {
            anyError |= f.get("severity").asText().equals("error");
        }
        assertEquals(anyError ? 1 : 0, run.exitCode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "newglibc.cpython-312-x86_64-linux-gnu.so | symbols=arc4random@GLIBC_2.36 needed=GLIBC_2.36 lowestAllowing=manylinux_2_36_x86_64",
        "_abi3demo.abi3.so                        | symbols=PyList_GetItemRef~(3.13) addedIn=3.13 floor=3.8",
        "legacy.cpython-312-x86_64-linux-gnu.so   | symbols=PyList_GetItem replacements=PyList_GetItem~->~PyList_GetItemRef~(Python~3.13+):",
    })
    void findingsNameTheSymbolAndTheVersion(String fixture, String evidence) {
        JsonNode findings = CliRun.of("scan", "--format", "json", "--manylinux", "2_17", "--python", "3.8",
                Fixtures.file("python/" + fixture).toString()).json().get("findings");
        boolean found = false;
        for (JsonNode f : findings) {
            JsonNode e = f.get("evidence");
            // name=value: a plain value equals it, a list holds an item that starts with it ('~' for a space)
            found |= e != null && Arrays.stream(evidence.trim().split(" ")).allMatch(kv -> {
                String[] parts = kv.split("=", 2);
                String want = parts[1].replace("~", " ");
                if (!e.has(parts[0])) {
                    return false;
                }
                JsonNode v = e.get(parts[0]);
                if (v.isArray()) {
                    for (JsonNode item : v) {
                        if (item.asText().startsWith(want)) {
                            return true;
                        }
                    }
                    return false;
                }
                return v.asText().equals(want);
            });
        }
        assertTrue(found, () -> "no finding with " + evidence + " in " + findings);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"3.13t, warning", "3.12, note"})
    void borrowedReferencesMatterMoreForFreeThreadedTargets(String python, String severity) {
        JsonNode findings = CliRun.of("scan", "--format", "json", "--python", python,
                Fixtures.file("python/legacy.cpython-312-x86_64-linux-gnu.so").toString()).json().get("findings");
        for (JsonNode f : findings) {
            if (f.get("ruleId").asText().equals("borrowed-reference-api")) {
                assertEquals(severity, f.get("severity").asText());
                return;
            }
        }
        throw new AssertionError("no borrowed-reference-api finding");
    }
}
