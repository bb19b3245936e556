package dev.abilint.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.abilint.gate.Baseline;
import dev.abilint.model.Artifact;
import dev.abilint.model.Binary;
import dev.abilint.model.Finding;
import dev.abilint.model.ModuleSlot;
import dev.abilint.model.Platform;
import dev.abilint.model.PythonFacts;
import dev.abilint.model.Severity;
import dev.abilint.model.Symbol;
import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The JSON report: the model as DESIGN.md names its fields, written field by field with Jackson's
 * streaming generator (escaping and layout are Jackson's). Not jackson-databind's bean serializers:
 * building them by reflection costs a cold JVM more than writing a large report. Tests hold this
 * writer to databind's output of the same model, annotations and all, byte for byte.
 */
public final class JsonReportWriter implements ReportWriter {
    private static final JsonFactory FACTORY = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** Loads the writer's classes ahead of a report (for the warm-up thread): writes an empty report to nowhere. */
    public static void prepare() {
        try {
            dev.abilint.model.Analysis empty = new dev.abilint.model.Analysis(List.of(), List.of(), List.of(),
                    List.of(), List.of());
            new JsonReportWriter().write(Report.of("scan", "", empty, List.of(), Severity.ERROR), Writer.nullWriter());
        } catch (IOException e) {
            // nothing is written; the real report meets any real problem
        }
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            report(g, report);
        }
        out.write(System.lineSeparator());
    }

    // Report: fields that are null are left out; nested records write every field.
    private static void report(JsonGenerator g, Report r) throws IOException {
        g.writeStartObject();
        nonNull(g, "schemaVersion", r.schemaVersion());
        if (r.tool() != null) {
            g.writeFieldName("tool");
            g.writeStartObject();
            g.writeStringField("name", r.tool().name());
            g.writeStringField("version", r.tool().version());
            g.writeEndObject();
        }
        nonNull(g, "command", r.command());
        nonNull(g, "inputs", r.inputs());
        side(g, "old", r.oldSide());
        side(g, "new", r.newSide());
        nonNull(g, "config", r.config());
        if (r.artifacts() != null) {
            g.writeArrayFieldStart("artifacts");
            for (Artifact a : r.artifacts()) {
                artifact(g, a);
            }
            g.writeEndArray();
        }
        if (r.binaries() != null) {
            g.writeArrayFieldStart("binaries");
            for (Binary b : r.binaries()) {
                binary(g, b);
            }
            g.writeEndArray();
        }
        if (r.findings() != null) {
            g.writeArrayFieldStart("findings");
            for (Finding f : r.findings()) {
                finding(g, f);
            }
            g.writeEndArray();
        }
        if (r.baseline() != null) {
            g.writeFieldName("baseline");
            g.writeStartObject();
            g.writeStringField("path", r.baseline().path());
            g.writeNumberField("matched", r.baseline().matched());
            g.writeFieldName("fixed");
            if (r.baseline().fixed() == null) {
                g.writeNull();
            } else {
                g.writeStartArray();
                for (Baseline.Entry e : r.baseline().fixed()) {
                    g.writeStartObject();
                    g.writeStringField("fingerprint", e.fingerprint());
                    g.writeStringField("ruleId", e.ruleId());
                    g.writeStringField("location", e.location());
                    g.writeStringField("message", e.message());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        if (r.summary() != null) {
            Report.Summary s = r.summary();
            g.writeFieldName("summary");
            g.writeStartObject();
            g.writeNumberField("artifacts", s.artifacts());
            g.writeNumberField("binaries", s.binaries());
            g.writeNumberField("findings", s.findings());
            g.writeNumberField("errors", s.errors());
            g.writeNumberField("warnings", s.warnings());
            g.writeNumberField("notes", s.notes());
            g.writeNumberField("suppressed", s.suppressed());
            g.writeFieldName("failOn");
            value(g, s.failOn());
            g.writeBooleanField("failed", s.failed());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    // Artifact, Binary, Finding: empty strings, lists and maps and nulls are left out.
    private static void artifact(JsonGenerator g, Artifact a) throws IOException {
        g.writeStartObject();
        nonEmpty(g, "path", a.getPath());
        nonEmpty(g, "kind", a.getKind());
        nonEmpty(g, "facts", a.getFacts());
        nonEmpty(g, "members", a.getMembers());
        g.writeEndObject();
    }

    private static void binary(JsonGenerator g, Binary b) throws IOException {
        g.writeStartObject();
        nonEmpty(g, "path", b.getPath());
        nonEmpty(g, "format", b.getFormat());
        nonEmpty(g, "arch", b.getArch());
        g.writeNumberField("bits", b.getBits());
        nonEmpty(g, "endian", b.getEndian());
        nonEmpty(g, "osAbi", b.getOsAbi());
        nonEmpty(g, "type", b.getType());
        nonEmpty(g, "platform", b.getPlatform());
        nonEmpty(g, "declaredPlatform", b.getDeclaredPlatform());
        nonEmpty(g, "soname", b.getSoname());
        nonEmpty(g, "installName", b.getInstallName());
        nonEmpty(g, "needed", b.getNeeded());
        nonEmpty(g, "rpath", b.getRpath());
        nonEmpty(g, "runpath", b.getRunpath());
        nonEmpty(g, "minOs", b.getMinOs());
        nonEmpty(g, "sdk", b.getSdk());
        symbols(g, "imports", b.getImports());
        symbols(g, "exports", b.getExports());
        nonEmpty(g, "flags", b.getFlags());
        nonEmpty(g, "python", b.getPython());
        g.writeEndObject();
    }

    private static void symbols(JsonGenerator g, String name, List<Symbol> symbols) throws IOException {
        if (symbols == null || symbols.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (Symbol s : symbols) {
            symbol(g, s);
        }
        g.writeEndArray();
    }

    // Symbol: default values (null, "", false) are left out.
    private static void symbol(JsonGenerator g, Symbol s) throws IOException {
        g.writeStartObject();
        nonEmpty(g, "name", s.name());
        nonEmpty(g, "rawName", s.rawName());
        nonEmpty(g, "version", s.version());
        nonEmpty(g, "library", s.library());
        nonEmpty(g, "kind", s.kind());
        if (s.weak()) {
            g.writeBooleanField("weak", true);
        }
        if (s.hidden()) {
            g.writeBooleanField("hidden", true);
        }
        if (s.ordinal() != null) {
            g.writeNumberField("ordinal", s.ordinal());
        }
        g.writeEndObject();
    }

    private static void finding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        nonEmpty(g, "ruleId", f.ruleId());
        nonEmpty(g, "severity", f.severity());
        nonEmpty(g, "message", f.message());
        nonEmpty(g, "location", f.location());
        nonEmpty(g, "evidence", f.evidence());
        if (f.change() != null) {
            g.writeFieldName("change");
            g.writeStartObject();
            g.writeFieldName("before");
            value(g, f.change().before());
            g.writeFieldName("after");
            value(g, f.change().after());
            g.writeEndObject();
        }
        nonEmpty(g, "fix", f.fix());
        nonEmpty(g, "docs", f.docs());
        nonEmpty(g, "fingerprint", f.fingerprint());
        g.writeEndObject();
    }

    // A diff's release: both fields, as databind writes a record.
    private static void side(JsonGenerator g, String name, Report.Side side) throws IOException {
        if (side == null) {
            return;
        }
        g.writeFieldName(name);
        g.writeStartObject();
        g.writeFieldName("inputs");
        value(g, side.inputs());
        g.writeFieldName("platforms");
        value(g, side.platforms());
        g.writeEndObject();
    }

    // Platform: null fields are left out.
    private static void platform(JsonGenerator g, Platform p) throws IOException {
        g.writeStartObject();
        nonNull(g, "os", p.os());
        nonNull(g, "arch", p.arch());
        nonNull(g, "libc", p.libc());
        g.writeEndObject();
    }

    /**
     * A module's facts as jackson-databind wrote them from the record's annotations (the declared order, null
     * fields left out): the one value type of every extension module's facts, written without making an
     * ObjectMapper, whose start-up (about 30 ms) a JSON report of a wheel paid on the main thread.
     */
    private static void pythonFacts(JsonGenerator g, PythonFacts p) throws IOException {
        g.writeStartObject();
        nonNull(g, "module", p.module());
        nonNull(g, "init", p.init());
        nonNull(g, "def", p.def());
        nonNull(g, "defName", p.defName());
        nonNull(g, "slots", p.slots());
        nonNull(g, "gil", p.gil());
        nonNull(g, "gilDeclaredBy", p.gilDeclaredBy());
        nonNull(g, "subinterpreters", p.subinterpreters());
        g.writeBooleanField("releasesGil", p.releasesGil());
        nonNull(g, "gilApis", p.gilApis());
        nonNull(g, "allocators", p.allocators());
        nonNull(g, "types", p.types());
        g.writeEndObject();
    }

    private static void nonNull(JsonGenerator g, String name, Object value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            value(g, value);
        }
    }

    private static void nonEmpty(JsonGenerator g, String name, Object value) throws IOException {
        boolean empty = value == null || value instanceof String s && s.isEmpty()
                || value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
        if (!empty) {
            g.writeFieldName(name);
            value(g, value);
        }
    }

    /**
     * A value inside facts, evidence or flags: JSON's own types, lists and maps of them, and the model's
     * few value types; anything else is written by jackson-databind (made then, and only then).
     */
    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).intValue());
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof Severity s) {
            g.writeString(s.id());
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                value(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof Platform p) {
            platform(g, p);
        } else if (v instanceof Symbol s) {
            symbol(g, s);
        } else if (v instanceof PythonFacts p) {
            pythonFacts(g, p);
        } else if (v instanceof ModuleSlot slot) {
            g.writeStartObject();
            g.writeNumberField("id", slot.id());
            g.writeFieldName("name");
            value(g, slot.name());
            g.writeFieldName("value");
            value(g, slot.value());
            g.writeEndObject();
        } else {
            Databind.MAPPER.writeValue(g, v);
        }
    }
}
