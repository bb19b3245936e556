package dev.abilint.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Evidence values as people read them, for the text and HTML reports (JSON keeps the structure and every
 * item): lists joined with commas and folded after {@link #FOLD} items ("… and 12 more"), maps and lists
 * of maps as indented lines of {@code key: value}, never Java's {@code {a=[..], b={..}}}; and members of
 * the finding's own artifact named relative to it ({@code linux/amd64/libfoo.so}, not
 * {@code /abs/path/foo.jar!/linux/amd64/libfoo.so} once per platform). Strings are not escaped here.
 */
final class EvidenceText {
    /** Items of a list shown before the rest is folded. */
    static final int FOLD = 10;
    /** A list is folded only when that hides more than this many items: "… and 2 more" saves nothing. */
    private static final int SLACK = 3;
    private static final String INDENT = "  ";

    private EvidenceText() {}

    /** A value on one line when it is a scalar or a list of scalars, else null (use {@link #lines}). */
    static String inline(Object value, String base) {
        if (value instanceof Map<?, ?>) {
            return null;
        }
        if (value instanceof Collection<?> list) {
            List<String> parts = new ArrayList<>();
            int n = 0;
            for (Object o : list) {
                if (o instanceof Map<?, ?> || o instanceof Collection<?>) {
                    return null;
                }
                if (n++ < FOLD || !folded(list)) {
                    parts.add(scalar(o, base));
                }
            }
            String joined = String.join(", ", parts);
            return folded(list) ? joined + " … and " + (list.size() - FOLD) + " more" : joined;
        }
        return scalar(value, base);
    }

    /** A structured value as lines below its key, each already indented one step more than the key. */
    static List<String> lines(Object value, String base) {
        List<String> out = new ArrayList<>();
        add(out, value, base, INDENT);
        return out;
    }

    /** The whole value as text: one line, or the lines of {@link #lines} joined with newlines. */
    static String text(Object value, String base) {
        String one = inline(value, base);
        if (one != null) {
            return one;
        }
        List<String> lines = new ArrayList<>();
        add(lines, value, base, "");
        return String.join("\n", lines);
    }

    private static void add(List<String> out, Object value, String base, String indent) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String one = inline(e.getValue(), base);
                if (one != null) {
                    out.add(indent + e.getKey() + ": " + one);
                } else {
                    out.add(indent + e.getKey() + ":");
                    add(out, e.getValue(), base, indent + INDENT);
                }
            }
        } else if (value instanceof Collection<?> list) {
            int n = 0;
            for (Object o : list) {
                if (n++ == FOLD && folded(list)) {
                    out.add(indent + "… and " + (list.size() - FOLD) + " more");
                    break;
                }
                String one = o instanceof Map<?, ?> map ? entries(map, base) : inline(o, base);
                if (one != null) {
                    out.add(indent + "- " + one);
                } else {
                    out.add(indent + "-");
                    add(out, o, base, indent + INDENT);
                }
            }
        } else {
            out.add(indent + scalar(value, base));
        }
    }

    private static boolean folded(Collection<?> list) {
        return list.size() > FOLD + SLACK;
    }

    /** A map whose values are all one-liners, on one line: {@code method: peek()V; missingOn: linux-aarch64}. */
    private static String entries(Map<?, ?> map, String base) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String one = inline(e.getValue(), base);
            if (one == null) {
                return null;
            }
            parts.add(e.getKey() + ": " + one);
        }
        return String.join("; ", parts);
    }

    private static String scalar(Object value, String base) {
        return value instanceof String s ? relative(s, base) : String.valueOf(value);
    }

    /**
     * A location inside the same archive as {@code base} (the finding's location), named from that
     * archive: with base {@code a.jar!/x/C.class} or {@code a.jar}, {@code a.jar!/lib/libx.so} is
     * {@code lib/libx.so}. Other strings are returned as they are.
     */
    static String relative(String value, String base) {
        if (base == null || value.indexOf("!/") < 0) {
            return value;
        }
        String best = null;
        for (int i = value.indexOf("!/"); i >= 0; i = value.indexOf("!/", i + 2)) {
            String prefix = value.substring(0, i + 2);
            if (base.startsWith(prefix) || (base + "!/").equals(prefix)) {
                best = prefix;
            }
        }
        return best == null || best.length() == value.length() ? value : value.substring(best.length());
    }
}
