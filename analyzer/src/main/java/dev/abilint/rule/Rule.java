package dev.abilint.rule;

/**
 * A check. Its id is its contract with users; its title, default severity, family and doc page
 * live in {@code rules/} (catalogue.json and docs/ID.md), not in code.
 */
public interface Rule {
    String id();
}
