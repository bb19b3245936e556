package dev.abilint.cli;

/** The command line is wrong: one line on stderr, exit 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
