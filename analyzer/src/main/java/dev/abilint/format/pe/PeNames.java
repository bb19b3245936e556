package dev.abilint.format.pe;

import java.util.ArrayList;
import java.util.List;

/** Names for PE header values: machine types, characteristics bits, subsystems. */
final class PeNames {
    private PeNames() {}

    static final int MACHINE_I386 = 0x14c;
    static final int MACHINE_AMD64 = 0x8664;
    static final int MACHINE_ARM64 = 0xaa64;

    /** abilint's architecture name for an IMAGE_FILE_MACHINE_* value. */
    static String archName(int machine) {
        return switch (machine) {
            case MACHINE_AMD64 -> "x86_64";
            case MACHINE_I386 -> "i686";
            case MACHINE_ARM64 -> "arm64";
            case 0x1c4 -> "armv7"; // ARMNT (Thumb-2)
            case 0xa641 -> "arm64ec";
            case 0xa64e -> "arm64x";
            case 0x1c0 -> "arm";
            case 0x1c2 -> "thumb";
            case 0x200 -> "ia64";
            case 0x5032 -> "riscv32";
            case 0x5064 -> "riscv64";
            case 0x6232 -> "loongarch32";
            case 0x6264 -> "loongarch64";
            case 0x0 -> "unknown";
            default -> String.format("machine-0x%04x", machine);
        };
    }

    private static final String[] FILE_CHARACTERISTICS = {
        "IMAGE_FILE_RELOCS_STRIPPED", "IMAGE_FILE_EXECUTABLE_IMAGE", "IMAGE_FILE_LINE_NUMS_STRIPPED",
        "IMAGE_FILE_LOCAL_SYMS_STRIPPED", "IMAGE_FILE_AGGRESSIVE_WS_TRIM", "IMAGE_FILE_LARGE_ADDRESS_AWARE",
        null, "IMAGE_FILE_BYTES_REVERSED_LO", "IMAGE_FILE_32BIT_MACHINE", "IMAGE_FILE_DEBUG_STRIPPED",
        "IMAGE_FILE_REMOVABLE_RUN_FROM_SWAP", "IMAGE_FILE_NET_RUN_FROM_SWAP", "IMAGE_FILE_SYSTEM",
        "IMAGE_FILE_DLL", "IMAGE_FILE_UP_SYSTEM_ONLY", "IMAGE_FILE_BYTES_REVERSED_HI",
    };

    private static final String[] DLL_CHARACTERISTICS = {
        null, null, null, null, null, "IMAGE_DLL_CHARACTERISTICS_HIGH_ENTROPY_VA",
        "IMAGE_DLL_CHARACTERISTICS_DYNAMIC_BASE", "IMAGE_DLL_CHARACTERISTICS_FORCE_INTEGRITY",
        "IMAGE_DLL_CHARACTERISTICS_NX_COMPAT", "IMAGE_DLL_CHARACTERISTICS_NO_ISOLATION",
        "IMAGE_DLL_CHARACTERISTICS_NO_SEH", "IMAGE_DLL_CHARACTERISTICS_NO_BIND",
        "IMAGE_DLL_CHARACTERISTICS_APPCONTAINER", "IMAGE_DLL_CHARACTERISTICS_WDM_DRIVER",
        "IMAGE_DLL_CHARACTERISTICS_GUARD_CF", "IMAGE_DLL_CHARACTERISTICS_TERMINAL_SERVER_AWARE",
    };

    /** The IMAGE_FILE_* names of the set bits, as llvm-readobj prints them; unknown bits as hex. */
    static List<String> fileCharacteristics(int value) {
        return bitNames(value, FILE_CHARACTERISTICS);
    }

    /** The IMAGE_DLL_CHARACTERISTICS_* names of the set bits; unknown bits as hex. */
    static List<String> dllCharacteristics(int value) {
        return bitNames(value, DLL_CHARACTERISTICS);
    }

    private static List<String> bitNames(int value, String[] names) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 16; bit++) {
            if ((value & (1 << bit)) != 0) {
                out.add(names[bit] != null ? names[bit] : String.format("0x%x", 1 << bit));
            }
        }
        return out;
    }

    static String subsystem(int value) {
        return switch (value) {
            case 0 -> "unknown";
            case 1 -> "native";
            case 2 -> "windows-gui";
            case 3 -> "windows-cui";
            case 5 -> "os2-cui";
            case 7 -> "posix-cui";
            case 8 -> "native-windows";
            case 9 -> "windows-ce-gui";
            case 10 -> "efi-application";
            case 11 -> "efi-boot-service-driver";
            case 12 -> "efi-runtime-driver";
            case 13 -> "efi-rom";
            case 14 -> "xbox";
            case 16 -> "windows-boot-application";
            default -> "subsystem-" + value;
        };
    }
}
