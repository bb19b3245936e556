package dev.abilint.rule.natives;

import dev.abilint.model.Binary;
import dev.abilint.rule.BinaryRule;
import dev.abilint.rule.RuleContext;
import java.util.Set;

/**
 * An aarch64 or ppc64le ELF library whose PT_LOAD segments are aligned to less than 16 KiB: on
 * kernels with 16 KiB or 64 KiB pages (Android 15+ devices, Asahi Linux, RHEL/Oracle aarch64 with 64K
 * pages, ppc64le distributions) the dynamic loader refuses to map it.
 */
public final class NativePageAlignment implements BinaryRule {
    private static final Set<String> LARGE_PAGE_ARCHES = Set.of("aarch64", "ppc64le");
    private static final long MINIMUM = 16 * 1024;

    @Override
    public String id() {
        return "native-page-alignment";
    }

    @Override
    public void check(Binary binary, RuleContext context) {
        if (!"elf".equals(binary.getFormat()) || !LARGE_PAGE_ARCHES.contains(binary.getArch())
                || !(binary.flag("loadAlignment") instanceof Number alignment)) {
            return;
        }
        long value = alignment.longValue();
        if (value <= 0 || value >= MINIMUM) {
            return;
        }
        context.report(binary.getPath(), "PT_LOAD segments are aligned to " + human(value) + ": the library fails to load "
                        + "on " + binary.getArch() + " kernels with 16 KiB or 64 KiB pages (Android 15+, Asahi Linux, "
                        + "64K-page RHEL)")
                .evidence("loadAlignment", value)
                .evidence("required", "16 KiB (64 KiB covers every kernel)")
                .evidence("arch", binary.getArch())
                .fix("Link with -Wl,-z,max-page-size=65536 (or 16384 for Android only), and drop any "
                        + "-z max-page-size=4096 / common-page-size setting.")
                .key("loadAlignment")
                .emit();
    }

    private static String human(long value) {
        return value % 1024 == 0 ? (value / 1024) + " KiB" : value + " bytes";
    }
}
