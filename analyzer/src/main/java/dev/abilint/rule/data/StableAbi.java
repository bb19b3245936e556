package dev.abilint.rule.data;

import java.util.HashMap;
import java.util.Map;

/** CPython's Stable ABI symbols with the version that added each (rules/data/stable-abi.tsv). */
public final class StableAbi {
    public record Entry(String name, String kind, String added, boolean abiOnly) {}

    private static final StableAbi INSTANCE = new StableAbi();
    private final Map<String, Entry> byName = new HashMap<>();

    private StableAbi() {
        for (String[] row : RuleData.tsv("stable-abi.tsv")) {
            byName.put(row[0], new Entry(row[0], row[1], row[2], "yes".equals(row[3])));
        }
    }

    public static StableAbi get() {
        return INSTANCE;
    }

    /** The entry for a symbol, or null when the symbol is not in the Stable ABI. */
    public Entry find(String symbol) {
        return byName.get(symbol);
    }

    public int size() {
        return byName.size();
    }

    /** Whether a symbol name belongs to the CPython C API namespace. */
    public static boolean isPythonSymbol(String name) {
        return name.startsWith("Py") || name.startsWith("_Py");
    }
}
