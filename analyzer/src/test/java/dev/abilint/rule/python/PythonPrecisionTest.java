package dev.abilint.rule.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 14 on the Python side (fixtures/build-pyembed.sh): what Python would import is a module and
 * nothing else is; other interpreters' spellings of the C API are not private API; auditwheel's
 * symbol blacklist applies; and one cause gives one finding per (rule, binary), which a baseline keeps
 * matching when the symbols in it change.
 */
class PythonPrecisionTest {
    /** The rules of the python and linux families this helper's part covers. */
    private static final Set<String> PYTHON_AND_LINUX = Set.of("module-init-missing", "libpython-linked",
            "private-c-api", "borrowed-reference-api", "module-single-phase-init", "export-namespace-pollution",
            "abi3-symbol-outside-stable-abi", "abi3-symbol-newer-than-floor", "python-build-flavour-mismatch",
            "linux-glibc-symbol-too-new", "linux-library-not-allowed", "linux-rpath-absolute", "tag-binary-mismatch");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // a JNI bridge linking libpython and calling the C API (private and borrowed ones too) is no module
        "libjnipy.so                                    | ",
        // Python 2: initpy2mod is its init function; linking libpython2.7 is the same mistake as libpython3
        "py2mod.so                                      | libpython-linked",
        // PyPy's _PyPy_NoneStruct/PyPy* and GraalPy's _Py_NoneStructReference/PyTruffle_* are not private API
        "pypymod.pypy39-pp73-x86_64-linux-gnu.so        | ",
        "graalmod.graalpy242-311-native-x86_64-linux.so | ",
        "zinternal.cpython-312-x86_64-linux-gnu.so      | linux-library-not-allowed",
        "flood.cpython-312-x86_64-linux-gnu.so          | borrowed-reference-api linux-glibc-symbol-too-new linux-rpath-absolute private-c-api",
    })
    void onlyWhatPythonImportsIsJudgedAsAModule(String fixture, String expected) {
        JsonNode findings = scan(fixture, "--manylinux", "2_17", "--python", "3.8").get("findings");
        Set<String> got = new TreeSet<>();
        for (JsonNode f : findings) {
            if (PYTHON_AND_LINUX.contains(f.get("ruleId").asText())) {
                got.add(f.get("ruleId").asText());
            }
        }
        assertEquals(new TreeSet<>(expected == null ? Set.of() : Set.of(expected.trim().split("\\s+"))), got,
                findings::toString);
    }

    @Test
    void androidModulesLinkLibpythonOnPurpose() {
        JsonNode findings = scan("droid.cpython-312-x86_64-linux-android.so").get("findings");
        for (JsonNode f : findings) {
            assertNotEquals("libpython-linked", f.get("ruleId").asText(), findings::toString);
        }
        // the same link on a module that is not for Android is a finding (fixture python/linkspy...)
        JsonNode linux = CliRun.of("scan", "--format", "json",
                Fixtures.file("python/linkspy.cpython-312-x86_64-linux-gnu.so").toString()).json().get("findings");
        assertTrue(linux.toString().contains("libpython-linked"), linux::toString);
    }

    @Test
    void auditwheelsBlacklistIsAppliedToNonWeakImportsOfNeededLibraries() {
        JsonNode finding = only(scan("zinternal.cpython-312-x86_64-linux-gnu.so", "--manylinux", "2_17"),
                "linux-library-not-allowed");
        assertEquals(List.of("zcalloc (libz.so.1)", "zcfree (libz.so.1)"), strings(finding.get("evidence").get("symbols")),
                "_tr_init is blacklisted too but imported weak, which auditwheel does not count");
        assertEquals("error", finding.get("severity").asText());
        assertTrue(finding.get("message").asText().contains("zcalloc and zcfree from libz.so.1"), finding::toString);
        assertTrue(finding.get("message").asText().contains("no policy allows them"), finding::toString);
    }

    @Test
    void oneFindingPerRuleAndBinaryNamingTheFirstFewAndListingAll() {
        JsonNode report = scan("flood.cpython-312-x86_64-linux-gnu.so", "--manylinux", "2_17");
        Map<String, Integer> perRule = new HashMap<>();
        for (JsonNode f : report.get("findings")) {
            perRule.merge(f.get("ruleId").asText(), 1, Integer::sum);
        }
        for (Map.Entry<String, Integer> e : perRule.entrySet()) {
            assertEquals(1, e.getValue(), "findings of " + e.getKey());
        }

        JsonNode privateApi = only(report, "private-c-api");
        List<String> symbols = strings(privateApi.get("evidence").get("symbols"));
        assertEquals(18, symbols.size(), symbols::toString); // llvm-nm -D: 18 _Py* imports outside the stable ABI
        assertEquals(18, privateApi.get("evidence").get("count").asInt());
        String message = privateApi.get("message").asText();
        assertTrue(message.contains(String.join(", ", symbols.subList(0, 5)) + " and 13 more"), message);

        JsonNode glibc = only(report, "linux-glibc-symbol-too-new");
        assertEquals(List.of("arc4random@GLIBC_2.36", "memfd_create@GLIBC_2.27", "reallocarray@GLIBC_2.26",
                "getrandom@GLIBC_2.25"), strings(glibc.get("evidence").get("symbols")));
        assertEquals(List.of("GLIBC_2.36"), strings(glibc.get("evidence").get("needed")));
        assertEquals("manylinux_2_36_x86_64", glibc.get("evidence").get("lowestAllowing").asText());
        assertTrue(glibc.get("message").asText().startsWith("needs GLIBC_2.36 (arc4random)"), glibc::toString);

        JsonNode rpath = only(report, "linux-rpath-absolute");
        assertEquals(List.of("/opt/build/lib"), strings(rpath.get("evidence").get("rpath")));
        assertEquals(List.of("/opt/build/lib"), strings(rpath.get("evidence").get("runpath")));
        assertTrue(rpath.get("message").asText().startsWith("RPATH and RUNPATH contain the absolute path /opt/build/lib:"),
                rpath::toString);

        JsonNode borrowed = only(report, "borrowed-reference-api");
        assertEquals(6, strings(borrowed.get("evidence").get("symbols")).size());
        assertEquals(6, strings(borrowed.get("evidence").get("replacements")).size());
    }

    @Test
    void aBaselineKeepsMatchingAGroupedFindingWhoseSymbolsChange(@TempDir Path dir) throws Exception {
        // Release 1.0 of a module: one private symbol, two borrowed-reference APIs (fixture python/legacy).
        String name = "flood.cpython-312-x86_64-linux-gnu.so";
        Path v1 = dir.resolve("demo-1.0").resolve(name);
        Files.createDirectories(v1.getParent());
        Files.copy(Fixtures.file("python/legacy.cpython-312-x86_64-linux-gnu.so"), v1);
        Path baseline = dir.resolve("baseline.json");
        JsonNode before = CliRun.of("scan", "--format", "json", "--write-baseline", baseline.toString(),
                v1.getParent().toString()).json();
        String privateBefore = only(before, "private-c-api").get("message").asText();

        // Release 1.1: the same module now imports 18 private symbols and 6 borrowed-reference APIs.
        Path v2 = dir.resolve("demo-1.1").resolve(name);
        Files.createDirectories(v2.getParent());
        Files.copy(Fixtures.file("pyembed/" + name), v2);
        JsonNode plain = CliRun.of("scan", "--format", "json", v2.getParent().toString()).json();
        assertNotEquals(privateBefore, only(plain, "private-c-api").get("message").asText(),
                "the message says what changed");
        JsonNode after = CliRun.of("scan", "--format", "json", "--baseline", baseline.toString(),
                v2.getParent().toString()).json();
        List<String> fresh = new ArrayList<>();
        for (JsonNode f : after.get("findings")) {
            fresh.add(f.get("ruleId").asText());
        }
        assertFalse(fresh.contains("private-c-api"), fresh::toString);
        assertFalse(fresh.contains("borrowed-reference-api"), fresh::toString);
        assertTrue(after.get("baseline").get("matched").asInt() >= 2, after.get("baseline")::toString);
    }

    @Test
    void theInterpretersOwnModulesMayUseItsPrivateApi(@TempDir Path dir) throws Exception {
        Path module = dir.resolve("lib/python3.12/lib-dynload/legacy.cpython-312-x86_64-linux-gnu.so");
        Files.createDirectories(module.getParent());
        Files.copy(Fixtures.file("python/legacy.cpython-312-x86_64-linux-gnu.so"), module);
        List<String> rules = new ArrayList<>();
        CliRun.of("scan", "--format", "json", dir.toString()).json().get("findings")
                .forEach(f -> rules.add(f.get("ruleId").asText()));
        assertFalse(rules.contains("private-c-api"), rules::toString);
        assertFalse(rules.contains("borrowed-reference-api"), rules::toString);
        assertFalse(rules.contains("module-single-phase-init"), rules::toString);
        assertTrue(rules.contains("export-namespace-pollution"), "still judged as a module: " + rules);
    }

    @Test
    void theLoadersOwnFoldersInRunpathAreNotBuildMachinePaths() {
        JsonNode finding = only(scan("libsysrpath.so"), "linux-rpath-absolute");
        assertEquals(List.of("/opt/vendor/lib"), strings(finding.get("evidence").get("runpath")),
                "readelf -d: RUNPATH /usr/lib/x86_64-linux-gnu:/lib64:/opt/vendor/lib");
    }

    @Test
    void aSymbolSuppressionCoversAGroupedFindingOnlyWhenItMatchesEverySymbol(@TempDir Path dir) throws Exception {
        String name = "flood.cpython-312-x86_64-linux-gnu.so";
        Path module = dir.resolve(name);
        Files.copy(Fixtures.file("pyembed/" + name), module);
        Path config = dir.resolve("abilint.toml");
        Files.writeString(config, """
                [[suppress]]
                rule = "private-c-api"
                match = "*flood*"
                symbol = "_PyLong_*"
                justification = "only the long helpers were reviewed"
                [[suppress]]
                rule = "borrowed-reference-api"
                match = "*flood*"
                symbol = "Py*"
                justification = "all of them reviewed"
                """);
        JsonNode report = CliRun.of("scan", "--format", "json", "--config", config.toString(), module.toString()).json();
        List<String> rules = new ArrayList<>();
        report.get("findings").forEach(f -> rules.add(f.get("ruleId").asText()));
        assertTrue(rules.contains("private-c-api"), "13 of its 18 symbols are not _PyLong_*: " + rules);
        assertFalse(rules.contains("borrowed-reference-api"), rules::toString);
    }

    private static JsonNode scan(String fixture, String... options) {
        List<String> args = new ArrayList<>(List.of("scan", "--format", "json"));
        args.addAll(List.of(options));
        args.add(Fixtures.file("pyembed/" + fixture).toString());
        return CliRun.of(args.toArray(String[]::new)).json();
    }

    private static JsonNode only(JsonNode report, String ruleId) {
        JsonNode found = null;
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals(ruleId)) {
                assertEquals(null, found, () -> "more than one " + ruleId + " finding: " + report.get("findings"));
                found = f;
            }
        }
        assertTrue(found != null, () -> "no " + ruleId + " finding in " + report.get("findings"));
        return found;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
