package dev.abilint.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.function.Executable;

/** Settings shared by the fuzz targets. */
final class FuzzSettings {
    private FuzzSettings() {}

    /**
     * How long one target fuzzes when {@code JAZZER_FUZZ=1}. Kept short so that CI can fuzz every
     * target; a longer local run repeats the command (each run goes on from the corpus that the
     * previous runs left in {@code analyzer/.cifuzz-corpus/}), see the README's "Fuzzing" section.
     */
    static final String MAX_DURATION = "20s";

    /** Whether Jazzer is fuzzing (JAZZER_FUZZ set) rather than replaying the seeds. */
    static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty();

    /**
     * One input may take at most 1 s while fuzzing. The first ten inputs of each target in a JVM, and every
     * input when replaying seeds, may take 10 s: they pay for class loading and Jazzer's
     * instrumentation on a shared CI machine. A hang is cut off (the input runs on its own thread),
     * so it is reported as a crash rather than stalling the run.
     */
    static final Duration PER_INPUT = Duration.ofSeconds(1);
    static final Duration WARM_UP = Duration.ofSeconds(10);

    private static final int WARM_UP_INPUTS = 10;
    private static final Map<String, Integer> RUNS = new ConcurrentHashMap<>();

    static void bounded(String target, Executable run) {
        Duration limit = FUZZING && RUNS.merge(target, 1, Integer::sum) > WARM_UP_INPUTS ? PER_INPUT : WARM_UP;
        assertTimeoutPreemptively(limit, run, () -> "one input took longer than " + limit.toMillis() + " ms");
    }
}
