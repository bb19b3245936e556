package dev.abilint.artifact;

/**
 * Entry names inside archives are untrusted text: they are never used as file paths, and they are
 * escaped before they become part of a location. This class says what is unsafe about a name.
 */
public final class EntryNames {
    private EntryNames() {}

    /** Why an extractor could be misled by this name, or null when it is safe. */
    public static String unsafeReason(String name) {
        if (name.isEmpty()) {
            return "empty name";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                return "NUL character in the name";
            }
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return "control character in the name";
            }
        }
        if (name.startsWith("/") || name.startsWith("\\")) {
            return "absolute path";
        }
        if (name.length() >= 2 && Character.isLetter(name.charAt(0)) && name.charAt(1) == ':') {
            return "Windows drive path";
        }
        if (hasParentPart(name)) {
            return "parent directory (..) in the path";
        }
        if (name.indexOf('\\') >= 0) {
            return "backslash in the path";
        }
        return null;
    }

    /** Whether a part between slashes or backslashes is exactly {@code ..}. */
    private static boolean hasParentPart(String name) {
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '/' || name.charAt(i) == '\\') {
                if (i - start == 2 && name.charAt(start) == '.' && name.charAt(start + 1) == '.') {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /**
     * The name as it may appear in a location: control characters (and the escape character
     * itself) are written {@code \xNN} or {@code \\uNNNN}; everything else is kept, as text.
     */
    public static String escape(String name) {
        StringBuilder out = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (control) {
                if (out == null) {
                    out = new StringBuilder(name.length() + 8).append(name, 0, i);
                }
                out.append(String.format("\\x%02x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? name : out.toString();
    }

    /** The last path part: {@code lib/x.so} gives {@code x.so}. */
    public static String baseName(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }
}
