package dev.abilint.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;

/** The JSON report: the model as DESIGN.md names its fields; escaping is Jackson's. */
public final class JsonReportWriter implements ReportWriter {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public void write(Report report, Writer out) throws IOException {
        MAPPER.writeValue(out, report);
        out.write(System.lineSeparator());
    }
}
