package dev.abilint.model;

/**
 * A Python source file inside an artifact that declares native functions (cffi {@code cdef},
 * ctypes {@code CDLL}): its location and text, kept so that declared names can be checked against
 * the libraries the artifact ships.
 */
public record PythonSource(String location, String text) {}
