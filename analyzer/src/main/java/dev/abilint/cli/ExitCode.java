package dev.abilint.cli;

/** The exit codes of DESIGN.md, which CI pipelines rely on. */
final class ExitCode {
    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int USAGE = 2;
    static final int INTERNAL = 3;

    private ExitCode() {}
}
