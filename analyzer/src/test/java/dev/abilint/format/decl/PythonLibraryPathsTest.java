package dev.abilint.format.decl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a ctypes/cffi loader's argument names, for the idioms packages write to load the library they bundle. */
class PythonLibraryPathsTest {
    private static final String MODULE = "demo-1.0-py3-none-any.whl!/demo/_native.py";
    private static final String HERE = "demo-1.0-py3-none-any.whl!/demo/";

    /** The candidates of the (only) ctypes handle {@code lib} in {@code source}, as "kind value". */
    private static List<String> handle(String source) {
        PythonCtypes.Result r = PythonCtypes.parse(MODULE, source + "\nlib.fast_call(1)\n");
        List<PythonCtypes.Use> uses = r.uses().stream().filter(u -> u.name().equals("fast_call")).toList();
        assertEquals(1, uses.size(), "one use of the handle lib in:\n" + source);
        return uses.get(0).candidates().stream().map(c -> c.kind() + " " + c.value()).toList();
    }

    private static List<String> path(String rel) {
        return List.of("PATH " + HERE + rel);
    }

    @Test
    void theModulesOwnDirectory() {
        assertEquals(path("libfast.so"), handle("import os, ctypes\n"
                + "lib = ctypes.CDLL(os.path.join(os.path.dirname(__file__), 'libfast.so'))\n"));
        assertEquals(path("libfast.so"), handle("import os, ctypes\n"
                + "lib = ctypes.CDLL(os.path.join(os.path.dirname(os.path.abspath(__file__)), \"libfast.so\"))\n"));
        assertEquals(path("libfast.so"), handle("import os, ctypes\n"
                + "lib = ctypes.CDLL(os.path.abspath(os.path.dirname(os.path.realpath(__file__))) + os.sep + 'libfast.so')\n"));
        assertEquals(path("libs/libfast.so"), handle("import os, ctypes\n"
                + "lib = ctypes.cdll.LoadLibrary(os.path.join(os.path.split(__file__)[0], 'libs', 'libfast.so'))\n"));
        assertEquals(path("libfast.so"), handle("import os, ctypes\n"
                + "lib = ctypes.CDLL(os.path.join(os.path.dirname(__file__), '..', 'demo', './libfast.so'))\n"));
    }

    @Test
    void pathlib() {
        assertEquals(path("libfast.so"), handle("import ctypes, pathlib\n"
                + "lib = ctypes.CDLL(str(pathlib.Path(__file__).parent / 'libfast.so'))\n"));
        assertEquals(path("libfast.so"), handle("from pathlib import Path\nfrom ctypes import CDLL\n"
                + "lib = CDLL(Path(__file__).with_name('libfast.so'))\n"));
        assertEquals(path("libfast.so"), handle("from pathlib import Path\nimport ctypes\n"
                + "lib = ctypes.CDLL(Path(__file__).resolve().parent.joinpath('libfast.so').as_posix())\n"));
        assertEquals(path("lib/libfast.so"), handle("from pathlib import Path\nimport ctypes\n"
                + "lib = ctypes.CDLL(Path(__file__).absolute().parent / 'lib' / 'libfast.so')\n"));
    }

    @Test
    void packageResources() {
        assertEquals(path("libfast.so"), handle("import ctypes, importlib.resources\n"
                + "lib = ctypes.CDLL(importlib.resources.files(__package__) / 'libfast.so')\n"));
        assertEquals(path("libfast.so"), handle("import ctypes\nfrom importlib.resources import files, as_file\n"
                + "with as_file(files('demo').joinpath('libfast.so')) as p:\n    lib = ctypes.CDLL(str(p))\n"));
        assertEquals(path("libfast.so"), handle("import ctypes, pkg_resources\n"
                + "lib = ctypes.CDLL(pkg_resources.resource_filename(__name__, 'libfast.so'))\n"));
        assertEquals(List.of("PATH demo-1.0-py3-none-any.whl!/other/sub/libfast.so"), handle("import ctypes\n"
                + "from importlib import resources\n"
                + "with resources.path('other.sub', 'libfast.so') as p:\n    lib = ctypes.CDLL(p)\n"));
    }

    @Test
    void aNameChosenPerPlatform() {
        assertEquals(List.of("PATH " + HERE + "fast.dll", "PATH " + HERE + "libfast.so"), handle("import os, sys, ctypes\n"
                + "_NAME = 'fast.dll' if sys.platform == 'win32' else 'libfast.so'\n"
                + "lib = ctypes.CDLL(os.path.join(os.path.dirname(__file__), _NAME))\n"));
        assertEquals(List.of("PATH " + HERE + "fast.dll", "PATH " + HERE + "libfast.dylib", "PATH " + HERE + "libfast.so"),
                handle("import os, sys, ctypes\n"
                + "_NAMES = {'win32': 'fast.dll', 'darwin': 'libfast.dylib'}\n"
                + "_HERE = os.path.dirname(__file__)\n"
                + "lib = ctypes.CDLL(os.path.join(_HERE, _NAMES.get(sys.platform, 'libfast.so')))\n"));
        assertEquals(List.of("PATH " + HERE + "fast.dll", "PATH " + HERE + "libfast.dylib", "PATH " + HERE + "libfast.so"),
                handle("import os, sys, ctypes\n"
                + "if sys.platform == 'win32':\n    _name = 'fast.dll'\n"
                + "elif sys.platform == 'darwin':\n    _name = 'libfast.dylib'\nelse:\n    _name = 'libfast.so'\n"
                + "_path = os.path.join(os.path.dirname(__file__), _name)\n"
                + "lib = ctypes.CDLL(_path)\n"));
        assertEquals(List.of("PATH " + HERE + "fast.dll", "PATH " + HERE + "libfast.so"), handle("import os, sys, ctypes\n"
                + "_ext = {'win32': '.dll'}[sys.platform] if sys.platform == 'win32' else '.so'\n"
                + "_pre = '' if sys.platform == 'win32' else 'lib'\n"
                + "lib = ctypes.CDLL(f'{os.path.dirname(__file__)}/{_pre}fast{_ext}')\n").stream()
                .filter(s -> s.endsWith("/fast.dll") || s.endsWith("/libfast.so")).toList());
    }

    @Test
    void constantsFallbacksAndLoops() {
        assertEquals(path("libfast.so"), handle("import os, ctypes\n"
                + "_HERE: str = os.path.dirname(__file__)\n_LIB_PATH = os.path.join(_HERE, 'libfast.so')\n"
                + "class Fast:\n    def __init__(self):\n        self._path = _LIB_PATH\n"
                + "lib = ctypes.CDLL(os.environ.get('FAST_LIBRARY', _LIB_PATH))\n"));
        assertEquals(List.of("PATH " + HERE + "libfast.so", "NAME fast"), handle("import os, ctypes, ctypes.util\n"
                + "try:\n    lib = ctypes.CDLL(os.path.join(os.path.dirname(__file__), 'libfast.so'))\n"
                + "except OSError:\n    lib = ctypes.CDLL(ctypes.util.find_library('fast'))\n"));
        assertEquals(List.of("PATH " + HERE + "libfast.so", "PATH " + HERE + "libfast.dylib"), handle("import os, ctypes\n"
                + "for _n in ('libfast.so', 'libfast.dylib'):\n"
                + "    _p = os.path.join(os.path.dirname(__file__), _n)\n"
                + "    if os.path.exists(_p):\n        break\n"
                + "lib = ctypes.CDLL(_p)\n"));
    }

    /** z3-solver 4.16's z3core.py, shortened: a list of directories searched in a loop, %-formatting, ExitStack. */
    @Test
    void searchListsPercentFormattingAndExitStacks() {
        List<String> got = handle("import sys, os, contextlib, ctypes\nimport importlib.resources as importlib_resources\n"
                + "_file_manager = contextlib.ExitStack()\n"
                + "_ext = 'dll' if sys.platform in ('win32', 'cygwin') else 'dylib' if sys.platform == 'darwin' else 'so'\n"
                + "_lib = None\n_res = importlib_resources.files('demo').joinpath('lib')\n"
                + "_res_path = _file_manager.enter_context(importlib_resources.as_file(_res))\n"
                + "_default_dirs = ['.', os.path.dirname(os.path.abspath(__file__)), _res_path, os.path.join(sys.prefix, 'lib'), None]\n"
                + "_all_dirs = []\n_all_dirs.extend(_default_dirs)\n"
                + "for d in _all_dirs:\n  try:\n    d = os.path.realpath(d)\n    if os.path.isdir(d):\n"
                + "      d = os.path.join(d, 'libfast.%s' % _ext)\n      if os.path.isfile(d):\n        lib = ctypes.CDLL(d)\n"
                + "        break\n  except Exception:\n    pass\n");
        assertTrue(got.contains("PATH " + HERE + "lib/libfast.so"), got.toString());
        assertTrue(got.contains("PATH " + HERE + "libfast.dll"), got.toString());
        assertTrue(got.contains("NAME ./libfast.so"), got.toString());
        assertEquals(9, got.size(), got.toString());
    }

    /** wasmtime 49's _ffi.py, shortened: a directory named by sys.platform and platform.machine(). */
    @Test
    void platformValuesAreEveryPlatformsOwn() {
        List<String> got = handle("import sys, platform, ctypes\nfrom pathlib import Path\n"
                + "sys_platform = sys.platform\nif sys_platform == 'linux':\n    libname = '_libfast.so'\n"
                + "elif sys_platform == 'win32':\n    libname = '_fast.dll'\n"
                + "machine = platform.machine()\nif machine == 'AMD64':\n    machine = 'x86_64'\n"
                + "filename = Path(__file__).parent / (sys_platform + '-' + machine) / libname\n"
                + "lib = ctypes.cdll.LoadLibrary(str(filename))\n");
        assertTrue(got.contains("PATH " + HERE + "linux-x86_64/_libfast.so"), got.toString());
        assertTrue(got.contains("PATH " + HERE + "win32-x86_64/_fast.dll"), got.toString());
    }

    @Test
    void anotherPackagesFile() {
        assertEquals(List.of("PATH demo-1.0-py3-none-any.whl!/_demo_data/libfast.so"), handle("import os, ctypes\n"
                + "import _demo_data\nlib = ctypes.CDLL(os.path.join(os.path.dirname(_demo_data.__file__), 'libfast.so'))\n"));
    }

    @Test
    void patternsFromGlobAndTheExtensionSuffix() {
        assertEquals(List.of("PATTERN " + HERE + "_fast*.so"), handle("import os, glob, ctypes\n"
                + "lib = ctypes.CDLL(glob.glob(os.path.join(os.path.dirname(__file__), '_fast*.so'))[0])\n"));
        assertEquals(List.of("PATTERN " + HERE + "_fast*"), handle("import os, sysconfig, ctypes\n"
                + "lib = ctypes.CDLL(os.path.join(os.path.dirname(__file__), '_fast' + sysconfig.get_config_var('EXT_SUFFIX')))\n"));
        assertEquals(List.of("PATTERN " + HERE + "libfast.*"), handle("import os\nimport numpy as np\n"
                + "lib = np.ctypeslib.load_library('libfast', os.path.dirname(__file__))\n"));
        assertEquals(List.of("PATTERN " + HERE + "libfast.*"), handle("from numpy.ctypeslib import load_library\n"
                + "lib = load_library('libfast', __file__)\n"));
    }

    @Test
    void whatCannotBeWorkedOutHasNoCandidate() {
        assertEquals(List.of(), handle("import ctypes\nlib = ctypes.CDLL(_find())\n"));
        assertEquals(List.of(), handle("import ctypes\nlib = ctypes.CDLL(None)\n"));
        // an absolute path is kept as a name (the rule bundles it nowhere), so that it is not "unknown"
        assertEquals(List.of("NAME /usr/lib/libfast.so"), handle("import ctypes\nlib = ctypes.CDLL('/usr/lib/libfast.so')\n"));
        assertEquals(List.of("NAME /opt/fast/libfast.so"),
                handle("import os, ctypes\nlib = ctypes.CDLL(os.path.join('/opt/fast', 'libfast.so'))\n"));
        assertEquals(List.of(), handle("import os, ctypes\n"
                + "lib = ctypes.CDLL(os.path.join(os.path.dirname(__file__), '..', '..', 'build', 'libfast.so'))\n"));
        assertEquals(List.of(), handle("import ctypes\nlib = ctypes.CDLL(f'{prefix}/libfast.so')\n"));
        // a literal name keeps today's meaning
        assertEquals(List.of("NAME libfast.so"), handle("import ctypes\nlib = ctypes.CDLL('libfast.so')\n"));
    }

    @Test
    void ffiDlopenTakesTheSameForms() {
        List<List<LibraryRef>> opened = PythonCffi.dlopened(MODULE, "from cffi import FFI\nimport os\nffi = FFI()\n"
                + "ffi.cdef('int f(void);')\nC = ffi.dlopen(None)\n"
                + "lib = ffi.dlopen(os.path.join(os.path.dirname(__file__), 'libfast.so'))\n");
        assertEquals(List.of(List.of(), List.of(new LibraryRef(LibraryRef.Kind.PATH, HERE + "libfast.so"))), opened);
    }

    @Test
    void hostileSourcesStayBounded() {
        StringBuilder deep = new StringBuilder("import ctypes\nlib = ctypes.CDLL(");
        deep.append("(".repeat(5000)).append("'x'").append(")".repeat(5000)).append(")\n");
        assertEquals(List.of(), handle(deep.toString()));
        StringBuilder wide = new StringBuilder("import ctypes\n");
        for (int i = 0; i < 2000; i++) {
            wide.append("n = 'a").append(i).append("' if c else 'b").append(i).append("'\n");
        }
        wide.append("lib = ctypes.CDLL(n)\n");
        assertEquals(PythonLibraryPaths.MAX_OPTIONS, handle(wide.toString()).size());
        assertEquals(1, PythonCtypes.parse(MODULE, "import ctypes\nlib = ctypes.CDLL(os.path.join(").libraries().size());
        assertEquals(1, PythonCtypes.parse(MODULE, "import ctypes\nlib = ctypes.CDLL({'a': ").libraries().size());
        assertEquals(0, PythonCffi.dlopened(MODULE, "ffi.dlopen").size());
        assertEquals(List.of(List.of()), PythonCffi.dlopened(MODULE, "ffi.dlopen(f'{a[}')"));
    }
}
