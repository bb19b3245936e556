package dev.abilint.rule.natives;

import dev.abilint.model.Binary;
import dev.abilint.model.ExtensionSuffix;
import dev.abilint.model.Locations;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a native file in a jar is for, as far as the jar's platform matrix goes: a library the Java code
 * loads, or something else that happens to be a binary. Only libraries make up the matrix that
 * native-platform-missing and native-musl-missing judge, and only their path is a platform claim that
 * native-arch-mismatch holds them to. The others are:
 * <ul>
 * <li>programs: executables, such as pip's and setuptools' Windows launcher templates ({@code t64.exe},
 * {@code cli-arm64.exe}), which are data copied next to a script, and a bundled interpreter;</li>
 * <li>object files ({@code python.o} of a Python installation's config directory);</li>
 * <li>a bundled Python installation: its extension modules and everything under its {@code lib/} and
 * {@code bin/} folders (the folder that holds {@code lib/pythonX.Y/}); the interpreter loads those, not the JVM;</li>
 * <li>test data (a {@code test}/{@code tests}/{@code testdata} folder);</li>
 * <li>members of a wheel, egg or other archive nested in the jar: judged with that package, not as the jar's natives.</li>
 * </ul>
 */
public final class NativeRole {
    /** Why a binary is not one of the jar's libraries; {@link #LIBRARY} when it is. */
    public enum Role {
        LIBRARY(null),
        PROGRAM("an executable (a program or a launcher template), not a library the Java code loads"),
        OBJECT("an object file, not a loadable library"),
        PYTHON_INSTALLATION("part of a bundled Python installation: loaded by that interpreter, not by the Java code"),
        TEST_DATA("test data"),
        NESTED_PACKAGE("inside a package nested in the jar (a wheel, egg or archive): judged with that package");

        private final String reason;

        Role(String reason) {
            this.reason = reason;
        }

        /** Why the binary is left out of the jar's matrix; null for a library. */
        public String reason() {
            return reason;
        }
    }

    private static final Pattern PYTHON_LIB = Pattern.compile("(?:^|/)(?:lib|Lib)/python\\d+(?:\\.\\d+)?t?/");
    private static final Set<String> PYTHON_FOLDERS = Set.of("lib-dynload", "site-packages", "dist-packages");
    private static final Set<String> TEST_FOLDERS = Set.of("test", "tests", "testdata", "test-data", "test_data");
    private static final Pattern NESTED = Pattern.compile(
            "\\.(?:whl|egg|zip|tar|tgz|tar\\.gz|tar\\.bz2|tar\\.xz)$", Pattern.CASE_INSENSITIVE);

    private NativeRole() {}

    /**
     * The folders of a scope that are Python installations: for each binary under {@code PREFIX/lib/pythonX.Y/},
     * the {@code PREFIX/} (relative to the scope, "" for the jar's root).
     */
    static Set<String> pythonPrefixes(Collection<Binary> binaries) {
        Set<String> out = new TreeSet<>();
        for (Binary b : binaries) {
            if (b.getPath() == null) {
                continue;
            }
            String inner = inner(b.getPath());
            var m = PYTHON_LIB.matcher(inner);
            if (m.find()) {
                out.add(inner.substring(0, m.start() == 0 && !inner.startsWith("/") ? 0 : m.start() + 1));
            }
        }
        return out;
    }

    /** The role of one binary; {@code pythonPrefixes} from {@link #pythonPrefixes} over its scope. */
    static Role of(Binary b, Set<String> pythonPrefixes) {
        String type = b.getType() == null ? "" : b.getType();
        String location = b.getPath() == null ? "" : b.getPath();
        String scope = NativeInventory.scopeOf(location);
        String between = scope.isEmpty() || !location.startsWith(scope + Locations.SEPARATOR) ? location
                : location.substring(scope.length() + Locations.SEPARATOR.length());
        int nested = between.lastIndexOf(Locations.SEPARATOR);
        if (nested >= 0 && NESTED.matcher(between.substring(0, nested)).find()) {
            return Role.NESTED_PACKAGE;
        }
        switch (type) {
            case "executable", "pie-executable" -> {
                return Role.PROGRAM;
            }
            case "relocatable", "object", "core" -> {
                return Role.OBJECT;
            }
            default -> { }
        }
        String inner = inner(location);
        String fileName = Locations.fileName(inner);
        ExtensionSuffix suffix = ExtensionSuffix.parse(fileName);
        if (suffix != null && suffix.interpreter() != null && (suffix.version() != null || suffix.abi() != null)) {
            return Role.PYTHON_INSTALLATION; // a tagged extension module (x.cpython-313-x86_64-linux-gnu.so, x.abi3.so)
        }
        String[] folders = inner.split("/");
        for (int i = 0; i < folders.length - 1; i++) {
            if (PYTHON_FOLDERS.contains(folders[i])) {
                return Role.PYTHON_INSTALLATION;
            }
        }
        for (String prefix : pythonPrefixes) {
            if (inner.startsWith(prefix + "lib/") || inner.startsWith(prefix + "Lib/") || inner.startsWith(prefix + "bin/")
                    || inner.startsWith(prefix + "DLLs/")) {
                return Role.PYTHON_INSTALLATION;
            }
        }
        for (int i = 0; i < folders.length - 1; i++) {
            if (TEST_FOLDERS.contains(folders[i].toLowerCase(Locale.ROOT))) {
                return Role.TEST_DATA;
            }
        }
        return Role.LIBRARY;
    }

    /** Whether a binary is one of its jar's libraries (the ones its path declares a platform for). */
    public static boolean isLibrary(Binary b) {
        if (b.getPath() == null) {
            return true;
        }
        return of(b, pythonPrefixes(java.util.List.of(b))) == Role.LIBRARY;
    }

    /** The member's path inside its innermost archive (or the location itself for loose files). */
    private static String inner(String location) {
        int cut = location.lastIndexOf(Locations.SEPARATOR);
        return cut < 0 ? location : location.substring(cut + Locations.SEPARATOR.length());
    }
}
