package dev.abilint.rule.data;

/** Compares dotted version strings numerically: {@code 2.2.5 < 2.14}, {@code 3.9 < 3.13}. */
public final class DottedVersion {
    private DottedVersion() {}

    public static int compare(String a, String b) {
        String[] x = a.split("[._]");
        String[] y = b.split("[._]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? number(x[i]) : 0;
            long q = i < y.length ? number(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long number(String part) {
        long value = 0;
        for (int i = 0; i < part.length() && i < 12; i++) {
            char c = part.charAt(i);
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
