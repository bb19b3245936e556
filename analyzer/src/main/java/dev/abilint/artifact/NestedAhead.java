package dev.abilint.artifact;

import dev.abilint.model.ArtifactIssue;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads an archive nested in a zip on disk (a wheel or jar inside a jar) on an inflater thread, into a walk of
 * its own; the walker replays that walk in entry order, where it would have streamed the archive itself, so
 * the report is the same and the walker's thread is free meanwhile. Whenever the result could differ from
 * reading it in its turn (a limit reached, a read that failed, the input's budget too small for what it
 * inflated), or it would hold too much, it is dropped and the walker reads the archive in its turn as before.
 */
final class NestedAhead {
    /** Inflated bytes one nested archive may produce when read ahead; beyond it, it is read in its turn. */
    static final long MAX_INFLATED = 256L << 20;
    /** Bytes of members (natives) one nested archive read ahead may hold until its turn. */
    static final long MAX_HELD = 16L << 20;
    /** Nested archives read ahead and waiting for their turn, at most: what they hold is bounded. */
    static final int MAX_WAITING = 2;

    /** Off only in tests that compare reading ahead with reading in turn. */
    static volatile boolean enabled = true;

    /** A member found in the nested archive, with the bytes it holds, for the walk's sink in its turn. */
    private record Held(Member member, long bytes) {}

    /** What reading the nested archive added: to its parent (the stand-in), and to the walk. */
    record Read(ArchiveScan standIn, Walk walk, List<Held> members, long inflated) {}

    /** Stops a read ahead that would hold more than {@link #MAX_HELD}. */
    private static final class HoldsTooMuch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HoldsTooMuch() {
            super(null, null, false, false);
        }
    }

    private final Limits limits;
    private final Semaphore waiting = new Semaphore(MAX_WAITING);

    NestedAhead(Limits limits) {
        this.limits = limits;
    }

    /**
     * Reads the nested archive in {@code entry} of {@code parent}'s zip on this (inflater) thread, or returns
     * null when it is left for the walker: too many read ahead already, or something it should report in its
     * turn. A non-null result must be given to {@link #replay} or {@link #drop}.
     */
    Read read(ArchiveScan parent, ZipFile zip, ZipEntry entry) {
        if (!enabled || !waiting.tryAcquire()) {
            return null;
        }
        ArchiveScan standIn = new ArchiveScan(parent.path, parent.fileName, parent.depth, new Budget(MAX_INFLATED));
        Walk walk = new Walk();
        List<Held> members = new ArrayList<>();
        long[] held = {0};
        walk.sendMembersTo((member, bytes) -> {
            held[0] += bytes;
            if (held[0] > MAX_HELD) {
                throw new HoldsTooMuch();
            }
            members.add(new Held(member, bytes));
        });
        ArchiveScanner scanner = new ArchiveScanner(walk, limits, Runnable::run);
        try (InputStream in = zip.getInputStream(entry)) {
            if (scanner.entryContent(standIn, entry.getName(), in, ZipOnDisk.packed(entry), false, standIn.budget)) {
                return new Read(standIn, walk, members, standIn.budget.used());
            }
        } catch (IOException | HoldsTooMuch e) {
            // read in its turn, which reports it as before
        }
        waiting.release();
        return null;
    }

    /**
     * Adds what the nested archive held to {@code parent} and the walk, as reading it now would have; false
     * (nothing added) when the input's budget cannot take what it inflated: it is then read in its turn, and
     * the limit stops it where it stops.
     */
    boolean replay(Read read, ArchiveScan parent, Walk walk) throws LimitExceededException {
        waiting.release();
        if (!parent.budget.canSpend(read.inflated())) {
            return false;
        }
        parent.budget.spend(read.inflated());
        ArchiveScan standIn = read.standIn();
        parent.members.addAll(standIn.members);
        for (ArtifactIssue issue : standIn.issues) {
            parent.issue(issue.type(), issue.location(), issue.message(), issue.evidence());
        }
        parent.hashes.putAll(standIn.hashes);
        walk.artifacts().addAll(read.walk().artifacts());
        walk.javaClasses().addAll(read.walk().javaClasses());
        walk.pythonSources().addAll(read.walk().pythonSources());
        walk.failures().addAll(read.walk().failures());
        for (Held member : read.members()) {
            walk.addMember(member.member(), member.bytes());
        }
        return true;
    }

    /** Lets go of a read ahead whose turn will not come (the archive was stopped before it). */
    void drop(Read read) {
        waiting.release();
    }
}
