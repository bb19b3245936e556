package dev.abilint.rule.python;

import dev.abilint.rule.RuleContext;
import java.util.regex.Pattern;

/**
 * An extension module on Linux or macOS that links libpython (3 or 2.7), which statically linked interpreters
 * lack. Not said of libraries that embed Python (they are not modules) nor of Android modules.
 */
public final class LibpythonLinked extends PythonModuleRule {
    private static final Pattern LIBPYTHON = Pattern.compile(
            "(^|/)(libpython[23](\\.\\d+)?[a-z]*\\.(so|dylib)(\\.[0-9.]+)?|Python\\.framework/.*Python|Python3?)$");

    /**
     * On Android linking libpython is how extension modules are built (CPython's own Android build and
     * Termux link every module against libpython3.X.so; there is no statically linked interpreter to break).
     * Android: the ELF reader's OS (NDK note, linker, bionic from liblog.so and the like), or an android_* wheel tag.
     */
    private static boolean android(PythonModule module) {
        var b = module.binary();
        if (b.getPlatform() != null && ("android".equals(b.getPlatform().os()) || "bionic".equals(b.getPlatform().libc()))) {
            return true;
        }
        return module.wheel() != null && module.wheel().platformTags().stream().anyMatch(t -> t.startsWith("android_"));
    }

    @Override
    public String id() {
        return "libpython-linked";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        if (!module.isExtension() || "pe".equals(module.binary().getFormat()) || android(module)) {
            return;
        }
        for (String needed : module.binary().getNeeded()) {
            if (LIBPYTHON.matcher(needed).find()) {
                context.report(module.binary().getPath(), "extension module links " + needed
                                + ": it fails to load in Python interpreters that are linked statically")
                        .evidence("library", needed)
                        .fix("Do not link the extension against libpython: on Linux drop -lpython3.X (setuptools does "
                                + "not add it; check CMake's Python::Python vs Python::Module), on macOS link with "
                                + "-undefined dynamic_lookup. The interpreter provides the symbols at load time.")
                        .key(needed)
                        .emit();
                return; // one libpython is the whole story
            }
        }
    }
}
