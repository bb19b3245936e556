package dev.abilint.rule.macos;

import dev.abilint.model.Analysis;
import dev.abilint.model.Binary;
import dev.abilint.model.Locations;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.DottedVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The oldest macOS a Mach-O file loads on: the minimum version of each slice (LC_BUILD_VERSION or
 * LC_VERSION_MIN_MACOSX), as a note for every macOS binary outside a wheel, one per file (a
 * universal file lists its slices). Wheels are judged by their platform tag instead
 * (macos-min-version-above-tag), as is any binary when {@code --macos} is given and a slice needs more.
 */
public final class MacosMinVersion implements AnalysisRule {
    @Override
    public String id() {
        return "macos-min-version";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        Map<String, List<Binary>> slicesByFile = new LinkedHashMap<>();
        for (Binary b : analysis.binaries()) {
            if ("macho".equals(b.getFormat()) && b.getMinOs() != null && b.getPath() != null
                    && b.getPlatform() != null && "macos".equals(b.getPlatform().os())
                    && Locations.enclosing(b.getPath(), ".whl") == null) {
                slicesByFile.computeIfAbsent(b.getPath(), k -> new ArrayList<>()).add(b);
            }
        }
        String target = context.targets().macos();
        slicesByFile.forEach((path, slices) -> {
            if (target != null && slices.stream().anyMatch(s -> DottedVersion.compare(s.getMinOs(), floor(s, target)) > 0)) {
                return; // macos-min-version-above-tag says it, as an error
            }
            report(path, slices, context);
        });
    }

    /** What --macos means for this slice: no arm64 Mac runs macOS older than 11.0 (as macos-min-version-above-tag). */
    private static String floor(Binary slice, String target) {
        return slice.getArch() != null && slice.getArch().startsWith("arm64") && DottedVersion.compare(target, "11.0") < 0
                ? "11.0" : target;
    }

    private void report(String path, List<Binary> slices, RuleContext context) {
        Map<String, String> byArch = new LinkedHashMap<>();
        String lowest = null;
        String highest = null;
        for (Binary s : slices) {
            byArch.putIfAbsent(s.getArch(), s.getMinOs());
            if (lowest == null || DottedVersion.compare(s.getMinOs(), lowest) < 0) {
                lowest = s.getMinOs();
            }
            if (highest == null || DottedVersion.compare(s.getMinOs(), highest) > 0) {
                highest = s.getMinOs();
            }
        }
        String needs;
        if (byArch.size() == 1 || lowest.equals(highest)) {
            needs = "needs macOS " + highest + " (" + String.join(", ", byArch.keySet()) + ")";
        } else {
            List<String> parts = new ArrayList<>();
            byArch.forEach((arch, v) -> parts.add(v + " (" + arch + ")"));
            needs = "needs macOS " + String.join(", ", parts);
        }
        List<String> evidence = new ArrayList<>();
        byArch.forEach((arch, v) -> evidence.add(arch + ": " + v));
        context.report(path, needs + ": the oldest macOS it loads on")
                .evidence("minOs", highest.equals(lowest) ? highest : evidence)
                .evidence("arch", byArch.size() == 1 ? byArch.keySet().iterator().next() : List.copyOf(byArch.keySet()))
                .key("minimum")
                .emit();
    }
}
