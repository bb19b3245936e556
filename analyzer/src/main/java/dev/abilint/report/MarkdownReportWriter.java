package dev.abilint.report;

import dev.abilint.model.Artifact;
import dev.abilint.model.Finding;
import dev.abilint.model.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitHub-flavoured Markdown for CI job summaries ({@code $GITHUB_STEP_SUMMARY}) and pull-request comments: a
 * heading with the totals, then one short table per artifact (severity, rule, file, message), at most
 * {@link #ROWS_PER_ARTIFACT} rows each; artifacts without findings are listed on one line. Every string from
 * an input goes through {@link #cell}: no markup, table break, HTML or mention can come from a binary.
 */
public final class MarkdownReportWriter implements ReportWriter {
    static final int ROWS_PER_ARTIFACT = 50;
    private static final int MESSAGE_CHARS = 300;

    @Override
    public void write(Report report, Writer out) throws IOException {
        Report.Summary s = report.summary();
        out.write("## abilint " + report.command() + ": " + s.errors() + " " + plural(s.errors(), "error") + ", "
                + s.warnings() + " " + plural(s.warnings(), "warning") + ", " + s.notes() + " " + plural(s.notes(), "note")
                + "\n\n");
        out.write(s.binaries() + " " + (s.binaries() == 1 ? "binary" : "binaries") + " in " + s.artifacts() + " "
                + plural(s.artifacts(), "artifact")
                + (s.suppressed() == 0 ? "" : "; " + s.suppressed() + " suppressed")
                + (report.baseline() == null ? "" : "; " + report.baseline().matched() + " in the baseline, "
                        + report.baseline().fixed().size() + " fixed since")
                + ". " + (s.failOn() == Severity.NEVER ? "The gate is off (--fail-on never)."
                        : s.failed() ? "**Failed**: findings at or above " + s.failOn().id() + "."
                        : "Passed: nothing at or above " + s.failOn().id() + ".")
                + "\n\n");
        ArtifactIndex index = new ArtifactIndex(report.artifacts());
        Map<String, List<Finding>> byArtifact = new LinkedHashMap<>();
        for (Artifact a : report.artifacts()) {
            byArtifact.put(a.getPath(), new ArrayList<>());
        }
        List<Finding> elsewhere = new ArrayList<>();
        for (Finding f : report.findings()) {
            String owner = index.owner(f.location());
            if (owner == null || !byArtifact.containsKey(owner)) {
                elsewhere.add(f);
            } else {
                byArtifact.get(owner).add(f);
            }
        }
        List<String> clean = new ArrayList<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        report.artifacts().forEach(a -> kinds.put(a.getPath(), a.getKind()));
        for (Map.Entry<String, List<Finding>> e : byArtifact.entrySet()) {
            if (e.getValue().isEmpty()) {
                clean.add(code(e.getKey()));
                continue;
            }
            out.write("### " + code(e.getKey()) + " (" + cell(kinds.get(e.getKey())) + "): " + counts(e.getValue())
                    + "\n\n");
            table(e.getValue(), index, out);
        }
        if (!elsewhere.isEmpty()) {
            out.write("### Other findings: " + counts(elsewhere) + "\n\n");
            table(elsewhere, index, out);
        }
        if (!clean.isEmpty()) {
            out.write("No findings: " + String.join(", ", clean) + "\n\n");
        }
        if (report.baseline() != null && !report.baseline().fixed().isEmpty()) {
            out.write("Fixed since the baseline: " + report.baseline().fixed().stream().limit(ROWS_PER_ARTIFACT)
                    .map(f -> "`" + f.ruleId() + "` " + code(f.location())).reduce((a, b) -> a + ", " + b).orElse("")
                    + (report.baseline().fixed().size() > ROWS_PER_ARTIFACT ? ", ..." : "") + "\n\n");
        }
    }

    private static void table(List<Finding> findings, ArtifactIndex index, Writer out) throws IOException {
        out.write("| Severity | Rule | File | Finding |\n|---|---|---|---|\n");
        int shown = 0;
        for (Finding f : findings) {
            if (shown++ == ROWS_PER_ARTIFACT) {
                out.write("\n" + (findings.size() - ROWS_PER_ARTIFACT) + " more: see the full report (--format html,"
                        + " json or sarif).\n");
                break;
            }
            String message = f.message() == null ? "" : f.message();
            if (message.length() > MESSAGE_CHARS) {
                message = message.substring(0, MESSAGE_CHARS) + "...";
            }
            String relative = index.relative(f.location());
            out.write("| " + icon(f.severity()) + " " + f.severity().id() + " | `" + f.ruleId() + "` | "
                    + (relative == null ? "" : code(relative)) + " | " + cell(message) + " |\n");
        }
        out.write("\n");
    }

    private static String counts(List<Finding> findings) {
        int errors = 0;
        int warnings = 0;
        int notes = 0;
        for (Finding f : findings) {
            switch (f.severity()) {
                case ERROR -> errors++;
                case WARNING -> warnings++;
                default -> notes++;
            }
        }
        List<String> parts = new ArrayList<>();
        if (errors > 0) {
            parts.add(errors + " " + plural(errors, "error"));
        }
        if (warnings > 0) {
            parts.add(warnings + " " + plural(warnings, "warning"));
        }
        if (notes > 0) {
            parts.add(notes + " " + plural(notes, "note"));
        }
        return String.join(", ", parts);
    }

    private static String icon(Severity severity) {
        return switch (severity) {
            case ERROR -> "\u274c";
            case WARNING -> "\u26a0\ufe0f";
            default -> "\u2139\ufe0f";
        };
    }

    private static String plural(int n, String word) {
        return n == 1 ? word : word + "s";
    }

    /** A path or name from an input as inline code: an HTML {@code <code>} element with its text escaped. */
    static String code(String text) {
        return "<code>" + html(text) + "</code>";
    }

    /**
     * Text from an input for a table cell: control characters made visible, HTML escaped, the Markdown
     * punctuation that works inside a line backslash-escaped (no emphasis, strike-through, link, image or code
     * span can start; {@code # - +} only act at a line's start, which a cell never is), and a
     * word joiner after {@code @} so that no user or team is mentioned.
     */
    static String cell(String text) {
        String visible = Escape.terminal(text);
        StringBuilder out = new StringBuilder(visible.length() + 16);
        for (int i = 0; i < visible.length(); i++) {
            char c = visible.charAt(i);
            if ("\\`*_[]~".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                html(c, out);
            }
        }
        return out.toString();
    }

    /** {@link Escape#terminal}, then {@code & < > " |} as entities (a pipe would end the table cell). */
    private static String html(String text) {
        String visible = Escape.terminal(text);
        StringBuilder out = new StringBuilder(visible.length() + 16);
        for (int i = 0; i < visible.length(); i++) {
            html(visible.charAt(i), out);
        }
        return out.toString();
    }

    private static void html(char c, StringBuilder out) {
        switch (c) {
            case '&' -> out.append("&amp;");
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '"' -> out.append("&quot;");
            case '|' -> out.append("&#124;");
            case '@' -> out.append("@\u2060");
            default -> out.append(c);
        }
    }
}
