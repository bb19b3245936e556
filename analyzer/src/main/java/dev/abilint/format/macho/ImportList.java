package dev.abilint.format.macho;

import dev.abilint.model.Binary;
import dev.abilint.model.Problem;
import dev.abilint.model.Symbol;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects imports from whichever table names them, one per (name, library), resolving two-level
 * library ordinals against the dependent libraries in load-command order.
 */
final class ImportList {
    static final int SELF = 0;
    static final int MAIN_EXECUTABLE = -1;
    static final int FLAT_LOOKUP = -2;
    static final int WEAK_LOOKUP = -3;
    /** Out-of-range ordinals reported per table, so a hostile table cannot flood the problems. */
    private static final int MAX_PROBLEMS = 16;

    private final List<LoadCommands.Dylib> dylibs;
    private final boolean flatNamespace;
    private final Binary binary;
    private final Map<String, Symbol> byKey = new LinkedHashMap<>();
    private final Map<String, Boolean> names = new HashMap<>();
    boolean dynamicLookup;
    boolean mainExecutable;
    boolean selfImports;
    private int ordinalProblems;

    ImportList(List<LoadCommands.Dylib> dylibs, boolean flatNamespace, Binary binary) {
        this.dylibs = dylibs;
        this.flatNamespace = flatNamespace;
        this.binary = binary;
    }

    /** Adds an import bound through {@code ordinal} (two-level, or one of the special negative ones). */
    void add(String rawName, long ordinal, boolean weak, long offset) {
        String library = null;
        if (ordinal == FLAT_LOOKUP) {
            dynamicLookup = true;
        } else if (ordinal == MAIN_EXECUTABLE) {
            mainExecutable = true;
        } else if (ordinal == SELF) {
            selfImports = true;
        } else if (ordinal > 0 && !flatNamespace) {
            if (ordinal <= dylibs.size()) {
                library = dylibs.get((int) ordinal - 1).name();
            } else if (ordinalProblems++ < MAX_PROBLEMS) {
                binary.getProblems().add(new Problem("symbol " + rawName + " binds to library ordinal " + ordinal
                        + " but there are only " + dylibs.size() + " dependent libraries", offset));
            }
        }
        put(rawName, library, weak);
    }

    /** Adds an import whose library is not known (flat lookup, weak coalescing). */
    void put(String rawName, String library, boolean weak) {
        String key = rawName + '\0' + (library == null ? "" : library);
        Symbol existing = byKey.get(key);
        if (existing != null) {
            if (weak && !existing.weak()) {
                byKey.put(key, symbol(rawName, library, true));
            }
            return;
        }
        byKey.put(key, symbol(rawName, library, weak));
        names.put(rawName, Boolean.TRUE);
    }

    boolean hasName(String rawName) {
        return names.containsKey(rawName);
    }

    boolean isEmpty() {
        return byKey.isEmpty();
    }

    void writeTo(Binary out) {
        out.getImports().addAll(byKey.values());
    }

    static Symbol symbol(String rawName, String library, boolean weak) {
        return new Symbol(cName(rawName), rawName.equals(cName(rawName)) ? null : rawName, null, library, null,
                weak, false, null);
    }

    /** The C-level name: Mach-O's leading underscore removed. */
    static String cName(String rawName) {
        return rawName.startsWith("_") ? rawName.substring(1) : rawName;
    }
}
