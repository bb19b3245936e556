package dev.abilint.rule.python;

import dev.abilint.rule.RuleContext;
import java.util.regex.Pattern;

/** An extension module on Linux or macOS that links libpython, which statically linked interpreters lack. */
public final class LibpythonLinked extends PythonModuleRule {
    private static final Pattern LIBPYTHON = Pattern.compile(
            "(^|/)(libpython3(\\.\\d+)?[a-z]*\\.(so|dylib)(\\.[0-9.]+)?|Python\\.framework/.*Python|Python3?)$");

    @Override
    public String id() {
        return "libpython-linked";
    }

    @Override
    protected void check(PythonModule module, RuleContext context) {
        if (!module.isExtension() || "pe".equals(module.binary().getFormat())) {
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
            }
        }
    }
}
