package dev.abilint.rule.python;

import dev.abilint.model.Analysis;
import dev.abilint.model.Binary;
import dev.abilint.model.ExtensionSuffix;
import dev.abilint.model.Locations;
import dev.abilint.model.WheelName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sees every binary of an analysis as a (possible) Python module in its wheel. */
public final class PythonModules {
    private PythonModules() {}

    private static final dev.abilint.rule.PerAnalysis<List<PythonModule>> SHARED =
            new dev.abilint.rule.PerAnalysis<>(PythonModules::compute);

    /** The modules of an analysis, computed once however many rules ask. */
    public static List<PythonModule> of(Analysis analysis) {
        return SHARED.of(analysis);
    }

    private static List<PythonModule> compute(Analysis analysis) {
        Map<String, Set<String>> bundledByWheel = new HashMap<>();
        for (Binary b : analysis.binaries()) {
            String wheel = Locations.enclosing(b.getPath(), ".whl");
            Set<String> names = bundledByWheel.computeIfAbsent(wheel == null ? "" : wheel, k -> new HashSet<>());
            names.add(Locations.fileName(b.getPath()));
            if (b.getSoname() != null) {
                names.add(b.getSoname());
            }
            if (b.getInstallName() != null) {
                names.add(b.getInstallName());
                names.add(Locations.fileName(b.getInstallName()));
            }
        }
        List<PythonModule> out = new ArrayList<>();
        for (Binary b : analysis.binaries()) {
            String wheelLocation = Locations.enclosing(b.getPath(), ".whl");
            WheelName wheel = wheelLocation == null ? null : WheelName.parse(Locations.fileName(wheelLocation));
            Set<String> bundled = wheelLocation == null ? Set.of() : bundledByWheel.get(wheelLocation);
            out.add(new PythonModule(b, ExtensionSuffix.parse(Locations.fileName(b.getPath())), wheel, wheelLocation,
                    bundled));
        }
        return List.copyOf(out);
    }
}
