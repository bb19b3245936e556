package dev.abilint.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * abilint diff on the fixture releases of fixtures/build-diff.sh, as a user runs it: exactly the changes
 * built into them, each once, at the severity its harm calls for, with what changed.
 */
class DiffFixturesTest {
    /** The exit codes users script against (DESIGN.md). */
    private static final int OK = 0;
    private static final int FINDINGS = 1;
    private static final int USAGE = 2;

    @TempDir
    Path dir;

    /** A committed fixture file or directory (fixtures/build-diff.sh). */
    private static String path(String relative) {
        Path p = Fixtures.root().resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("fixture missing (run fixtures/build.sh diff): " + p);
        }
        return p.toString();
    }

    /** Findings as "rule severity location-tail change-summary" lines, sorted. */
    private static List<String> summary(JsonNode report) {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode f : report.path("findings")) {
            String location = f.path("location").asText();
            location = location.substring(location.lastIndexOf('/') + 1);
            out.add(f.path("ruleId").asText() + " " + f.path("severity").asText() + " " + location + " "
                    + f.path("change").path("before") + " -> " + f.path("change").path("after"));
        }
        return new ArrayList<>(out);
    }

    @Test
    void jniJarReleasesGiveExactlyTheBuiltInChanges() {
        CliRun run = CliRun.of("diff", "--format", "json", path("diff/jar/codec-1.0.jar"), path("diff/jar/codec-2.0.jar"));
        assertEquals(FINDINGS, run.exitCode(), run.stderr());
        JsonNode report = run.json();
        assertEquals("diff", report.path("command").asText());
        assertEquals(List.of("linux-aarch64-glibc", "linux-x86_64-glibc"), strings(report.path("old").path("platforms")));
        assertEquals(List.of(
                "diff-exports-added note libcodec.so null -> [\"Java_dev_abilint_fixture_diff_Codec_level\"]",
                "diff-java-class-version-raised warning codec-2.0.jar 52 -> 55",
                "diff-jni-export-removed error libcodec.so [\"Java_dev_abilint_fixture_diff_Codec_reset\"] -> null",
                "diff-native-method-unbound error codec-2.0.jar null -> [\"dev.abilint.fixture.diff.Codec.level(I)I\"]"),
                summary(report));
        // reset's export is gone on both platforms: one finding each, naming its platform
        List<String> platforms = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            if (f.path("ruleId").asText().equals("diff-jni-export-removed")) {
                platforms.add(f.path("evidence").path("platform").asText());
            }
            if (f.path("ruleId").asText().equals("diff-native-method-unbound")) {
                assertEquals("[\"linux-aarch64-glibc\"]", f.path("evidence").path("platforms").toString());
            }
        }
        assertEquals(List.of("linux-aarch64-glibc", "linux-x86_64-glibc"), platforms.stream().sorted().toList());
        assertEquals(3, report.path("summary").path("errors").asInt());
    }

    @Test
    void wheelhouseReleasesGiveExactlyTheBuiltInChanges() {
        CliRun run = CliRun.of("diff", "--format", "json", path("diff/wheels/1.0"), path("diff/wheels/2.0"));
        assertEquals(FINDINGS, run.exitCode(), run.stderr());
        JsonNode report = run.json();
        assertEquals(List.of(
                "diff-abi3-dropped warning demo-2.0-cp312-cp312-manylinux_2_17_x86_64.whl \"abi3\" -> [\"cp312\"]",
                "diff-export-removed error libdemo.so.1 [\"demo_legacy@DEMO_1.0\"] -> null",
                "diff-glibc-floor-raised warning _core.cpython-312-x86_64-linux-gnu.so null -> \"GLIBC_2.25\"",
                "diff-platform-removed warning demo-2.0-cp312-cp312-manylinux_2_17_x86_64.whl "
                        + "[\"linux-aarch64-glibc\",\"linux-x86_64-glibc\"] -> [\"linux-x86_64-glibc\"]"),
                summary(report));
        for (JsonNode f : report.path("findings")) {
            if (f.path("ruleId").asText().equals("diff-glibc-floor-raised")) {
                assertEquals("[\"getrandom@GLIBC_2.25\"]", f.path("evidence").path("symbols").toString());
            }
        }
    }

    @Test
    void aReleaseAgainstItselfChangesNothing() {
        CliRun run = CliRun.of("diff", "--format", "json", "--fail-on", "note", path("diff/wheels/1.0"), path("diff/wheels/1.0"));
        assertEquals(OK, run.exitCode(), run.stdout());
        assertEquals(0, run.json().path("findings").size());
    }

    @Test
    void theOtherWayRoundTheChangesAreAdditions() {
        CliRun run = CliRun.of("diff", "--format", "json", path("diff/wheels/2.0"), path("diff/wheels/1.0"));
        assertEquals(OK, run.exitCode(), run.stdout());
        List<String> rules = new ArrayList<>();
        run.json().path("findings").forEach(f -> rules.add(f.path("ruleId").asText() + " " + f.path("severity").asText()));
        assertTrue(rules.contains("diff-platform-added note"), rules.toString());
        assertTrue(rules.contains("diff-exports-added note"), rules.toString());
        assertFalse(rules.stream().anyMatch(r -> r.endsWith(" error")), rules.toString());
    }

    @Test
    void textListsBreakingChangesFirstAndEveryFormatIsWritten() throws Exception {
        Path sarif = dir.resolve("d.sarif");
        Path junit = dir.resolve("d.xml");
        Path html = dir.resolve("d.html");
        CliRun run = CliRun.of("diff", "--report", "sarif=" + sarif, "--report", "junit=" + junit, "--report", "html=" + html,
                path("diff/wheels/1.0"), path("diff/wheels/2.0"));
        assertEquals(FINDINGS, run.exitCode(), run.stderr());
        String text = run.stdout();
        int errors = text.indexOf("Breaking changes");
        int warnings = text.indexOf("Policy changes");
        assertTrue(errors >= 0 && warnings > errors, text);
        assertTrue(text.indexOf("diff-export-removed") < text.indexOf("diff-platform-removed"), text);
        assertTrue(text.contains("change: demo_legacy@DEMO_1.0 -> (none)"), text);
        dev.abilint.testing.SarifSchema.assertValid(new com.fasterxml.jackson.databind.ObjectMapper().readTree(sarif.toFile()));
        assertTrue(Files.readString(junit).contains("diff-export-removed"));
        String page = Files.readString(html);
        // the two platform lists side by side, the dropped one marked
        assertTrue(page.contains("id=\"diff-old\"") && page.contains("id=\"diff-new\""), "no side-by-side matrices");
        assertTrue(page.contains("class=\"yes removed\""), "removed platform not highlighted");
    }

    @Test
    void aDroppedPlatformCanBeAcceptedByNameButARemovedExportCannot() throws Exception {
        Path config = dir.resolve("abilint.toml");
        Files.writeString(config, """
                [severity]
                diff-glibc-floor-raised = "error"

                [[accept]]
                rule = "diff-platform-removed"
                name = "linux-aarch64-*"
                justification = "aarch64 moves to its own project in 2.0"

                [[accept]]
                rule = "diff-glibc-floor-raised"
                name = "GLIBC_*"
                justification = "made an error above: what breaks users is not accepted as policy"
                """);
        CliRun run = CliRun.of("diff", "--format", "json", "--config", config.toString(), path("diff/wheels/1.0"),
                path("diff/wheels/2.0"));
        JsonNode report = run.json();
        List<String> rules = new ArrayList<>();
        report.path("findings").forEach(f -> rules.add(f.path("ruleId").asText()));
        assertFalse(rules.contains("diff-platform-removed"), rules.toString());
        assertTrue(rules.contains("diff-export-removed"), rules.toString());
        assertTrue(rules.contains("diff-glibc-floor-raised"), rules.toString()); // an error is not accepted
        assertTrue(rules.contains("suppression-unused"), rules.toString());
        assertEquals(1, report.path("summary").path("suppressed").asInt());

        Files.writeString(config, "[[accept]]\nrule = \"diff-platform-removed\"\nname = \"linux-*\"\n");
        CliRun bad = CliRun.of("diff", "--config", config.toString(), path("diff/wheels/1.0"), path("diff/wheels/2.0"));
        assertEquals(USAGE, bad.exitCode());
        assertTrue(bad.stderr().contains("justification"), bad.stderr());
    }

    @Test
    void aBaselineOfTheDiffMatchesItAgain() {
        Path baseline = dir.resolve("baseline.json");
        CliRun first = CliRun.of("diff", "--write-baseline", baseline.toString(), path("diff/jar/codec-1.0.jar"),
                path("diff/jar/codec-2.0.jar"));
        assertEquals(FINDINGS, first.exitCode());
        CliRun again = CliRun.of("diff", "--format", "json", "--baseline", baseline.toString(),
                path("diff/jar/codec-1.0.jar"), path("diff/jar/codec-2.0.jar"));
        assertEquals(OK, again.exitCode(), again.stdout());
        assertEquals(5, again.json().path("baseline").path("matched").asInt());
    }

    @Test
    void aMalformedLibraryInARelease() throws Exception {
        Path broken = dir.resolve("codec-2.1.jar");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(broken))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("natives/linux-x86_64/libcodec.so"));
            zip.write(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0}); // an ELF header cut short
            zip.closeEntry();
        }
        CliRun run = CliRun.of("diff", "--format", "json", path("diff/jar/codec-2.0.jar"), broken.toString());
        assertEquals(FINDINGS, run.exitCode(), run.stderr());
        List<String> rules = new ArrayList<>();
        run.json().path("findings").forEach(f -> rules.add(f.path("ruleId").asText()));
        assertTrue(rules.contains("parse-error"), rules.toString());
    }

    @Test
    void diffTakesTwoInputs() {
        CliRun run = CliRun.of("diff", path("diff/jar/codec-1.0.jar"));
        assertEquals(USAGE, run.exitCode());
        assertTrue(run.stderr().startsWith("abilint: diff takes two inputs"), run.stderr());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
