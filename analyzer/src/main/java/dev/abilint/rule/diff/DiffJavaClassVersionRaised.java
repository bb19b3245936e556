package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.diff.Product;
import dev.abilint.model.JavaClass;
import dev.abilint.model.Locations;
import dev.abilint.rule.RuleContext;
import java.util.TreeSet;

/**
 * The newest class file version of a jar went up (ignoring {@code META-INF/versions/N/} of a multi-release
 * jar): on a Java older than that, loading those classes throws UnsupportedClassVersionError.
 */
public final class DiffJavaClassVersionRaised implements dev.abilint.diff.DiffRule {
    @Override
    public String id() {
        return "diff-java-class-version-raised";
    }

    @Override
    public void check(Comparison comparison, RuleContext context) {
        for (Comparison.ProductPair pair : comparison.products()) {
            int before = highest(pair.old());
            int after = highest(pair.young());
            if (before <= 0 || after <= before) {
                continue;
            }
            TreeSet<String> raisedBy = new TreeSet<>();
            for (JavaClass c : pair.young().classes()) {
                if (base(c) && c.majorVersion() > before) {
                    raisedBy.add(c.name().replace('/', '.'));
                }
            }
            context.report(pair.young().location(), "class files now need Java " + java(after) + " (class version "
                            + after + "; was " + before + ", Java " + java(before) + "): on older Java it fails with "
                            + "UnsupportedClassVersionError")
                    .evidence("name", "java-" + java(after))
                    .evidence("classes", Changes.listed(raisedBy))
                    .change(before, after)
                    .key(pair.young().key())
                    .fix("Compile with --release " + java(before) + " again, or accept the change in the config and say "
                            + "so in the release notes.")
                    .emit();
        }
    }

    private static boolean base(JavaClass c) {
        return c.location() != null && !c.location().contains(Locations.SEPARATOR + "META-INF/versions/")
                && c.name() != null && !c.name().equals("module-info");
    }

    static int highest(Product p) {
        int best = 0;
        for (JavaClass c : p.classes()) {
            if (base(c)) {
                best = Math.max(best, c.majorVersion());
            }
        }
        return best;
    }

    static int java(int major) {
        return major >= 49 ? major - 44 : 1;
    }

}
