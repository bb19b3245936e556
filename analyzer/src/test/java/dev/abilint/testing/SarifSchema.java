package dev.abilint.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Validates SARIF logs against the SARIF 2.1.0 JSON Schema committed as
 * report-templates/sarif-schema-2.1.0.json (see SARIF-SCHEMA-SOURCE.txt there), with networknt's
 * validator in the dialect the schema file declares.
 */
public final class SarifSchema {
    private static final JsonSchema SCHEMA = load();

    private SarifSchema() {}

    public static Path file() {
        Path path = Fixtures.root().toAbsolutePath().getParent().resolve("report-templates/sarif-schema-2.1.0.json");
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("SARIF schema missing: " + path);
        }
        return path;
    }

    private static JsonSchema load() {
        try (InputStream in = Files.newInputStream(file())) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Set<ValidationMessage> errors(JsonNode log) {
        return SCHEMA.validate(log);
    }

    public static void assertValid(JsonNode log) {
        Set<ValidationMessage> errors = errors(log);
        assertTrue(errors.isEmpty(), () -> "SARIF log does not match the SARIF 2.1.0 schema: " + errors);
    }
}
