package dev.abilint.rule.data;

/** Compares dotted version strings numerically: {@code 2.2.5 < 2.14}, {@code 3.9 < 3.13}. */
public final class DottedVersion {
    private DottedVersion() {}

    /** Parts are separated by '.' or '_'; a part's leading digits are its number (none: 0). */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int endA = partEnd(a, i);
            int endB = partEnd(b, j);
            int order = Long.compare(number(a, i, endA), number(b, j, endB));
            if (order != 0) {
                return order;
            }
            i = endA + 1;
            j = endB + 1;
        }
        return 0;
    }

    private static int partEnd(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) != '.' && s.charAt(i) != '_') {
            i++;
        }
        return i;
    }

    private static long number(String s, int from, int end) {
        long value = 0;
        for (int i = from; i < end && i < from + 12; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code cp38} → {@code 3.8}, {@code cp313t} → {@code 3.13}; null for anything else. */
    public static String pythonFromTag(String tag) {
        if (tag == null || !tag.matches("cp3\\d+t?")) {
            return null;
        }
        String digits = tag.substring(3).replace("t", "");
        return "3." + digits;
    }
}
