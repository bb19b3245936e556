package dev.abilint.rule.windows;

import dev.abilint.model.Analysis;
import dev.abilint.model.Binary;
import dev.abilint.model.Locations;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A wheel that bundles a Visual C++ runtime DLL ({@code msvcp140.dll}, {@code vcruntime140_1.dll},
 * {@code concrt140.dll}, {@code vcomp140.dll}...) from an older toolset than the one that linked a DLL or
 * extension using it. Microsoft's rule is that the runtime must be at least as new as the toolset; the 14.40
 * runtime changed {@code std::mutex}, and code built with 17.10 crashes on an older {@code msvcp140.dll}
 * (delvewheel#54). Judged as delvewheel's {@code _toolset_too_old} does, from the two files' linker versions
 * (the optional header's MajorLinkerVersion.MinorLinkerVersion), up to the tens digit of the minor version
 * (14.41 works with the 14.40 runtime). Only when both were linked by Microsoft's linker (major 14): GNU ld
 * writes 2.x, and lld-link always 14.0, which is never newer than a runtime.
 */
public final class WindowsVcRuntimeOlderThanToolset implements AnalysisRule {
    /** delvewheel's vc_redist list, less msvcrt.dll and ucrtbase.dll, which come with Windows. */
    private static final Pattern REDIST = Pattern.compile(
            "^(vcruntime\\d.*|vccorlib\\d.*|msvcp[\\d_].*|msvcr\\d.*|concrt\\d.*|mfc(m(ifc)?)?\\d.*|vcamp\\d.*|vcomp\\d.*)\\.dll$");

    @Override
    public String id() {
        return "windows-vc-runtime-older-than-toolset";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (WheelDlls wheel : WheelDlls.of(analysis).values()) {
            for (Binary user : wheel.files) {
                int[] built = WheelDlls.linkerVersion(user);
                if (built == null || built[0] != 14) {
                    continue;
                }
                Map<String, Binary> tooOld = new LinkedHashMap<>();
                for (String needed : user.getNeeded()) {
                    String name = needed.toLowerCase(Locale.ROOT);
                    Binary runtime = wheel.bundled.get(name);
                    if (runtime == null || runtime == user || !REDIST.matcher(WheelDlls.plainName(name)).matches()) {
                        continue;
                    }
                    int[] version = WheelDlls.linkerVersion(runtime);
                    if (version != null && version[0] == 14 && older(version, built)) {
                        tooOld.put(needed, runtime);
                    }
                }
                if (tooOld.isEmpty()) {
                    continue;
                }
                String builtText = built[0] + "." + built[1];
                List<String> parts = new ArrayList<>();
                List<Object> evidence = new ArrayList<>();
                tooOld.forEach((needed, runtime) -> {
                    parts.add(needed + " (linker " + runtime.flag("linkerVersion") + ")");
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("dll", needed);
                    row.put("path", runtime.getPath());
                    row.put("linkerVersion", runtime.flag("linkerVersion"));
                    evidence.add(row);
                });
                context.report(user.getPath(), Locations.fileName(user.getPath()) + " was linked by toolset "
                                + builtText + ", but the wheel bundles an older Visual C++ runtime: "
                                + Listing.firstFew(parts) + ". The runtime must be at least as new as the toolset; "
                                + "code built with 14.40 or later (std::mutex) crashes on an older msvcp140.dll")
                        .evidence("linkerVersion", builtText)
                        .evidence("runtimes", evidence)
                        .fix("Bundle the runtime DLLs of the toolset that built the extension (delvewheel repair "
                                + "--add-path to its redist folder, not a PATH that finds an older copy), or link the "
                                + "runtime statically (/MT).")
                        .key("runtime")
                        .emit();
            }
        }
    }

    /** delvewheel's comparison: (major, minor / 10) of the runtime below that of the toolset. */
    static boolean older(int[] runtime, int[] toolset) {
        return runtime[0] < toolset[0] || (runtime[0] == toolset[0] && runtime[1] / 10 < toolset[1] / 10);
    }
}
