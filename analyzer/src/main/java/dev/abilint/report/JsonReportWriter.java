package dev.abilint.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The JSON report: the model as DESIGN.md names its fields; escaping is Jackson's. */
public final class JsonReportWriter implements ReportWriter {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /**
     * Builds Jackson's serializers for the report's types ahead of the report (they are built on first
     * use, from reflection, which takes a short scan's tens of milliseconds): writes an empty report to
     * nowhere.
     */
    public static void prepare() {
        try {
            dev.abilint.model.Analysis empty = new dev.abilint.model.Analysis(List.of(), List.of(), List.of(),
                    List.of(), List.of());
            MAPPER.writeValue(Writer.nullWriter(), Report.of("scan", "", empty, List.of(), dev.abilint.model.Severity.ERROR));
        } catch (IOException e) {
            // nothing is written; the real report meets any real problem
        }
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        MAPPER.writeValue(out, report);
        out.write(System.lineSeparator());
    }
}
