package dev.abilint.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.Set;

/** Validates reports against report-templates/report.schema.json with a real JSON Schema validator. */
public final class ReportSchema {
    private static final JsonSchema SCHEMA = load();

    private ReportSchema() {}

    private static JsonSchema load() {
        InputStream in = ReportSchema.class.getClassLoader().getResourceAsStream("abilint/report/report.schema.json");
        if (in == null) {
            throw new IllegalStateException("report.schema.json is not on the classpath");
        }
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }

    public static void assertValid(JsonNode report) {
        Set<ValidationMessage> errors = SCHEMA.validate(report);
        assertTrue(errors.isEmpty(), () -> "report does not match its schema: " + errors);
    }
}
