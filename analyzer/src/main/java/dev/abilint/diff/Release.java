package dev.abilint.diff;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Binary;
import dev.abilint.model.JavaClass;
import dev.abilint.model.Locations;
import dev.abilint.model.Platform;
import dev.abilint.model.WheelName;
import dev.abilint.rule.natives.NativeInventory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One release read for {@code abilint diff}: its analysis, arranged by product. */
public final class Release {
    private final String side;
    private final Analysis analysis;
    private final Map<String, Product> products = new TreeMap<>();

    private Release(String side, Analysis analysis) {
        this.side = side;
        this.analysis = analysis;
    }

    /** @param side {@code old} or {@code new} */
    public static Release of(String side, Analysis analysis) {
        Release r = new Release(side, analysis);
        r.arrange();
        return r;
    }

    public String side() { return side; }
    public Analysis analysis() { return analysis; }
    public Map<String, Product> products() { return products; }

    /** The outermost file a location is in: the part before the first {@code !/}. */
    static String outer(String location) {
        int cut = location.indexOf(Locations.SEPARATOR);
        return cut < 0 ? location : location.substring(0, cut);
    }

    /** The input a location came from (the longest that contains it), for role paths of loose files. */
    String inputOf(String location) {
        String best = null;
        for (String input : analysis.inputs()) {
            String trimmed = input.endsWith("/") && input.length() > 1 ? input.substring(0, input.length() - 1) : input;
            if ((location.equals(trimmed) || location.startsWith(trimmed + "/"))
                    && (best == null || trimmed.length() > best.length())) {
                best = trimmed;
            }
        }
        return best;
    }

    /**
     * Whether a library serves the platform its path declares: a 64-bit build in a 32-bit folder (JNA 5.14's
     * {@code sunos-x86/}) does not, and that platform is then not shipped, whatever the folder says.
     */
    static boolean serves(Binary b) {
        Platform declared = b.getDeclaredPlatform();
        Platform header = b.getPlatform();
        return declared == null || header == null || declared.arch() == null || header.arch() == null
                || dev.abilint.model.ArchFamily.same(declared.arch(), header.arch());
    }

    private Product product(String outerPath) {
        Product p = products.computeIfAbsent(Roles.product(outerPath), Product::new);
        p.locate(outerPath);
        return p;
    }

    private void arrange() {
        for (Artifact a : analysis.artifacts()) {
            if (a.getPath() == null || a.getPath().contains(Locations.SEPARATOR) || "directory".equals(a.getKind())) {
                continue;
            }
            Product p = product(a.getPath());
            p.artifacts().add(a);
            if (a.getPath().toLowerCase(java.util.Locale.ROOT).endsWith(".whl")) {
                WheelName w = WheelName.parse(Locations.fileName(a.getPath()));
                if (w != null) {
                    p.wheels().add(w);
                    for (Platform platform : w.platforms()) {
                        p.platforms().add(platform.label());
                    }
                    if (w.platformIndependent()) {
                        p.platforms().add("any");
                    }
                }
            }
        }
        for (Binary b : analysis.binaries()) {
            if (b.getPath() != null) {
                product(outer(b.getPath())).binaries().add(b);
            }
        }
        for (JavaClass c : analysis.javaClasses()) {
            if (c.location() != null) {
                product(outer(c.location())).classes().add(c);
            }
        }
        // Jars and loose binaries claim the platforms of their libraries (the jar's native matrix).
        NativeInventory inventory = NativeInventory.of(analysis);
        for (NativeInventory.Scope scope : inventory.scopes()) {
            for (Map<String, List<NativeInventory.Native>> row : scope.matrix().values()) {
                for (Map.Entry<String, List<NativeInventory.Native>> cell : row.entrySet()) {
                    for (NativeInventory.Native n : cell.getValue()) {
                        if (!serves(n.binary())) {
                            continue;
                        }
                        Product p = products.get(Roles.product(outer(n.binary().getPath())));
                        if (p != null && !p.wheel()) {
                            p.platforms().add(cell.getKey());
                        }
                    }
                }
            }
        }
    }
}
