package dev.abilint.cli;

import java.io.PrintStream;

/**
 * Phase durations for {@code --timings}: one stderr line per phase, measured from the previous
 * one, and the JVM's own start-up before {@code main}. Silent when not asked for.
 */
final class Timings {
    private final PrintStream err;
    private final boolean enabled;
    private long last;

    Timings(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
        if (enabled) {
            long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            err.printf("abilint: timing %-10s %6d ms%n", "jvm-start", Math.max(0, System.currentTimeMillis() - jvmStart));
        }
        last = System.nanoTime(); // asking the JVM for its start time takes a while: not the options' time
    }

    /** Prints the time since the previous phase ended, under this phase's name. */
    void phase(String name) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        err.printf("abilint: timing %-10s %6d ms%n", name, (now - last) / 1_000_000);
        last = now;
    }

    /** The rules that took longest, a line each (the few that matter when the rules phase is slow). */
    void slowest(java.util.Map<String, Long> nanosByRule) {
        if (!enabled) {
            return;
        }
        nanosByRule.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(5)
                .forEach(e -> err.printf("abilint: timing   %-40s %6d ms%n", e.getKey(), e.getValue() / 1_000_000));
    }
}
