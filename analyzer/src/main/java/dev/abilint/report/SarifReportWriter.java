package dev.abilint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.abilint.model.Finding;
import dev.abilint.model.Locations;
import dev.abilint.model.Severity;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.rule.RuleInfo;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SARIF 2.1.0: one run; {@code tool.driver.rules} is the whole rule catalogue (so
 * {@code ruleIndex} means the same in every report of a version), one result per finding.
 *
 * <p>Archive members: a location such as {@code dist/x.whl!/pkg/_core.so} is not a file in the
 * repository, and GitHub code scanning only accepts results whose
 * {@code physicalLocation.artifactLocation.uri} is a (relative) file path. So the uri is the
 * outermost file on disk ({@code dist/x.whl}), and the full location goes into a
 * {@code logicalLocations} entry (kind {@code module}, {@code fullyQualifiedName} the whole
 * {@code !/} path, {@code name} the member's file name) and into {@code properties.location}.
 * (SARIF's nested {@code run.artifacts[]} with {@code parentIndex} would also describe it, but an
 * artifactLocation may not name both the outer file by uri and the member by index.)
 *
 * <p>Message text is plain text; SARIF reads {@code [text](target)} in it as an embedded link, so
 * literal square brackets are escaped with a backslash (SARIF 2.1.0 §3.11.6). The unescaped
 * facts stay in {@code properties.evidence}. JSON escaping is Jackson's.
 */
public final class SarifReportWriter implements ReportWriter {
    public static final String SCHEMA_URI =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    /** The key of abilint's fingerprint in {@code partialFingerprints}. */
    public static final String FINGERPRINT_KEY = "abilint/v1";

    private final RuleCatalogue catalogue;

    public SarifReportWriter() {
        this(RuleCatalogue.get());
    }

    SarifReportWriter(RuleCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode log = f.objectNode();
        log.put("$schema", SCHEMA_URI);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();

        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", report.tool().name());
        if (report.tool().version() != null) {
            driver.put("version", report.tool().version());
        }
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (RuleInfo info : catalogue.all()) {
            ruleIndex.put(info.id(), rules.size());
            rules.add(rule(f, info));
        }
        // A finding whose rule has no catalogue row (should not happen) still gets a rule entry.
        for (Finding finding : report.findings()) {
            if (!ruleIndex.containsKey(finding.ruleId())) {
                ruleIndex.put(finding.ruleId(), rules.size());
                ObjectNode r = rules.addObject();
                r.put("id", finding.ruleId());
                r.putObject("defaultConfiguration").put("level", level(finding.severity()));
            }
        }

        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        ObjectNode invocationProps = invocation.putObject("properties");
        invocationProps.put("command", report.command());
        invocationProps.set("inputs", Databind.MAPPER.valueToTree(report.inputs()));
        invocationProps.set("summary", Databind.MAPPER.valueToTree(report.summary()));

        ArrayNode results = run.putArray("results");
        for (Finding finding : report.findings()) {
            results.add(result(f, finding, ruleIndex.get(finding.ruleId())));
        }
        run.put("columnKind", "unicodeCodePoints");

        Databind.MAPPER.writeValue(out, log);
        out.write(System.lineSeparator());
    }

    private ObjectNode rule(JsonNodeFactory f, RuleInfo info) {
        ObjectNode r = f.objectNode();
        r.put("id", info.id());
        r.put("name", pascalCase(info.id()));
        r.putObject("shortDescription").put("text", info.title());
        ObjectNode full = r.putObject("fullDescription");
        full.put("text", info.title());
        String page = catalogue.page(info.id());
        ObjectNode help = r.putObject("help");
        if (page != null) {
            help.put("text", page);
            help.put("markdown", page);
        } else {
            help.put("text", info.title() + " (" + RuleCatalogue.docsReference(info.id()) + ")");
        }
        r.putObject("defaultConfiguration").put("level", level(info.severity()));
        ObjectNode props = r.putObject("properties");
        props.putArray("tags").add("abi").add(info.family());
        props.put("family", info.family());
        props.put("docs", RuleCatalogue.docsReference(info.id()));
        return r;
    }

    private static ObjectNode result(JsonNodeFactory f, Finding finding, int ruleIndex) {
        ObjectNode r = f.objectNode();
        r.put("ruleId", finding.ruleId());
        r.put("ruleIndex", ruleIndex);
        r.put("level", level(finding.severity()));
        r.putObject("message").put("text", messageText(finding.message()));
        String location = finding.location();
        if (location != null && !location.isEmpty()) {
            ObjectNode loc = r.putArray("locations").addObject();
            String outer = outerFile(location);
            loc.putObject("physicalLocation").putObject("artifactLocation").put("uri", uri(outer));
            if (!outer.equals(location)) {
                ObjectNode logical = loc.putArray("logicalLocations").addObject();
                logical.put("name", Locations.fileName(location));
                logical.put("fullyQualifiedName", location);
                logical.put("kind", "module");
            }
        }
        if (finding.fingerprint() != null) {
            r.putObject("partialFingerprints").put(FINGERPRINT_KEY, finding.fingerprint());
        }
        ObjectNode props = r.putObject("properties");
        props.put("severity", finding.severity().id());
        if (location != null) {
            props.put("location", location);
        }
        if (finding.evidence() != null && !finding.evidence().isEmpty()) {
            JsonNode evidence = Databind.MAPPER.valueToTree(finding.evidence());
            props.set("evidence", evidence);
        }
        if (finding.fix() != null) {
            props.put("fix", finding.fix());
        }
        if (finding.docs() != null) {
            props.put("docs", finding.docs());
        }
        return r;
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "note";
            case NEVER -> "none";
        };
    }

    /** Plain-text SARIF message: literal {@code [} and {@code ]} are escaped so no link is formed. */
    static String messageText(String message) {
        if (message == null || message.isEmpty()) {
            return "(no message)";
        }
        return message.replace("[", "\\[").replace("]", "\\]");
    }

    /** The file on disk that holds the location: the part before the first {@code !/}. */
    static String outerFile(String location) {
        int cut = location.indexOf(Locations.SEPARATOR);
        return cut < 0 ? location : location.substring(0, cut);
    }

    /**
     * A URI reference for a path as the user gave it: a relative path stays relative (what GitHub
     * code scanning needs), an absolute one becomes a {@code file:} URI; characters that URIs do
     * not allow are percent-encoded.
     */
    static String uri(String path) {
        String p = path.replace('\\', '/');
        try {
            boolean windowsDrive = p.length() > 2 && p.charAt(1) == ':' && p.charAt(2) == '/'
                    && Character.isLetter(p.charAt(0));
            if (p.startsWith("/") || windowsDrive) {
                return new URI("file", "", windowsDrive ? "/" + p : p, null).toASCIIString();
            }
            String encoded = new URI(null, null, p, null).toASCIIString();
            int colon = encoded.indexOf(':');
            int slash = encoded.indexOf('/');
            if (colon >= 0 && (slash < 0 || colon < slash)) {
                encoded = "./" + encoded; // "a:b" would read as a scheme
            }
            return encoded;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot make a URI of " + path, e);
        }
    }

    private static String pascalCase(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
