package dev.abilint.rule.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What needs which macOS/iOS release (rules/data/macos-availability.tsv): load commands dyld must know and
 * symbols libSystem exports only from some release on.
 */
public final class MacosAvailability {
    /** One row: the oldest macOS and iOS releases that have it, and where that was read. */
    public record Need(String kind, String name, String macos, String ios, String source) {}

    private static final Map<String, Need> SYMBOLS = new LinkedHashMap<>();
    private static final Map<String, Need> LOAD_COMMANDS = new LinkedHashMap<>();

    static {
        for (String[] row : RuleData.tsv("macos-availability.tsv")) {
            if (row.length < 5) {
                throw new IllegalStateException("macos-availability.tsv: five columns expected: " + String.join("|", row));
            }
            Need need = new Need(row[0], row[1], row[2], row[3], row[4]);
            (row[0].equals("symbol") ? SYMBOLS : LOAD_COMMANDS).put(row[1], need);
        }
    }

    private MacosAvailability() {}

    /** The row of a symbol (abilint's C-level name), or null. */
    public static Need symbol(String name) {
        return SYMBOLS.get(name);
    }

    /** The row of a load command ({@code LC_DYLD_CHAINED_FIXUPS}), or null. */
    public static Need loadCommand(String name) {
        return LOAD_COMMANDS.get(name);
    }
}
