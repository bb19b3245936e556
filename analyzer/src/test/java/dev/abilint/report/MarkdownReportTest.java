package dev.abilint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format markdown}: what a job summary or PR comment shows, and that inputs cannot inject markup. */
class MarkdownReportTest {
    @TempDir
    Path dir;

    @Test
    void aTablePerArtifactWithTotals() {
        CliRun run = CliRun.of("scan", "--format", "markdown", Fixtures.root().resolve("elf/x86_64").toString());
        assertEquals(1, run.exitCode(), run.stderr());
        List<String> lines = run.stdout().lines().toList();
        assertEquals("## abilint scan: 2 errors, 1 warning, 0 notes", lines.get(0));
        assertTrue(lines.get(2).startsWith("5 binaries in 1 artifact. **Failed**: findings at or above error."),
                lines.get(2));
        assertTrue(run.stdout().contains("| Severity | Rule | File | Finding |\n|---|---|---|---|\n"));
        String row = lines.stream().filter(l -> l.contains("`linux-exec-stack`")).findFirst().orElseThrow();
        assertTrue(row.startsWith("| \u274c error | `linux-exec-stack` | <code>libexecstack.so</code> | PT\\_GNU\\_STACK is"
                + " executable (RWE)"), row);
        assertEquals(5, row.chars().filter(c -> c == '|').count(), row);
    }

    @Test
    void namesFromInputsCannotInjectMarkupOrMentions() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("pkg"));
        String hostile = "a|b<script>x<b>@octo-team*em*[l](x)`c`.so";
        Files.copy(Fixtures.file("elf/x86_64/libexecstack.so"), pkg.resolve(hostile));
        Files.copy(Fixtures.file("elf/x86_64/libdemo.so"), pkg.resolve("clean.so"));
        CliRun run = CliRun.of("scan", "--format", "markdown", pkg.toString());
        assertEquals(1, run.exitCode(), run.stderr());
        String row = run.stdout().lines().filter(l -> l.contains("`linux-exec-stack`")).findFirst().orElseThrow();
        assertEquals(5, row.chars().filter(c -> c == '|').count(), "only the table's own pipes: " + row);
        assertFalse(row.contains("<script>"), row);
        assertFalse(row.contains("@octo"), "no mention: " + row);
        assertTrue(row.contains("<code>a&#124;b&lt;script&gt;x&lt;b&gt;@\u2060octo-team*em*[l](x)`c`.so</code>"),
                row);
        assertEquals("PT\\_GNU\\_\\*\\[x\\](y) a&#124;b &lt;i&gt; @\u2060u \\`c\\` \\\\x0a",
                MarkdownReportWriter.cell("PT_GNU_*[x](y) a|b <i> @u `c` \n"));
    }

    @Test
    void aCleanScanSaysItPassed() {
        CliRun run = CliRun.of("scan", "--format", "markdown", Fixtures.file("elf/x86_64/libdemo.so").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("Passed: nothing at or above error."), run.stdout());
        assertTrue(run.stdout().contains("No findings: <code>"), run.stdout());
    }
}
