package dev.abilint.rule.macos;

import dev.abilint.model.Binary;
import dev.abilint.model.Symbol;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.DottedVersion;
import dev.abilint.rule.data.MacosAvailability;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModuleRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mach-O slice that says it loads on an older macOS (its minos, or the wheel's tag when that is higher) than
 * what it uses needs: an {@code LC_DYLD_CHAINED_FIXUPS} load command (dyld knows it from macOS 11), or a
 * non-weak import that libSystem exports only from a later release ({@code ___chkstk_darwin}: 10.15). The
 * minimum version in the header is what delocate and {@code macos-min-version-above-tag} check; this rule
 * checks what the header's minimum hides: a static library or an object file built for a newer target, or a
 * minos patched down. Weak imports are fine: dyld binds them to NULL where the symbol is missing.
 */
public final class MacosImportNewerThanMinimum extends PythonModuleRule {
    @Override
    public String id() {
        return "macos-import-newer-than-minimum";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        Binary b = module.binary();
        if (!"macho".equals(b.getFormat()) || b.getMinOs() == null || b.getPlatform() == null) {
            return;
        }
        boolean ios = "ios".equals(b.getPlatform().os());
        if (!ios && !"macos".equals(b.getPlatform().os())) {
            return;
        }
        String floor = b.getMinOs();
        if (!ios) {
            String tagged = MacosTarget.taggedMinimum(module, b.getArch());
            if (tagged != null && DottedVersion.compare(tagged, floor) > 0) {
                floor = tagged; // installers never put the wheel on an older macOS than its tag
            }
            if (b.getArch() != null && b.getArch().startsWith("arm64") && DottedVersion.compare(floor, "11.0") < 0) {
                floor = "11.0"; // no arm64 Mac runs older macOS
            }
        }
        Map<String, MacosAvailability.Need> needs = new LinkedHashMap<>();
        if (b.flagSet("chainedFixups")) {
            add(needs, MacosAvailability.loadCommand("LC_DYLD_CHAINED_FIXUPS"), ios, floor);
        }
        List<String> weakNewer = new ArrayList<>();
        for (Symbol s : b.getImports()) {
            MacosAvailability.Need need = MacosAvailability.symbol(s.name());
            if (need == null || !newer(need, ios, floor)) {
                continue;
            }
            if (s.weak()) {
                weakNewer.add(s.name());
            } else {
                needs.putIfAbsent(s.name(), need);
            }
        }
        if (needs.isEmpty()) {
            return;
        }
        String system = ios ? "iOS" : "macOS";
        List<String> parts = new ArrayList<>();
        List<Object> evidence = new ArrayList<>();
        String highest = floor;
        for (MacosAvailability.Need need : needs.values()) {
            String version = ios ? need.ios() : need.macos();
            parts.add(need.name() + " (" + system + " " + version + ")");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(need.kind().equals("symbol") ? "symbol" : "loadCommand", need.name());
            row.put("needs", version);
            row.put("source", need.source());
            evidence.add(row);
            if (DottedVersion.compare(version, highest) > 0) {
                highest = version;
            }
        }
        context.report(b.getPath(), "the " + b.getArch() + " slice says it loads on " + system + " " + floor
                        + " but uses " + Listing.firstFew(parts) + ": dyld fails to load it on " + system + " "
                        + floor + " up to the release before " + highest)
                .evidence("arch", b.getArch())
                .evidence("minOs", b.getMinOs())
                .evidence("floor", floor)
                .evidence("needs", evidence)
                .evidence("weakImportsNewer", weakNewer.isEmpty() ? null : weakNewer)
                .fix("Build every object and static library with the same MACOSX_DEPLOYMENT_TARGET as the binary "
                        + "(the compiler then avoids what the target lacks), link with -no_fixup_chains for a target "
                        + "below 11, or raise the minimum (and the wheel tag) to " + highest + ".")
                .key(b.getArch())
                .emit();
    }

    private static void add(Map<String, MacosAvailability.Need> needs, MacosAvailability.Need need, boolean ios,
            String floor) {
        if (need != null && newer(need, ios, floor)) {
            needs.put(need.name(), need);
        }
    }

    private static boolean newer(MacosAvailability.Need need, boolean ios, String floor) {
        String version = ios ? need.ios() : need.macos();
        return version != null && !version.isEmpty() && DottedVersion.compare(version, floor) > 0;
    }
}
