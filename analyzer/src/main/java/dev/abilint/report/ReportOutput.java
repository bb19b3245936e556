package dev.abilint.report;

import dev.abilint.util.OutputFile;
import java.io.PrintStream;

/** Writes a report where the user said, as {@link OutputFile} writes any output: safe for devices, atomic for files. */
public final class ReportOutput {
    private ReportOutput() {}

    /** Writes {@code report} to {@code target} ({@code -} for {@code stdout}). */
    public static void write(String target, Report report, ReportWriter writer, PrintStream stdout)
            throws OutputFile.OutputException {
        OutputFile.write("report", target, out -> writer.write(report, out), stdout);
    }
}
