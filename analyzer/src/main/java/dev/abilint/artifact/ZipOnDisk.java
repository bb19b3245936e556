package dev.abilint.artifact;

import dev.abilint.util.Workers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Enumeration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.LongSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads zip files on disk through their central directory ({@link ZipFile}, which knows ZIP64): entries are
 * inflated (and hashed inside a wheel) ahead on the inflater threads while the walker records them in entry
 * order, so the result, including which limit stops where, is the same as reading them one by one. While the
 * last entries of one zip are recorded, the first of the next zip in the walk are inflated already: a
 * directory of wheels keeps both cores busy from one wheel to the next.
 */
final class ZipOnDisk implements AutoCloseable {
    /** Entries read ahead of the one being recorded: at most this many, holding at most this many bytes. */
    static final int WINDOW_ENTRIES = 128;
    static final long WINDOW_BYTES = 32L << 20;

    /** A zip file that the walk reads next, so that its first entries can be inflated ahead. */
    record Upcoming(String location, Path path) {}

    private final ArchiveScanner scanner;
    private final Limits limits;
    private final Executor inflaters;
    private final NestedAhead nestedAhead;
    /** The next zip of the walk, opened and being read ahead, until its turn comes. */
    private ReadAhead upcoming;

    ZipOnDisk(ArchiveScanner scanner, Limits limits, Executor inflaters) {
        this.scanner = scanner;
        this.limits = limits;
        this.inflaters = inflaters;
        this.nestedAhead = new NestedAhead(limits);
    }

    /** The scan of a zip already opened and read ahead for {@code location}, or null. */
    ArchiveScan claim(String location, Path path) {
        if (upcoming != null && upcoming.scan.path.equals(location) && upcoming.file.equals(path)) {
            return upcoming.scan;
        }
        return null;
    }

    /**
     * Reads the zip file at {@code path} into {@code scan}; a zip whose central directory cannot be read is
     * read from its local headers instead, with a finding that says so.
     *
     * @param next the zip file the walk reads after this one (null: none, or not a zip)
     */
    void scan(ArchiveScan scan, Path path, Upcoming next) throws IOException {
        scan.format = "zip";
        ReadAhead ahead = null;
        if (upcoming != null) {
            if (upcoming.scan == scan) {
                ahead = upcoming;
            } else {
                upcoming.close(); // read ahead for a file the walk did not read next
            }
            upcoming = null;
        }
        if (ahead == null) {
            ZipFile zip;
            try {
                zip = open(path);
            } catch (ZipException e) {
                readLocalHeaders(scan, path, e);
                return;
            }
            ahead = new ReadAhead(scan, path, zip);
        }
        try (ReadAhead current = ahead) {
            scanEntries(current, next);
        }
        if (scan.fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".apk")) {
            scan.nativeStorage = ZipAlignment.of(path); // offsets ZipFile does not give
        }
    }

    private void readLocalHeaders(ArchiveScan scan, Path path, ZipException e) throws IOException {
        // No readable central directory (truncated, damaged, or names that are not UTF-8): say so, then read
        // what the local headers still give.
        String central = "central directory cannot be read (" + ArchiveScanner.describe(e) + ")";
        try (InputStream in = Files.newInputStream(path)) {
            scanner.streams().scanZipStream(scan, in, false);
        } catch (LimitExceededException | ArchiveScanner.StopArchive stop) {
            scanner.failure(scan.path, "zip", new IOException(central + "; members were read from the local headers"));
            throw stop;
        } catch (IOException local) {
            scanner.failure(scan.path, "zip", new IOException(central + "; reading the local headers failed too: "
                    + ArchiveScanner.describe(local)));
            return;
        }
        scanner.failure(scan.path, "zip", new IOException(central + "; members were read from the local headers instead"));
    }

    private void scanEntries(ReadAhead ahead, Upcoming next) throws IOException {
        while (true) {
            ahead.fill(WINDOW_ENTRIES, WINDOW_BYTES, true);
            if (ahead.exhausted() && next != null) {
                readAhead(next, WINDOW_ENTRIES - ahead.window.size(), WINDOW_BYTES - ahead.windowBytes);
            }
            Pending pending = ahead.take();
            if (pending == null || !record(ahead, pending)) {
                return;
            }
        }
    }

    /** Opens the next zip of the walk and starts inflating its first entries in the room this one leaves. */
    private void readAhead(Upcoming next, int entries, long bytes) {
        if (upcoming != null && !upcoming.file.equals(next.path())) {
            close();
        }
        if (upcoming == null) {
            ZipFile zip;
            try {
                zip = open(next.path());
            } catch (IOException e) {
                return; // read in its turn, where the failure is reported
            }
            ArchiveScan scan = new ArchiveScan(next.location(), next.path().getFileName().toString(), 0,
                    new Budget(limits.maxTotalBytes()));
            upcoming = new ReadAhead(scan, next.path(), zip);
        }
        upcoming.fill(entries, bytes, false);
    }

    @Override
    public void close() {
        if (upcoming != null) {
            upcoming.close();
            upcoming = null;
        }
    }

    /** An entry on its way: read on an inflater thread, recorded on the walker's in entry order. */
    private record Pending(ZipEntry entry, Future<Inflated> read, long bytes) {}

    /**
     * An entry as an inflater thread read it: what it holds (null for a nested archive), its RECORD hash inside
     * a wheel, the bytes inflated, or why it failed; a nested archive read ahead, or null when the walker
     * streams it in its turn.
     */
    private record Inflated(EntryContent content, String[] hash, long inflated, IOException failure,
            NestedAhead.Read nested) {
        Inflated(EntryContent content, String[] hash, long inflated, IOException failure) {
            this(content, hash, inflated, failure, null);
        }
    }

    /** The entries of one zip file: those submitted to the inflaters, in entry order, and those still to come. */
    private final class ReadAhead implements AutoCloseable {
        final ArchiveScan scan;
        final Path file;
        final ZipFile zip;
        final int declared;
        final ArrayDeque<Pending> window = new ArrayDeque<>();
        private final Enumeration<? extends ZipEntry> entries;
        private ZipEntry peeked;
        long windowBytes;
        private int queued;

        ReadAhead(ArchiveScan scan, Path file, ZipFile zip) {
            this.scan = scan;
            this.file = file;
            this.zip = zip;
            this.declared = zip.size();
            this.entries = zip.entries();
        }

        /**
         * Submits entries while the window has room (by their declared sizes).
         *
         * @param atLeastOne whether an empty window takes the next entry whatever its size
         */
        void fill(int maxEntries, long maxBytes, boolean atLeastOne) {
            while (peeked != null || entries.hasMoreElements()) {
                if (peeked == null) {
                    peeked = entries.nextElement();
                }
                long bytes = peeked.isDirectory() ? 0 : Math.max(0, peeked.getSize());
                boolean full = window.size() >= maxEntries || windowBytes + bytes > maxBytes;
                if (full && !(atLeastOne && window.isEmpty())) {
                    return;
                }
                ZipEntry entry = peeked;
                peeked = null;
                // past the entry limit nothing is read: countEntry stops the archive there
                boolean read = !entry.isDirectory() && queued++ < limits.maxEntries();
                window.addLast(new Pending(entry, read ? submit(() -> inflate(scan, zip, entry)) : null, bytes));
                windowBytes += bytes;
            }
        }

        boolean exhausted() {
            return peeked == null && !entries.hasMoreElements();
        }

        Pending take() {
            Pending pending = window.pollFirst();
            if (pending != null) {
                windowBytes -= pending.bytes();
            }
            return pending;
        }

        @Override
        public void close() {
            for (Pending left : window) {
                if (left.read() != null && !left.read().cancel(false)) {
                    Inflated read = Workers.join(left.read()); // running or done: a nested archive read ahead is let go
                    if (read.nested() != null) {
                        nestedAhead.drop(read.nested());
                    }
                }
            }
            window.clear();
            try {
                zip.close();
            } catch (IOException e) {
                // only read from: nothing was lost
            }
        }
    }

    private Future<Inflated> submit(Callable<Inflated> task) {
        FutureTask<Inflated> future = new FutureTask<>(task);
        inflaters.execute(future);
        return future;
    }

    /** Records one entry, in entry order; false when the archive must not be read further. */
    private boolean record(ReadAhead ahead, Pending pending) throws IOException {
        ArchiveScan scan = ahead.scan;
        ZipEntry entry = pending.entry();
        String name = entry.getName();
        if (!scanner.countEntry(scan, name, ahead.declared)) {
            return false;
        }
        if (entry.isDirectory()) {
            return true;
        }
        String location = scan.location(name);
        Inflated read = Workers.join(pending.read());
        if (read.failure() instanceof LimitExceededException e) {
            scan.limit(location, e); // a member limit: the inflater threads have no budget of their own
            return true;
        }
        if (read.failure() != null) {
            scanner.failure(location, "zip", read.failure());
            return true;
        }
        if (read.content() == null) { // a nested archive: read ahead, else streamed here, never held
            if (read.nested() != null && nestedAhead.replay(read.nested(), scan, scanner.walk())) {
                return true;
            }
            try (InputStream in = ahead.zip.getInputStream(entry)) {
                return scanner.entryContent(scan, name, in, packed(entry), false, scan.budget);
            } catch (LimitExceededException | ArchiveScanner.StopArchive e) {
                throw e;
            } catch (IOException e) {
                scanner.failure(location, "zip", e);
                return true;
            }
        }
        try {
            scan.budget.spend(read.inflated());
        } catch (LimitExceededException e) {
            scan.limit(location, e);
            e.recorded = true;
            throw e;
        }
        scanner.recorder().recordContent(scan, name, location, read.content());
        if (read.hash() != null) {
            scan.hashes.put(name, read.hash());
        }
        return true;
    }

    /**
     * Reads one entry on an inflater thread: touches nothing but the entry, so that any number run at once.
     * An entry that inflates to more than its central directory declares is damaged (and would defeat the
     * read-ahead's bound on memory): it is not read further.
     */
    private Inflated inflate(ArchiveScan scan, ZipFile zip, ZipEntry entry) {
        String name = entry.getName();
        String location = scan.location(name);
        long size = entry.getSize();
        boolean sizeBound = size >= 0 && size < limits.maxMemberBytes();
        try (InputStream raw = size == 0 ? InputStream.nullInputStream() : zip.getInputStream(entry)) {
            ArchiveScanner.Opened opened = scanner.open(scan, raw, new Budget(Long.MAX_VALUE),
                    sizeBound ? size : limits.maxMemberBytes(), packed(entry));
            LimitedInputStream limited = opened.limited();
            try {
                EntryContent.Head head = EntryContent.Head.read(name, opened.in(), ArchiveScanner.HEAD);
                if (head.kind() == EntryContent.Kind.NESTED) {
                    return new Inflated(null, null, 0, null, nestedAhead.read(scan, zip, entry));
                }
                EntryContent content = EntryContent.read(head, location, opened.in(), size, limits.maxMetadataBytes());
                MessageDigest digest = opened.digest();
                if (digest == null) {
                    return new Inflated(content, null, limited.count(), null);
                }
                ArchiveScanner.drain(opened.in());
                return new Inflated(content, ArchiveScanner.hash(digest, limited.count()), limited.count(), null);
            } catch (LimitExceededException e) {
                if (sizeBound && e.limit.equals("member-bytes")) {
                    return new Inflated(null, null, 0, new ZipException("entry inflates to more than the " + size
                            + " bytes its central directory declares: the archive is damaged"));
                }
                throw e;
            }
        } catch (IOException e) {
            return new Inflated(null, null, 0, e);
        }
    }

    static LongSupplier packed(ZipEntry entry) {
        long packed = entry.getCompressedSize();
        return () -> packed < 0 ? Long.MAX_VALUE : packed;
    }

    /**
     * Opens a zip through its central directory. Names are UTF-8 when the entry says so (flag bit 11)
     * and by convention otherwise; an archive with names that are not UTF-8 (old tools wrote CP437)
     * is opened again with ISO-8859-1, which decodes any byte, rather than not read at all.
     */
    private static ZipFile open(Path path) throws IOException {
        try {
            return new ZipFile(path.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            try {
                return new ZipFile(path.toFile(), StandardCharsets.ISO_8859_1);
            } catch (ZipException again) {
                throw e;
            }
        }
    }
}
