package dev.abilint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.model.Artifact;
import dev.abilint.model.Finding;
import dev.abilint.model.Severity;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Evidence as a person reads it in text and HTML: no Java Map/List toString, members of the finding's
 * artifact named relative to it, long lists folded; JSON keeps everything.
 */
class EvidenceTextTest {
    private static final String JAR = "/home/ci/work/dist/zstd-jni-1.5.6-4.jar";

    private static List<String> libraries(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(JAR + "!/linux/arch" + i + "/libzstd.so");
        }
        return out;
    }

    private static Finding unbound() {
        Map<String, Object> matrix = new LinkedHashMap<>();
        matrix.put("platforms", List.of("linux-x86_64", "macos-arm64"));
        matrix.put("libraries", Map.of("zstd", Map.of("linux-x86_64", "present")));
        return Reports.finding("jni-native-method-unbound", Severity.ERROR, "3 native methods of Zstd have no JNI export",
                JAR + "!/com/github/luben/zstd/Zstd.class",
                "librariesChecked", libraries(18),
                "methods", List.of(Map.of("method", "searchLengthMin()I"), Map.of("method", "searchLengthMax()I")),
                "matrix", matrix,
                "short", List.of("a", "b", "c"));
    }

    private static Report report(Finding... findings) {
        return Reports.of(List.of(new Artifact(JAR, "jar")), List.of(), List.of(findings), Severity.ERROR);
    }

    @Test
    void textNamesMembersRelativeToTheirArtifactFoldsLongListsAndIndentsMaps() throws Exception {
        StringWriter out = new StringWriter();
        new TextReportWriter(false, false).write(report(unbound()), out);
        String text = out.toString();
        assertEquals(1, text.split(Pattern.quote(JAR), -1).length - 1, "the jar's path once, as the heading:\n" + text);
        assertTrue(text.contains("librariesChecked: linux/arch0/libzstd.so, linux/arch1/libzstd.so, "), text);
        assertTrue(text.contains("linux/arch9/libzstd.so … and 8 more\n"), text);
        assertFalse(text.contains("arch10"), text);
        assertTrue(text.contains("methods:\n") && text.contains("  - method: searchLengthMin()I\n"), text);
        assertTrue(text.contains("matrix:\n") && text.contains("  platforms: linux-x86_64, macos-arm64\n")
                && text.contains("  libraries:\n") && text.contains("      linux-x86_64: present\n"), text);
        assertTrue(text.contains("short: a, b, c\n"), text);
        assertFalse(Pattern.compile("[{\\[][a-zA-Z]+=|=\\[|=\\{").matcher(text).find(), "no Map.toString:\n" + text);
    }

    @Test
    void aListOnlyAFewItemsTooLongIsNotFolded() {
        assertEquals(null, EvidenceText.inline(Map.of(), null));
        List<String> thirteen = libraries(13).stream().map(s -> s.substring(s.indexOf("!/") + 2)).toList();
        assertFalse(EvidenceText.inline(thirteen, null).contains("more"));
        assertTrue(EvidenceText.inline(libraries(14), JAR).endsWith("… and 4 more"));
    }

    @Test
    void relativeOnlyInsideTheSameArchive() {
        assertEquals("lib/x.so", EvidenceText.relative("a.jar!/lib/x.so", "a.jar"));
        assertEquals("lib/x.so", EvidenceText.relative("a.jar!/lib/x.so", "a.jar!/C.class"));
        assertEquals("x.so", EvidenceText.relative("a.jar!/in.jar!/x.so", "a.jar!/in.jar!/C.class"));
        assertEquals("in.jar!/x.so", EvidenceText.relative("a.jar!/in.jar!/x.so", "a.jar!/C.class"));
        assertEquals("b.jar!/x.so", EvidenceText.relative("b.jar!/x.so", "a.jar!/C.class"));
        assertEquals("ab.jar!/x.so", EvidenceText.relative("ab.jar!/x.so", "a"));
        assertEquals("a.jar!/", EvidenceText.relative("a.jar!/", "a.jar"));
    }

    @Test
    void htmlShowsTheSameStructureAndSortsRowsBySeverity() throws Exception {
        Finding note = Reports.finding("jni-export-orphan", Severity.NOTE, "a dead export", JAR + "!/a/lib.so");
        Finding warning = Reports.finding("private-c-api", Severity.WARNING, "private", JAR + "!/b/lib.so");
        Finding error = unbound();
        StringWriter out = new StringWriter();
        new HtmlReportWriter().write(report(note, warning, error), out); // in location order: note, warning, error
        String html = out.toString();
        Matcher rows = Pattern.compile("<tr class=\"finding sev-(\\w+)\"").matcher(html);
        List<String> order = new ArrayList<>();
        while (rows.find()) {
            order.add(rows.group(1));
        }
        assertEquals(List.of("error", "warning", "note"), order);
        assertTrue(html.contains("<code>linux/arch0/libzstd.so, linux/arch1/libzstd.so, "), "relative, folded");
        assertTrue(html.contains("- method: searchLengthMin()I&#10;- method: searchLengthMax()I"), "one line per item (pre-wrap)");
        assertFalse(html.contains("{method&#61;") || html.contains("{method="), "no Map.toString");
        // the rule's page heading shows the severities its findings have here, and its default
        assertTrue(html.contains(">1 note</span> <span class=\"family\">jni · default note</span>"), html);
        assertTrue(html.contains(">1 error</span> <span class=\"family\">jni · default error</span>"), html);
    }
}
