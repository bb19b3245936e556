package dev.abilint.rule.pypy;

import dev.abilint.rule.data.InterpreterCApi;
import dev.abilint.rule.python.PythonModule;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A module built for GraalPy ({@code *.graalpy242-311-native-x86_64-linux.so}, or in a
 * {@code graalpy311-graalpy242_311_native} wheel) that imports C API names its GraalPy does not export
 * (rules/data/graalpy-c-api.tsv, read from libpython-native.so in GraalPy's python-resources jar): it fails to
 * import with "undefined symbol". One finding per module; a GraalPy release the table lacks gets a note.
 */
public final class GraalpyCApiMissing extends InterpreterCApiMissing {
    private static final Pattern ABI = Pattern.compile("^graalpy(\\d+)_\\d+_native$");

    @Override
    public String id() {
        return "graalpy-c-api-missing";
    }

    @Override
    protected String interpreter() {
        return "GraalPy";
    }

    @Override
    protected InterpreterCApi table() {
        return InterpreterCApi.graalpy();
    }

    /** The digits of the GraalPy release ({@code 242}): from the module's name, else its wheel's ABI tag. */
    @Override
    protected String target(PythonModule module) {
        if (module.suffix() != null && "graalpy".equals(module.suffix().interpreter())) {
            String v = module.suffix().version();
            return v == null || !v.chars().allMatch(Character::isDigit) ? PypyTarget.UNKNOWN : v;
        }
        if (module.suffix() != null && module.suffix().interpreter() != null || module.wheel() == null) {
            return null;
        }
        for (String abi : module.wheel().abiTags()) {
            Matcher m = ABI.matcher(abi);
            if (m.matches()) {
                return m.group(1);
            }
        }
        boolean graalpy = !module.wheel().pythonTags().isEmpty()
                && module.wheel().pythonTags().stream().allMatch(t -> t.startsWith("graalpy"));
        return graalpy ? PypyTarget.UNKNOWN : null;
    }

    @Override
    protected String describe(InterpreterCApi.Release release) {
        return "GraalPy " + release.version();
    }

    @Override
    protected String describeKey(String key) {
        return "GraalPy " + (key.length() >= 2 ? key.substring(0, 2) + "." + key.substring(2) : key);
    }

    @Override
    protected String renamed(String name) {
        return null; // GraalPy's headers keep CPython's names
    }

    @Override
    protected String fix() {
        return "Put the calls GraalPy lacks under #ifndef GRAALVM_PYTHON with a fallback (pythoncapi-compat has "
                + "some), build against the GraalPy release the wheel is tagged for, or do not publish the GraalPy wheel.";
    }
}
