package dev.abilint.report;

import dev.abilint.model.Binary;
import dev.abilint.model.Finding;
import dev.abilint.model.Severity;
import dev.abilint.model.Symbol;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Text for terminals: findings grouped by artifact and member, or (for inspect) what was read from each
 * binary. Every string from an input goes through {@link Escape#terminal}; colour only when asked.
 */
public final class TextReportWriter implements ReportWriter {
    private static final String RESET = "\u001b[0m";
    private final boolean color;
    private final boolean listBinaries;

    public TextReportWriter(boolean color, boolean listBinaries) {
        this.color = color;
        this.listBinaries = listBinaries;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        if (listBinaries) {
            for (dev.abilint.model.Artifact artifact : report.artifacts()) {
                writeArtifact(artifact, out);
            }
            for (Binary binary : report.binaries()) {
                writeBinary(binary, out);
            }
        }
        // Grouped by artifact, then by the member inside it: a wheel or jar is written once.
        ArtifactIndex index = new ArtifactIndex(report.artifacts());
        java.util.Map<String, String> kinds = new java.util.HashMap<>();
        for (dev.abilint.model.Artifact a : report.artifacts()) {
            kinds.put(a.getPath(), a.getKind());
        }
        String currentArtifact = null;
        String current = null;
        boolean diff = "diff".equals(report.command()) && report.oldSide() != null && report.newSide() != null;
        if (diff) {
            out.write(bold("abilint diff") + "  old: " + Escape.terminal(String.join(" ", report.oldSide().inputs()))
                    + "  new: " + Escape.terminal(String.join(" ", report.newSide().inputs())) + "\n");
        }
        Severity section = null;
        for (Finding finding : report.findings()) {
            if (diff && finding.severity() != section) {
                // breaking changes first: the findings come sorted by severity, each group gets a heading
                section = finding.severity();
                out.write("\n" + bold(switch (section) {
                    case ERROR -> "Breaking changes (errors): what fails for users who upgrade";
                    case WARNING -> "Policy changes (warnings): dropped platforms, raised floors";
                    default -> "Additions and notes";
                }) + "\n");
                currentArtifact = null;
                current = null;
            }
            String owner = index.owner(finding.location());
            boolean member = owner != null && !owner.equals(finding.location());
            if (member && !owner.equals(currentArtifact)) {
                out.write(bold(Escape.terminal(owner)) + "  (" + kinds.get(owner) + ")\n");
            }
            currentArtifact = member ? owner : null;
            if (!finding.location().equals(current)) {
                current = finding.location();
                out.write(member ? "  " + bold(Escape.terminal(index.relative(current))) + "\n"
                        : bold(Escape.terminal(current)) + "\n");
            }
            writeFinding(finding, out, member ? "  " : "");
        }
        writeReleases(report, out);
        if (report.baseline() != null) {
            out.write(report.baseline().matched() + " known finding" + (report.baseline().matched() == 1 ? "" : "s")
                    + " matched the baseline " + Escape.terminal(report.baseline().path()) + "; "
                    + report.baseline().fixed().size() + " fixed since:\n");
            for (dev.abilint.gate.Baseline.Entry fixed : report.baseline().fixed()) {
                out.write("  fixed  " + fixed.ruleId() + "  " + Escape.terminal(fixed.location()) + "  "
                        + Escape.terminal(fixed.message()) + "\n");
            }
        }
        Report.Summary s = report.summary();
        out.write(String.format("%d %s in %d %s: %d %s, %d %s, %d %s%s%n",
                s.binaries(), plural(s.binaries(), "binary", "binaries"),
                s.artifacts(), plural(s.artifacts(), "artifact", "artifacts"),
                s.errors(), plural(s.errors(), "error", "errors"),
                s.warnings(), plural(s.warnings(), "warning", "warnings"),
                s.notes(), plural(s.notes(), "note", "notes"),
                s.suppressed() == 0 ? "" : " (" + s.suppressed() + " suppressed)"));
    }

    /** The release coverage matrices (facts of release-platform-uncovered): per Python build, the platforms covered. */
    private void writeReleases(Report report, Writer out) throws IOException {
        for (dev.abilint.model.Artifact a : report.artifacts()) {
            if (!(a.getFacts().get("releaseCoverage") instanceof List<?> list)) {
                continue;
            }
            for (Object o : list) {
                if (!(o instanceof java.util.Map<?, ?> fact) || !(fact.get("cells") instanceof java.util.Map<?, ?> cells)) {
                    continue;
                }
                boolean sdist = fact.get("sdists") instanceof List<?> sd && !sd.isEmpty();
                out.write(bold("release coverage: " + Escape.terminal(fact.get("project") + " " + fact.get("version")))
                        + "  (" + (sdist ? "sdist" : "no sdist")
                        + (Boolean.TRUE.equals(fact.get("pureWheel")) ? ", pure-Python wheel" : "") + ")\n");
                for (java.util.Map.Entry<?, ?> row : cells.entrySet()) {
                    List<String> covered = new java.util.ArrayList<>();
                    if (row.getValue() instanceof java.util.Map<?, ?> byPlatform) {
                        byPlatform.forEach((p, files) -> {
                            if (files instanceof List<?> l && !l.isEmpty()) {
                                covered.add(Escape.terminal(String.valueOf(p)));
                            }
                        });
                    }
                    out.write(String.format("  %-7s %s%n", Escape.terminal(String.valueOf(row.getKey())),
                            covered.isEmpty() ? "-" : String.join(" ", covered)));
                }
            }
        }
    }

    private void writeFinding(Finding f, Writer out, String indent) throws IOException {
        out.write(indent + "  " + severity(f.severity()) + "  " + f.ruleId() + "  " + Escape.terminal(f.message()) + "\n");
        String detail = indent + "           ";
        if (f.evidence() != null) {
            for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
                String one = EvidenceText.inline(e.getValue(), f.location());
                if (one != null) {
                    out.write(detail + e.getKey() + ": " + Escape.terminal(one) + "\n");
                    continue;
                }
                out.write(detail + e.getKey() + ":\n");
                for (String line : EvidenceText.lines(e.getValue(), f.location())) {
                    out.write(detail + Escape.terminal(line) + "\n");
                }
            }
        }
        if (f.change() != null) {
            out.write(detail + "change: " + Escape.terminal(changeText(f.change().before(), f.change().after(), f.location()))
                    + "\n");
        }
        if (f.fix() != null) {
            out.write(detail + "fix: " + Escape.terminal(f.fix()) + "\n");
        }
        out.write(detail + "see: " + f.docs() + "\n");
    }

    /** {@code before -> after}; two lists as what went and what came ({@code -a -b +c}), the rest being alike. */
    private static String changeText(Object before, Object after, String location) {
        if (before instanceof List<?> old && after instanceof List<?> young) {
            StringBuilder out = new StringBuilder();
            for (Object o : old) {
                if (!young.contains(o)) {
                    out.append(out.length() == 0 ? "" : " ").append('-').append(o);
                }
            }
            for (Object o : young) {
                if (!old.contains(o)) {
                    out.append(out.length() == 0 ? "" : " ").append('+').append(o);
                }
            }
            String text = out.length() == 0 ? "(same items)" : out.toString();
            return text.length() > FACT_WIDTH ? text.substring(0, FACT_WIDTH) + "..." : text;
        }
        return changeText(before, location) + " -> " + changeText(after, location);
    }

    private static String changeText(Object value, String location) {
        if (value == null) {
            return "(none)";
        }
        String one = EvidenceText.inline(value, location);
        String text = one != null ? one : EvidenceText.text(value, location).replace("\n", "; ");
        return text.length() > FACT_WIDTH ? text.substring(0, FACT_WIDTH) + "..." : text;
    }

    private static final int FACT_WIDTH = 160;

    private void writeArtifact(dev.abilint.model.Artifact a, Writer out) throws IOException {
        out.write(bold(Escape.terminal(a.getPath())) + "  (" + a.getKind() + ", " + a.getMembers().size() + " member"
                + (a.getMembers().size() == 1 ? "" : "s") + ")\n");
        for (Map.Entry<String, Object> e : a.getFacts().entrySet()) {
            String value = EvidenceText.text(e.getValue(), a.getPath()).replace("\n", "; ").replaceAll(" {2,}", " ");
            if (value.length() > FACT_WIDTH) {
                value = value.substring(0, FACT_WIDTH) + "...";
            }
            out.write("  " + e.getKey() + ": " + Escape.terminal(value) + "\n");
        }
    }

    private void writeBinary(Binary b, Writer out) throws IOException {
        out.write(bold(Escape.terminal(b.getPath())) + "\n");
        out.write("  " + b.getFormat() + " " + Escape.terminal(b.getArch()) + " " + b.getBits() + "-bit "
                + b.getEndian() + "-endian " + Escape.terminal(b.getType())
                + (b.getPlatform() == null ? "" : "  platform " + Escape.terminal(b.getPlatform().label()))
                + (b.getDeclaredPlatform() == null ? "" : "  declared " + Escape.terminal(b.getDeclaredPlatform().label()))
                + "\n");
        line(out, "soname", b.getSoname());
        line(out, "install name", b.getInstallName());
        line(out, "min os", b.getMinOs());
        list(out, "needed", b.getNeeded());
        list(out, "rpath", b.getRpath());
        list(out, "runpath", b.getRunpath());
        if (!b.getFlags().isEmpty()) {
            StringBuilder flags = new StringBuilder();
            for (Map.Entry<String, Object> e : b.getFlags().entrySet()) {
                flags.append(flags.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
            }
            line(out, "flags", flags.toString());
        }
        python(out, b.getPython());
        out.write("  imports (" + b.getImports().size() + "):\n");
        for (Symbol s : b.getImports()) {
            out.write("    " + Escape.terminal(s.versionedName(false))
                    + (s.library() == null ? "" : "  (" + Escape.terminal(s.library()) + ")")
                    + (s.weak() ? "  weak" : "") + "\n");
        }
        out.write("  exports (" + b.getExports().size() + "):\n");
        for (Symbol s : b.getExports()) {
            out.write("    " + Escape.terminal(s.versionedName(true)) + "  " + s.kind() + (s.weak() ? " weak" : "") + "\n");
        }
    }

    /** A Python module's facts: init style, definition and slots, GIL, sub-interpreters, allocators, types. */
    private static void python(Writer out, dev.abilint.model.PythonFacts p) throws IOException {
        if (p == null) {
            return;
        }
        StringBuilder def = new StringBuilder(p.init() + " init of " + p.module() + "; PyModuleDef " + p.def());
        if (p.defName() != null) {
            def.append(" (m_name ").append(p.defName()).append(')');
        }
        line(out, "python module", def.toString());
        if (p.slots() != null) {
            List<String> slots = new java.util.ArrayList<>();
            for (dev.abilint.model.ModuleSlot s : p.slots()) {
                slots.add(s.name() + "=" + s.value());
            }
            line(out, "module slots", slots.isEmpty() ? "(none)" : String.join(", ", slots));
        }
        line(out, "gil", p.gil() == null ? "not known" : p.gil() + " (" + p.gilDeclaredBy() + ")");
        line(out, "sub-interpreters", p.subinterpreters() == null ? "not known" : p.subinterpreters());
        line(out, "releases the gil", (p.releasesGil() ? "yes" : "no")
                + (p.gilApis().isEmpty() ? "" : " (" + String.join(", ", p.gilApis()) + ")"));
        if (!p.allocators().isEmpty()) {
            List<String> families = new java.util.ArrayList<>();
            for (Map.Entry<String, List<String>> e : p.allocators().entrySet()) {
                families.add(e.getKey() + " (" + String.join(", ", e.getValue()) + ")");
            }
            line(out, "allocators", String.join("; ", families));
        }
        line(out, "types", p.types());
    }

    private static void line(Writer out, String label, String value) throws IOException {
        if (value != null) {
            out.write("  " + label + ": " + Escape.terminal(value) + "\n");
        }
    }

    private static void list(Writer out, String label, List<String> values) throws IOException {
        if (!values.isEmpty()) {
            out.write("  " + label + ": " + Escape.terminal(String.join(", ", values)) + "\n");
        }
    }

    private String severity(Severity severity) {
        String text = String.format("%-7s", severity.id());
        if (!color) {
            return text;
        }
        String code = switch (severity) {
            case ERROR -> "\u001b[31m";
            case WARNING -> "\u001b[33m";
            default -> "\u001b[36m";
        };
        return code + text + RESET;
    }

    private String bold(String text) {
        return color ? "\u001b[1m" + text + RESET : text;
    }

    private static String plural(int n, String one, String many) {
        return n == 1 ? one : many;
    }
}
