package dev.abilint.model;

/**
 * Locations are paths with archive members joined by {@code !/}:
 * {@code dist/x.whl!/pkg/_core.so}, {@code app.jar!/lib/inner.jar!/natives/x.dll}.
 */
public final class Locations {
    public static final String SEPARATOR = "!/";

    private Locations() {}

    /** The last path segment: {@code _core.so}. */
    public static String fileName(String location) {
        int cut = Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\'));
        return cut < 0 ? location : location.substring(cut + 1);
    }

    /**
     * The location of the innermost enclosing archive whose file name ends with {@code suffix}
     * ({@code .whl}), or null when the location is not inside one.
     */
    public static String enclosing(String location, String suffix) {
        int at = location.lastIndexOf(suffix + SEPARATOR);
        return at < 0 ? null : location.substring(0, at + suffix.length());
    }

    /**
     * The library a file is a build of, the same on every platform: {@code libfoo.so.1.2},
     * {@code libfoo.dylib}, {@code libfoo.jnilib}, {@code foo.dll}, {@code libfoo.dll} and AIX's
     * {@code libfoo.a} all give {@code foo}; other names are kept as they are. ({@code .a} is only ever
     * asked of a file read as a binary, which a static ar archive is not: AIX keeps shared libraries there.)
     */
    public static String libraryName(String fileName) {
        String name = fileName;
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        int so = lower.indexOf(".so");
        if (so > 0 && (so + 3 == lower.length() || lower.charAt(so + 3) == '.')
                && lower.substring(so + 3).matches("(\\.\\d+)*")) {
            name = name.substring(0, so);
        } else {
            for (String ext : new String[] {".dylib", ".jnilib", ".dll", ".a"}) {
                if (lower.endsWith(ext)) {
                    name = name.substring(0, name.length() - ext.length());
                    break;
                }
            }
        }
        if (name.startsWith("lib") && name.length() > 3) {
            name = name.substring(3);
        }
        return name;
    }

    /** The directory part of a member's path inside its archive (or on disk), with a trailing slash. */
    public static String directory(String location) {
        int cut = location.lastIndexOf('/');
        return cut < 0 ? "" : location.substring(0, cut + 1);
    }
}
