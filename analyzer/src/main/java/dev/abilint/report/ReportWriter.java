package dev.abilint.report;

import java.io.IOException;
import java.io.Writer;

/** Prints a report in one format. Writers compute nothing that the report does not carry. */
public interface ReportWriter {
    void write(Report report, Writer out) throws IOException;
}
