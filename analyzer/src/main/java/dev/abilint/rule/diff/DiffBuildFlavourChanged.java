package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.model.Binary;
import dev.abilint.model.ExtensionSuffix;
import dev.abilint.model.Locations;
import dev.abilint.model.Symbol;
import dev.abilint.rule.RuleContext;
import java.util.Set;
import java.util.TreeSet;

/**
 * An extension module's build flavour changed: free-threaded ({@code cp313t}) or debug ({@code d},
 * {@code Py_DEBUG} symbols) where the old one was not, or the other way round. Each flavour imports only on
 * its own interpreter build.
 */
public final class DiffBuildFlavourChanged extends PairRule {
    @Override
    public String id() {
        return "diff-build-flavour-changed";
    }

    @Override
    void check(Comparison.BinaryPair pair, Comparison.ProductPair product, RuleContext context) {
        if (Changes.audience(pair.young()) != Changes.Audience.EXTENSION) {
            return;
        }
        Set<String> before = flavour(pair.old());
        Set<String> after = flavour(pair.young());
        if (before.equals(after)) {
            return;
        }
        String was = before.isEmpty() ? "default" : String.join("+", before);
        String now = after.isEmpty() ? "default" : String.join("+", after);
        context.report(pair.young().getPath(), "build flavour changed from " + was + " to " + now + " on " + pair.platform()
                        + ": it imports only on a " + now + " CPython build")
                .evidence("platform", pair.platform())
                .evidence("name", now)
                .change(was, now)
                .key(pair.role() + "|" + pair.platform())
                .fix("Build against the same CPython flavour as before (a release, GIL-enabled interpreter), or ship both.")
                .emit();
    }

    static Set<String> flavour(Binary b) {
        Set<String> out = new TreeSet<>();
        ExtensionSuffix s = ExtensionSuffix.parse(Locations.fileName(b.getPath()));
        if (s != null && s.freeThreaded()) {
            out.add("free-threaded");
        }
        if (s != null && s.debug()) {
            out.add("debug");
        }
        for (Symbol i : b.getImports()) {
            if ("_Py_RefTotal".equals(i.name()) || "_Py_NegativeRefcount".equals(i.name())) {
                out.add("debug");
            }
        }
        return out;
    }
}
