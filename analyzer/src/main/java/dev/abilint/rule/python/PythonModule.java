package dev.abilint.rule.python;

import dev.abilint.model.Binary;
import dev.abilint.model.ExtensionSuffix;
import dev.abilint.model.Symbol;
import dev.abilint.model.WheelName;
import dev.abilint.rule.Targets;
import dev.abilint.rule.data.DottedVersion;
import java.util.Set;

/**
 * A binary seen as a Python extension module: what its file name claims, the wheel it ships in
 * (if any) and what that wheel's tags claim, and the other binaries bundled in the same wheel.
 *
 * @param suffix what the file name says (null when it is not an extension module's name)
 * @param wheel the enclosing wheel's parsed name, or null
 * @param wheelLocation the enclosing wheel's location, or null
 * @param bundled file names, sonames and install names of every binary in the same wheel
 * @param isExtension an extension module: a tagged extension file name, or a plain {@code x.so}/{@code x.pyd}
 *     that exports the init function for its name
 */
public record PythonModule(Binary binary, ExtensionSuffix suffix, WheelName wheel, String wheelLocation,
        Set<String> bundled, boolean isExtension) {

    /**
     * Works out once what a dozen rules ask of every binary (a JavaCPP library has tens of thousands of
     * exports to look through): whether it is an extension module.
     */
    public PythonModule(Binary binary, ExtensionSuffix suffix, WheelName wheel, String wheelLocation,
            Set<String> bundled) {
        this(binary, suffix, wheel, wheelLocation, bundled, extension(binary, suffix));
    }

    /**
     * What Python would import: a file name tagged for some interpreter ({@code .cpython-312-*.so},
     * {@code .abi3.so}, {@code .pypy39-pp73-*.so}, {@code .cp312-win_amd64.pyd}, ...), or a plain
     * {@code x.so}/{@code x.pyd} that exports the init function Python looks up for that name:
     * {@code PyInit_x}, {@code PyModExport_x} (PEP 793), {@code initx} (Python 2) or
     * {@code _cffi_pypyinit_x} (cffi on PyPy), the names auditwheel's {@code elf_is_python_extension}
     * checks. A library that merely calls into Python (a JNI bridge, a uWSGI plugin, libpython itself)
     * is not a module, however many C API functions it imports.
     */
    private static boolean extension(Binary binary, ExtensionSuffix suffix) {
        if (suffix == null) {
            return false;
        }
        if (suffix.interpreter() != null && suffix.abi() != null) {
            return true;
        }
        return exportsInitFor(binary, suffix.module());
    }

    /** The names Python (3 or 2, CPython or PyPy's cffi) looks up in a module file for {@code module}. */
    static Set<String> initNames(String module) {
        return Set.of("PyInit_" + module, "PyModExport_" + module, "init" + module, "_cffi_pypyinit_" + module);
    }

    private static boolean exportsInitFor(Binary binary, String module) {
        Set<String> names = initNames(module);
        for (Symbol s : binary.getExports()) {
            if (names.contains(s.name())) {
                return true;
            }
        }
        return false;
    }

    /**
     * How PyPy's and GraalPy's headers spell the C API in the module they compile: PyPy renames every
     * C API name ({@code Py_None} is {@code _PyPy_NoneStruct}, {@code PyList_New} is {@code PyPyList_New}),
     * GraalPy reaches the singletons through {@code _Py_NoneStructReference}-style pointers and exports
     * {@code PyTruffle_*} helpers. None of these is CPython's private API: the interpreter the module
     * is built for provides them.
     */
    public static boolean otherInterpreterSpelling(String name) {
        return name.startsWith("PyPy") || name.startsWith("_PyPy") || name.startsWith("PyTruffle")
                || name.startsWith("_PyTruffle") || name.startsWith("GraalPy") || name.startsWith("_GraalPy")
                || (name.startsWith("_Py_") && name.endsWith("Reference"));
    }

    /**
     * One of the interpreter's own extension modules ({@code lib/python3.13/lib-dynload/_asyncio...so}, as an
     * embedded CPython ships them): built with the interpreter, from its source tree, with
     * {@code Py_BUILD_CORE_MODULE}, so its use of private API is the interpreter's business.
     */
    public boolean partOfInterpreter() {
        return binary.getPath().contains("/lib-dynload/");
    }

    /** Built for the stable ABI, by file suffix or wheel ABI tag. */
    public boolean abi3() {
        if (suffix != null && suffix.abi() != null) {
            return suffix.abi().startsWith("abi3");
        }
        return wheel != null && wheel.abiTags().stream().anyMatch(t -> t.startsWith("abi3"));
    }

    /** Built for the free-threaded stable ABI (PEP 803). */
    public boolean abi3t() {
        if (suffix != null && "abi3t".equals(suffix.abi())) {
            return true;
        }
        return (suffix == null || suffix.abi() == null) && wheel != null && wheel.abiTags().contains("abi3t");
    }

    /** Claims the free-threaded build ({@code cp313t}, {@code abi3t}). */
    public boolean claimsFreeThreaded() {
        if (suffix != null && suffix.freeThreaded()) {
            return true;
        }
        return wheel != null && wheel.abiTags().stream().anyMatch(t -> t.endsWith("t") && !t.equals("abi3"));
    }

    /** Claims a debug build ({@code cp313d}). */
    public boolean claimsDebug() {
        if (suffix != null && suffix.debug()) {
            return true;
        }
        return wheel != null && wheel.abiTags().stream().anyMatch(t -> t.matches("cp3\\d+t?d"));
    }

    /**
     * The oldest CPython this module must load on: the lowest {@code cpXY} python tag of its wheel,
     * else the {@code --python} target; null when neither says.
     */
    public String pythonFloor(Targets targets) {
        String floor = null;
        if (wheel != null) {
            for (String tag : wheel.pythonTags()) {
                String version = DottedVersion.pythonFromTag(tag);
                if (version != null && (floor == null || DottedVersion.compare(version, floor) < 0)) {
                    floor = version;
                }
            }
        }
        if (floor == null && targets.python() != null) {
            floor = targets.python().replace("t", "");
        }
        return floor;
    }

    /** Whether a library name is shipped in the same wheel. */
    public boolean bundles(String library) {
        return bundled.contains(library) || bundled.contains(dev.abilint.model.Locations.fileName(library));
    }
}
