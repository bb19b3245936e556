package dev.abilint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import dev.abilint.testing.SarifSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifReportWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String[] scan(String format, String... inputs) {
        String[] head = {"scan", "--format", format, "--manylinux", "2_17", "--python", "3.8"};
        String[] args = new String[head.length + inputs.length];
        System.arraycopy(head, 0, args, 0, head.length);
        for (int i = 0; i < inputs.length; i++) {
            args[head.length + i] = Fixtures.root().resolve(inputs[i]).toString();
        }
        return args;
    }

    @Test
    void fixturesGiveAValidSarifLogWithOneResultPerFinding() throws IOException {
        JsonNode json = CliRun.of(scan("json", "python", "elf", "hostile")).json();
        CliRun run = CliRun.of(scan("sarif", "python", "elf", "hostile"));
        assertEquals(1, run.exitCode(), run.stderr());
        JsonNode log = MAPPER.readTree(run.stdout());
        SarifSchema.assertValid(log);

        assertEquals("2.1.0", log.get("version").asText());
        assertEquals(1, log.get("runs").size());
        JsonNode runNode = log.get("runs").get(0);
        JsonNode driver = runNode.at("/tool/driver");
        assertEquals("abilint", driver.get("name").asText());
        assertFalse(driver.has("informationUri"));
        JsonNode rules = driver.get("rules");
        assertEquals(RuleCatalogue.get().all().size(), rules.size());

        JsonNode results = runNode.get("results");
        JsonNode findings = json.get("findings");
        assertTrue(findings.size() > 10, "the fixtures should fire rules");
        assertEquals(findings.size(), results.size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            JsonNode finding = findings.get(i);
            assertEquals(finding.get("ruleId").asText(), result.get("ruleId").asText());
            assertEquals(result.get("ruleId").asText(), rules.get(result.get("ruleIndex").asInt()).get("id").asText());
            assertEquals(finding.get("severity").asText(), result.get("level").asText());
            assertEquals(SarifReportWriter.uri(finding.get("location").asText()),
                    result.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
            assertEquals(finding.get("location").asText(), result.at("/properties/location").asText());
            assertEquals(finding.get("fingerprint").asText(), result.at("/partialFingerprints/abilint~1v1").asText());
            assertEquals(finding.get("fix").asText(), result.at("/properties/fix").asText());
            if (finding.has("evidence")) {
                assertEquals(finding.get("evidence"), result.at("/properties/evidence"));
            }
        }
        assertEquals(json.get("summary"), runNode.at("/invocations/0/properties/summary"));
    }

    @Test
    void everyRuleCarriesItsTitleLevelAndPage() throws IOException {
        JsonNode log = write(Reports.archives());
        SarifSchema.assertValid(log);
        for (JsonNode rule : log.at("/runs/0/tool/driver/rules")) {
            String id = rule.get("id").asText();
            var info = RuleCatalogue.get().require(id);
            assertEquals(info.title(), rule.at("/shortDescription/text").asText());
            assertEquals(SarifReportWriter.level(info.severity()), rule.at("/defaultConfiguration/level").asText());
            String page = RuleCatalogue.get().page(id);
            if (page != null) {
                assertEquals(page, rule.at("/help/markdown").asText(), id);
            } else {
                assertTrue(rule.at("/help/text").asText().contains("abilint explain " + id), id);
            }
        }
    }

    @Test
    void archiveMembersPointAtTheOuterFileAndNameTheMemberAsALogicalLocation() throws IOException {
        JsonNode results = write(Reports.archives()).at("/runs/0/results");
        JsonNode wheel = results.get(0);
        assertEquals("dist/demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
                wheel.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals("dist/demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl!/demo/_core.cpython-312-x86_64-linux-gnu.so",
                wheel.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText());
        assertEquals("_core.cpython-312-x86_64-linux-gnu.so", wheel.at("/locations/0/logicalLocations/0/name").asText());
        assertEquals("stack \\[RWE\\] is executable", wheel.at("/message/text").asText());

        JsonNode nested = results.get(1);
        assertEquals("lib/app.jar", nested.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals("lib/app.jar!/lib/inner.jar!/natives/linux-x86_64/libx.so",
                nested.at("/properties/location").asText());

        JsonNode loose = results.get(2);
        assertEquals("my%20dir/%C3%BCn%C3%AF.so", loose.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertFalse(loose.at("/locations/0").has("logicalLocations"));
        assertEquals("note", loose.get("level").asText());
    }

    @Test
    void uris() {
        assertEquals("a/b.so", SarifReportWriter.uri("a/b.so"));
        assertEquals("file:///abs/x%23y.so", SarifReportWriter.uri("/abs/x#y.so"));
        assertEquals("file:///C:/w/x.dll", SarifReportWriter.uri("C:\\w\\x.dll"));
        assertEquals("./a:b.so", SarifReportWriter.uri("a:b.so"));
    }

    @Test
    void theSchemaRejectsWhatIsNotSarif() throws IOException {
        ObjectNode log = (ObjectNode) write(Reports.archives());
        ((ObjectNode) log.at("/runs/0/results/0")).put("level", "fatal");
        assertFalse(SarifSchema.errors(log).isEmpty(), "a level outside error|warning|note|none must fail");
        ObjectNode noVersion = (ObjectNode) write(Reports.archives());
        noVersion.remove("version");
        assertFalse(SarifSchema.errors(noVersion).isEmpty(), "a log without version must fail");
    }

    @Test
    void hostileNamesStayTextInTheMessage() throws IOException {
        JsonNode log = MAPPER.readTree(CliRun.of(scan("sarif", "hostile")).stdout());
        SarifSchema.assertValid(log);
        JsonNode results = log.at("/runs/0/results");
        assertEquals(1, results.size());
        String text = results.get(0).at("/message/text").asText();
        assertTrue(text.contains("<img src=x onerror=alert(1)>"), text);
        assertTrue(text.contains("\\]\\]>&amp;\u001b\\[31mred\u0007"), text);
        Set<String> sample = new HashSet<>();
        results.get(0).at("/properties/evidence/sample").forEach(n -> sample.add(n.asText()));
        assertTrue(sample.contains("]]>&amp;\u001b[31mred\u0007"), sample.toString());
    }

    @Test
    void writtenToAFileWithOutput(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("abilint.sarif");
        CliRun run = CliRun.of("scan", "--format", "sarif", "--fail-on", "never", "--output", out.toString(),
                Fixtures.root().resolve("hostile").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.stdout());
        SarifSchema.assertValid(MAPPER.readTree(Files.readString(out)));
    }

    private static JsonNode write(Report report) throws IOException {
        StringWriter out = new StringWriter();
        new SarifReportWriter().write(report, out);
        return MAPPER.readTree(out.toString());
    }
}
