package dev.abilint.rule.natives;

import dev.abilint.model.Binary;
import dev.abilint.model.Locations;
import dev.abilint.model.Platform;
import dev.abilint.model.Severity;
import dev.abilint.model.Symbol;
import dev.abilint.rule.BinaryRule;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.data.DottedVersion;
import java.util.TreeSet;

/**
 * The oldest glibc (and libstdc++) a Linux native library can load on: the highest {@code GLIBC_} and
 * {@code GLIBCXX_} symbol versions it needs. A note for every glibc native in a jar; an error when the
 * floor is above {@code --glibc} (then for any Linux binary outside a wheel: wheels are judged by their
 * manylinux tag instead).
 */
public final class NativeGlibcFloor implements BinaryRule {
    @Override
    public String id() {
        return "native-glibc-floor";
    }

    @Override
    public void check(Binary binary, RuleContext context) {
        if (!"elf".equals(binary.getFormat()) || binary.getPath() == null
                || Locations.enclosing(binary.getPath(), ".whl") != null) {
            return;
        }
        String limit = context.targets().glibc();
        boolean inJar = Locations.enclosing(binary.getPath(), ".jar") != null;
        if (!inJar && limit == null) {
            return;
        }
        Platform p = binary.getPlatform();
        Platform d = binary.getDeclaredPlatform();
        if ((p != null && p.libc() != null && !"glibc".equals(p.libc())) || (d != null && d.libc() != null && !"glibc".equals(d.libc()))
                || (d != null && d.os() != null && !"linux".equals(d.os()))) {
            return;
        }
        String glibc = highest(binary, "GLIBC_");
        String glibcxx = highest(binary, "GLIBCXX_");
        if (glibc == null && glibcxx == null) {
            return;
        }
        boolean above = limit != null && glibc != null && DottedVersion.compare(glibc, limit) > 0;
        String needs = glibc == null ? "no versioned glibc symbol" : "glibc " + glibc;
        RuleContext.FindingBuilder f = context.report(binary.getPath(), above
                        ? "needs " + needs + ", above --glibc " + limit + ": it fails to load there with \"version `GLIBC_"
                                + glibc + "' not found\""
                        : "needs " + needs + (glibcxx == null ? "" : " and libstdc++ GLIBCXX_" + glibcxx)
                                + ": the oldest Linux it loads on")
                .severity(above ? Severity.ERROR : Severity.NOTE)
                .evidence("glibc", glibc)
                .evidence("glibcxx", glibcxx)
                .evidence("symbols", symbols(binary, glibc))
                .evidence("limit", limit)
                .key("floor");
        if (above) {
            f.fix("Build the library on (or in a container with) glibc " + limit + ", e.g. a manylinux image, or avoid "
                    + "the symbols listed; or raise the documented minimum.");
        }
        f.emit();
    }

    private static final java.util.regex.Pattern VERSION_NUMBER =
            java.util.regex.Pattern.compile("\\d{1,4}(\\.\\d{1,4}){0,3}");

    /** The highest version with this prefix, e.g. {@code 2.25} for GLIBC_. */
    static String highest(Binary binary, String prefix) {
        String best = null;
        for (Symbol s : binary.getImports()) {
            String v = s.version();
            if (v == null || !v.startsWith(prefix)) {
                continue;
            }
            String number = v.substring(prefix.length());
            if (!VERSION_NUMBER.matcher(number).matches()) {
                continue;
            }
            if (best == null || DottedVersion.compare(number, best) > 0) {
                best = number;
            }
        }
        return best;
    }

    private static final int MAX_SYMBOLS = 12;

    private static java.util.List<String> symbols(Binary binary, String glibc) {
        if (glibc == null) {
            return null;
        }
        TreeSet<String> out = new TreeSet<>();
        String version = "GLIBC_" + glibc;
        for (Symbol s : binary.getImports()) {
            if (version.equals(s.version())) {
                out.add(s.name() + "@" + s.version());
            }
        }
        // On an architecture whose first glibc is the floor, every import is at it: a sample says enough.
        java.util.List<String> all = java.util.List.copyOf(out);
        if (all.size() <= MAX_SYMBOLS) {
            return all;
        }
        java.util.List<String> sample = new java.util.ArrayList<>(all.subList(0, MAX_SYMBOLS));
        sample.add("... " + (all.size() - MAX_SYMBOLS) + " more");
        return sample;
    }
}
