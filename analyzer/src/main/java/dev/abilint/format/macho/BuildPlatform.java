package dev.abilint.format.macho;

/** Platform numbers of LC_BUILD_VERSION and the xxxx.yy.zz version encoding. */
final class BuildPlatform {
    private BuildPlatform() {}

    static String name(long platform) {
        return switch ((int) platform) {
            case 1 -> "macos";
            case 2 -> "ios";
            case 3 -> "tvos";
            case 4 -> "watchos";
            case 5 -> "bridgeos";
            case 6 -> "maccatalyst";
            case 7 -> "ios-simulator";
            case 8 -> "tvos-simulator";
            case 9 -> "watchos-simulator";
            case 10 -> "driverkit";
            case 11 -> "visionos";
            case 12 -> "visionos-simulator";
            default -> "platform-" + platform;
        };
    }

    /** {@code 0x000b0000} is "11.0", {@code 0x000a0f02} is "10.15.2". */
    static String version(long encoded) {
        long major = (encoded >>> 16) & 0xffff;
        long minor = (encoded >>> 8) & 0xff;
        long patch = encoded & 0xff;
        return patch == 0 ? major + "." + minor : major + "." + minor + "." + patch;
    }
}
