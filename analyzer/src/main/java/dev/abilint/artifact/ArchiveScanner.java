package dev.abilint.artifact;

import dev.abilint.format.Format;
import dev.abilint.model.ArtifactIssue;
import dev.abilint.model.ReadFailure;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Reads archives by streaming, never extracting: zip files on disk with {@link ZipOnDisk}, archives that
 * arrive as a stream (nested ones, gzip, tar) with {@link StreamedArchives}. This class holds what every
 * entry goes through whatever its container: counting and name checks, limits, sniffing, hashing inside a
 * wheel, and following nested archives to {@link Limits#maxDepth()}; {@link ArtifactRecorder} records what
 * each entry held (natives as members for the parallel readers, class files read on the spot, metadata
 * kept, everything else skipped).
 */
final class ArchiveScanner implements AutoCloseable {
    /** What kind of container a file is, from its bytes. */
    enum Container { ZIP, GZIP, TAR }

    static final int HEAD = TarReader.BLOCK;

    private final Walk walk;
    private final Limits limits;
    private final ArtifactRecorder recorder;
    private final ZipOnDisk zips;
    private final StreamedArchives streams;

    /** @param inflaters the threads that inflate entries of zips on disk ({@code Runnable::run}: this one) */
    ArchiveScanner(Walk walk, Limits limits, Executor inflaters) {
        this.walk = walk;
        this.limits = limits;
        this.recorder = new ArtifactRecorder(walk);
        this.zips = new ZipOnDisk(this, limits, inflaters);
        this.streams = new StreamedArchives(this, limits);
    }

    /** Stops reading the rest of one streamed archive (after a limit inside it was recorded). */
    static final class StopArchive extends IOException {
        private static final long serialVersionUID = 1L;
    }

    Walk walk() {
        return walk;
    }

    ArtifactRecorder recorder() {
        return recorder;
    }

    StreamedArchives streams() {
        return streams;
    }

    // ---------------------------------------------------------------- entry points

    /**
     * Reads an archive file on disk as an artifact (an input, or a file in an input directory).
     *
     * @param next the zip file that the walk reads after this one, whose first entries are inflated while
     *     this one's last are recorded (null: none)
     */
    void scanFile(String location, Path path, Container container, ZipOnDisk.Upcoming next) {
        ArchiveScan claimed = container == Container.ZIP ? zips.claim(location, path) : null;
        ArchiveScan scan = claimed != null ? claimed
                : new ArchiveScan(location, path.getFileName().toString(), 0, new Budget(limits.maxTotalBytes()));
        int slot = recorder.reserve();
        try {
            switch (container) {
                case ZIP -> zips.scan(scan, path, next);
                case GZIP -> {
                    try (InputStream in = Files.newInputStream(path)) {
                        streams.scanGzip(scan, in);
                    }
                }
                case TAR -> {
                    try (InputStream in = Files.newInputStream(path)) {
                        streams.scanTar(scan, in, false);
                    }
                }
            }
        } catch (LimitExceededException e) {
            if (!e.recorded) {
                scan.limit(location, e);
            }
        } catch (StopArchive e) {
            // recorded where it happened
        } catch (IOException e) {
            failure(location, scan.format == null ? container.name().toLowerCase(Locale.ROOT) : scan.format, e);
        }
        recorder.finish(scan, slot);
    }

    /** Lets go of a zip read ahead for a turn that did not come. */
    @Override
    public void close() {
        zips.close();
    }

    // ---------------------------------------------------------------- one entry

    /** Counts an entry and checks its name; false when the entry limit stops the archive. */
    boolean countEntry(ArchiveScan scan, String name, long declared) {
        scan.entries++;
        if (scan.entries > limits.maxEntries()) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("limit", "entries");
            evidence.put("value", declared > 0 ? declared : scan.entries);
            evidence.put("max", limits.maxEntries());
            scan.issue(ArtifactIssue.Type.LIMIT, scan.path, "archive has more than " + limits.maxEntries()
                    + " entries" + (declared > 0 ? " (" + declared + ")" : "") + "; the rest were not read", evidence);
            scan.entries--;
            return false;
        }
        String reason = EntryNames.unsafeReason(name);
        if (reason == null && !scan.names.add(name)) {
            reason = "duplicate entry name (extractors disagree on which copy wins)";
        }
        if (reason != null) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("name", EntryNames.escape(name));
            evidence.put("reason", reason);
            scan.issue(ArtifactIssue.Type.UNSAFE_NAME, scan.location(name),
                    "entry name is unsafe to extract: " + reason, evidence);
        }
        return true;
    }

    /**
     * Reads one file entry: sniffs it, keeps what must be read, follows nested archives, hashes
     * inside wheels. Returns false when the archive must not be read further.
     *
     * @param streamed whether the archive is a stream whose entries must be read through to advance
     */
    boolean entry(ArchiveScan scan, String name, InputStream raw, LongSupplier compressed, boolean streamed,
            long declared, Budget budget) throws IOException {
        if (!countEntry(scan, name, declared)) {
            return false;
        }
        return entryContent(scan, name, raw, compressed, streamed, budget);
    }

    /** An entry's stream, limited, and hashed inside a wheel (digest null elsewhere). */
    record Opened(LimitedInputStream limited, MessageDigest digest, InputStream in) {}

    Opened open(ArchiveScan scan, InputStream raw, Budget budget, long maxBytes, LongSupplier compressed) {
        LimitedInputStream limited = new LimitedInputStream(raw, limits, budget, maxBytes, compressed);
        MessageDigest digest = scan.hashing ? sha256() : null;
        return new Opened(limited, digest, digest == null ? limited : new DigestInputStream(limited, digest));
    }

    /** {@link #entry} after the entry was counted: reads it from the stream on this thread. */
    boolean entryContent(ArchiveScan scan, String name, InputStream raw, LongSupplier compressed, boolean streamed,
            Budget budget) throws IOException {
        String location = scan.location(name);
        Opened opened = open(scan, raw, budget, limits.maxMemberBytes(), compressed);
        LimitedInputStream limited = opened.limited();
        MessageDigest digest = opened.digest();
        InputStream in = opened.in();
        try {
            EntryContent.Head head = EntryContent.Head.read(name, in, HEAD);
            if (head.kind() == EntryContent.Kind.NESTED) {
                limited.streamedThrough();
                nested(scan, name, location, concat(head.bytes(), in), head.format() == Format.ZIP ? Container.ZIP
                        : head.format() == Format.GZIP ? Container.GZIP : Container.TAR, limited);
            } else {
                recorder.recordContent(scan, name, location,
                        EntryContent.read(head, location, in, -1, limits.maxMetadataBytes()));
            }
            if (digest != null || streamed) {
                drain(in);
            }
            if (digest != null) {
                scan.hashes.put(name, hash(digest, limited.count()));
            }
            return true;
        } catch (LimitExceededException e) {
            if (e.wholeInput) {
                if (!e.recorded) {
                    scan.limit(location, e);
                    e.recorded = true;
                }
                throw e;
            }
            if (e.source != limited) {
                throw e;
            }
            scan.limit(location, e);
            if (streamed) {
                throw new StopArchive();
            }
            return true;
        }
    }

    private void nested(ArchiveScan scan, String name, String location, InputStream in, Container container,
            LimitedInputStream outer) throws IOException {
        scan.members.add(location);
        if (scan.depth + 1 > limits.maxDepth()) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("limit", "depth");
            evidence.put("value", scan.depth + 1);
            evidence.put("max", limits.maxDepth());
            scan.issue(ArtifactIssue.Type.LIMIT, location, "archive nested " + (scan.depth + 1)
                    + " levels deep (more than " + limits.maxDepth() + "): not opened", evidence);
            return;
        }
        ArchiveScan child = new ArchiveScan(location, EntryNames.baseName(name), scan.depth + 1, scan.budget);
        int slot = recorder.reserve();
        try {
            switch (container) {
                case ZIP -> streams.scanZipStream(child, in, true);
                case GZIP -> streams.scanGzip(child, in);
                case TAR -> streams.scanTar(child, in, false);
            }
        } catch (LimitExceededException e) {
            if (e.wholeInput || e.source == outer) {
                recorder.finish(child, slot);
                throw e;
            }
            child.limit(location, e); // the nested stream's own limit (a gzip bomb)
        } catch (StopArchive e) {
            // recorded inside the child
        } catch (IOException e) {
            // a nested zip or tar is data to the package (CPython ships broken ones as test data): a note that
            // abilint could not look inside; a nested jar or wheel is code the package loads: a parse error
            boolean data = Promised.testData(name) || !Promised.loadable(name);
            walk.failures().add(new ReadFailure(location, child.format == null
                    ? container.name().toLowerCase(Locale.ROOT) : child.format, describe(e), -1, data));
        }
        recorder.finish(child, slot);
    }

    // ---------------------------------------------------------------- bytes

    void failure(String location, String format, IOException e) {
        walk.failures().add(new ReadFailure(location, format, describe(e), -1));
    }

    static String describe(IOException e) {
        if (e instanceof EOFException) {
            return "archive is truncated (unexpected end of data)" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The head bytes, then the rest of the stream; closing it closes nothing underneath. */
    static InputStream concat(byte[] head, InputStream rest) {
        InputStream keepOpen = new FilterInputStream(rest) {
            @Override
            public void close() {
                // the stream underneath belongs to the archive being read
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(head), keepOpen);
    }

    /** A buffer per thread for bytes that are only counted and hashed: a fresh one per entry was zeroed each time. */
    private static final ThreadLocal<byte[]> DRAIN_BUFFER = ThreadLocal.withInitial(() -> new byte[16384]);

    static void drain(InputStream in) throws IOException {
        byte[] buffer = DRAIN_BUFFER.get();
        while (in.read(buffer) >= 0) {
            // counted and hashed underneath
        }
    }

    /** A RECORD row's hash and size: the digest in unpadded URL-safe base64, and the byte count. */
    static String[] hash(MessageDigest digest, long count) {
        return new String[] {Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest()),
            Long.toString(count)};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
