package dev.abilint.rule;

import dev.abilint.model.Severity;
import dev.abilint.util.JsonData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rule catalogue and doc pages, read from the {@code rules} module's resources. */
public final class RuleCatalogue {
    private static final String BASE = "abilint/rules/";
    private static volatile RuleCatalogue instance;

    private final Map<String, RuleInfo> byId = new LinkedHashMap<>();

    private RuleCatalogue(List<RuleInfo> rows) {
        for (RuleInfo row : rows) {
            byId.put(row.id(), row);
        }
    }

    public static RuleCatalogue get() {
        RuleCatalogue local = instance;
        if (local == null) {
            synchronized (RuleCatalogue.class) {
                local = instance;
                if (local == null) {
                    local = load();
                    instance = local;
                }
            }
        }
        return local;
    }

    private static RuleCatalogue load() {
        try (InputStream in = resource("catalogue.json")) {
            if (in == null) {
                throw new IllegalStateException("rule catalogue is missing from the build");
            }
            List<RuleInfo> rows = new java.util.ArrayList<>();
            for (Map<String, Object> row : JsonData.objectList(JsonData.object(in), "rules")) {
                String severity = JsonData.text(row, "severity", "");
                rows.add(new RuleInfo(JsonData.text(row, "id", null), JsonData.text(row, "family", null),
                        Severity.parse(severity), JsonData.text(row, "title", null)));
            }
            return new RuleCatalogue(rows);
        } catch (IOException e) {
            throw new UncheckedIOException("rule catalogue cannot be read", e);
        }
    }

    private static InputStream resource(String name) {
        return RuleCatalogue.class.getClassLoader().getResourceAsStream(BASE + name);
    }

    public List<RuleInfo> all() {
        return List.copyOf(byId.values());
    }

    /** The row for an id, or null. */
    public RuleInfo find(String id) {
        return byId.get(id);
    }

    public RuleInfo require(String id) {
        RuleInfo info = byId.get(id);
        if (info == null) {
            throw new IllegalStateException("rule " + id + " has no catalogue row");
        }
        return info;
    }

    /** The rule's Markdown page, or null when there is none. */
    public String page(String id) {
        try (InputStream in = resource("docs/" + id + ".md")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where users read about a rule. */
    public static String docsReference(String id) {
        return "abilint explain " + id;
    }
}
