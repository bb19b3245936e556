package dev.abilint.rule.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The release directories of fixtures/build-release.py, scanned as a user scans dist/. */
class ReleaseCoverageTest {

    private static JsonNode scan(String path) {
        java.nio.file.Path p = Fixtures.root().resolve(path);
        assertTrue(java.nio.file.Files.exists(p), "fixture missing (run fixtures/build.sh): " + p);
        return CliRun.of("scan", "--format", "json", p.toString()).json();
    }

    private static List<JsonNode> findings(JsonNode report, String rule) {
        List<JsonNode> out = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("ruleId").asText().equals(rule)) {
                out.add(f);
            }
        });
        return out;
    }

    private static Set<String> releaseRules(JsonNode report) {
        Set<String> out = new TreeSet<>();
        report.get("findings").forEach(f -> {
            String id = f.get("ruleId").asText();
            if (id.startsWith("release-") || id.startsWith("pypy-port")) {
                out.add(id);
            }
        });
        return out;
    }

    private static JsonNode coverage(JsonNode report) {
        for (JsonNode a : report.get("artifacts")) {
            JsonNode c = a.path("facts").path("releaseCoverage");
            if (c.isArray()) {
                assertEquals("directory", a.get("kind").asText());
                return c.get(0);
            }
        }
        return null;
    }

    @Test
    void abi3WheelsCoverEveryLaterVersionOnTheirPlatforms() {
        JsonNode report = scan("release/abi3");
        JsonNode c = coverage(report);
        assertNotNull(c, "the directory carries the matrix");
        assertEquals("speedups", c.get("project").asText());
        JsonNode cells = c.get("cells");
        assertEquals(List.of("speedups-2.0-cp311-abi3-manylinux_2_17_aarch64.whl"),
                List.of(cells.get("3.15").get("linux-aarch64-glibc").get(0).asText()));
        assertEquals(1, cells.get("3.11").get("linux-x86_64-glibc").size());
        assertEquals(0, cells.get("3.13").get("macos-arm64").size());
        List<JsonNode> notes = findings(report, "release-platform-uncovered");
        assertEquals(1, notes.size());
        JsonNode uncovered = notes.get(0).get("evidence").get("uncovered");
        assertTrue(uncovered.has("macos-arm64") && uncovered.has("linux-x86_64-musl"), uncovered.toString());
        assertTrue(!uncovered.has("linux-x86_64-glibc") && !uncovered.has("linux-aarch64-glibc"), uncovered.toString());
        assertEquals(25, notes.get(0).get("evidence").get("count").asInt());
        assertTrue(notes.get(0).get("location").asText().endsWith("speedups-2.0.tar.gz"));
        assertEquals(Set.of("release-platform-uncovered", "release-accelerator-no-fallback"), releaseRules(report),
                "it has an sdist");
        JsonNode accel = findings(report, "release-accelerator-no-fallback").get(0);
        assertEquals("speedups._speedups", accel.get("evidence").get("modules").get(0).asText());
        assertEquals("speedups/__init__.py:1", accel.get("evidence").get("imports").get("speedups._speedups").get(0).asText());
    }

    @Test
    void versionsBelowTheReleasesFloorAreNotExpected() {
        JsonNode report = scan("release/cponly");
        JsonNode uncovered = findings(report, "release-platform-uncovered").get(0).get("evidence").get("uncovered");
        List<String> x86 = new ArrayList<>();
        uncovered.get("linux-x86_64-glibc").forEach(n -> x86.add(n.asText()));
        assertEquals(List.of("3.14", "3.15"), x86, "cp312 and cp313 wheels; 3.11 is below the floor");
        List<JsonNode> sdist = findings(report, "release-sdist-missing");
        assertEquals(1, sdist.size());
        assertEquals("warning", sdist.get(0).get("severity").asText());
    }

    @Test
    void aPureWheelAndAnSdistLeaveNothingToSay() {
        JsonNode report = scan("release/fallback");
        assertEquals(Set.of(), releaseRules(report));
        assertTrue(coverage(report).get("pureWheel").asBoolean());
    }

    @Test
    void aWheelScannedAloneIsNotARelease() {
        JsonNode report = scan("release/cponly/cponly-1.0-cp312-cp312-manylinux_2_17_x86_64.whl");
        assertEquals(Set.of(), releaseRules(report));
        report.get("artifacts").forEach(a -> assertTrue(a.path("facts").path("releaseCoverage").isMissingNode()));
    }

    /**
     * PyYAML's layout: yaml/cyaml.py imports yaml._yaml unguarded, yaml/__init__.py imports cyaml in a try: the
     * package has a fallback. Importing cyaml unguarded takes it away.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"true, 0", "false, 1"})
    void aGuardOnTheWayToTheExtensionIsAFallback(boolean guarded, int expected,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String init = guarded ? "try:\n    from .cyaml import *\nexcept ImportError:\n    pass\n" : "from .cyaml import *\n";
        byte[] ext = Fixtures.bytes(Fixtures.file("pypy/_core.cpython-312-x86_64-linux-gnu.so"));
        for (String arch : new String[] {"x86_64", "aarch64"}) {
            java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
            files.put("pkg/__init__.py", init.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            files.put("pkg/cyaml.py", "from pkg._core import CParser\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            files.put("pkg/_core.cpython-312-x86_64-linux-gnu.so", ext);
            String tag = "cp312-cp312-manylinux_2_17_" + arch;
            java.nio.file.Files.write(dir.resolve("pkg-1.0-" + tag + ".whl"),
                    dev.abilint.artifact.TestArchivesAccess.wheel("pkg-1.0.dist-info", tag, false, files));
        }
        JsonNode report = CliRun.of("scan", "--format", "json", dir.toString()).json();
        List<JsonNode> found = findings(report, "release-accelerator-no-fallback");
        assertEquals(expected, found.size(), found.toString());
        if (expected == 1) {
            assertEquals("pkg/cyaml.py:1", found.get(0).get("evidence").get("imports").get("pkg._core").get(0).asText());
        }
    }
}
