package dev.abilint.rule.pypy;

import dev.abilint.model.Analysis;
import dev.abilint.model.Binary;
import dev.abilint.model.Locations;
import dev.abilint.model.Symbol;
import dev.abilint.model.WheelName;
import dev.abilint.rule.python.PythonModule;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the PyPy rules ask of a module: which PyPy it is built for, and which C API names it imports. */
final class PypyTarget {
    private PypyTarget() {}

    private static final Pattern PP_TAG = Pattern.compile("^(?:pp|pypy)(\\d)(\\d+)(?:_pp\\d+)?$");

    /** "pypy" with no known version. */
    static final String UNKNOWN = "";

    /**
     * The Python version of the PyPy a module is built for ({@code 3.9}), {@link #UNKNOWN} when it is built for
     * PyPy but the version cannot be told, or null when it is not a PyPy module: by its file name
     * ({@code x.pypy39-pp73-x86_64-linux-gnu.so}), else by its wheel's tags ({@code pp39-pypy39_pp73}).
     */
    static String pythonOf(PythonModule module) {
        if (module.suffix() != null && "pypy".equals(module.suffix().interpreter())) {
            return version(module.suffix().version());
        }
        if (module.suffix() != null && module.suffix().interpreter() != null) {
            return null; // tagged for CPython or GraalPy by its own name
        }
        WheelName wheel = module.wheel();
        if (wheel == null || wheel.pythonTags().isEmpty()
                || !wheel.pythonTags().stream().allMatch(t -> t.startsWith("pp"))) {
            return null;
        }
        for (String tag : wheel.abiTags()) {
            Matcher m = PP_TAG.matcher(tag);
            if (m.matches()) {
                return m.group(1) + "." + m.group(2);
            }
        }
        Matcher m = PP_TAG.matcher(wheel.pythonTags().get(0));
        return m.matches() ? m.group(1) + "." + m.group(2) : UNKNOWN;
    }

    private static String version(String digits) {
        if (digits == null || digits.length() < 2 || !digits.chars().allMatch(Character::isDigit)) {
            return UNKNOWN;
        }
        return digits.charAt(0) + "." + digits.substring(1);
    }

    /** Whether a name is spelled the way a C API name is ({@code Py*}, {@code _Py*}, PyPy's renames included). */
    static boolean apiName(String name) {
        return name.startsWith("Py") || name.startsWith("_Py");
    }

    /** Strong (non-weak) imports of C API names that no other binary of the same wheel exports. */
    static Set<String> apiImports(PythonModule module, Set<String> exportedBySiblings) {
        Set<String> out = new TreeSet<>();
        for (Symbol s : module.binary().getImports()) {
            if (!s.weak() && apiName(s.name()) && !exportedBySiblings.contains(s.name())) {
                out.add(s.name());
            }
        }
        return out;
    }

    /** Exports of the other binaries in the module's wheel (a bundled helper library may define Py* names). */
    static Set<String> siblingExports(Analysis analysis, PythonModule module) {
        Set<String> out = new HashSet<>();
        if (module.wheelLocation() == null) {
            return out;
        }
        for (Binary b : analysis.binaries()) {
            if (b != module.binary() && module.wheelLocation().equals(Locations.enclosing(b.getPath(), ".whl"))) {
                for (Symbol s : b.getExports()) {
                    if (apiName(s.name())) {
                        out.add(s.name());
                    }
                }
            }
        }
        return out;
    }

    /** The CPython spelling of a name as PyPy's headers rename it ({@code PyPyList_Append} is {@code PyList_Append}). */
    static String cpythonSpelling(String name) {
        if (name.startsWith("PyPy")) {
            return "Py" + name.substring(4);
        }
        if (name.startsWith("_PyPy")) {
            return "_Py" + name.substring(5);
        }
        return name;
    }
}
