package dev.abilint.rule.data;

import java.util.HashMap;
import java.util.Map;

/** C API functions with a strong-reference replacement (rules/data/borrowed-references.tsv). */
public final class BorrowedReferences {
    public record Replacement(String function, String kind, String replacement, String since, String why) {}

    private static final BorrowedReferences INSTANCE = new BorrowedReferences();
    private final Map<String, Replacement> byName = new HashMap<>();

    private BorrowedReferences() {
        for (String[] row : RuleData.tsv("borrowed-references.tsv")) {
            byName.put(row[0], new Replacement(row[0], row[1], row[2], row[3], row[4]));
        }
    }

    public static BorrowedReferences get() {
        return INSTANCE;
    }

    public Replacement find(String function) {
        return byName.get(function);
    }
}
