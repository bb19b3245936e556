package dev.abilint.artifact;

import dev.abilint.model.Platform;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wheel's file name, per the binary distribution format spec:
 * {@code name-version(-build)?-python-abi-platform.whl}, each tag part possibly a compressed set
 * ({@code cp38.cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64}).
 */
public record WheelName(String name, String version, String build, List<String> pythonTags, List<String> abiTags,
        List<String> platformTags) {

    private static final Pattern FILE = Pattern.compile(
            "^(?<name>[^-]+)-(?<version>[^-]+)(?:-(?<build>\\d[^-]*))?-(?<py>[^-]+)-(?<abi>[^-]+)-(?<plat>[^-]+)\\.whl$",
            Pattern.CASE_INSENSITIVE);

    /** The parsed name, or null when the file name is not a wheel name. */
    public static WheelName parse(String fileName) {
        Matcher m = FILE.matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        return new WheelName(m.group("name"), m.group("version"), m.group("build"), split(m.group("py")),
                split(m.group("abi")), split(m.group("plat")));
    }

    private static List<String> split(String tags) {
        return List.of(tags.split("\\."));
    }

    /** Whether every platform tag is {@code any}. */
    public boolean platformIndependent() {
        return platformTags.stream().allMatch("any"::equals);
    }

    /** The platforms the platform tags name, without duplicates; empty for {@code any} or unknown tags. */
    public List<Platform> platforms() {
        Set<Platform> out = new LinkedHashSet<>();
        for (String tag : platformTags) {
            out.addAll(platformsOf(tag));
        }
        return new ArrayList<>(out);
    }

    private static final Pattern MANYLINUX = Pattern.compile("^manylinux_(\\d+)_(\\d+)_(.+)$");
    private static final Pattern LEGACY_MANYLINUX = Pattern.compile("^manylinux(1|2010|2014)_(.+)$");
    private static final Pattern MUSLLINUX = Pattern.compile("^musllinux_(\\d+)_(\\d+)_(.+)$");
    private static final Pattern MACOS = Pattern.compile("^macosx_(\\d+)_(\\d+)_(.+)$");
    private static final Pattern LINUX = Pattern.compile("^linux_(.+)$");
    private static final Pattern ANDROID = Pattern.compile("^android_(\\d+)_(.+)$");
    private static final Pattern IOS = Pattern.compile("^ios_(\\d+)_(\\d+)_(.+)_(iphoneos|iphonesimulator)$");

    /** The platforms one platform tag names; empty for {@code any} and for tags abilint does not know. */
    public static List<Platform> platformsOf(String tag) {
        Matcher m;
        if ((m = MANYLINUX.matcher(tag)).matches()) {
            return linux(m.group(3), "glibc");
        }
        if ((m = LEGACY_MANYLINUX.matcher(tag)).matches()) {
            return linux(m.group(2), "glibc");
        }
        if ((m = MUSLLINUX.matcher(tag)).matches()) {
            return linux(m.group(3), "musl");
        }
        if ((m = LINUX.matcher(tag)).matches()) {
            return linux(m.group(1), null);
        }
        if ((m = MACOS.matcher(tag)).matches()) {
            return switch (m.group(3)) {
                case "x86_64" -> List.of(new Platform("macos", "x86_64", null));
                case "arm64" -> List.of(new Platform("macos", "arm64", null));
                case "universal2" -> List.of(new Platform("macos", "x86_64", null), new Platform("macos", "arm64", null));
                case "intel" -> List.of(new Platform("macos", "x86_64", null), new Platform("macos", "i686", null));
                case "i386" -> List.of(new Platform("macos", "i686", null));
                default -> List.of(); // universal, fat, fat3, fat64, ppc...: not read as a platform
            };
        }
        switch (tag) {
            case "win_amd64":
                return List.of(new Platform("windows", "x86_64", null));
            case "win32":
                return List.of(new Platform("windows", "i686", null));
            case "win_arm64":
                return List.of(new Platform("windows", "arm64", null));
            default:
                break;
        }
        if ((m = ANDROID.matcher(tag)).matches()) {
            String arch = switch (m.group(2)) {
                case "arm64_v8a" -> "aarch64";
                case "armeabi_v7a" -> "armv7";
                case "x86_64" -> "x86_64";
                case "x86" -> "i686";
                default -> null;
            };
            return arch == null ? List.of() : List.of(new Platform("android", arch, "bionic"));
        }
        if ((m = IOS.matcher(tag)).matches()) {
            String arch = switch (m.group(3)) {
                case "arm64" -> "arm64";
                case "x86_64" -> "x86_64";
                default -> null;
            };
            return arch == null ? List.of() : List.of(new Platform("ios", arch, null));
        }
        return List.of();
    }

    private static List<Platform> linux(String arch, String libc) {
        String normal = switch (arch) {
            case "x86_64", "aarch64", "ppc64le", "ppc64", "s390x", "riscv64", "armv7l", "i686", "loongarch64" -> arch;
            default -> null;
        };
        if (normal == null) {
            return List.of();
        }
        if (normal.equals("armv7l")) {
            normal = "armv7";
        }
        return List.of(new Platform("linux", normal, libc));
    }
}
