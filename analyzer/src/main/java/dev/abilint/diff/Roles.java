package dev.abilint.diff;

import dev.abilint.model.ExtensionSuffix;
import dev.abilint.model.Locations;
import dev.abilint.model.WheelName;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a file is the same file as, from one release to the next: its path inside the artifact with
 * version strings and the hash-mangled names of repaired wheels taken out. auditwheel and delocate
 * rename a bundled {@code libpng16.so.16.37.0} to {@code libpng16-58efbb84.so.16.37.0}, delvewheel a
 * {@code zlib.dll} to {@code zlib-<32 hex>.dll}; an extension module's interpreter tag
 * ({@code .cpython-312-x86_64-linux-gnu.so}, {@code .abi3.so}, {@code .cp312-win_amd64.pyd}) is
 * dropped, the module name kept.
 */
public final class Roles {
    private Roles() {}

    private static final Pattern AUDITWHEEL_HASH = Pattern.compile("-[0-9a-f]{8}(?=\\.(?:so|dylib|dll)(?:$|\\.))");
    private static final Pattern DELVEWHEEL_HASH = Pattern.compile("-[0-9a-f]{32}(?=\\.dll$)");
    private static final Pattern SO_VERSION = Pattern.compile("\\.so(?:\\.\\d+)+$");
    private static final Pattern DYLIB_VERSION = Pattern.compile("(?:\\.\\d+)+\\.dylib$");
    private static final Pattern VERSION = Pattern.compile(
            "(?<=[-_.])v?\\d+(?:\\.\\d+)+(?:[-_.]?(?:post|dev|rc|a|b|final|Final|GA)\\d*)?(?:-\\d+)?");
    private static final Pattern ONLY_VERSION = Pattern.compile("v?\\d+(?:[._]\\d+)*");

    /** The role path of a binary: the path inside its outermost artifact, each part normalised. */
    public static String path(String location, String inputPrefix) {
        String inner;
        int cut = location.indexOf(Locations.SEPARATOR);
        if (cut >= 0) {
            inner = location.substring(cut + Locations.SEPARATOR.length());
        } else if (inputPrefix != null && location.startsWith(inputPrefix + "/")) {
            inner = location.substring(inputPrefix.length() + 1);
        } else {
            inner = Locations.fileName(location);
        }
        StringBuilder out = new StringBuilder();
        for (String member : inner.split(Pattern.quote(Locations.SEPARATOR), -1)) {
            if (out.length() > 0) {
                out.append(Locations.SEPARATOR);
            }
            String[] parts = member.split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    out.append('/');
                }
                out.append(i == parts.length - 1 ? fileName(parts[i]) : folder(parts[i]));
            }
        }
        return out.toString();
    }

    /** A folder name without versions ({@code pkg-1.2.data} as {@code pkg-*.data}). */
    static String folder(String name) {
        if (ONLY_VERSION.matcher(name).matches()) {
            return "*";
        }
        return VERSION.matcher(name).replaceAll("*");
    }

    /** A file name without interpreter tags, hashes and versions. */
    public static String fileName(String name) {
        ExtensionSuffix suffix = ExtensionSuffix.parse(name);
        if (suffix != null && suffix.interpreter() != null) {
            return suffix.module() + ".<python-extension>";
        }
        String n = DELVEWHEEL_HASH.matcher(name).replaceAll("");
        n = AUDITWHEEL_HASH.matcher(n).replaceAll("");
        n = SO_VERSION.matcher(n).replaceAll(".so");
        n = DYLIB_VERSION.matcher(n).replaceAll(".dylib");
        return VERSION.matcher(n).replaceAll("*");
    }

    /** Whether a file name is a repaired wheel's hash-mangled copy of a library. */
    public static boolean mangled(String name) {
        return AUDITWHEEL_HASH.matcher(name).find() || DELVEWHEEL_HASH.matcher(name).find();
    }

    /**
     * The product an outermost artifact belongs to: a wheel's normalised project name, a jar's name before
     * its version ({@code netty-tcnative-boringssl-static-2.0.61.Final-linux-x86_64.jar} is
     * {@code netty-tcnative-boringssl-static}: its classifier jars are one product), "" for loose files.
     */
    public static String product(String outerPath) {
        String file = Locations.fileName(outerPath);
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".whl")) {
            WheelName w = WheelName.parse(file);
            return "wheel:" + (w == null ? file : w.name().toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "_"));
        }
        for (String ext : new String[] {".jar", ".aar", ".war", ".ear", ".zip", ".tar.gz", ".tgz", ".egg"}) {
            if (lower.endsWith(ext)) {
                String stem = file.substring(0, file.length() - ext.length());
                java.util.regex.Matcher m = Pattern.compile("-v?\\d").matcher(stem);
                return ext.substring(1) + ":" + (m.find() ? stem.substring(0, m.start()) : stem);
            }
        }
        return "";
    }
}
