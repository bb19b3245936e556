package dev.abilint.rule.macos;

import dev.abilint.model.Binary;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.DottedVersion;
import dev.abilint.rule.python.PythonModule;
import dev.abilint.rule.python.PythonModuleRule;

/** A Mach-O slice whose minimum macOS version is above what the wheel's platform tag promises. */
public final class MacosMinVersionAboveTag extends PythonModuleRule {
    @Override
    public String id() {
        return "macos-min-version-above-tag";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        Binary b = module.binary();
        if (!"macho".equals(b.getFormat()) || b.getMinOs() == null || b.getPlatform() == null
                || !"macos".equals(b.getPlatform().os())) {
            return;
        }
        String promised = MacosTarget.minimumFor(module, b.getArch(), context.targets());
        if (promised != null && b.getArch().startsWith("arm64") && DottedVersion.compare(promised, "11.0") < 0) {
            promised = "11.0"; // no arm64 Mac runs older macOS: installers read macosx_10_9_universal2 that way too
        }
        if (promised == null || DottedVersion.compare(b.getMinOs(), promised) <= 0) {
            return;
        }
        String source = MacosTarget.taggedMinimum(module, b.getArch()) != null ? "the wheel's platform tag promises"
                : "the target (--macos) is";
        context.report(b.getPath(), "the " + b.getArch() + " slice needs macOS " + b.getMinOs()
                        + ", but " + source + " macOS " + promised + ": it will be installed where it cannot load")
                .evidence("arch", b.getArch())
                .evidence("minOs", b.getMinOs())
                .evidence("promised", promised)
                .fix("Build with MACOSX_DEPLOYMENT_TARGET=" + promised + " (and dependencies built for it too), or "
                        + "tag the wheel macosx_" + b.getMinOs().replace('.', '_') + "_... (delocate-wheel can retag).")
                .key(b.getArch())
                .emit();
    }
}
