package dev.abilint.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The jackson-databind mapper of the report writers that build JSON trees (SARIF), made on first use
 * only: building it costs a cold JVM a few hundred milliseconds, which a JSON or text report never pays.
 */
final class Databind {
    private Databind() {}

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
}
