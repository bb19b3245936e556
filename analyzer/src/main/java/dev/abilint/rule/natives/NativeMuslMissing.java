package dev.abilint.rule.natives;

import dev.abilint.model.Analysis;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.natives.NativeInventory.Native;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Linux glibc libraries of a jar without a musl build for the same architecture: the jar does not work
 * on Alpine and other musl distributions (a glibc library fails to load there, or loads through gcompat
 * and misbehaves). One note per jar, naming every such library and architecture: it is one decision of
 * the jar's build (whether to build for musl at all), not one per file.
 */
public final class NativeMuslMissing implements AnalysisRule {
    private static final int NAMED_IN_MESSAGE = 5;

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
            Map<String, List<String>> missing = new LinkedHashMap<>();
            TreeSet<String> musl = new TreeSet<>();
            List<String> binaries = new ArrayList<>();
            for (Map.Entry<String, Map<String, List<Native>>> l : scope.matrix().entrySet()) {
                for (Map.Entry<String, List<Native>> e : l.getValue().entrySet()) {
                    String platform = e.getKey();
                    if (!platform.startsWith("linux-") || !platform.endsWith("-glibc")) {
                        continue;
                    }
                    String arch = platform.substring("linux-".length(), platform.length() - "-glibc".length());
                    if (l.getValue().containsKey("linux-" + arch + "-musl")) {
                        continue;
                    }
                    musl.add("linux-" + arch + "-musl");
                    missing.computeIfAbsent(l.getKey(), k -> new ArrayList<>()).add(arch);
                    e.getValue().forEach(n -> binaries.add(NativeInventory.relative(scope.name(), n.binary().getPath())));
                }
            }
            if (missing.isEmpty()) {
                continue;
            }
            List<String> named = new ArrayList<>();
            List<String> listed = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : missing.entrySet()) {
                String entry = e.getKey() + " (" + String.join(", ", e.getValue()) + ")";
                listed.add(entry);
                if (named.size() < NAMED_IN_MESSAGE) {
                    named.add(entry);
                }
            }
            String more = listed.size() > named.size() ? " and " + (listed.size() - named.size()) + " more" : "";
            context.report(scope.name(), (missing.size() == 1 ? "native library " : missing.size() + " native libraries ")
                            + String.join(", ", named) + more + (missing.size() == 1 ? " has" : " have")
                            + " a glibc build but no musl build: the jar does not work on Alpine and other musl systems")
                    .evidence("libraries", listed)
                    .evidence("missing", List.copyOf(musl))
                    .evidence("binaries", binaries)
                    .fix("Build the libraries against musl too (an Alpine container, or zig cc -target "
                            + "<arch>-linux-musl) and ship them in the directory your loader uses for musl; if the jar "
                            + "does not support musl, say so in its documentation and suppress this note.")
                    .key("musl")
                    .emit();
        }
    }
}
