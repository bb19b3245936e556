package dev.abilint.artifact;

import java.io.IOException;

/**
 * Thrown from inside a stream when a limit is reached; an IOException so that it passes through
 * the JDK's inflating streams unchanged. {@link #wholeInput} is set when the input's budget is spent
 * and nothing more of that input may be read.
 */
final class LimitExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    final String limit;
    final long value;
    final long max;
    final boolean wholeInput;
    /** The stream that counted past the limit (which member it is about). */
    Object source;
    /** Whether a walker level already recorded it (budget exceptions pass through every level). */
    boolean recorded;

    LimitExceededException(String limit, String message, long value, long max, boolean wholeInput) {
        super(message);
        this.limit = limit;
        this.value = value;
        this.max = max;
        this.wholeInput = wholeInput;
    }
}
