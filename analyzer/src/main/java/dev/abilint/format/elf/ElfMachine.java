package dev.abilint.format.elf;

/** ELF {@code e_machine} values in abilint's architecture names. */
final class ElfMachine {
    static final int EM_SPARC = 2;
    static final int EM_386 = 3;
    static final int EM_MIPS = 8;
    static final int EM_SPARC32PLUS = 18;
    static final int EM_PPC = 20;
    static final int EM_PPC64 = 21;
    static final int EM_S390 = 22;
    static final int EM_ARM = 40;
    static final int EM_SPARCV9 = 43;
    static final int EM_IA_64 = 50;
    static final int EM_X86_64 = 62;
    static final int EM_AARCH64 = 183;
    static final int EM_RISCV = 243;
    static final int EM_LOONGARCH = 258;
    static final int EM_ALPHA = 0x9026;

    private ElfMachine() {}

    static String archName(int machine, boolean wide, boolean bigEndian) {
        return switch (machine) {
            case EM_386 -> "i686";
            case EM_X86_64 -> "x86_64";
            case EM_AARCH64 -> bigEndian ? "aarch64_be" : "aarch64";
            case EM_ARM -> bigEndian ? "armeb" : "armv7";
            case EM_PPC64 -> bigEndian ? "ppc64" : "ppc64le";
            case EM_PPC -> bigEndian ? "ppc" : "ppcle";
            case EM_S390 -> wide ? "s390x" : "s390";
            case EM_RISCV -> wide ? "riscv64" : "riscv32";
            case EM_MIPS -> (wide ? "mips64" : "mips") + (bigEndian ? "" : "el");
            case EM_LOONGARCH -> wide ? "loongarch64" : "loongarch32";
            case EM_SPARC -> "sparc";
            case EM_SPARC32PLUS -> "sparcv8plus";
            case EM_SPARCV9 -> "sparcv9";
            case EM_IA_64 -> "ia64";
            case EM_ALPHA -> "alpha";
            default -> "em-" + machine;
        };
    }

    /** Whether glibc treats a missing PT_GNU_STACK as an executable stack on this machine. */
    static boolean stackExecutableByDefault(int machine) {
        return machine != EM_AARCH64 && machine != EM_RISCV && machine != EM_LOONGARCH;
    }

    /** s390x and alpha use 8-byte entries in DT_HASH tables; everyone else 4. */
    static int hashEntrySize(int machine, boolean wide) {
        return wide && (machine == EM_S390 || machine == EM_ALPHA) ? 8 : 4;
    }

    static String osAbiName(int osabi) {
        return switch (osabi) {
            case 0 -> "sysv";
            case 1 -> "hpux";
            case 2 -> "netbsd";
            case 3 -> "gnu";
            case 6 -> "solaris";
            case 7 -> "aix";
            case 8 -> "irix";
            case 9 -> "freebsd";
            case 12 -> "openbsd";
            case 97 -> "arm";
            case 255 -> "standalone";
            default -> "osabi-" + osabi;
        };
    }
}
