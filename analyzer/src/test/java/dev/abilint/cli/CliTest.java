package dev.abilint.cli;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users and CI meet it: outputs, errors and exit codes of DESIGN.md. */
class CliTest {
    private static final String DEMO = Fixtures.file("elf/x86_64/libdemo.so").toString();
    private static final String EXECSTACK = Fixtures.file("elf/x86_64/libexecstack.so").toString();

    @Test
    void versionAndHelp() {
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.stdout().matches("abilint \\S+\\R"), version.stdout());
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("examples:") && help.stdout().contains("abilint scan"));
        assertEquals(2, CliRun.of().exitCode(), "no command is a usage error");
    }

    @Test
    void missingFileIsOneLineAndExitTwo() {
        CliRun run = CliRun.of("scan", "no-such.so");
        assertEquals(2, run.exitCode());
        assertEquals("abilint: cannot read 'no-such.so': no such file or directory\n", run.stderr());
        assertEquals("", run.stdout());
    }

    @Test
    void usageErrorsAreOneLineWithoutStackTraces() {
        for (String[] args : List.of(
                new String[] {"scan", "--bogus", DEMO},
                new String[] {"scan", "--format", "xml", DEMO},
                new String[] {"scan", "--fail-on", "sometimes", DEMO},
                new String[] {"scan", "--python", "three", DEMO},
                new String[] {"scan"},
                new String[] {"frobnicate"},
                new String[] {"explain", "no-such-rule"})) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exitCode(), String.join(" ", args));
            assertTrue(run.stderr().startsWith("abilint: "), run.stderr());
            assertEquals(1, run.stderr().lines().count(), () -> "one line: " + run.stderr());
            assertFalse(run.stderr().contains("\tat "), "no stack trace");
        }
    }

    @Test
    void cleanLibraryPassesAndExecutableStackFails() {
        CliRun clean = CliRun.of("scan", "--format", "json", DEMO);
        assertEquals(0, clean.exitCode(), clean.stderr());
        assertEquals(0, clean.json().get("findings").size());

        CliRun bad = CliRun.of("scan", "--format", "json", EXECSTACK);
        assertEquals(1, bad.exitCode());
        JsonNode finding = bad.json().get("findings").get(0);
        assertEquals("linux-exec-stack", finding.get("ruleId").asText());
        assertEquals("error", finding.get("severity").asText());
        assertEquals(EXECSTACK, finding.get("location").asText());
        assertEquals("abilint explain linux-exec-stack", finding.get("docs").asText());
    }

    @Test
    void failOnThresholds() {
        assertEquals(0, CliRun.of("scan", "--fail-on", "never", EXECSTACK).exitCode());
        assertEquals(1, CliRun.of("scan", "--fail-on", "note", EXECSTACK).exitCode());
        assertEquals(1, CliRun.of("scan", "--fail-on", "error", EXECSTACK).exitCode());
    }

    @Test
    void inspectJsonListsEveryBinaryWithDesignFieldNames() {
        CliRun run = CliRun.of("inspect", "--format", "json", Fixtures.root().resolve("elf").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode report = run.json();
        List<String> names = new ArrayList<>();
        report.fieldNames().forEachRemaining(names::add);
        assertEquals("schemaVersion", names.get(0));
        JsonNode binaries = report.get("binaries");
        assertEquals(Fixtures.list("elf", "").stream().filter(p -> !p.toString().endsWith(".txt")).count(),
                binaries.size());
        JsonNode demo = null;
        for (JsonNode b : binaries) {
            if (b.get("path").asText().endsWith("/x86_64/libdemo.so")) {
                demo = b;
            }
        }
        assertTrue(demo != null);
        assertEquals("elf", demo.get("format").asText());
        assertEquals("glibc", demo.get("platform").get("libc").asText());
        boolean memcpy = false;
        for (JsonNode s : demo.get("imports")) {
            memcpy |= s.get("name").asText().equals("memcpy") && s.get("version").asText().equals("GLIBC_2.14")
                    && s.get("library").asText().equals("libc.so.6");
        }
        assertTrue(memcpy, "memcpy is imported at GLIBC_2.14 from libc.so.6, the version is its own field");
    }

    @Test
    void malformedMemberBecomesAFindingAndTheScanGoesOn(@TempDir Path dir) throws Exception {
        Files.copy(Path.of(DEMO), dir.resolve("good.so"));
        byte[] bad = Files.readAllBytes(Path.of(DEMO));
        Files.write(dir.resolve("truncated.so"), java.util.Arrays.copyOf(bad, 40));
        CliRun run = CliRun.of("scan", "--format", "json", dir.toString());
        assertEquals(1, run.exitCode(), "a parse error is an error finding");
        JsonNode report = run.json();
        assertEquals(1, report.get("binaries").size(), "the good library is still read");
        JsonNode finding = report.get("findings").get(0);
        assertEquals("parse-error", finding.get("ruleId").asText());
        assertTrue(finding.get("location").asText().endsWith("truncated.so"));
    }

    @Test
    void reportIsWrittenToTheOutputFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report.json");
        CliRun run = CliRun.of("scan", "--format", "json", "--output", out.toString(), EXECSTACK);
        assertEquals(1, run.exitCode());
        assertEquals("", run.stdout());
        assertTrue(Files.readString(out).contains("linux-exec-stack"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void textReportEscapesControlCharactersFromFileNames(@TempDir Path dir) throws Exception {
        Path evil = dir.resolve("evil\u001b[31mred.so");
        Files.copy(Path.of(EXECSTACK), evil);
        CliRun run = CliRun.of("scan", dir.toString());
        assertEquals(1, run.exitCode());
        assertFalse(run.stdout().contains("\u001b"), "no raw escape reaches the terminal");
        assertTrue(run.stdout().contains("evil\\x1b[31mred.so"), run.stdout());
    }

    @Test
    void timingsGoToStderrAndLeaveTheReportAlone() {
        CliRun plain = CliRun.of("scan", "--format", "json", EXECSTACK);
        CliRun timed = CliRun.of("scan", "--timings", "--format", "json", EXECSTACK);
        assertEquals(plain.exitCode(), timed.exitCode());
        assertEquals(plain.json().get("findings"), timed.json().get("findings"));
        assertEquals("", plain.stderr());
        for (String phase : new String[] {"options", "read", "rules", "report"}) {
            assertTrue(timed.stderr().matches("(?s).*abilint: timing " + phase + " +\\d+ ms\n.*"), timed.stderr());
        }
    }

    @Test
    void rulesAndExplain() {
        CliRun rules = CliRun.of("rules");
        assertEquals(0, rules.exitCode());
        assertTrue(rules.stdout().contains("linux-exec-stack"));
        CliRun explain = CliRun.of("explain", "linux-exec-stack");
        assertEquals(0, explain.exitCode());
        assertTrue(explain.stdout().startsWith("# linux-exec-stack"));
        assertTrue(explain.stdout().contains("## How to fix"));
    }
}
