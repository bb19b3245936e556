package dev.abilint.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Config files, severity overrides, suppressions, baselines and the --fail-on matrix, as CI meets them. */
class GatingTest {

    private static Path copy(String fixture, Path dir, String name) throws Exception {
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        Files.copy(Fixtures.file(fixture), target);
        return target;
    }

    private static List<String> rules(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            out.add(f.get("ruleId").asText() + ":" + f.get("severity").asText());
        }
        out.sort(null);
        return out;
    }

    /** legacy.* has one warning-level and two note-level rule families; execstack one error. */
    @ParameterizedTest(name = "fail-on {0} with {1}")
    @CsvSource({
        "error,   python/legacy.cpython-312-x86_64-linux-gnu.so, 0",
        "warning, python/legacy.cpython-312-x86_64-linux-gnu.so, 1",
        "note,    python/legacy.cpython-312-x86_64-linux-gnu.so, 1",
        "never,   python/legacy.cpython-312-x86_64-linux-gnu.so, 0",
        "error,   python/good.cpython-312-x86_64-linux-gnu.so,   0",
        "note,    python/good.cpython-312-x86_64-linux-gnu.so,   0",
        "error,   elf/x86_64/libexecstack.so,                    1",
        "warning, elf/x86_64/libexecstack.so,                    1",
        "never,   elf/x86_64/libexecstack.so,                    0",
    })
    void failOnMatrix(String failOn, String fixture, int exit) {
        CliRun run = CliRun.of("scan", "--format", "json", "--fail-on", failOn, Fixtures.file(fixture).toString());
        assertEquals(exit, run.exitCode(), run.stdout());
        assertEquals(exit == 1, run.json().get("summary").get("failed").asBoolean());
    }

    @Test
    void configFileIsFoundUpwardsAndTheCommandLineWins(@TempDir Path dir) throws Exception {
        Path module = copy("python/newglibc.cpython-312-x86_64-linux-gnu.so", dir, "pkg/build/newglibc.cpython-312-x86_64-linux-gnu.so");
        Files.writeString(dir.resolve("abilint.toml"), "manylinux = \"2_17\"\nfail-on = \"warning\"\n");
        CliRun fromConfig = CliRun.of("scan", "--format", "json", module.getParent().toString());
        assertEquals(1, fromConfig.exitCode());
        assertEquals(dir.resolve("abilint.toml").toString(), fromConfig.json().get("config").asText());
        assertTrue(rules(fromConfig.json()).contains("linux-glibc-symbol-too-new:error"));

        CliRun overridden = CliRun.of("scan", "--format", "json", "--manylinux", "2_36", module.toString());
        assertEquals(0, overridden.exitCode(), overridden.stdout());
        assertEquals(List.of(), rules(overridden.json()));
    }

    @Test
    void pyprojectToolTableAndSeverityOverrides(@TempDir Path dir) throws Exception {
        Path module = copy("python/legacy.cpython-312-x86_64-linux-gnu.so", dir, "legacy.cpython-312-x86_64-linux-gnu.so");
        Files.writeString(dir.resolve("pyproject.toml"), """
                [project]
                name = "demo"
                [tool.abilint.severity]
                private-c-api = "error"
                borrowed-reference-api = "off"
                """);
        CliRun run = CliRun.of("scan", "--format", "json", module.toString());
        assertEquals(1, run.exitCode());
        assertEquals(List.of("export-namespace-pollution:warning", "module-single-phase-init:note", "private-c-api:error"),
                rules(run.json()));
    }

    @Test
    void suppressionsNeedAJustificationApplyUntilTheyExpireAndUnusedOnesAreReported(@TempDir Path dir) throws Exception {
        Path module = copy("python/legacy.cpython-312-x86_64-linux-gnu.so", dir, "legacy.cpython-312-x86_64-linux-gnu.so");
        Path config = dir.resolve("abilint.toml");
        Files.writeString(config, """
                [[suppress]]
                rule = "private-c-api"
                match = "*legacy*"
                symbol = "_PyObject_*"
                justification = "fixed in 2.0"
                expires = 2999-01-01
                [[suppress]]
                rule = "export-namespace-pollution"
                match = "*legacy*"
                justification = "helpers are part of the API"
                expires = 2000-01-01
                [[suppress]]
                rule = "linux-textrel"
                match = "*"
                justification = "old"
                """);
        JsonNode report = CliRun.of("scan", "--format", "json", module.toString()).json();
        List<String> got = rules(report);
        assertTrue(!got.contains("private-c-api:warning"), "suppressed until 2999");
        assertTrue(got.contains("export-namespace-pollution:warning"), "the expired suppression no longer applies");
        assertTrue(got.contains("suppression-expired:warning"), got.toString());
        assertTrue(got.contains("suppression-unused:note"), got.toString());
        assertEquals(1, report.get("summary").get("suppressed").asInt());

        Files.writeString(config, "[[suppress]]\nrule = \"private-c-api\"\nmatch = \"*\"\n");
        CliRun missing = CliRun.of("scan", module.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.stderr().contains("suppression 1: 'justification' is required"), missing.stderr());

        Files.writeString(config, "pyhton = \"3.10\"\n");
        CliRun typo = CliRun.of("scan", module.toString());
        assertEquals(2, typo.exitCode());
        assertTrue(typo.stderr().contains("unknown setting 'pyhton'"), typo.stderr());
    }

    @Test
    void baselineRoundTripAcrossAVersionBumpOfTheArtifact(@TempDir Path dir) throws Exception {
        Path v1 = dir.resolve("v1");
        copy("python/legacy.cpython-312-x86_64-linux-gnu.so", v1, "demo-1.0/legacy.cpython-312-x86_64-linux-gnu.so");
        copy("elf/x86_64/libexecstack.so", v1, "demo-1.0/libexecstack.so");
        Path baseline = dir.resolve("baseline.json");
        CliRun write = CliRun.of("scan", "--format", "json", "--write-baseline", baseline.toString(), v1.resolve("demo-1.0").toString());
        assertEquals(1, write.exitCode(), "writing a baseline does not hide findings");
        int recorded = write.json().get("findings").size();
        assertTrue(recorded >= 4);

        // Version 1.1: the same legacy module (renamed directory), execstack fixed, a new problem added.
        Path v2 = dir.resolve("v2");
        copy("python/legacy.cpython-312-x86_64-linux-gnu.so", v2, "demo-1.1/legacy.cpython-312-x86_64-linux-gnu.so");
        copy("elf/i686/libtextrel.so", v2, "demo-1.1/libtextrel.so");
        CliRun run = CliRun.of("scan", "--format", "json", "--baseline", baseline.toString(), v2.resolve("demo-1.1").toString());
        JsonNode report = run.json();
        assertEquals(List.of("linux-textrel:error"), rules(report), "only the new finding is reported");
        assertEquals(recorded - 1, report.get("baseline").get("matched").asInt());
        assertEquals(1, report.get("baseline").get("fixed").size());
        assertEquals("linux-exec-stack", report.get("baseline").get("fixed").get(0).get("ruleId").asText());
        assertEquals(1, run.exitCode());

        CliRun text = CliRun.of("scan", "--baseline", baseline.toString(), v2.resolve("demo-1.1").toString());
        assertTrue(text.stdout().contains("fixed  linux-exec-stack"), text.stdout());
    }

    @Test
    void unreadableBaselineIsAUsageError(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("baseline.json");
        Files.writeString(bad, "not json");
        CliRun run = CliRun.of("scan", "--baseline", bad.toString(), Fixtures.file("elf/x86_64/libdemo.so").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().startsWith("abilint: cannot read baseline"), run.stderr());
    }
}
