package dev.abilint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.model.Artifact;
import dev.abilint.model.Binary;
import dev.abilint.model.Platform;
import dev.abilint.model.Severity;
import dev.abilint.model.Symbol;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportWriterTest {
    private static final Pattern ROW = Pattern.compile("<tr class=\"finding ");
    private static final Pattern EXTERNAL = Pattern.compile(
            "(?i)(src|href|action|srcset|poster|data)\\s*=\\s*[\"']?\\s*([a-z]+:)?//|url\\(|@import");

    private static String[] args(String format) {
        return new String[] {"scan", "--format", format, "--manylinux", "2_17", "--python", "3.8",
            Fixtures.root().resolve("hostile").toString(), Fixtures.root().resolve("python").toString(),
            Fixtures.root().resolve("elf").toString()};
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void hostileExportsAreEscapedAndEveryFindingHasARow() {
        JsonNode json = CliRun.of(args("json")).json();
        CliRun run = CliRun.of(args("html"));
        assertEquals(1, run.exitCode(), run.stderr());
        String html = run.stdout();

        assertEquals(json.get("findings").size(), count(ROW, html));
        assertFalse(html.contains("<img src=x"), "an export name became markup");
        assertFalse(html.contains("<img"), "no image at all");
        assertFalse(html.contains("<script>alert"), "an export name became a script");
        assertFalse(html.contains("</script><script>"), "an export name closed the script");
        assertTrue(html.contains("&lt;img src&#61;x onerror&#61;alert(1)&gt;"), "the name is shown as text");
        assertFalse(html.contains("\u001b") || html.contains("\u0007"), "control characters are made visible");
        assertTrue(html.contains("\\x1b[31mred\\x07"));
        assertEquals(1, count(Pattern.compile("<script"), html), "only the report's own script");
        Matcher external = EXTERNAL.matcher(html);
        assertFalse(external.find(), () -> "external resource: " + html.substring(external.start(),
                Math.min(html.length(), external.end() + 60)));
    }

    @Test
    void everyRuleWithFindingsHasItsPageInTheFile() {
        JsonNode json = CliRun.of(args("json")).json();
        String html = CliRun.of(args("html")).stdout();
        for (JsonNode f : json.get("findings")) {
            String id = f.get("ruleId").asText();
            assertTrue(html.contains("id=\"rule-" + id + "\""), id);
            assertTrue(html.contains("href=\"#rule-" + id + "\""), id);
        }
        // a rule that has a page shows it (escaped, as preformatted text)
        assertTrue(html.contains("<pre class=\"page\"># linux-exec-stack"), "linux-exec-stack's page");
    }

    @Test
    void contentSecurityPolicyAllowsExactlyTheInlineScriptAndStyle() throws Exception {
        String html = CliRun.of(args("html")).stdout();
        Matcher csp = Pattern.compile("script-src '([^']+)'; style-src '([^']+)'").matcher(html);
        assertTrue(csp.find(), "CSP meta");
        String script = between(html, "<script>", "</script>");
        String style = between(html, "<style>", "</style>");
        assertEquals("sha256-" + sha256(script), csp.group(1).replace("&#61;", "="));
        assertEquals("sha256-" + sha256(style), csp.group(2).replace("&#61;", "="));
        assertTrue(html.contains("default-src 'none'"));
        assertFalse(script.contains("innerHTML"), "report.js must not use innerHTML");
    }

    @Test
    void noFindingsStillRendersWithAnEmptyTable() throws IOException {
        Report report = Reports.of(List.of(new Artifact("clean", "directory")), List.of(), List.of(), Severity.ERROR);
        StringWriter out = new StringWriter();
        new HtmlReportWriter().write(report, out);
        String html = out.toString();
        assertEquals(0, count(ROW, html));
        assertTrue(html.contains("No findings."));
        assertTrue(html.contains("No rule has findings."));
        assertTrue(html.contains("No native binaries."));
    }

    @Test
    void platformMatrixShowsPlatformsPresentAndFloors() throws IOException {
        Binary x86 = new Binary("w.whl!/pkg/_core.so", "elf").platform(new Platform("linux", "x86_64", "glibc"));
        x86.getImports().add(Symbol.imported("memcpy", "GLIBC_2.14", "libc.so.6", false));
        x86.getImports().add(Symbol.imported("stat", "GLIBC_2.2.5", "libc.so.6", false));
        x86.getImports().add(Symbol.imported("x", "GLIBC_PRIVATE", "libc.so.6", false));
        x86.getImports().add(Symbol.imported("y", "GLIBC_2.3.4", "libc.so.6", false));
        Binary arm = new Binary("w.whl!/pkg/_core.so", "macho").platform(new Platform("macos", "arm64", null)).minOs("11.0");
        Binary intel = new Binary("w.whl!/pkg/_core.so", "macho").platform(new Platform("macos", "x86_64", null)).minOs("10.12");
        Binary helper = new Binary("w.whl!/pkg/libhelper.so", "elf").platform(new Platform("linux", "x86_64", "glibc"));
        Report report = Reports.of(List.of(new Artifact("w.whl", "wheel")), List.of(x86, arm, intel, helper), List.of(),
                Severity.ERROR);
        StringWriter out = new StringWriter();
        new HtmlReportWriter().write(report, out);
        String matrix = between(out.toString(), "<table class=\"matrix\">", "</table>");
        assertEquals(3, count(Pattern.compile("<th>linux-x86_64-glibc</th>|<th>macos-arm64</th>|<th>macos-x86_64</th>"),
                matrix));
        assertEquals(2, count(Pattern.compile("<th scope=\"row\">"), matrix));
        assertTrue(matrix.contains("<code>_core</code>"), "one row per library, whatever its file name per platform");
        assertTrue(matrix.contains("<code>helper</code>"));
        assertTrue(matrix.contains("glibc 2.14"), matrix);
        assertTrue(matrix.contains("macOS 11.0") && matrix.contains("macOS 10.12"));
        assertEquals(4, count(Pattern.compile("class=\"yes\""), matrix));
        assertEquals(2, count(Pattern.compile("class=\"no\""), matrix));
        assertEquals("2.14", HtmlReportWriter.glibcFloor(x86));
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, start);
        int to = text.indexOf(end, from + start.length());
        assertTrue(to >= 0, end);
        return text.substring(from + start.length(), to);
    }

    private static String sha256(String text) throws Exception {
        return Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
