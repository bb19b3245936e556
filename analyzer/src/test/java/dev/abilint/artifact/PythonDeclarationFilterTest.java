package dev.abilint.artifact;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte filter never drops a file the declaration pattern would keep, and drops ordinary code. */
class PythonDeclarationFilterTest {
    private static final List<String> PIECES = List.of("cdef", "cdef (", "cdef(", "CDLL", "CDLL (", "cdll.", "cdll",
            "WinDLL", "WinDLL(", "Win", "DLL", "PyDLL", "PyDLL(", "Py", "load_library",
            "load_library (", "load_", "library(", "l", "P", "c", "d", "e", "f", "C", "D", "L", "W", " ", "\t", "\n", "(", ".", "_",
            "x", "ab", "0", "é", "ffi.", "ctypes.", "def ", "import ", "#", "\"", "'", "π");

    @Test
    void neverDropsWhatThePatternKeeps() {
        Random random = new Random(42);
        int kept = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(8); k >= 0; k--) {
                text.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            boolean pattern = PythonDeclarationFilter.NATIVE_DECLARATIONS.matcher(text).find();
            if (pattern) {
                kept++;
                assertTrue(PythonDeclarationFilter.mayDeclare(bytes), "dropped: " + text);
            }
        }
        assertTrue(kept > 1000, "the generator makes declaring texts too: " + kept);
    }

    @Test
    void keepsRealDeclarationsAndDropsOrdinaryCode() {
        for (String declaring : List.of("ffi.cdef(\"int f(void);\")", "lib = ctypes.CDLL(path)",
                "lib = ctypes.cdll.LoadLibrary('x.so')", "k = ctypes.WinDLL('kernel32')", "ffi.cdef  (src)",
                "lib = ctypes.PyDLL(p)", "lib = np.ctypeslib.load_library('libfast', os.path.dirname(__file__))")) {
            assertTrue(PythonDeclarationFilter.mayDeclare(declaring.getBytes(StandardCharsets.UTF_8)), declaring);
        }
        for (String plain : List.of("", "import os\n\ndef main():\n    return 0\n", "class Decoder: pass",
                "# windows: Win32 DLL loading is elsewhere", "cde", "CDL", "WinDL", "hex = \"0123456789abcdef\"", "xcdef(1) x_CDLL(", "CDLL = None",
                "reload_library(x)", "load_library = None", "PyDLLs(")) {
            assertFalse(PythonDeclarationFilter.mayDeclare(plain.getBytes(StandardCharsets.UTF_8)), plain);
        }
    }
}
