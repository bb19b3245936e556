package dev.abilint.rule.declared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.artifact.TestArchivesAccess;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The idioms packages use to load the library they bundle, each in a wheel built here: the module
 * {@code demo/_native.py} loads {@code demo/libfast.so} (libdemo: demo_add, demo_sub, demo_mul) and calls
 * {@code demo_add}, {@code NATIVES_ADD} and {@code demo_missing}. A decoy {@code decoy/libfast.so} (libnatives:
 * the JNI functions, NATIVES_ADD among them) has the same file name elsewhere in the wheel: only a path resolved
 * relative to the module tells the two apart, so the finding names NATIVES_ADD and demo_missing; looking the
 * library up by its base name (both files together) would name demo_missing only, and not resolving it nothing.
 */
class BundledLibraryIdiomsTest {
    private static final String NATIVES_ADD = "Java_dev_abilint_fixture_jni_Natives_add__II";
    private static final String USES = "\nlib.demo_add(1, 2)\nlib." + NATIVES_ADD + "()\nlib.demo_missing()\n";

    @TempDir
    Path dir;

    /** declared-symbol-missing findings: location (relative to the wheel) to the symbols named, with where missing. */
    private Map<String, Map<String, String>> scan(Map<String, byte[]> files) throws Exception {
        return scan(files, "py3-none-manylinux_2_17_x86_64");
    }

    private Map<String, Map<String, String>> scan(Map<String, byte[]> files, String tag) throws Exception {
        Path wheel = dir.resolve("demo-1.0-" + tag + ".whl");
        Files.deleteIfExists(wheel);
        Files.write(wheel, TestArchivesAccess.wheel("demo-1.0.dist-info", tag, false, files));
        JsonNode report = CliRun.of("scan", "--format", "json", wheel.toString()).json();
        Map<String, Map<String, String>> got = new TreeMap<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals("declared-symbol-missing")) {
                Map<String, String> symbols = new TreeMap<>();
                for (JsonNode s : f.get("evidence").get("symbols")) {
                    symbols.put(s.get("symbol").asText(), s.get("missingOn").toString());
                }
                got.put(f.get("location").asText().replace(wheel + "!/", ""), symbols);
            }
        }
        return got;
    }

    private static Map<String, byte[]> wheel(String module) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("demo/__init__.py", new byte[0]);
        files.put("demo/libfast.so", Fixtures.bytes(Fixtures.file("jni/natives/linux-x86_64/libdemo.so")));
        files.put("decoy/libfast.so", Fixtures.bytes(Fixtures.file("jni/natives/linux-x86_64/libnatives.so")));
        files.put("demo/_native.py", module.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static Set<String> symbols(Map<String, Map<String, String>> findings) {
        Set<String> out = new TreeSet<>();
        findings.values().forEach(m -> out.addAll(m.keySet()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "import os, ctypes\nlib = ctypes.CDLL(os.path.join(os.path.dirname(__file__), 'libfast.so'))",
        "import os, ctypes\nlib = ctypes.CDLL(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'libfast.so'))",
        "import ctypes, pathlib\nlib = ctypes.CDLL(str(pathlib.Path(__file__).parent / 'libfast.so'))",
        "import ctypes\nfrom pathlib import Path\nlib = ctypes.CDLL(Path(__file__).with_name('libfast.so'))",
        "import ctypes\nfrom pathlib import Path\nlib = ctypes.cdll.LoadLibrary(str(Path(__file__).resolve().parent / 'libfast.so'))",
        "import ctypes, importlib.resources\nlib = ctypes.CDLL(importlib.resources.files(__package__) / 'libfast.so')",
        "import ctypes\nfrom importlib.resources import files, as_file\n"
            + "with as_file(files('demo') / 'libfast.so') as _p:\n    lib = ctypes.CDLL(str(_p))",
        "import ctypes, pkg_resources\nlib = ctypes.CDLL(pkg_resources.resource_filename('demo', 'libfast.so'))",
        "import os, sys, ctypes\n_NAME = 'fast.dll' if sys.platform == 'win32' else 'libfast.so'\n"
            + "lib = ctypes.CDLL(os.path.join(os.path.dirname(__file__), _NAME))",
        "import os, sys, ctypes\n_NAMES = {'win32': 'fast.dll', 'darwin': 'libfast.dylib', 'linux': 'libfast.so'}\n"
            + "lib = ctypes.CDLL(os.path.join(os.path.dirname(__file__), _NAMES[sys.platform]))",
        "import os, ctypes\n_HERE = os.path.dirname(__file__)\n_LIB = os.path.join(_HERE, 'libfast.so')\n"
            + "lib = ctypes.CDLL(_LIB)",
        "import os, ctypes\n_HERE = os.path.dirname(__file__)\nlib = ctypes.CDLL(f'{_HERE}/libfast.so')",
        "import os, glob, ctypes\nlib = ctypes.CDLL(glob.glob(os.path.join(os.path.dirname(__file__), 'libfa*.so'))[0])",
        "import os\nimport numpy as np\nlib = np.ctypeslib.load_library('libfast', os.path.dirname(__file__))",
    })
    void aPathBuiltFromTheModulesLocationIsTheLibraryNextToIt(String module) throws Exception {
        Map<String, Map<String, String>> got = scan(wheel(module + USES));
        assertEquals(Set.of("demo/_native.py"), got.keySet(), module);
        assertEquals(Set.of(NATIVES_ADD, "demo_missing"), symbols(got), module);
    }

    @Test
    void cffiDlopenOfAPathNextToTheModule() throws Exception {
        String module = "import os\nfrom cffi import FFI\nffi = FFI()\n"
                + "ffi.cdef('int demo_add(int, int); int " + NATIVES_ADD + "(void); int demo_missing(void);')\n"
                + "lib = ffi.dlopen(os.path.join(os.path.dirname(__file__), 'libfast.so'))\n";
        assertEquals(Set.of(NATIVES_ADD, "demo_missing"), symbols(scan(wheel(module))));
        // a file that also opens another library (here the C library) may declare that one's functions: not judged
        assertEquals(Map.of(), scan(wheel(module + "C = ffi.dlopen(None)\n")));
    }

    @Test
    void findLibraryOfABundledNameIsTheLibraryOfThatName() throws Exception {
        // by name: either libfast.so may be the one, so only what neither exports is named
        Map<String, Map<String, String>> got = scan(wheel("import ctypes, ctypes.util\n"
                + "lib = ctypes.CDLL(ctypes.util.find_library('fast'))" + USES));
        assertEquals(Set.of("demo_missing"), symbols(got));
    }

    @Test
    void perPlatformTheCandidateShippedForThatPlatformIsChecked() throws Exception {
        Map<String, byte[]> files = wheel("import os, sys, ctypes\n"
                + "if sys.platform == 'win32':\n    _name = 'fast.dll'\nelse:\n    _name = 'libfast.so'\n"
                + "lib = ctypes.CDLL(os.path.join(os.path.dirname(__file__), _name))\nlib.demo_add(1, 2)\n");
        files.put("demo/fast.dll", Fixtures.bytes(Fixtures.file("jni/natives/windows-x86_64/natives.dll")));
        // one wheel for every platform, as ctypes packages often ship: each file is for the system its header says
        Map<String, Map<String, String>> got = scan(files, "py3-none-any");
        // libdemo (Linux) exports demo_add; natives.dll (Windows) does not
        assertEquals(Map.of("demo/_native.py", Map.of("demo_add", "[\"windows-x86_64\"]")), got);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // the handle may be the system's C library as well: not judged
        "import os, ctypes\ntry:\n    lib = ctypes.CDLL(os.path.join(os.path.dirname(__file__), 'libfast.so'))\n"
            + "except OSError:\n    lib = ctypes.CDLL('libc.so.6')",
        // a path computed by a function, an absolute path, a path above the wheel: unknown, not judged
        "import ctypes\nlib = ctypes.CDLL(_find_library())",
        "import ctypes, os\nlib = ctypes.CDLL(os.path.join('/usr/lib', 'libfast.so'))",
        "import ctypes, os\nlib = ctypes.CDLL(os.path.join(os.path.dirname(__file__), '..', '..', 'libfast.so'))",
    })
    void whatMayBeAnotherLibraryIsNotJudged(String module) throws Exception {
        assertEquals(Map.of(), scan(wheel(module + USES)), module);
    }
}
