package dev.abilint.rule.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.artifact.TestArchivesAccess;
import dev.abilint.model.Analysis;
import dev.abilint.model.Binary;
import dev.abilint.model.Finding;
import dev.abilint.model.Platform;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.rule.RuleEngine;
import dev.abilint.rule.Targets;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * fixtures/build-macho-availability.sh: the same source linked for macOS 10.9 and 10.15; it calls
 * ___chkstk_darwin (10.15) and weak-imports __darwin_check_fd_set_overflow (11.0). llvm-objdump's bind
 * listing next to each fixture shows both imports and the weak flag.
 */
class MacosImportNewerThanMinimumTest {
    private static final String RULE = "macos-import-newer-than-minimum";

    @Test
    void aLibraryFor109ThatCallsChkstkDarwinFailsBefore1015() {
        Path lib = Fixtures.file("macho-availability/libchkstk-10.9.dylib");
        assertTrue(Fixtures.bytes(Fixtures.file("macho-availability/libchkstk-10.9.dylib.bind.txt")).length > 0);
        JsonNode report = CliRun.of("scan", "--format", "json", lib.toString()).json();
        List<JsonNode> findings = findings(report);
        assertEquals(1, findings.size());
        JsonNode f = findings.get(0);
        assertEquals("error", f.get("severity").asText());
        assertEquals("10.9", f.at("/evidence/floor").asText());
        assertEquals("___chkstk_darwin", f.at("/evidence/needs/0/symbol").asText());
        assertEquals("10.15", f.at("/evidence/needs/0/needs").asText());
        assertEquals(1, f.at("/evidence/needs").size(), "the weak import is not a need");
        assertEquals("[\"__darwin_check_fd_set_overflow\"]", f.at("/evidence/weakImportsNewer").toString());
        assertTrue(f.get("message").asText().contains("___chkstk_darwin (macOS 10.15)"), f.get("message").asText());
    }

    @Test
    void theSameSourceFor1015IsFine() {
        Path lib = Fixtures.file("macho-availability/libchkstk-10.15.dylib");
        assertEquals(0, findings(CliRun.of("scan", "--format", "json", lib.toString()).json()).size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"demo-1.0-py3-none-macosx_10_9_x86_64.whl, 1", "demo-1.0-py3-none-macosx_10_15_x86_64.whl, 0"})
    void aWheelTagAboveTheMinimumRaisesTheFloor(String wheelName, int expected, @TempDir Path dir) throws Exception {
        Path wheel = dir.resolve(wheelName);
        Files.write(wheel, TestArchivesAccess.wheel("demo-1.0.dist-info",
                wheelName.replaceFirst("^demo-1\\.0-", "").replaceFirst("\\.whl$", ""), false,
                Map.of("demo/libchkstk.dylib", Fixtures.bytes(Fixtures.file("macho-availability/libchkstk-10.9.dylib")))));
        assertEquals(expected, findings(CliRun.of("scan", "--format", "json", wheel.toString()).json()).size());
    }

    /** lld 14 cannot write chained fixups, so the load command is given as the reader reports it. */
    @ParameterizedTest(name = "{0} minos {1}")
    @CsvSource({"x86_64, 10.13, 1", "x86_64, 11.0, 0", "arm64, 11.0, 0", "arm64, 10.9, 0"})
    void chainedFixupsNeedMacos11(String arch, String minOs, int expected) {
        Binary b = new Binary("libfixups.dylib", "macho").arch(arch).minOs(minOs).type("dylib")
                .platform(new Platform("macos", arch, null));
        b.getFlags().put("chainedFixups", true);
        List<Finding> out = new RuleEngine(List.of(new MacosImportNewerThanMinimum()), RuleCatalogue.get())
                .run(new Analysis(List.of(), List.of(), List.of(b), List.of(), List.of()), Targets.none());
        assertEquals(expected, out.size());
        if (expected == 1) {
            assertTrue(out.get(0).message().contains("LC_DYLD_CHAINED_FIXUPS (macOS 11.0)"), out.get(0).message());
        }
    }

    private static List<JsonNode> findings(JsonNode report) {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals(RULE)) {
                out.add(f);
            }
        }
        return out;
    }
}
