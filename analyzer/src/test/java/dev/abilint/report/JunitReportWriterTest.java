package dev.abilint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.model.Artifact;
import dev.abilint.model.Finding;
import dev.abilint.model.Severity;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportWriterTest {
    private static final int RULES = RuleCatalogue.get().all().size();

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String[] args(String format, String failOn) {
        return new String[] {"scan", "--format", format, "--fail-on", failOn, "--manylinux", "2_17", "--python", "3.8",
            Fixtures.root().resolve("python").toString(), Fixtures.root().resolve("hostile").toString()};
    }

    @Test
    void oneSuitePerArtifactOneCasePerRuleFailuresAtOrAboveFailOn() throws Exception {
        JsonNode json = CliRun.of(args("json", "warning")).json();
        CliRun run = CliRun.of(args("junit", "warning"));
        assertEquals(1, run.exitCode(), run.stderr());
        Document doc = parse(run.stdout());

        NodeList suites = doc.getElementsByTagName("testsuite");
        assertEquals(json.get("artifacts").size(), suites.getLength());
        assertEquals(2 * RULES, doc.getElementsByTagName("testcase").getLength());
        assertEquals(Integer.toString(2 * RULES), doc.getDocumentElement().getAttribute("tests"));

        // expected failures: distinct (artifact, rule) pairs with a finding at warning or above
        Set<String> failing = new HashSet<>();
        Map<String, Integer> belowPerPair = new HashMap<>();
        for (JsonNode f : json.get("findings")) {
            String artifact = f.get("location").asText().contains("/hostile/") ? "hostile" : "python";
            String key = artifact + " " + f.get("ruleId").asText();
            if (!f.get("severity").asText().equals("note")) {
                failing.add(key);
            } else {
                belowPerPair.merge(key, 1, Integer::sum);
            }
        }
        NodeList failures = doc.getElementsByTagName("failure");
        assertEquals(failing.size(), failures.getLength());
        assertEquals(Integer.toString(failing.size()), doc.getDocumentElement().getAttribute("failures"));
        for (int i = 0; i < failures.getLength(); i++) {
            Element testcase = (Element) failures.item(i).getParentNode();
            String artifact = testcase.getAttribute("classname").endsWith("hostile") ? "hostile" : "python";
            assertTrue(failing.contains(artifact + " " + testcase.getAttribute("name")), testcase.getAttribute("name"));
        }
        // notes are below --fail-on warning: printed, not failed
        NodeList outs = doc.getElementsByTagName("system-out");
        int noteLines = 0;
        for (int i = 0; i < outs.getLength(); i++) {
            noteLines += outs.item(i).getTextContent().split("\nnote: ", -1).length - 1
                    + (outs.item(i).getTextContent().startsWith("note: ") ? 1 : 0);
        }
        int notes = belowPerPair.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(notes > 0);
        assertEquals(notes, noteLines);
    }

    @Test
    void failOnNeverFailsNothing() throws Exception {
        CliRun run = CliRun.of(args("junit", "never"));
        assertEquals(0, run.exitCode(), run.stderr());
        Document doc = parse(run.stdout());
        assertEquals(0, doc.getElementsByTagName("failure").getLength());
        assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
        assertTrue(doc.getElementsByTagName("system-out").getLength() > 5);
    }

    @Test
    void hostileNamesAreTextAndTheDocumentIsWellFormed() throws Exception {
        CliRun run = CliRun.of("scan", "--format", "junit", "--fail-on", "warning",
                Fixtures.root().resolve("hostile").toString());
        Document doc = parse(run.stdout());
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").contains("<img src=x onerror=alert(1)>"));
        assertTrue(failure.getTextContent().contains("</script><script>alert(2)</script>"));
        assertTrue(failure.getTextContent().contains("]]>&amp;\\x1b[31mred\\x07"), failure.getTextContent());
        assertTrue(!run.stdout().contains("\u001b") && !run.stdout().contains("\u0007"));
    }

    @Test
    void charactersXmlCannotHoldBecomeVisibleEscapes() throws Exception {
        String nasty = "nul\u0000 esc\u001b bell\u0007 lone\ud800 back\udc00 nonchar\uffff fine\ud83d\ude00 rtl\u202e";
        Finding f = Reports.finding("linux-textrel", Severity.ERROR, nasty, "x/" + nasty + ".so", "symbol", nasty);
        Report report = Reports.of(List.of(new Artifact("x", "directory")), List.of(), List.of(f), Severity.ERROR);
        StringWriter out = new StringWriter();
        new JunitReportWriter().write(report, out);
        Document doc = parse(out.toString());
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        String message = failure.getAttribute("message");
        assertEquals("nul\\x00 esc\\x1b bell\\x07 lone\\ud800 back\\udc00 nonchar\\uffff fine\ud83d\ude00 rtl\\u202e",
                message);
        assertTrue(failure.getTextContent().contains("symbol: " + message));
        assertEquals("x", ((Element) doc.getElementsByTagName("testsuite").item(0)).getAttribute("name"));
    }

    @Test
    void findingsOutsideEveryArtifactGetTheirOwnSuite() throws Exception {
        Finding f = Reports.finding("parse-error", Severity.ERROR, "cannot read", "elsewhere/x.so");
        Report report = Reports.of(List.of(new Artifact("x", "directory")), List.of(), List.of(f), Severity.ERROR);
        StringWriter out = new StringWriter();
        new JunitReportWriter().write(report, out);
        Document doc = parse(out.toString());
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength());
        assertEquals(JunitReportWriter.NO_ARTIFACT, ((Element) suites.item(1)).getAttribute("name"));
        assertEquals("1", ((Element) suites.item(1)).getAttribute("failures"));
    }

    @Test
    void archiveMembersBelongToTheirArchive() throws IOException, Exception {
        StringWriter out = new StringWriter();
        new JunitReportWriter().write(Reports.archives(), out);
        Document doc = parse(out.toString());
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertEquals(3, suites.getLength());
        assertEquals("1", ((Element) suites.item(0)).getAttribute("failures")); // the wheel's error
        assertEquals("0", ((Element) suites.item(1)).getAttribute("failures")); // jar: a warning, below error
        assertEquals(1, ((Element) suites.item(1)).getElementsByTagName("system-out").getLength());
    }
}
