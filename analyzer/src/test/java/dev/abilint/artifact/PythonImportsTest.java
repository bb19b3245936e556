package dev.abilint.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.abilint.model.PythonImport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PythonImportsTest {

    private static Map<String, Boolean> guardedByModule(String text, String path) {
        Map<String, Boolean> out = new TreeMap<>();
        for (PythonImport i : PythonImports.of(text, path)) {
            out.merge(i.module(), i.guarded(), (a, b) -> a && b);
        }
        return out;
    }

    @Test
    void importsInATryThatCatchesImportErrorAreGuarded() {
        String text = String.join("\n",
                "import os",
                "try:",
                "    from ._speedups import escape",
                "except ImportError:",
                "    from ._native import escape",
                "try:",
                "    import pkg._other",
                "except KeyError:",
                "    pass",
                "try:",
                "    from . import (",
                "        _cext,",
                "    )",
                "except (AttributeError, ModuleNotFoundError):",
                "    _cext = None",
                "def f():",
                "    from pkg import _lazy",
                "\"\"\"",
                "import pkg._in_docstring",
                "\"\"\"",
                "");
        Map<String, Boolean> m = guardedByModule(text, "pkg/__init__.py");
        assertTrue(m.get("pkg._speedups"));
        assertFalse(m.get("pkg._native"), "the handler's own import is not guarded");
        assertFalse(m.get("pkg._other"), "KeyError does not catch ImportError");
        assertTrue(m.get("pkg._cext"), "a parenthesized from-import in a try");
        assertFalse(m.get("pkg._lazy"));
        assertFalse(m.get("os"));
        assertFalse(m.containsKey("pkg._in_docstring"));
    }

    @Test
    void relativeImportsResolveAgainstTheFilesPackage() {
        List<PythonImport> imports = PythonImports.of("from .. import _core\nfrom .sub import x\n", "pkg/a/mod.py");
        assertEquals(List.of("pkg", "pkg._core", "pkg.a.sub", "pkg.a.sub.x"),
                imports.stream().map(PythonImport::module).toList());
        assertTrue(PythonImports.wanted("dist/x-1.0-py3-none-any.whl!/pkg/mod.py"));
        assertFalse(PythonImports.wanted("lib.jar!/Lib/os.py"));
    }

    @Test
    void deepNestingAndLongContinuationsStayBounded() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            b.append(" ".repeat(i % 500)).append("try:\n").append(" ".repeat(i % 500 + 1)).append("import m").append(i)
                    .append('\n');
        }
        b.append("from x import (\n").append("a,\n".repeat(100_000));
        String text = b.toString();
        List<PythonImport> imports = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(5), () -> PythonImports.of(text, "pkg/__init__.py"));
        assertTrue(imports.size() <= 3 * PythonImports.MAX_IMPORTS, "at most MAX_IMPORTS statements");
    }

    /** Fragments of lines, blanks and breaks that the two scanners could tell apart if the byte scanner were wrong. */
    private static final String[] FRAGMENTS = {"import a", "import a.b, c as d", "import  x ;import y", "from . import (x,",
        "y)", "z,", ")", "from .m import z", "from ..p.q import (r  # c", "from x import *", "try:", "try: import t",
        "except ImportError:", "except (KeyError, ModuleNotFoundError) :", "except:", "except Exception as e:",
        "except KeyError:", "exceptional = 1", "else:", "finally:", "pass", "\"\"\"", "'''", "x = \"\"\"doc",
        "s = '''a''' + \"\"\"", "# import q", "#", "import k \\", "from a import \\", "b", "def f():", "tryhard()",
        "import \u00e9t\u00e9", "\u00e9 = 1", "\ufeffimport bom", "\u3000import ideographic", "\u2003from . import em",
        "import wide\u3000", "from q import (\u2028", "\u00a0import nbsp", "\u001cimport fs", "\u000bimport vt",
        "\ufffd", "import a  \\\u3000", ""};
    private static final String[] INDENTS = {"", "", "", " ", "    ", "\t", "  \t ", "        ", "\u3000", "\f"};
    private static final String[] BREAKS = {"\n", "\n", "\n", "\r\n", "\r", "\n\r"};

    /** The byte scanner's imports, after checking them against the line scanner's. */
    private static List<PythonImport> assertSameAsTheLineScanner(byte[] source, String path, String what) {
        List<PythonImport> expected = PythonImportsByLines.of(new String(source, StandardCharsets.UTF_8), path);
        List<PythonImport> actual = PythonImports.of(source, path);
        assertEquals(expected, actual, what);
        return actual;
    }

    @Test
    void theByteScannerFindsWhatTheLineScannerFoundInRandomFiles() {
        Random random = new Random(15);
        int imports = 0;
        for (int file = 0; file < 20_000; file++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int lines = random.nextInt(30);
            for (int l = 0; l < lines; l++) {
                String line = INDENTS[random.nextInt(INDENTS.length)] + FRAGMENTS[random.nextInt(FRAGMENTS.length)];
                out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
                if (random.nextInt(20) == 0) { // bytes that are not UTF-8: a lone lead byte, a stray continuation
                    out.write(random.nextBoolean() ? 0xE2 : 0x80);
                }
                if (l < lines - 1 || random.nextBoolean()) {
                    out.writeBytes(BREAKS[random.nextInt(BREAKS.length)].getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] source = out.toByteArray();
            imports += assertSameAsTheLineScanner(source, "pkg/sub/mod.py", "random file " + file + ": "
                    + new String(source, StandardCharsets.UTF_8).replace("\r", "<CR>").replace("\n", "<LF>")).size();
        }
        assertTrue(imports > 50_000, "the random files hold imports: " + imports);
    }

    @Test
    void theByteScannerFindsWhatTheLineScannerFoundInPythonsOwnLibrary() throws IOException {
        Path lib = Path.of("/usr/lib/python3");
        assumeTrue(Files.isDirectory(lib), "Debian's Python library is there where .ci/run installs python3");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(lib.getParent(), 5)) {
            files = walk.filter(f -> f.getFileName().toString().endsWith(".py") && Files.isRegularFile(f))
                    .sorted().limit(3_000).toList();
        }
        assertTrue(files.size() > 100, "Python files found: " + files.size());
        int imports = 0;
        for (Path f : files) {
            byte[] source = Files.readAllBytes(f);
            imports += assertSameAsTheLineScanner(source, "pkg/mod.py", f.toString()).size();
        }
        assertTrue(imports > 1_000, "imports found: " + imports);
    }

    @Test
    void linesBreakAtCrLfLfAndCrAndABreakAtTheEndIsFollowedByAnEmptyLine() {
        // line numbers as text.split("\\r?\\n|\\r", -1) counts them
        assertEquals(List.of(3, 5, 6), PythonImports.of("a\r\nb\rimport x\n\r\nimport y\rimport z", "m.py").stream()
                .map(PythonImport::line).toList());
        assertEquals(List.of("x", "x.a"), PythonImports.of("from x import (a,\n", "m.py").stream()
                .map(PythonImport::module).toList(), "a statement still open at the end");
    }
}
