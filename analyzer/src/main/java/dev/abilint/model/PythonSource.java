package dev.abilint.model;

import java.util.List;

/**
 * A Python source file inside an artifact that declares native functions (cffi {@code cdef}, ctypes
 * {@code CDLL}), or a wheel's Python file that imports modules: its location, its text (empty when it declares
 * nothing: only the imports are kept), and its imports (wheels only).
 */
public record PythonSource(String location, String text, List<PythonImport> imports) {

    public PythonSource(String location, String text) {
        this(location, text, List.of());
    }
}
