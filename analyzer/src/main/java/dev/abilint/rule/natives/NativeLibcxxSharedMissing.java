package dev.abilint.rule.natives;

import dev.abilint.model.Analysis;
import dev.abilint.model.ArchFamily;
import dev.abilint.model.Binary;
import dev.abilint.model.Locations;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Android libraries of a jar or AAR that need the NDK's shared C++ runtime ({@code libc++_shared.so})
 * while the archive does not bundle it for their ABI. Android has no system copy: the library fails
 * to load with {@code dlopen failed: library "libc++_shared.so" not found} unless some other
 * dependency of the app happens to ship one for that ABI. One finding per archive, naming the
 * libraries and ABIs: a warning for a jar or AAR (the app that packs it may ship the runtime), an error for
 * a wheel (Python on Android installs the wheel as it is, and nothing else brings the runtime; auditwheel
 * grafts it into the wheel for that reason).
 */
public final class NativeLibcxxSharedMissing implements AnalysisRule {
    static final String RUNTIME = "libc++_shared.so";

    @Override
    public String id() {
        return "native-libcxx-shared-missing";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (NativeInventory.Scope scope : NativeInventory.of(analysis).scopes()) {
            List<Binary> binaries = new ArrayList<>();
            scope.libraries().values().forEach(l -> l.all().forEach(n -> binaries.add(n.binary())));
            Map<String, List<String>> missing = new TreeMap<>();
            for (Binary b : binaries) {
                if (b.getPlatform() == null || !"android".equals(b.getPlatform().os()) || !b.getNeeded().contains(RUNTIME)) {
                    continue;
                }
                boolean bundled = binaries.stream().anyMatch(o -> o.getPath() != null
                        && Locations.fileName(o.getPath()).equals(RUNTIME) && ArchFamily.same(o.getArch(), b.getArch())
                        && (o.getBits() == 0 || o.getBits() == b.getBits()));
                if (!bundled) {
                    missing.computeIfAbsent(b.getArch() == null ? "unknown" : b.getArch(), k -> new ArrayList<>())
                            .add(NativeInventory.relative(scope.name(), b.getPath()));
                }
            }
            if (missing.isEmpty()) {
                continue;
            }
            TreeSet<String> names = new TreeSet<>();
            missing.values().forEach(files -> files.forEach(f -> names.add(Locations.fileName(f))));
            context.report(scope.name().isEmpty() ? binaries.get(0).getPath() : scope.name(), String.join(", ", names)
                            + " need" + (names.size() == 1 ? "s " : " ") + RUNTIME + " on Android ("
                            + String.join(", ", missing.keySet()) + "), which is not bundled: loading fails with "
                            + "'library \"libc++_shared.so\" not found' unless another dependency of the app ships it")
                    .evidence("abis", List.copyOf(missing.keySet()))
                    .evidence("libraries", missing.values().stream().flatMap(List::stream).sorted().toList())
                    .fix("Bundle the NDK's libc++_shared.so for each ABI next to the libraries (AGP does this for an app; "
                            + "an AAR or jar must carry it or document it), or link the C++ runtime statically "
                            + "(-DANDROID_STL=c++_static) when only one library of the app uses C++.")
                    .severity(scope.name().toLowerCase(java.util.Locale.ROOT).endsWith(".whl")
                            ? dev.abilint.model.Severity.ERROR : dev.abilint.model.Severity.WARNING)
                    .key(RUNTIME)
                    .emit();
        }
    }
}
