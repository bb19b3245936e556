package dev.abilint.model;

/**
 * One module a Python file imports, resolved to its absolute dotted name ({@code from . import _speedups} in
 * {@code pkg/__init__.py} is {@code pkg._speedups}).
 *
 * @param module the absolute dotted module name
 * @param guarded inside a {@code try:} whose handlers catch ImportError (or ModuleNotFoundError, Exception,
 *     BaseException, or everything)
 * @param line the 1-based line of the import statement
 */
public record PythonImport(String module, boolean guarded, int line) {}
