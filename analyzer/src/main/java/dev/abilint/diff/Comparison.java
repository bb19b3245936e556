package dev.abilint.diff;

import dev.abilint.model.Binary;
import dev.abilint.model.Locations;
import dev.abilint.model.WheelName;
import dev.abilint.rule.natives.NativeInventory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two releases paired: products by name (one product on each side pair whatever their names), and
 * within a product binaries by role (the same normalised path, the same platform; fat Mach-O slices by
 * arch, since the platform names it), first with the same interpreter tags of the enclosing wheel, then
 * with any. What cannot be paired is kept, with the side it is on.
 */
public final class Comparison {

    /** One binary in both releases. {@code role} is its normalised path. */
    public record BinaryPair(Binary old, Binary young, String role, String platform) {}

    /** One product in both releases, with its binaries paired. */
    public record ProductPair(Product old, Product young, List<BinaryPair> binaries, List<Binary> oldOnly,
            List<Binary> newOnly) {}

    private final Release old;
    private final Release young;
    private final List<ProductPair> products = new ArrayList<>();
    private final List<Product> oldOnly = new ArrayList<>();
    private final List<Product> newOnly = new ArrayList<>();

    private Comparison(Release old, Release young) {
        this.old = old;
        this.young = young;
    }

    public static Comparison of(Release old, Release young) {
        Comparison c = new Comparison(old, young);
        c.pair();
        return c;
    }

    public Release old() { return old; }
    public Release young() { return young; }
    public List<ProductPair> products() { return products; }
    public List<Product> oldOnly() { return oldOnly; }
    public List<Product> newOnly() { return newOnly; }

    private void pair() {
        Map<String, Product> o = old.products();
        Map<String, Product> n = young.products();
        if (o.size() == 1 && n.size() == 1) {
            products.add(pairBinaries(o.values().iterator().next(), n.values().iterator().next()));
            return;
        }
        for (Map.Entry<String, Product> e : o.entrySet()) {
            Product other = n.get(e.getKey());
            if (other == null) {
                oldOnly.add(e.getValue());
            } else {
                products.add(pairBinaries(e.getValue(), other));
            }
        }
        for (Map.Entry<String, Product> e : n.entrySet()) {
            if (!o.containsKey(e.getKey())) {
                newOnly.add(e.getValue());
            }
        }
    }

    private record Keyed(Binary binary, String role, String platform, String slot) {
        String exact() { return role + "\n" + platform + "\n" + slot; }
        String loose() { return role + "\n" + platform; }
    }

    private Keyed keyed(Release release, Binary b) {
        String role = Roles.path(b.getPath(), release.inputOf(b.getPath()));
        String wheel = Locations.enclosing(b.getPath(), ".whl");
        WheelName w = wheel == null ? null : WheelName.parse(Locations.fileName(wheel));
        String slot = w == null ? "" : String.join(".", w.pythonTags()) + "-" + String.join(".", w.abiTags());
        // the header's arch too: a 64-bit build in a 32-bit folder is not the 32-bit library's successor
        String arch = b.getArch() == null ? "" : "/" + b.getArch();
        return new Keyed(b, role, NativeInventory.platformLabel(b) + (Release.serves(b) ? "" : arch), slot);
    }

    private ProductPair pairBinaries(Product po, Product pn) {
        List<Keyed> olds = po.binaries().stream().map(b -> keyed(old, b)).toList();
        List<Keyed> news = pn.binaries().stream().map(b -> keyed(young, b)).toList();
        List<BinaryPair> pairs = new ArrayList<>();
        Map<String, List<Keyed>> oldExact = new LinkedHashMap<>();
        Map<String, List<Keyed>> oldLoose = new LinkedHashMap<>();
        for (Keyed k : olds) {
            oldExact.computeIfAbsent(k.exact(), x -> new ArrayList<>()).add(k);
            oldLoose.computeIfAbsent(k.loose(), x -> new ArrayList<>()).add(k);
        }
        java.util.Set<Binary> pairedOld = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<Keyed> unpairedNew = new ArrayList<>();
        for (Keyed k : news) {
            List<Keyed> same = oldExact.get(k.exact());
            if (same != null && !same.isEmpty()) {
                Keyed partner = same.remove(0);
                pairedOld.add(partner.binary());
                pairs.add(new BinaryPair(partner.binary(), k.binary(), k.role(), k.platform()));
            } else {
                unpairedNew.add(k);
            }
        }
        List<Binary> newOnlyBinaries = new ArrayList<>();
        for (Keyed k : unpairedNew) {
            // another interpreter's wheel of the same platform: the newest old one is the closest
            List<Keyed> candidates = oldLoose.get(k.loose());
            if (candidates == null || candidates.isEmpty()) {
                newOnlyBinaries.add(k.binary());
                continue;
            }
            Keyed partner = candidates.stream().max(Comparator.comparing(Keyed::slot, Comparison::compareSlots)).get();
            pairedOld.add(partner.binary());
            pairs.add(new BinaryPair(partner.binary(), k.binary(), k.role(), k.platform()));
        }
        java.util.Set<String> newLoose = new java.util.HashSet<>();
        news.forEach(k -> newLoose.add(k.loose()));
        List<Binary> oldOnlyBinaries = new ArrayList<>();
        for (Keyed k : olds) {
            // an old interpreter's copy whose role is still shipped for others is not a removal
            if (!pairedOld.contains(k.binary()) && !newLoose.contains(k.loose())) {
                oldOnlyBinaries.add(k.binary());
            }
        }
        return new ProductPair(po, pn, pairs, oldOnlyBinaries, newOnlyBinaries);
    }

    /** {@code cp39-cp39} before {@code cp310-cp310}: digit runs compared as numbers. */
    static int compareSlots(String a, String b) {
        java.util.regex.Matcher ma = java.util.regex.Pattern.compile("\\d+").matcher(a);
        java.util.regex.Matcher mb = java.util.regex.Pattern.compile("\\d+").matcher(b);
        while (ma.find() && mb.find()) {
            int c = Long.compare(parse(ma.group()), parse(mb.group()));
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    }

    private static long parse(String digits) {
        return digits.length() > 12 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
