package dev.abilint.rule.macos;

import dev.abilint.model.Analysis;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Mach-O file in a universal2 (or intel) wheel that lacks one of the slices the tag promises. */
public final class MacosArchMissing implements AnalysisRule {
    @Override
    public String id() {
        return "macos-arch-missing";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        Map<String, List<PythonModule>> slicesByFile = new LinkedHashMap<>();
        for (PythonModule module : PythonModules.of(analysis)) {
            if ("macho".equals(module.binary().getFormat())) {
                slicesByFile.computeIfAbsent(module.binary().getPath(), k -> new ArrayList<>()).add(module);
            }
        }
        for (Map.Entry<String, List<PythonModule>> file : slicesByFile.entrySet()) {
            List<String> required = MacosTarget.requiredArchs(file.getValue().get(0));
            List<String> present = file.getValue().stream().map(m -> m.binary().getArch()).toList();
            for (String arch : required) {
                if (present.stream().noneMatch(p -> MacosTarget.covers(arch, p))) {
                    context.report(file.getKey(), "the wheel's tag promises " + String.join(" and ", required)
                                    + ", but this file has no " + arch + " slice (it has " + String.join(", ", present) + ")")
                            .evidence("missing", arch)
                            .evidence("present", present)
                            .fix("Build with ARCHFLAGS=\"-arch arm64 -arch x86_64\" (cibuildwheel archs = universal2), "
                                    + "make sure bundled dependencies are universal too, or ship separate arm64 and x86_64 wheels.")
                            .key(arch)
                            .emit();
                }
            }
        }
    }
}
