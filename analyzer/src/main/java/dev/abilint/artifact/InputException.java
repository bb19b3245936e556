package dev.abilint.artifact;

/** An input path that cannot be read at all: a usage error (exit 2), not a finding. */
public final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }
}
