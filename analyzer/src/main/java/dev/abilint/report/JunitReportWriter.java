package dev.abilint.report;

import dev.abilint.model.Artifact;
import dev.abilint.model.Finding;
import dev.abilint.model.Severity;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.rule.RuleInfo;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as CI systems read it (Jenkins, GitLab, Azure, the surefire report format): one
 * {@code <testsuite>} per artifact, one {@code <testcase>} per artifact and rule of the catalogue
 * ({@code classname} the artifact's path, {@code name} the rule id). Findings at or above the
 * summary's {@code failOn} make the test case fail (one {@code <failure>} listing them all, as
 * most readers accept only one per test case); findings below it are lines of
 * {@code <system-out>}. Findings that no artifact of the report encloses go to a suite named
 * {@code (no artifact)}.
 *
 * <p>Written with the JDK's {@link XMLStreamWriter}, which escapes markup; characters that XML 1.0
 * cannot carry are made visible first by {@link Escape#xml}.
 */
public final class JunitReportWriter implements ReportWriter {
    static final String NO_ARTIFACT = "(no artifact)";

    private final RuleCatalogue catalogue;

    public JunitReportWriter() {
        this(RuleCatalogue.get());
    }

    JunitReportWriter(RuleCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        Severity failOn = report.summary().failOn();
        ArtifactIndex index = new ArtifactIndex(report.artifacts());
        Map<String, Map<String, List<Finding>>> bySuite = new LinkedHashMap<>();
        Map<String, Artifact> artifacts = new LinkedHashMap<>();
        for (Artifact a : report.artifacts()) {
            artifacts.put(a.getPath(), a);
            bySuite.put(a.getPath(), new LinkedHashMap<>());
        }
        for (Finding finding : report.findings()) {
            String owner = index.owner(finding.location());
            bySuite.computeIfAbsent(owner == null ? NO_ARTIFACT : owner, k -> new LinkedHashMap<>())
                    .computeIfAbsent(finding.ruleId(), k -> new ArrayList<>())
                    .add(finding);
        }
        Set<String> ruleIds = new LinkedHashSet<>();
        for (RuleInfo info : catalogue.all()) {
            ruleIds.add(info.id());
        }

        int totalTests = 0;
        int totalFailures = 0;
        for (Map<String, List<Finding>> rules : bySuite.values()) {
            Set<String> ids = new LinkedHashSet<>(ruleIds);
            ids.addAll(rules.keySet());
            totalTests += ids.size();
            for (List<Finding> list : rules.values()) {
                if (list.stream().anyMatch(x -> x.severity().atLeast(failOn))) {
                    totalFailures++;
                }
            }
        }

        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            attr(xml, "name", report.tool().name() + " " + report.command());
            xml.writeAttribute("tests", Integer.toString(totalTests));
            xml.writeAttribute("failures", Integer.toString(totalFailures));
            xml.writeAttribute("errors", "0");
            xml.writeCharacters("\n");
            for (Entry<String, Map<String, List<Finding>>> suite : bySuite.entrySet()) {
                writeSuite(xml, suite.getKey(), artifacts.get(suite.getKey()), suite.getValue(), ruleIds, failOn);
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private void writeSuite(XMLStreamWriter xml, String name, Artifact artifact, Map<String, List<Finding>> rules,
            Set<String> catalogueIds, Severity failOn) throws XMLStreamException {
        Set<String> ids = new LinkedHashSet<>(catalogueIds);
        ids.addAll(rules.keySet());
        int failures = 0;
        for (List<Finding> list : rules.values()) {
            if (list.stream().anyMatch(x -> x.severity().atLeast(failOn))) {
                failures++;
            }
        }
        xml.writeCharacters("  ");
        xml.writeStartElement("testsuite");
        attr(xml, "name", name);
        xml.writeAttribute("tests", Integer.toString(ids.size()));
        xml.writeAttribute("failures", Integer.toString(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", "0");
        xml.writeCharacters("\n");
        if (artifact != null) {
            xml.writeCharacters("    ");
            xml.writeStartElement("properties");
            property(xml, "kind", artifact.getKind());
            for (Entry<String, Object> fact : artifact.getFacts().entrySet()) {
                property(xml, fact.getKey(), factText(fact.getValue()));
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        for (String id : ids) {
            List<Finding> findings = rules.getOrDefault(id, List.of());
            writeCase(xml, name, id, findings, failOn);
        }
        xml.writeCharacters("  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private void writeCase(XMLStreamWriter xml, String suite, String ruleId, List<Finding> findings, Severity failOn)
            throws XMLStreamException {
        List<Finding> failing = findings.stream().filter(f -> f.severity().atLeast(failOn)).toList();
        List<Finding> passing = findings.stream().filter(f -> !f.severity().atLeast(failOn)).toList();
        xml.writeCharacters("    ");
        if (findings.isEmpty()) {
            xml.writeEmptyElement("testcase");
            attr(xml, "classname", suite);
            attr(xml, "name", ruleId);
            xml.writeAttribute("time", "0");
            xml.writeCharacters("\n");
            return;
        }
        xml.writeStartElement("testcase");
        attr(xml, "classname", suite);
        attr(xml, "name", ruleId);
        xml.writeAttribute("time", "0");
        if (!failing.isEmpty()) {
            Severity worst = failing.stream().map(Finding::severity).max(Enum::compareTo).orElseThrow();
            xml.writeStartElement("failure");
            attr(xml, "type", worst.id());
            attr(xml, "message", failing.size() == 1 ? failing.get(0).message()
                    : failing.size() + " findings: " + failing.get(0).message() + " ...");
            xml.writeCharacters("\n");
            for (Finding f : failing) {
                xml.writeCharacters(describe(f));
            }
            xml.writeEndElement();
        }
        if (!passing.isEmpty()) {
            xml.writeStartElement("system-out");
            xml.writeCharacters("\n");
            for (Finding f : passing) {
                xml.writeCharacters(describe(f));
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    /** A fact as a property value: scalars as they are, structures as JSON (never Java's toString). */
    private static String factText(Object value) {
        if (value instanceof java.util.Map<?, ?> || value instanceof java.util.Collection<?>) {
            try {
                return Databind.MAPPER.writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
        return String.valueOf(value);
    }

    /** A finding as lines of text: each value escaped on its own, so the line breaks are ours. */
    private static String describe(Finding f) {
        StringBuilder s = new StringBuilder();
        s.append(f.severity().id()).append(": ").append(Escape.xml(f.message())).append('\n');
        s.append("  location: ").append(Escape.xml(f.location())).append('\n');
        if (f.evidence() != null) {
            for (Entry<String, Object> e : f.evidence().entrySet()) {
                String one = EvidenceText.inline(e.getValue(), f.location());
                s.append("  ").append(Escape.xml(e.getKey())).append(":");
                if (one != null) {
                    s.append(' ').append(Escape.xml(one)).append('\n');
                    continue;
                }
                s.append('\n');
                for (String line : EvidenceText.lines(e.getValue(), f.location())) {
                    s.append("  ").append(Escape.xml(line)).append('\n');
                }
            }
        }
        if (f.fix() != null) {
            s.append("  fix: ").append(Escape.xml(f.fix())).append('\n');
        }
        if (f.docs() != null) {
            s.append("  see: ").append(Escape.xml(f.docs())).append('\n');
        }
        return s.toString();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        attr(xml, "name", name);
        attr(xml, "value", value);
    }

    private static void attr(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeAttribute(name, Escape.xml(value == null ? "" : value));
    }
}
