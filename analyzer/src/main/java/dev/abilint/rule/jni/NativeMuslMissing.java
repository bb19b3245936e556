package dev.abilint.rule.jni;

import dev.abilint.model.Analysis;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.jni.NativeInventory.Library;
import dev.abilint.rule.jni.NativeInventory.Native;

/**
 * A Linux glibc library of a jar without a musl build for the same architecture: the jar does not work
 * on Alpine and other musl distributions (a glibc library fails to load there, or loads through gcompat
 * and misbehaves).
 */
public final class NativeMuslMissing implements AnalysisRule {
    @Override
    public String id() {
        return "native-musl-missing";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (NativeInventory.Scope scope : NativeInventory.of(analysis).scopes()) {
            if (!scope.java()) {
                continue;
            }
            for (Library l : scope.libraries().values()) {
                for (var e : l.byPlatform().entrySet()) {
                    String platform = e.getKey();
                    if (!platform.startsWith("linux-") || !platform.endsWith("-glibc")) {
                        continue;
                    }
                    String musl = platform.substring(0, platform.length() - "glibc".length()) + "musl";
                    if (l.byPlatform().containsKey(musl)) {
                        continue;
                    }
                    Native n = e.getValue().get(0);
                    context.report(n.binary().getPath(), "native library " + l.name() + " has a glibc build for "
                                    + platform.substring(0, platform.length() - "-glibc".length())
                                    + " but no musl build: the jar does not work on Alpine and other musl systems")
                            .evidence("library", l.name())
                            .evidence("platform", platform)
                            .evidence("missing", musl)
                            .evidence("binaries", e.getValue().stream().map(x -> x.binary().getPath()).toList())
                            .fix("Build the library against musl too (an Alpine container, or zig cc -target "
                                    + "<arch>-linux-musl) and ship it in the directory your loader uses for musl.")
                            .key(l.name() + " " + platform)
                            .emit();
                }
            }
        }
    }

}
