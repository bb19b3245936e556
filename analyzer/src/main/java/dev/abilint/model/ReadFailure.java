package dev.abilint.model;

/**
 * A member that could not be read at all: malformed, truncated, unreadable or too big.
 *
 * @param data whether the member is data the package does not load (a nested zip or tar, anything under a
 *     test directory): then it is a note that abilint could not look inside, not a parse error
 */
public record ReadFailure(String location, String format, String reason, long offset, boolean data) {
    public ReadFailure(String location, String format, String reason, long offset) {
        this(location, format, reason, offset, false);
    }
}
