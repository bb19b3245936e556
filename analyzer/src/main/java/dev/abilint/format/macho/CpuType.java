package dev.abilint.format.macho;

/** Architecture names from Mach-O cputype/cpusubtype, as Apple's tools spell them. */
final class CpuType {
    static final int ABI64 = 0x01000000;
    static final int ABI64_32 = 0x02000000;
    static final int X86 = 7;
    static final int X86_64 = X86 | ABI64;
    static final int ARM = 12;
    static final int ARM64 = ARM | ABI64;
    static final int ARM64_32 = ARM | ABI64_32;
    static final int POWERPC = 18;
    static final int POWERPC64 = POWERPC | ABI64;
    static final int SUBTYPE_MASK = 0x00ffffff;

    private CpuType() {}

    static String archName(int cputype, int cpusubtype) {
        int sub = cpusubtype & SUBTYPE_MASK;
        return switch (cputype) {
            case X86 -> "i686"; // abilint names 32-bit x86 i686 in every format (llvm says i386)
            case X86_64 -> sub == 8 ? "x86_64h" : "x86_64";
            case ARM64 -> sub == 2 ? "arm64e" : "arm64";
            case ARM64_32 -> "arm64_32";
            case ARM -> switch (sub) {
                case 5 -> "armv4t";
                case 6 -> "armv6";
                case 7 -> "armv5";
                case 9 -> "armv7";
                case 10 -> "armv7f";
                case 11 -> "armv7s";
                case 12 -> "armv7k";
                case 14 -> "armv6m";
                case 15 -> "armv7m";
                case 16 -> "armv7em";
                default -> "arm";
            };
            case POWERPC -> "ppc";
            case POWERPC64 -> "ppc64";
            default -> String.format("cputype-0x%x-0x%x", cputype, sub);
        };
    }

    /** The OS to assume when the binary names no platform: only Macs ran these. */
    static String defaultOs(int cputype) {
        return switch (cputype) {
            case X86, X86_64, POWERPC, POWERPC64 -> "macos";
            default -> null;
        };
    }
}
