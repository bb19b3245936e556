package dev.abilint.rule.python;

import dev.abilint.model.Platform;

/**
 * The platform an extension module's file-name suffix names (CPython's {@code SOABI} platform part and
 * the Windows {@code .cpXY-<plat>.pyd} part), in abilint's names; null for a part this does not know. The
 * triplets are those CPython's configure gives {@code PLATFORM_TRIPLET}: {@code x86_64-linux-gnu},
 * {@code i386-linux-gnu}, {@code arm-linux-gnueabihf}, {@code powerpc64le-linux-gnu},
 * {@code aarch64-linux-android}, {@code x86_64-linux-musl}; macOS's is {@code darwin}, iOS's
 * {@code iphoneos}/{@code iphonesimulator}.
 */
final class SuffixPlatform {
    private SuffixPlatform() {}

    static Platform of(String part) {
        if (part == null) {
            return null;
        }
        switch (part) {
            case "win_amd64":
                return new Platform("windows", "x86_64", null);
            case "win32":
                return new Platform("windows", "i686", null);
            case "win_arm64":
                return new Platform("windows", "arm64", null);
            case "darwin":
                return new Platform("macos", null, null);
            default:
                break;
        }
        int dash = part.indexOf('-');
        if (dash <= 0 || !part.startsWith("linux-", dash + 1)) {
            return null;
        }
        String arch = switch (part.substring(0, dash)) {
            case "x86_64" -> "x86_64";
            case "aarch64" -> "aarch64";
            case "i386", "i486", "i586", "i686" -> "i686";
            case "powerpc64le" -> "ppc64le";
            case "powerpc64" -> "ppc64";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            case "loongarch64" -> "loongarch64";
            default -> null; // arm-linux-gnueabi(hf) is armv6 or armv7: not judged
        };
        if (arch == null) {
            return null;
        }
        String system = part.substring(dash + "-linux-".length());
        if (system.startsWith("gnu")) {
            return new Platform("linux", arch, "glibc");
        }
        if (system.startsWith("musl")) {
            return new Platform("linux", arch, "musl");
        }
        if (system.equals("android")) {
            return new Platform("android", arch, "bionic");
        }
        return null;
    }
}
