package dev.abilint.rule.python;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A wheel against itself: WHEEL's Tag lines against the file name, the module file names against the
 * platform tag, Root-Is-Purelib against the contents; and libraries left to another wheel or the config.
 * Wheels built from the committed fixtures; exact rule sets.
 */
class WheelConsistencyTest {
    private static final String GOOD = "python/good.cpython-312-x86_64-linux-gnu.so";
    private static final String NEEDS_FOO = "python/needsfoo.cpython-312-x86_64-linux-gnu.so";

    @ParameterizedTest(name = "{0} with Tag: {1}")
    @CsvSource(delimiter = '|', value = {
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl                       | cp312-cp312-manylinux_2_17_x86_64 | ",
        // a compressed Tag line naming the same set, and the expanded lines: both fine
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl  | cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64 | ",
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl  | cp312-cp312-manylinux_2_17_x86_64,cp312-cp312-manylinux2014_x86_64 | ",
        // the file name can only say a product; WHEEL's honest subset is fine
        "demo-1.0-cp311.cp312-cp311.cp312-manylinux_2_17_x86_64.whl           | cp311-cp311-manylinux_2_17_x86_64,cp312-cp312-manylinux_2_17_x86_64 | ",
        // renamed by hand, and a fixed Tag in a build script
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl                       | cp311-cp311-manylinux_2_17_x86_64 | wheel-tag-metadata-mismatch",
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl  | cp312-cp312-manylinux_2_17_x86_64 | wheel-tag-metadata-mismatch",
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl                       | {tag}                              | wheel-tag-metadata-mismatch",
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl                       |                                    | wheel-tag-metadata-mismatch",
    })
    void wheelTagLinesAgainstTheFileName(String wheelName, String tags, String expected, @TempDir Path dir)
            throws Exception {
        StringBuilder wheelText = new StringBuilder("Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\n");
        if (tags != null) {
            for (String tag : tags.split(",")) {
                wheelText.append("Tag: ").append(tag).append('\n');
            }
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("demo/good.cpython-312-x86_64-linux-gnu.so", Fixtures.bytes(Fixtures.file(GOOD)));
        Path wheel = dir.resolve(wheelName);
        Files.write(wheel, TestArchivesAccess.wheel("demo-1.0.dist-info", wheelText.toString(), metadata(), files));
        assertEquals(expectedSet(expected), rulesOf(scan(wheel)));
    }

    @Test
    void theMismatchNamesWhatDiffers(@TempDir Path dir) throws Exception {
        Map<String, byte[]> files = Map.of("demo/good.cpython-312-x86_64-linux-gnu.so", Fixtures.bytes(Fixtures.file(GOOD)));
        Path wheel = dir.resolve("demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl");
        Files.write(wheel, TestArchivesAccess.wheel("demo-1.0.dist-info",
                "Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: cp311-cp311-manylinux_2_17_x86_64\n", metadata(), files));
        JsonNode finding = only(scan(wheel), "wheel-tag-metadata-mismatch");
        assertEquals("[\"cp311-cp311-manylinux_2_17_x86_64\"]", finding.at("/evidence/onlyInWheel").toString());
        assertEquals("[\"cp312\"]", finding.at("/evidence/fileNameTagsMissingFromWheel").toString());
        assertEquals("warning", finding.get("severity").asText());
    }

    @ParameterizedTest(name = "{1} as {2} in {0}")
    @CsvSource(delimiter = '|', value = {
        // the right names
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl  | " + GOOD + " | good.cpython-312-x86_64-linux-gnu.so  | ",
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl  | " + GOOD + " | good.abi3.so                          | ",
        // musl CPython before 3.13 used the -linux-gnu triplet, and Alpine looks for both: not judged
        "demo-1.0-cp312-cp312-musllinux_1_2_x86_64.whl   | " + GOOD + " | good.cpython-312-x86_64-linux-gnu.so  | ",
        "demo-1.0-cp312-cp312-musllinux_1_2_x86_64.whl   | " + GOOD + " | good.cpython-312-x86_64-linux-musl.so | ",
        // names the interpreter of the tag never looks for
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl  | " + GOOD + " | good.cpython-312-aarch64-linux-gnu.so | tag-binary-mismatch",
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl  | " + GOOD + " | good.cpython-312-x86_64-linux-musl.so | tag-binary-mismatch",
        "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl  | " + GOOD + " | good.cpython-312-darwin.so            | tag-binary-mismatch",
        "demo-1.0-cp312-cp312-win_amd64.whl              | pe/demo312.cp312-win_amd64.pyd | demo.cp312-win_amd64.pyd | windows-legacy-crt module-single-phase-init",
        "demo-1.0-cp312-cp312-win_amd64.whl              | pe/demo312.cp312-win_amd64.pyd | demo.cp312-win32.pyd     | tag-binary-mismatch windows-legacy-crt module-single-phase-init",
        // an ELF in a Windows wheel is the binary's finding; its name is not judged again
        "demo-1.0-cp312-cp312-win_amd64.whl              | " + GOOD + " | good.cpython-312-x86_64-linux-gnu.so  | tag-binary-mismatch",
    })
    void moduleNamesAgainstThePlatformTag(String wheelName, String fixture, String nameInWheel, String expected,
            @TempDir Path dir) throws Exception {
        Map<String, byte[]> files = Map.of("demo/" + nameInWheel, Fixtures.bytes(Fixtures.file(fixture)));
        Path wheel = dir.resolve(wheelName);
        String tag = wheelName.replaceFirst("^demo-1\\.0-", "").replaceFirst("\\.whl$", "");
        Files.write(wheel, TestArchivesAccess.wheel("demo-1.0.dist-info", tag, false, files));
        JsonNode report = scan(wheel);
        assertEquals(expectedSet(expected), rulesOf(report));
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals("tag-binary-mismatch")) {
                assertEquals(1, count(report, "tag-binary-mismatch"), "one finding per module file");
            }
        }
    }

    @ParameterizedTest(name = "purelib {0}, native {1}")
    @CsvSource({"false, true, ", "false, false, wheel-platlib-without-binaries", "true, false, ",
        "true, true, wheel-pure-with-binaries"})
    void rootIsPurelibAgainstTheContents(boolean purelib, boolean hasNative, String expected, @TempDir Path dir)
            throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("demo/__init__.py", new byte[0]);
        if (hasNative) {
            files.put("demo/good.cpython-312-x86_64-linux-gnu.so", Fixtures.bytes(Fixtures.file(GOOD)));
        }
        Path wheel = dir.resolve("demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl");
        Files.write(wheel, TestArchivesAccess.wheel("demo-1.0.dist-info", "cp312-cp312-manylinux_2_17_x86_64", purelib,
                files));
        assertEquals(expectedSet(expected), rulesOf(scan(wheel)));
    }

    /** needsfoo.* needs libfoo.so.1; a foo wheel bundles it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "nothing provides it               | -                          | false | linux-library-not-allowed",
        "a required wheel in the scan      | foo>=1.0                   | true  | library-not-bundled-but-provided",
        "a required wheel, with a marker   | foo; python_version>='3.8' | true  | library-not-bundled-but-provided",
        "a wheel required only by an extra | foo; extra == \"fast\"     | true  | linux-library-not-allowed",
        "a required wheel not in the scan  | foo>=1.0                   | false | linux-library-not-allowed",
        "a wheel in the scan not required  | bar                        | true  | linux-library-not-allowed",
    })
    void aLibraryBundledByARequiredWheelIsProvided(String name, String requires, boolean scanFoo, String expected,
            @TempDir Path dir) throws Exception {
        Path demo = dir.resolve("demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl");
        Files.write(demo, TestArchivesAccess.wheel("demo-1.0.dist-info", wheelText("cp312-cp312-manylinux_2_17_x86_64"),
                "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n"
                        + (requires.equals("-") ? "" : "Requires-Dist: " + requires + "\n") + "\n",
                Map.of("demo/needsfoo.cpython-312-x86_64-linux-gnu.so", Fixtures.bytes(Fixtures.file(NEEDS_FOO)))));
        Path foo = dir.resolve("foo-1.0-py3-none-manylinux_2_17_x86_64.whl");
        Files.write(foo, TestArchivesAccess.wheel("foo-1.0.dist-info", wheelText("py3-none-manylinux_2_17_x86_64"),
                "Metadata-Version: 2.1\nName: foo\nVersion: 1.0\n\n",
                Map.of("foo/lib/libfoo.so.1", Fixtures.bytes(Fixtures.file("python/libfoo.so.1")))));
        JsonNode report = scanAll(scanFoo ? new Path[] {demo, foo} : new Path[] {demo});
        assertEquals(expectedSet(expected), rulesOf(report));
        if (expected.equals("library-not-bundled-but-provided")) {
            JsonNode note = only(report, "library-not-bundled-but-provided");
            assertEquals("note", note.get("severity").asText());
            assertTrue(note.get("location").asText().endsWith("needsfoo.cpython-312-x86_64-linux-gnu.so"));
            assertEquals("[{\"library\":\"libfoo.so.1\",\"providedBy\":\"wheel\",\"distribution\":\"foo\"}]",
                    note.at("/evidence/provided").toString());
        }
    }

    @ParameterizedTest(name = "provided = {0}")
    @CsvSource(delimiter = '|', value = {"\"libfoo.so*\" | library-not-bundled-but-provided",
        "\"libfoo.so.1\" | library-not-bundled-but-provided", "\"libbar.so*\" | linux-library-not-allowed"})
    void aProvidedGlobInTheConfigIsAcceptedAndSaid(String glob, String expected, @TempDir Path dir) throws Exception {
        Path demo = dir.resolve("demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl");
        Files.write(demo, TestArchivesAccess.wheel("demo-1.0.dist-info", "cp312-cp312-manylinux_2_17_x86_64", false,
                Map.of("demo/needsfoo.cpython-312-x86_64-linux-gnu.so", Fixtures.bytes(Fixtures.file(NEEDS_FOO)))));
        Path config = dir.resolve("abilint.toml");
        Files.writeString(config, "provided = [" + glob + "]\n");
        JsonNode report = CliRun.of("scan", "--format", "json", "--config", config.toString(), demo.toString()).json();
        assertEquals(expectedSet(expected), rulesOf(report));
        if (expected.startsWith("library")) {
            assertEquals(glob.replace("\"", ""), only(report, "library-not-bundled-but-provided")
                    .at("/evidence/provided/0/glob").asText());
        }
    }

    @Test
    void anEmptyProvidedGlobIsAConfigError(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("abilint.toml");
        Files.writeString(config, "provided = [\"\"]\n");
        Path wheel = dir.resolve("demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl");
        Files.write(wheel, TestArchivesAccess.wheel("demo-1.0.dist-info", "cp312-cp312-manylinux_2_17_x86_64", false,
                Map.of("demo/good.cpython-312-x86_64-linux-gnu.so", Fixtures.bytes(Fixtures.file(GOOD)))));
        CliRun run = CliRun.of("scan", "--config", config.toString(), wheel.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("provided"), run.stderr());
    }

    private static String wheelText(String tag) {
        return "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\nTag: " + tag + "\n";
    }

    private static String metadata() {
        return "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n\n";
    }

    private static JsonNode scan(Path wheel) {
        return CliRun.of("scan", "--format", "json", wheel.toString()).json();
    }

    private static JsonNode scanAll(Path... paths) {
        String[] args = new String[paths.length + 3];
        args[0] = "scan";
        args[1] = "--format";
        args[2] = "json";
        for (int i = 0; i < paths.length; i++) {
            args[i + 3] = paths[i].toString();
        }
        return CliRun.of(args).json();
    }

    private static JsonNode only(JsonNode report, String rule) {
        assertEquals(1, count(report, rule), rule);
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals(rule)) {
                return f;
            }
        }
        throw new AssertionError(rule);
    }

    private static int count(JsonNode report, String rule) {
        int n = 0;
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals(rule)) {
                n++;
            }
        }
        return n;
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
