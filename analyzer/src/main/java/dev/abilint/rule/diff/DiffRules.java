package dev.abilint.rule.diff;

import dev.abilint.diff.DiffRule;
import java.util.List;

/** The rules of {@code abilint diff}, in the order they run (findings are sorted after). */
public final class DiffRules {
    private DiffRules() {}

    public static List<DiffRule> all() {
        return List.of(
                // what breaks a user who upgrades
                new DiffExportRemoved(),
                new DiffSymbolVersionChanged(),
                new DiffJniExportRemoved(),
                new DiffNativeMethodUnbound(),
                new DiffExtensionModuleRemoved(),
                // policy: platforms and floors
                new DiffPlatformRemoved(),
                new DiffAbi3Dropped(),
                new DiffAbi3FloorRaised(),
                new DiffLinuxPolicyRaised(),
                new DiffGlibcFloorRaised(),
                new DiffMacosMinimumRaised(),
                new DiffWindowsRuntimeRaised(),
                new DiffJavaClassVersionRaised(),
                new DiffRequiresPythonRaised(),
                new DiffDependencyAdded(),
                new DiffSonameChanged(),
                new DiffArchLevelRaised(),
                new DiffBuildFlavourChanged(),
                // additions and what could not be compared
                new DiffPlatformAdded(),
                new DiffExportsAdded(),
                new DiffUnpaired());
    }
}
