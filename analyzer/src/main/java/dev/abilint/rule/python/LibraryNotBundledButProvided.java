package dev.abilint.rule.python;

import dev.abilint.model.Analysis;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the not-bundled rules ({@code linux-library-not-allowed}, {@code macos-dylib-not-bundled},
 * {@code windows-dll-not-bundled}) accepted because something else supplies it: a {@code provided} glob of
 * the configuration, or a wheel of the same scan that this wheel requires and that bundles the library. Unlike
 * auditwheel's {@code --exclude}, which drops the reference silently, the report says which references were
 * accepted and on whose word, so a wrong glob or a dropped dependency shows. One note per binary.
 */
public final class LibraryNotBundledButProvided implements AnalysisRule {
    @Override
    public String id() {
        return "library-not-bundled-but-provided";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        ProvidedLibraries provided = ProvidedLibraries.of(analysis);
        boolean globs = !context.targets().provided().isEmpty();
        // binary path -> library -> provider (the slices of a fat file share one note)
        Map<String, Map<String, ProvidedLibraries.Provider>> byBinary = new LinkedHashMap<>();
        for (PythonModule module : PythonModules.of(analysis)) {
            if (module.wheel() == null && !globs) {
                continue;
            }
            for (String needed : module.binary().getNeeded()) {
                if (module.bundles(needed)) {
                    continue;
                }
                ProvidedLibraries.Provider provider = provided.providerOf(module, needed, context.targets());
                if (provider != null) {
                    byBinary.computeIfAbsent(module.binary().getPath(), k -> new LinkedHashMap<>())
                            .putIfAbsent(needed, provider);
                }
            }
        }
        byBinary.forEach((path, libraries) -> {
            List<String> parts = new ArrayList<>();
            List<Object> evidence = new ArrayList<>();
            libraries.forEach((library, provider) -> {
                parts.add(library + " (" + provider.description() + ")");
                evidence.add(provider.evidence(library));
            });
            context.report(path, "needs " + Listing.firstFew(parts) + " without bundling "
                            + (libraries.size() == 1 ? "it" : "them") + "; accepted as provided, so the not-bundled "
                            + "rules do not report " + (libraries.size() == 1 ? "it" : "them"))
                    .evidence("provided", evidence)
                    .fix("Nothing to do if the provider is right: it must be installed wherever this package is (a "
                            + "Requires-Dist without an extra, a driver every user has); otherwise bundle the library.")
                    .key("provided")
                    .emit();
        });
    }
}
