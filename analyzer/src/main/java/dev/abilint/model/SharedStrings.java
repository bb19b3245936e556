package dev.abilint.model;

/**
 * Gives back an equal string seen shortly before, so that names repeated across the binaries of a scan
 * (every library imports memcpy@GLIBC_2.14; copies of one library for several platforms export the
 * same names) are held once. A fixed table of recent strings, one per hash slot: a string that lost
 * its slot is simply kept as it is. Unlike {@link String#intern()} it is a plain array read (intern
 * cost a third of the time spent reading ELF symbols), it never grows, and it needs no lock: a
 * String is immutable, so a slot read without synchronisation holds either an old string or a new one.
 */
public final class SharedStrings {
    private static final int SLOTS = 1 << 17;
    private static final String[] TABLE = new String[SLOTS];

    private SharedStrings() {}

    /** An equal string already in the table, else {@code s} (then remembered); null for null. */
    public static String share(String s) {
        if (s == null) {
            return null;
        }
        int h = s.hashCode();
        int slot = (h ^ (h >>> 17)) & (SLOTS - 1);
        String held = TABLE[slot];
        if (held != null && held.equals(s)) {
            return held;
        }
        TABLE[slot] = s;
        return s;
    }
}
