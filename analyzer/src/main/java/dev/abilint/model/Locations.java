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

    /** The directory part of a member's path inside its archive (or on disk), with a trailing slash. */
    public static String directory(String location) {
        int cut = location.lastIndexOf('/');
        return cut < 0 ? "" : location.substring(0, cut + 1);
    }
}
