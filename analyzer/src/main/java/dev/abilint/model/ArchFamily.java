package dev.abilint.model;

import java.util.Locale;

/**
 * Architecture names that mean the same machine for a loader: {@code arm64}, {@code aarch64} and
 * {@code arm64e} are one family; 32-bit ARM names (armv5, armv6, armv7, armhf) are one family,
 * since ELF headers do not tell them apart; i386 and i686 are one; sparc and sparcv8plus are one.
 */
public final class ArchFamily {
    private ArchFamily() {}

    public static String of(String arch) {
        if (arch == null) {
            return null;
        }
        String a = arch.toLowerCase(Locale.ROOT);
        if (a.equals("arm64") || a.equals("aarch64") || a.equals("arm64e") || a.equals("arm64_32")) {
            return a.equals("arm64_32") ? "arm64_32" : "arm64";
        }
        if (a.startsWith("armv") || a.equals("arm") || a.equals("armhf") || a.equals("armel")) {
            return "arm";
        }
        if (a.equals("i386") || a.equals("i486") || a.equals("i586") || a.equals("i686") || a.equals("x86")) {
            return "x86";
        }
        if (a.equals("sparc") || a.equals("sparcv8plus")) {
            return "sparc"; // 32-bit SPARC code, whether or not it uses v9 instructions (EM_SPARC32PLUS)
        }
        return a;
    }

    public static boolean same(String a, String b) {
        return a != null && b != null && of(a).equals(of(b));
    }
}
