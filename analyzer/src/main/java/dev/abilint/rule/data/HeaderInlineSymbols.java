package dev.abilint.rule.data;

import java.util.HashMap;
import java.util.Map;

/** Private symbols that public CPython headers reference inline (rules/data/header-inline-symbols.tsv). */
public final class HeaderInlineSymbols {
    private static final HeaderInlineSymbols INSTANCE = new HeaderInlineSymbols();
    private final Map<String, String> buildBySymbol = new HashMap<>();

    private HeaderInlineSymbols() {
        for (String[] row : RuleData.tsv("header-inline-symbols.tsv")) {
            buildBySymbol.put(row[0], row[1]);
        }
    }

    public static HeaderInlineSymbols get() {
        return INSTANCE;
    }

    /** {@code any}, {@code debug}, {@code free-threaded} or {@code fpectl}; null when the headers do not reference it. */
    public String build(String symbol) {
        return buildBySymbol.get(symbol);
    }
}
