package dev.abilint.rule;

import java.util.List;

/**
 * How a grouped finding names what it is about: one finding per (rule, binary) whose message names
 * the first few items and says how many more there are, while its evidence lists all of them.
 */
public final class Listing {
    /** Items named in a message before "and N more". */
    public static final int FIRST = 5;

    private Listing() {}

    /** {@code a, b, c, d, e and 7 more}; {@code a and b}; {@code a}. */
    public static String firstFew(List<String> items) {
        int shown = Math.min(FIRST, items.size());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                out.append(i == shown - 1 && shown == items.size() ? " and " : ", ");
            }
            out.append(items.get(i));
        }
        if (items.size() > shown) {
            out.append(" and ").append(items.size() - shown).append(" more");
        }
        return out.toString();
    }

    /** {@code word} or {@code words}. */
    public static String plural(int count, String one, String many) {
        return count == 1 ? one : many;
    }
}
