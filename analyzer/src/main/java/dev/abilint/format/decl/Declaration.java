package dev.abilint.format.decl;

/**
 * A symbol name that a package declares (in a C header, a cffi cdef, a .def file, a symbol list or a
 * ctypes access), with where it is declared.
 *
 * @param name the C-level name, as the linker sees it (no leading underscore, no decoration)
 * @param file the declaring file, as given by the caller (an archive member path is fine)
 * @param line 1-based line of the name in that file
 */
public record Declaration(String name, String file, int line) {
    /** {@code file:line}. */
    public String location() {
        return file + ":" + line;
    }
}
