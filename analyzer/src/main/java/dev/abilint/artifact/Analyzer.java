package dev.abilint.artifact;

import dev.abilint.format.BinaryReader;
import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.format.Readers;
import dev.abilint.model.Analysis;
import dev.abilint.model.ArchFamily;
import dev.abilint.model.Platform;
import dev.abilint.model.Binary;
import dev.abilint.model.ReadFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Walks the inputs and reads every member with the reader for its format, members in parallel;
 * the result's order is the walk's order, whatever the thread timing.
 */
public final class Analyzer {

    /** One member's outcome: binaries (several for a fat file) or the reason it could not be read. */
    private record Outcome(List<Binary> binaries, ReadFailure failure) {}

    private final Limits limits;
    private final int threads;
    /** Inputs that are read from another file than their name says: standard input's spooled copy. */
    private final java.util.Map<String, java.nio.file.Path> sources = new java.util.HashMap<>();
    private final java.util.Map<String, String> renamed = new java.util.HashMap<>();

    public Analyzer() {
        this(Limits.DEFAULTS);
    }

    public Analyzer(Limits limits) {
        this(limits, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param threads readers, and inflaters of zips on disk; with 1 the walker inflates on its own
     *     thread and one reader reads (the order of the results is the same either way)
     */
    public Analyzer(Limits limits, int threads) {
        this.limits = limits;
        this.threads = Math.max(1, threads);
    }

    /**
     * Reads the input given as {@code argument} (standard input's {@code -}) from {@code file}, and names it
     * {@code displayName} in the analysis (its file name is the file's, for wheel tags).
     */
    public Analyzer readInputFrom(String argument, String displayName, java.nio.file.Path file) {
        renamed.put(argument, displayName);
        sources.put(displayName, file);
        return this;
    }

    /** Bytes of inflated members that may wait for a reader at once; the walker waits beyond it. */
    static final long IN_FLIGHT_BYTES = 64L << 20;

    /**
     * Reads members on a pool of workers while the walker goes on inflating the next ones; the walker
     * stops while more than {@link #IN_FLIGHT_BYTES} of inflated members wait, so memory stays bounded
     * whatever the size of the input. Results keep the walk's order.
     */
    public Analysis analyze(List<String> arguments, IntConsumer progress) throws InputException {
        List<String> inputs = arguments.stream().map(a -> renamed.getOrDefault(a, a)).toList();
        java.util.concurrent.ExecutorService pool = dev.abilint.util.Workers.pool(threads, "abilint-reader");
        java.util.concurrent.ExecutorService inflaters = threads == 1 ? null
                : dev.abilint.util.Workers.pool(threads, "abilint-inflater");
        int budgetKib = (int) (IN_FLIGHT_BYTES >> 10);
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(budgetKib);
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Future<Outcome>> pending = new ArrayList<>();
        Walk walk;
        try {
            walk = new InputWalker(limits, inflaters == null ? Runnable::run : inflaters, sources).walk(inputs,
                    (member, held) -> {
                int cost = (int) Math.min(budgetKib, (held + 1023) >> 10);
                inFlight.acquireUninterruptibly(cost);
                pending.add(pool.submit(() -> {
                    try {
                        Outcome outcome = read(member);
                        progress.accept(done.incrementAndGet());
                        return outcome;
                    } finally {
                        inFlight.release(cost);
                    }
                }));
            });
        } finally {
            pool.shutdown();
            if (inflaters != null) {
                inflaters.shutdownNow(); // what is left there is read-ahead the walk no longer wants
            }
        }
        List<Outcome> outcomes = new ArrayList<>(pending.size());
        for (java.util.concurrent.Future<Outcome> future : pending) {
            outcomes.add(dev.abilint.util.Workers.join(future));
        }
        List<Binary> binaries = new ArrayList<>();
        List<ReadFailure> failures = new ArrayList<>();
        for (Walk.WalkProblem problem : walk.problems()) {
            failures.add(new ReadFailure(problem.location(), null, "cannot read: " + problem.reason(), -1));
        }
        failures.addAll(walk.failures());
        for (Outcome outcome : outcomes) {
            binaries.addAll(outcome.binaries());
            if (outcome.failure() != null) {
                failures.add(outcome.failure());
            }
        }
        return new Analysis(List.copyOf(inputs), walk.artifacts(), binaries, List.copyOf(walk.javaClasses()), failures,
                List.copyOf(walk.pythonSources()));
    }

    /**
     * The platform a member's path or tag declares for one binary read from it: of several (a
     * universal2 wheel), the one with the binary's architecture, else the first.
     */
    static Platform declared(List<Platform> declared, Binary binary) {
        if (declared.isEmpty()) {
            return null;
        }
        for (Platform platform : declared) {
            if (ArchFamily.same(platform.arch(), binary.getArch())) {
                return platform;
            }
        }
        return declared.get(0);
    }

    static Outcome read(Member member) {
        String format = member.format().name().toLowerCase(Locale.ROOT);
        BinaryReader reader = Readers.forFormat(member.format());
        if (reader == null) {
            return new Outcome(List.of(), new ReadFailure(member.location(), format,
                    "abilint cannot read " + format + " files yet", -1));
        }
        try {
            Bytes bytes = member.loader().load();
            List<Binary> read = reader.read(member.location(), bytes);
            List<Platform> declared = member.declaredPlatforms();
            for (Binary binary : read) {
                binary.declaredPlatform(sideMember(binary, read, declared) ? null : declared(declared, binary));
            }
            return new Outcome(read, null);
        } catch (MalformedBinaryException e) {
            return new Outcome(List.of(), new ReadFailure(member.location(), format, e.reason(), e.offset()));
        } catch (IOException e) {
            return new Outcome(List.of(), new ReadFailure(member.location(), format,
                    "cannot read: " + InputWalker.describe(e), -1));
        } catch (RuntimeException e) { // a reader bug must not end the scan or hide the file: reported as such
            return new Outcome(List.of(), new ReadFailure(member.location(), format, "abilint's " + format
                    + " reader failed on this file (" + e + "); please report it to abilint with the file", -1));
        }
    }

    /**
     * An AIX archive member whose architecture no declared platform names while another member of the same
     * archive matches one ({@code shr.o} next to {@code shr_64.o} in {@code aix-ppc64/libfoo.a}): the loader of
     * the declared platform takes the matching member, so this one makes no claim of the path's platform.
     */
    static boolean sideMember(Binary binary, List<Binary> read, List<Platform> declared) {
        if (read.size() < 2 || binary.flag("archiveMember") == null || declared.isEmpty()
                || matches(binary, declared)) {
            return false;
        }
        for (Binary other : read) {
            if (other != binary && matches(other, declared)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Binary binary, List<Platform> declared) {
        for (Platform platform : declared) {
            if (ArchFamily.same(platform.arch(), binary.getArch())) {
                return true;
            }
        }
        return false;
    }
}
