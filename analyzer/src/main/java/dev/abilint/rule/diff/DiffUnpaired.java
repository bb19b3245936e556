package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.diff.Product;
import dev.abilint.model.Binary;
import dev.abilint.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;

/**
 * What the diff could not pair: a product (project) on one side only, binaries of a paired product that
 * have no counterpart. A note that lists them, so that nothing is silently left out of the comparison.
 */
public final class DiffUnpaired implements dev.abilint.diff.DiffRule {
    @Override
    public String id() {
        return "diff-unpaired";
    }

    @Override
    public void check(Comparison comparison, RuleContext context) {
        for (Product p : comparison.oldOnly()) {
            context.report(p.location(), "only in the old release: " + p.name() + " (" + p.artifacts().size()
                            + " artifact(s), " + p.binaries().size() + " binaries): nothing in the new release to compare with")
                    .evidence("side", "old")
                    .change(p.name(), null)
                    .key(p.key())
                    .emit();
        }
        for (Product p : comparison.newOnly()) {
            context.report(p.location(), "only in the new release: " + p.name())
                    .evidence("side", "new")
                    .change(null, p.name())
                    .key(p.key())
                    .emit();
        }
        for (Comparison.ProductPair pair : comparison.products()) {
            // binaries of a platform the new release dropped are diff-platform-removed's, not unpaired
            List<Binary> gone = new ArrayList<>();
            for (Binary b : pair.oldOnly()) {
                String platform = dev.abilint.rule.natives.NativeInventory.platformLabel(b);
                if (pair.young().platforms().contains(platform) || !pair.old().platforms().contains(platform)) {
                    gone.add(b);
                }
            }
            List<String> old = paths(gone);
            List<String> young = paths(pair.newOnly());
            if (old.isEmpty() && young.isEmpty()) {
                continue;
            }
            context.report(pair.young().location(), "binaries without a counterpart: " + old.size() + " only in the old "
                            + "release, " + young.size() + " only in the new one")
                    .evidence("oldOnly", old.isEmpty() ? null : Changes.listed(old))
                    .evidence("newOnly", young.isEmpty() ? null : Changes.listed(young))
                    .change(old.isEmpty() ? null : Changes.listed(old), young.isEmpty() ? null : Changes.listed(young))
                    .key(pair.young().key())
                    .emit();
        }
    }

    private static List<String> paths(List<Binary> binaries) {
        List<String> out = new ArrayList<>();
        for (Binary b : binaries) {
            out.add(b.getPath() + " (" + dev.abilint.rule.natives.NativeInventory.platformLabel(b) + ")");
        }
        return out;
    }
}
