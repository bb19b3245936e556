package dev.abilint.rule;

/**
 * A check. Its id is its contract with users; its title, default severity, family and doc page
 * live in {@code rules/} (catalogue.json and docs/ID.md), not in code.
 */
public interface Rule {
    String id();

    /**
     * Whether the rule goes through every exported symbol of every library (a JavaCPP jar has tens of
     * thousands): such rules take longest on a large scan, and the engine starts them first so that the
     * rules phase does not wait for one that happened to start last. The findings are the same either way.
     */
    default boolean readsEveryExport() {
        return false;
    }

    /**
     * Whether the rule goes through every Python file kept from the scan (a wheelhouse or a bundled CPython
     * library has thousands): started first for the same reason as {@link #readsEveryExport()}.
     */
    default boolean readsEveryPythonFile() {
        return false;
    }
}
