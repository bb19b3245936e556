package dev.abilint.report;

/** Makes strings read from binaries safe to print in the place they are printed. */
public final class Escape {
    private Escape() {}

    /**
     * For terminals and plain text: control characters (C0, DEL, C1, and the Unicode line and
     * bidirectional controls that can reorder a line) become visible escapes, so a symbol name
     * cannot move the cursor, change colours or hide text.
     */
    public static String terminal(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnsafe(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean isUnsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f;
    }

    /**
     * For XML 1.0 text and attributes: first {@link #terminal}, then every character that XML 1.0
     * cannot hold at all (unpaired surrogates, U+FFFE, U+FFFF) becomes a visible escape too, so
     * the document stays well-formed whatever bytes a binary carried. The XML writer still escapes
     * markup ({@code < & > "}).
     */
    public static String xml(String text) {
        String visible = terminal(text);
        StringBuilder out = null;
        for (int i = 0; i < visible.length(); i++) {
            char c = visible.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c) && i + 1 < visible.length() && Character.isLowSurrogate(visible.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(visible.charAt(i + 1));
                }
                i++;
                continue;
            }
            ok = !Character.isSurrogate(c) && c != 0xfffe && c != 0xffff;
            if (!ok) {
                if (out == null) {
                    out = new StringBuilder(visible.length() + 8).append(visible, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? visible : out.toString();
    }
}
