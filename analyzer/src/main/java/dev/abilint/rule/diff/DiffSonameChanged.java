package dev.abilint.rule.diff;

import dev.abilint.diff.Comparison;
import dev.abilint.model.Binary;
import dev.abilint.rule.RuleContext;
import java.util.Objects;

/**
 * A library's soname (Mach-O install name) changed its name or major version ({@code libpng16.so.16} to
 * {@code libpng16.so.17}): binaries linked against the old name look for a file that is no longer there. A
 * warning for libraries others link against; a note for a wheel's bundled copies (repair renames them
 * consistently) and for libraries of a jar.
 */
public final class DiffSonameChanged extends PairRule {
    @Override
    public String id() {
        return "diff-soname-changed";
    }

    @Override
    void check(Comparison.BinaryPair pair, Comparison.ProductPair product, RuleContext context) {
        String before = name(pair.old());
        String after = name(pair.young());
        if (before == null || after == null || Objects.equals(strip(before), strip(after))) {
            return;
        }
        Changes.Audience audience = Changes.audience(pair.young());
        context.report(pair.young().getPath(), "soname changed from " + before + " to " + after + " on "
                        + pair.platform() + ": binaries linked against " + before + " no longer find it")
                .severity(audience == Changes.Audience.PUBLIC ? dev.abilint.model.Severity.WARNING
                        : dev.abilint.model.Severity.NOTE)
                .evidence("platform", pair.platform())
                .evidence("name", after)
                .change(before, after)
                .key(pair.role() + "|" + pair.platform())
                .fix("If the ABI did not break, keep the old soname; if it did, the new major version is right: say so.")
                .emit();
    }

    private static String name(Binary b) {
        if (b.getSoname() != null) {
            return b.getSoname();
        }
        return b.getInstallName() == null ? null : b.getInstallName().substring(b.getInstallName().lastIndexOf('/') + 1);
    }

    private static final java.util.regex.Pattern SO_MAJOR = java.util.regex.Pattern.compile("\\.so\\.(\\d+)");
    private static final java.util.regex.Pattern DYLIB_MAJOR = java.util.regex.Pattern.compile("\\.(\\d+)(?:\\.\\d+)*\\.dylib$");

    /**
     * What the loader looks for, as far as a release changes it: the name without a repaired wheel's hash
     * and without version strings fused into it ({@code libzstd-jni-1.5.6-3.so} follows its release: that is
     * the jar's naming, not an ABI break), and the major version after {@code .so.} ({@code libpng16.so.16}).
     */
    static String strip(String soname) {
        soname = soname.substring(soname.lastIndexOf('/') + 1); // a build path recorded as the soname
        String major = "";
        java.util.regex.Matcher m = SO_MAJOR.matcher(soname);
        if (m.find()) {
            major = m.group(1);
        } else if ((m = DYLIB_MAJOR.matcher(soname)).find()) {
            major = m.group(1);
        }
        return dev.abilint.diff.Roles.fileName(soname) + "|" + major;
    }

}
