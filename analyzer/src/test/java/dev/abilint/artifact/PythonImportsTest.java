package dev.abilint.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.model.PythonImport;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    @org.junit.jupiter.api.Test
    void linesSplitAsTheRegexDid() {
        for (String text : new String[] {"", "a", "a\n", "\n", "a\r\nb\rc\n\r\nd", "\r\r\n\n", "x\r", "import a\r\n\r\n"}) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(text.split("\\r?\\n|\\r", -1), PythonImports.lines(text),
                    text.replace("\r", "CR").replace("\n", "LF"));
        }
    }
}
