package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.diff.Roles;
import dev.abilint.model.Binary;
import dev.abilint.rule.RuleContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Python extension module of the old release (by its dotted path, on any platform) that the new release
 * ships on none: {@code import pkg._speedups} fails with ModuleNotFoundError. Modules that remain on some
 * platform are not reported here (a removed platform is diff-platform-removed's).
 */
public final class DiffExtensionModuleRemoved implements dev.abilint.diff.DiffRule {
    @Override
    public String id() {
        return "diff-extension-module-removed";
    }

    @Override
    public void check(Comparison comparison, RuleContext context) {
        for (Comparison.ProductPair pair : comparison.products()) {
            Set<String> before = modules(pair.old().binaries());
            Set<String> after = modules(pair.young().binaries());
            Set<String> gone = new TreeSet<>(before);
            gone.removeAll(after);
            if (gone.isEmpty() || after.isEmpty() && pair.young().binaries().isEmpty()) {
                continue; // a pure rewrite with no binaries at all is a different story than a lost module
            }
            // a Python module or package of that name still imports (PyYAML 6 keeps _yaml/__init__.py)
            gone.removeAll(pair.young().pythonNames());
            if (gone.isEmpty()) {
                continue;
            }
            context.report(pair.young().location(), gone.size() + " extension module" + (gone.size() == 1 ? "" : "s")
                            + " removed (" + String.join(", ", Changes.listed(gone)) + "): importing "
                            + (gone.size() == 1 ? "it" : "them") + " fails with ModuleNotFoundError")
                    .evidence("modules", Changes.listed(gone))
                    .change(List.copyOf(gone), null)
                    .key(pair.young().key() + "|" + String.join(",", gone))
                    .fix("Ship the module again, or keep a pure-Python module of that name that says where its API went.")
                    .emit();
        }
    }

    static Set<String> modules(List<Binary> binaries) {
        Set<String> out = new TreeSet<>();
        for (Binary b : binaries) {
            if (Changes.audience(b) != Changes.Audience.EXTENSION) {
                continue;
            }
            String role = Roles.path(b.getPath(), null);
            if (role.endsWith(".<python-extension>")) {
                role = role.substring(0, role.length() - ".<python-extension>".length());
            } else {
                int dot = role.lastIndexOf('.');
                role = dot > role.lastIndexOf('/') ? role.substring(0, dot) : role;
            }
            // the package path: drop a wheel's .data/purelib|platlib prefix
            role = role.replaceFirst("^[^/]*\\.data/(?:purelib|platlib)/", "");
            out.add(role.replace('/', '.'));
        }
        return out;
    }
}
