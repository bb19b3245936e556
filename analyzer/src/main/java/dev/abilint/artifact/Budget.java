package dev.abilint.artifact;

/** The inflated bytes one input may still produce, shared by every archive nested in it. */
final class Budget {
    private final long max;
    private long used;

    Budget(long max) {
        this.max = max;
    }

    void spend(long bytes) throws LimitExceededException {
        used += bytes;
        if (used > max) {
            throw new LimitExceededException("total-bytes", "more than " + max + " bytes inflated from this input"
                    + " (the rest of the input was not read)", used, max, true);
        }
    }

    /** Whether {@code bytes} more stay within the budget. */
    boolean canSpend(long bytes) {
        return used + bytes <= max;
    }

    long used() {
        return used;
    }
}
