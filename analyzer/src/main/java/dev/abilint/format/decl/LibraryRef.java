package dev.abilint.format.decl;

/**
 * One library a Python loader call may open, as far as the source tells.
 *
 * @param kind {@link Kind#NAME}: a library name or a bare file name ({@code "libdemo.so"},
 *     {@code find_library("demo")}), found by its base name; {@link Kind#PATH}: a path inside the scanned
 *     artifact built from the module's own location ({@code demo.whl!/demo/libfast.so}); {@link Kind#PATTERN}:
 *     such a path with {@code *} wildcards (from {@code glob.glob} or {@code EXT_SUFFIX})
 * @param value the name, path or pattern
 */
public record LibraryRef(Kind kind, String value) {
    public enum Kind { NAME, PATH, PATTERN }

    public static LibraryRef name(String value) {
        return new LibraryRef(Kind.NAME, value);
    }

    /** The file name part (after the last {@code /}). */
    public String fileName() {
        int cut = value.lastIndexOf('/');
        return cut < 0 ? value : value.substring(cut + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
