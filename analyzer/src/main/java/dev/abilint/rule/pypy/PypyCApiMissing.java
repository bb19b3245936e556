package dev.abilint.rule.pypy;

import dev.abilint.rule.data.InterpreterCApi;
import dev.abilint.rule.python.PythonModule;

/**
 * A module built for PyPy ({@code *.pypy39-pp73-*.so}, or in a {@code pp39-pypy39_pp73} wheel) that imports C API
 * names its PyPy does not export (rules/data/pypy-c-api.tsv, read from libpypy3.X-c.so): PyPy's loader refuses
 * it with "undefined symbol". One finding per module naming the symbols; a PyPy whose Python version the table
 * lacks gets a note saying so, never an error.
 */
public final class PypyCApiMissing extends InterpreterCApiMissing {

    @Override
    public String id() {
        return "pypy-c-api-missing";
    }

    @Override
    protected String interpreter() {
        return "PyPy";
    }

    @Override
    protected InterpreterCApi table() {
        return InterpreterCApi.pypy();
    }

    @Override
    protected String target(PythonModule module) {
        return PypyTarget.pythonOf(module);
    }

    @Override
    protected String describe(InterpreterCApi.Release release) {
        return "PyPy " + release.version() + " (Python " + release.key() + ")";
    }

    @Override
    protected String describeKey(String key) {
        return "PyPy for Python " + key;
    }

    @Override
    protected String renamed(String name) {
        if (name.startsWith("PyPy") || name.startsWith("_PyPy")) {
            return null;
        }
        return name.startsWith("_Py") ? "_PyPy" + name.substring(3) : "PyPy" + name.substring(2);
    }

    @Override
    protected String fix() {
        return "Build against the headers of the PyPy the wheel is tagged for (its include/ renames the C API "
                + "to PyPy*), and put the calls PyPy lacks under #ifndef PYPY_VERSION with a fallback "
                + "(pythoncapi-compat has some); or do not publish the PyPy wheel.";
    }
}
