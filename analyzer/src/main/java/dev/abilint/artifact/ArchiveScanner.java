package dev.abilint.artifact;

import dev.abilint.model.ExtensionSuffix;
import dev.abilint.model.WheelName;

import dev.abilint.format.Bytes;
import dev.abilint.format.Format;
import dev.abilint.model.Artifact;
import dev.abilint.model.ArtifactIssue;
import dev.abilint.model.JavaClass;
import dev.abilint.model.Platform;
import dev.abilint.model.ReadFailure;
import dev.abilint.util.Workers;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Reads archives by streaming, never extracting: zip files on disk through their central directory
 * ({@link ZipFile}, which knows ZIP64), zips inside archives with {@link ZipInputStream}, tar and
 * tar.gz with {@link TarReader}. Native binaries and class files are kept (natives as members for
 * the parallel readers, class files read on the spot), metadata files are kept, nested archives are
 * followed to {@link Limits#maxDepth()}, everything else is skipped (hashed first inside a wheel).
 */
final class ArchiveScanner {
    /** What kind of container a file is, from its bytes. */
    enum Container { ZIP, GZIP, TAR }

    private static final int HEAD = TarReader.BLOCK;
    private static final int MAX_ISSUES_PER_TYPE = 50;
    private static final Pattern VERSIONED = Pattern.compile("^META-INF/versions/(\\d{1,4})/(.*)$");
    private static final Pattern PKG_INFO = EntryContent.PKG_INFO;
    /** Entries of a zip on disk read ahead of the one being recorded: at most this many, holding at most this many bytes. */
    private static final int WINDOW_ENTRIES = 128;
    private static final long WINDOW_BYTES = 32L << 20;

    private final Walk walk;
    private final Limits limits;
    private final Executor inflaters;

    /** @param inflaters the threads that inflate entries of zips on disk ({@code Runnable::run}: this one) */
    ArchiveScanner(Walk walk, Limits limits, Executor inflaters) {
        this.walk = walk;
        this.limits = limits;
        this.inflaters = inflaters;
    }

    /** Stops reading the rest of one streamed archive (after a limit inside it was recorded). */
    private static final class StopArchive extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** The state of reading one archive. */
    private final class Scan {
        final String path;
        final String fileName;
        final int depth;
        final Budget budget;
        final WheelName wheel;
        final boolean hashing;
        final List<String> members = new ArrayList<>();
        final List<ArtifactIssue> issues = new ArrayList<>();
        final Map<String, Integer> issueCounts = new TreeMap<>();
        final Map<String, String[]> hashes = new LinkedHashMap<>();
        final Map<String, byte[]> metadata = new LinkedHashMap<>();
        final List<Map<String, Object>> extensions = new ArrayList<>();
        final TreeSet<Integer> versionedReleases = new TreeSet<>();
        final List<String> natives = new ArrayList<>();
        final java.util.Set<String> names = new java.util.HashSet<>();
        String format;
        boolean tar;
        int entries;
        int skipped;
        int classes;
        int maxMajor;
        boolean moduleInfo;
        boolean setupPy;
        boolean pyprojectToml;
        boolean mainPy;
        boolean eggInfo;
        Map<String, Object> nativeStorage;

        Scan(String path, String fileName, int depth, Budget budget) {
            this.path = path;
            this.fileName = fileName;
            this.depth = depth;
            this.budget = budget;
            String lower = fileName.toLowerCase(java.util.Locale.ROOT);
            this.wheel = lower.endsWith(".whl") ? WheelName.parse(fileName) : null;
            this.hashing = lower.endsWith(".whl");
        }

        void issue(ArtifactIssue.Type type, String location, String message, Map<String, Object> evidence) {
            int n = issueCounts.merge(type.name(), 1, Integer::sum);
            if (n <= MAX_ISSUES_PER_TYPE) {
                issues.add(new ArtifactIssue(type, location, message, evidence));
            }
        }

        void limit(String location, LimitExceededException e) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("limit", e.limit);
            evidence.put("value", e.value);
            evidence.put("max", e.max);
            issue(ArtifactIssue.Type.LIMIT, location, e.getMessage(), evidence);
        }
    }

    // ---------------------------------------------------------------- entry points

    /** Reads an archive file on disk as an artifact (an input, or a file in an input directory). */
    void scanFile(String location, Path path, Container container) {
        Scan scan = new Scan(location, path.getFileName().toString(), 0, new Budget(limits.maxTotalBytes()));
        int slot = reserve();
        try {
            switch (container) {
                case ZIP -> scanZipFile(scan, path);
                case GZIP -> {
                    try (InputStream in = Files.newInputStream(path)) {
                        scanGzip(scan, in);
                    }
                }
                case TAR -> {
                    try (InputStream in = Files.newInputStream(path)) {
                        scan.format = "tar";
                        scanTar(scan, in, false);
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
            failure(location, scan.format == null ? container.name().toLowerCase(java.util.Locale.ROOT) : scan.format, e);
        }
        finish(scan, slot);
    }

    // ---------------------------------------------------------------- containers

    private void scanZipFile(Scan scan, Path path) throws IOException {
        scan.format = "zip";
        ZipFile zip;
        try {
            zip = open(path);
        } catch (ZipException e) {
            // No readable central directory (truncated, damaged, or names that are not UTF-8): say so,
            // then read what the local headers still give.
            String central = "central directory cannot be read (" + describe(e) + ")";
            try (InputStream in = Files.newInputStream(path)) {
                scanZipStream(scan, in, false);
            } catch (LimitExceededException | StopArchive stop) {
                failure(scan.path, "zip", new IOException(central + "; members were read from the local headers"));
                throw stop;
            } catch (IOException local) {
                failure(scan.path, "zip", new IOException(central + "; reading the local headers failed too: "
                        + describe(local)));
                return;
            }
            failure(scan.path, "zip", new IOException(central + "; members were read from the local headers instead"));
            return;
        }
        try (zip) {
            scanZipEntries(scan, zip);
        }
        if (scan.fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".apk")) {
            scan.nativeStorage = ZipAlignment.of(path); // offsets ZipFile does not give
        }
    }

    /** An entry of a zip on disk on its way: read on an inflater thread, recorded here in entry order. */
    private record Pending(ZipEntry entry, Future<Inflated> read, long bytes) {}

    /**
     * An entry as an inflater thread read it: what it holds (null for a nested archive, which is streamed
     * on the walker's thread), its RECORD hash inside a wheel, the bytes inflated, or why it failed.
     */
    private record Inflated(EntryContent content, String[] hash, long inflated, IOException failure) {}

    /**
     * Reads the entries of a zip on disk: up to {@link #WINDOW_ENTRIES} entries ({@link #WINDOW_BYTES}
     * by their declared sizes) are inflated ahead on the inflater threads while the oldest is recorded,
     * so that the result, including which limit stops where, is the same as reading them one by one.
     */
    private void scanZipEntries(Scan scan, ZipFile zip) throws IOException {
        int declared = zip.size();
        ArrayDeque<Pending> window = new ArrayDeque<>();
        long windowBytes = 0;
        int queued = 0;
        try {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                long bytes = entry.isDirectory() ? 0 : Math.max(0, entry.getSize());
                while (!window.isEmpty() && (window.size() >= WINDOW_ENTRIES || windowBytes + bytes > WINDOW_BYTES)) {
                    Pending oldest = window.removeFirst();
                    windowBytes -= oldest.bytes();
                    if (!record(scan, zip, oldest, declared)) {
                        return;
                    }
                }
                // past the entry limit nothing is read: countEntry stops the archive there
                boolean read = !entry.isDirectory() && queued++ < limits.maxEntries();
                window.addLast(new Pending(entry, read ? submit(() -> inflate(scan, zip, entry)) : null, bytes));
                windowBytes += bytes;
            }
            while (!window.isEmpty()) {
                if (!record(scan, zip, window.removeFirst(), declared)) {
                    return;
                }
            }
        } finally {
            for (Pending left : window) {
                if (left.read() != null) {
                    left.read().cancel(false);
                }
            }
        }
    }

    private Future<Inflated> submit(java.util.concurrent.Callable<Inflated> task) {
        FutureTask<Inflated> future = new FutureTask<>(task);
        inflaters.execute(future);
        return future;
    }

    /** Records one entry of a zip on disk, in entry order; false when the archive must not be read further. */
    private boolean record(Scan scan, ZipFile zip, Pending pending, int declared) throws IOException {
        ZipEntry entry = pending.entry();
        String name = entry.getName();
        if (!countEntry(scan, name, declared)) {
            return false;
        }
        if (entry.isDirectory()) {
            return true;
        }
        String location = scan.path + "!/" + EntryNames.escape(name);
        Inflated read = Workers.join(pending.read());
        if (read.failure() instanceof LimitExceededException e) {
            scan.limit(location, e); // a member limit: the inflater threads have no budget of their own
            return true;
        }
        if (read.failure() != null) {
            failure(location, "zip", read.failure());
            return true;
        }
        if (read.content() == null) { // a nested archive: streamed here, never held
            try (InputStream in = zip.getInputStream(entry)) {
                return entryContent(scan, name, in, packed(entry), false, scan.budget);
            } catch (LimitExceededException | StopArchive e) {
                throw e;
            } catch (IOException e) {
                failure(location, "zip", e);
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
        recordContent(scan, name, location, read.content());
        if (read.hash() != null) {
            scan.hashes.put(name, read.hash());
        }
        return true;
    }

    /**
     * Reads one entry of a zip on disk on an inflater thread: touches nothing but the entry, so that any
     * number run at once. An entry that inflates to more than its central directory declares is damaged
     * (and would defeat the read-ahead's bound on memory): it is not read further.
     */
    private Inflated inflate(Scan scan, ZipFile zip, ZipEntry entry) {
        String name = entry.getName();
        String location = scan.path + "!/" + EntryNames.escape(name);
        long size = entry.getSize();
        boolean sizeBound = size >= 0 && size < limits.maxMemberBytes();
        try (InputStream raw = size == 0 ? InputStream.nullInputStream() : zip.getInputStream(entry)) {
            Opened opened = open(scan, raw, new Budget(Long.MAX_VALUE), sizeBound ? size : limits.maxMemberBytes(),
                    packed(entry));
            LimitedInputStream limited = opened.limited();
            try {
                EntryContent.Head head = EntryContent.Head.read(name, opened.in(), HEAD);
                if (head.kind() == EntryContent.Kind.NESTED) {
                    return new Inflated(null, null, 0, null);
                }
                EntryContent content = EntryContent.read(head, location, opened.in(), size, limits.maxMetadataBytes());
                if (opened.digest() == null) {
                    return new Inflated(content, null, limited.count(), null);
                }
                drain(opened.in());
                return new Inflated(content, hash(opened.digest(), limited.count()), limited.count(), null);
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

    private static LongSupplier packed(ZipEntry entry) {
        long packed = entry.getCompressedSize();
        return () -> packed < 0 ? Long.MAX_VALUE : packed;
    }

    private static String[] hash(MessageDigest digest, long count) {
        return new String[] {java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest()),
            Long.toString(count)};
    }

    /** Bytes kept from the end of a streamed zip: its end record and the longest comment. */
    private static final int ZIP_TAIL = 22 + 0xffff;

    /**
     * @param checkEnd whether to check that the stream ends with a zip end record: ZipInputStream
     *     takes a truncated archive's end for its last entry, so truncation is found here
     */
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

    private void scanZipStream(Scan scan, InputStream raw, boolean checkEnd) throws IOException {
        if (scan.format == null) {
            scan.format = "zip";
        }
        LimitedInputStream.Counting counting = new LimitedInputStream.Counting(raw, checkEnd ? ZIP_TAIL : 0);
        // Names flagged UTF-8 (bit 11, which current tools set for every non-ASCII name) are decoded as
        // UTF-8; others as ISO-8859-1, which cannot fail: a stream cannot be read again with another.
        ZipInputStream zip = new ZipInputStream(counting, StandardCharsets.ISO_8859_1);
        try {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    if (!countEntry(scan, entry.getName(), -1)) {
                        return;
                    }
                    continue;
                }
                long start = counting.count();
                if (!entry(scan, entry.getName(), zip, () -> counting.count() - start, true, -1, scan.budget)) {
                    return;
                }
            }
            if (checkEnd) {
                drain(counting); // the central directory, which ZipInputStream does not read
                if (!endsWithZipEnd(counting.tail())) {
                    throw new EOFException("no end of central directory record: the archive is cut short");
                }
            }
        } catch (StopArchive e) {
            // a limit inside this archive was recorded; the rest of it is not read
        } catch (IllegalArgumentException e) { // malformed entry name
            throw new ZipException("entry name cannot be decoded: " + e.getMessage());
        }
    }

    private void scanGzip(Scan scan, InputStream in) throws IOException {
        scan.format = "gzip";
        LimitedInputStream.Counting counting = new LimitedInputStream.Counting(in);
        GZIPInputStream gzip = new GZIPInputStream(counting, 8192);
        LimitedInputStream payload = new LimitedInputStream(gzip, limits, scan.budget, Long.MAX_VALUE, counting::count);
        byte[] head = payload.readNBytes(HEAD);
        if (TarReader.looksLikeTar(head, head.length)) {
            scan.format = "tar+gzip";
            scanTar(scan, concat(head, payload), true);
        } else {
            scan.entries = 1;
            scan.skipped = 1; // a single gzip-compressed file: not an archive abilint reads into
        }
    }

    /** @param inflatedAbove whether the tar stream's bytes are already counted (by the gzip layer) */
    private void scanTar(Scan scan, InputStream in, boolean inflatedAbove) throws IOException {
        scan.tar = true;
        Budget budget = inflatedAbove ? new Budget(Long.MAX_VALUE) : scan.budget;
        TarReader tar = new TarReader(in);
        TarReader.Entry entry;
        while ((entry = tar.next()) != null) {
            if (!entry.isFile()) {
                if (!countEntry(scan, entry.name(), -1)) {
                    return;
                }
                continue;
            }
            if (!entry(scan, entry.name(), tar.entryStream(), null, false, -1, budget)) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- one entry

    /** Counts an entry and checks its name; false when the entry limit stops the archive. */
    private boolean countEntry(Scan scan, String name, long declared) {
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
            scan.issue(ArtifactIssue.Type.UNSAFE_NAME, scan.path + "!/" + EntryNames.escape(name),
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
    private boolean entry(Scan scan, String name, InputStream raw, LongSupplier compressed, boolean streamed,
            long declared, Budget budget) throws IOException {
        if (!countEntry(scan, name, declared)) {
            return false;
        }
        return entryContent(scan, name, raw, compressed, streamed, budget);
    }

    /** An entry's stream, limited, and hashed inside a wheel (digest null elsewhere). */
    private record Opened(LimitedInputStream limited, MessageDigest digest, InputStream in) {}

    private Opened open(Scan scan, InputStream raw, Budget budget, long maxBytes, LongSupplier compressed) {
        LimitedInputStream limited = new LimitedInputStream(raw, limits, budget, maxBytes, compressed);
        MessageDigest digest = scan.hashing ? sha256() : null;
        return new Opened(limited, digest, digest == null ? limited : new DigestInputStream(limited, digest));
    }

    /** {@link #entry} after the entry was counted: reads it from the stream on this thread. */
    private boolean entryContent(Scan scan, String name, InputStream raw, LongSupplier compressed, boolean streamed,
            Budget budget) throws IOException {
        String location = scan.path + "!/" + EntryNames.escape(name);
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
                recordContent(scan, name, location, EntryContent.read(head, location, in, -1, limits.maxMetadataBytes()));
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

    private void nested(Scan scan, String name, String location, InputStream in, Container container,
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
        Scan child = new Scan(location, EntryNames.baseName(name), scan.depth + 1, scan.budget);
        int slot = reserve();
        try {
            switch (container) {
                case ZIP -> scanZipStream(child, in, true);
                case GZIP -> scanGzip(child, in);
                case TAR -> {
                    child.format = "tar";
                    scanTar(child, in, false);
                }
            }
        } catch (LimitExceededException e) {
            if (e.wholeInput || e.source == outer) {
                finish(child, slot);
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
                    ? container.name().toLowerCase(java.util.Locale.ROOT) : child.format, describe(e), -1, data));
        }
        finish(child, slot);
    }

    private void addNative(Scan scan, String name, String location, Format format, byte[] data) {
        scan.members.add(location);
        scan.natives.add(name);
        WheelName wheel = scan.wheel;
        java.util.function.Supplier<List<Platform>> declared = wheel != null ? wheel::platforms
                : () -> InputWalker.declared(name);
        ExtensionSuffix suffix = ExtensionSuffix.parse(EntryNames.baseName(name));
        if (suffix != null) {
            Map<String, Object> fact = suffix.fact(location);
            fact.put("entry", name); // removed in finish(): only for the stub check below
            scan.extensions.add(fact);
        }
        walk.addMember(new Member(location, format, onceLoader(data), declared), data.length);
    }

    /** Records what an entry held: a member to read, a class file, kept metadata, or a skipped entry. */
    private void recordContent(Scan scan, String name, String location, EntryContent content) {
        boolean kept = true;
        switch (content.kind()) {
            case NATIVE -> addNative(scan, name, location, content.format(), content.data());
            case CLASS -> recordClass(scan, name, content);
            case PYTHON -> {
                kept = keepPythonSource(location, content.data());
                if (!kept) {
                    notePresence(scan, name); // setup.py marks an sdist
                }
            }
            case METADATA -> {
                if (content.data() != null) {
                    scan.metadata.put(name, content.data());
                } else {
                    kept = false;
                }
            }
            default -> {
                kept = false;
                notePresence(scan, name);
                if (content.failure() != null) {
                    walk.failures().add(content.failure()); // named like a binary or archive, but it is not one
                }
            }
        }
        if (!kept) {
            scan.skipped++;
        }
    }

    private void recordClass(Scan scan, String name, EntryContent content) {
        scan.classes++;
        if (content.failure() != null) {
            walk.failures().add(content.failure());
            return;
        }
        JavaClass read = content.javaClass();
        walk.javaClasses().add(read);
        Matcher versioned = VERSIONED.matcher(name);
        if (versioned.matches()) {
            scan.versionedReleases.add(Integer.parseInt(versioned.group(1)));
            if (versioned.group(2).equals("module-info.class")) {
                scan.moduleInfo = true;
            }
        } else if (EntryNames.baseName(name).equals("module-info.class")) {
            // a module descriptor is read only by Java 9 and later: it does not raise the floor
            scan.moduleInfo = true;
        } else {
            scan.maxMajor = Math.max(scan.maxMajor, read.majorVersion());
        }
    }

    /** A Python file is kept when it declares native functions; EntryContent has decided that (data, else null). */
    private boolean keepPythonSource(String location, byte[] data) {
        if (data == null) {
            return false;
        }
        walk.pythonSources().add(new dev.abilint.model.PythonSource(location,
                new String(data, java.nio.charset.StandardCharsets.UTF_8)));
        return true;
    }

    private static void notePresence(Scan scan, String name) {
        int slash = name.indexOf('/');
        String rest = slash < 0 ? name : name.substring(slash + 1);
        boolean topOrOneDown = slash < 0 || rest.indexOf('/') < 0;
        if (topOrOneDown && EntryNames.baseName(name).equals("setup.py")) {
            scan.setupPy = true;
        }
        if (topOrOneDown && EntryNames.baseName(name).equals("pyproject.toml")) {
            scan.pyprojectToml = true;
        }
        if (name.equals("__main__.py")) {
            scan.mainPy = true;
        }
        if (name.startsWith("EGG-INFO/")) {
            scan.eggInfo = true;
        }
    }

    // ---------------------------------------------------------------- the artifact

    private int reserve() {
        walk.artifacts().add(null);
        return walk.artifacts().size() - 1;
    }

    private void finish(Scan scan, int slot) {
        if (walk.artifacts().get(slot) != null) {
            return;
        }
        String kind = kindOf(scan);
        Artifact artifact = new Artifact(scan.path, kind);
        Map<String, Object> facts = artifact.getFacts();
        facts.put("format", scan.format);
        facts.put("entries", scan.entries);
        facts.put("skippedEntries", scan.skipped);
        if (scan.nativeStorage != null) {
            facts.put("nativeLibraryStorage", scan.nativeStorage);
        }
        if (scan.issueCounts.containsKey(ArtifactIssue.Type.UNSAFE_NAME.name())) {
            facts.put("unsafeEntryNames", scan.issueCounts.get(ArtifactIssue.Type.UNSAFE_NAME.name()));
        }
        switch (kind) {
            case "wheel" -> WheelFacts.add(scan.fileName, scan.wheel, scan.metadata, scan.hashes, facts, scan::issue,
                    scan.path);
            case "sdist", "egg" -> pkgInfo(scan, facts);
            default -> { }
        }
        if (kind.equals("egg") || kind.equals("zipapp")) {
            facts.put("mainPy", scan.mainPy);
        }
        if (kind.equals("sdist")) {
            if (scan.setupPy) {
                facts.put("setupPy", true);
            }
            if (scan.pyprojectToml) {
                facts.put("pyprojectToml", true);
            }
        }
        for (Map<String, Object> extension : scan.extensions) {
            String entry = (String) extension.remove("entry");
            int slash = entry.lastIndexOf('/');
            String stub = entry.substring(0, slash + 1) + extension.get("module") + ".py";
            if (kind.equals("egg") && scan.names.contains(stub)) {
                extension.put("stubLoader", stub); // setuptools' bootstrap that extracts it with pkg_resources
            }
        }
        if (!scan.extensions.isEmpty() && !isJavaKind(kind)) {
            facts.put("extensions", scan.extensions);
        }
        javaFacts(scan, facts);
        artifact.getMembers().addAll(scan.members);
        artifact.getIssues().addAll(scan.issues);
        for (Map.Entry<String, Integer> count : scan.issueCounts.entrySet()) {
            if (count.getValue() > MAX_ISSUES_PER_TYPE) {
                ArtifactIssue.Type type = ArtifactIssue.Type.valueOf(count.getKey());
                artifact.getIssues().add(new ArtifactIssue(type, scan.path, (count.getValue() - MAX_ISSUES_PER_TYPE)
                        + " more of the same in this archive (only the first " + MAX_ISSUES_PER_TYPE + " are listed)",
                        Map.of("more", count.getValue() - MAX_ISSUES_PER_TYPE)));
            }
        }
        walk.artifacts().set(slot, artifact);
    }

    private static boolean isJavaKind(String kind) {
        return kind.equals("jar") || kind.equals("war") || kind.equals("ear") || kind.equals("aar");
    }

    private String kindOf(Scan scan) {
        String lower = scan.fileName.toLowerCase(java.util.Locale.ROOT);
        boolean sdistLike = scan.metadata.keySet().stream().anyMatch(n -> PKG_INFO.matcher(n).matches()
                && n.indexOf('/') > 0 && !n.startsWith("EGG-INFO/")) || scan.setupPy || scan.pyprojectToml;
        if (scan.tar) {
            return sdistLike && (lower.endsWith(".tar.gz") || lower.endsWith(".tgz") || lower.endsWith(".tar"))
                    ? "sdist" : "tarball";
        }
        if ("gzip".equals(scan.format)) {
            return "gzip";
        }
        if (lower.endsWith(".whl")) {
            return "wheel";
        }
        for (String ext : new String[] {"jar", "war", "ear", "aar"}) {
            if (lower.endsWith("." + ext)) {
                return ext;
            }
        }
        if (lower.endsWith(".egg")) {
            return "egg";
        }
        if (lower.endsWith(".pyz")) {
            return "zipapp";
        }
        if (lower.endsWith(".zip") && sdistLike) {
            return "sdist";
        }
        return "zip";
    }

    private static void pkgInfo(Scan scan, Map<String, Object> facts) {
        for (Map.Entry<String, byte[]> e : scan.metadata.entrySet()) {
            if (PKG_INFO.matcher(e.getKey()).matches()) {
                Map<String, List<String>> headers = WheelFacts.headers(e.getValue());
                Map<String, Object> info = new LinkedHashMap<>();
                WheelFacts.putFirst(info, "name", headers, "Name");
                WheelFacts.putFirst(info, "version", headers, "Version");
                WheelFacts.putFirst(info, "requiresPython", headers, "Requires-Python");
                facts.put("pkgInfo", info);
                return;
            }
        }
    }

    private static void javaFacts(Scan scan, Map<String, Object> facts) {
        byte[] manifest = null;
        for (Map.Entry<String, byte[]> e : scan.metadata.entrySet()) {
            if (e.getKey().equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                manifest = e.getValue();
            }
        }
        if (manifest != null) {
            Map<String, Object> values = new LinkedHashMap<>();
            try {
                java.util.jar.Attributes main = new java.util.jar.Manifest(new ByteArrayInputStream(manifest))
                        .getMainAttributes();
                for (String key : new String[] {"Multi-Release", "Automatic-Module-Name", "Bundle-NativeCode",
                    "Build-Jdk-Spec", "Created-By", "Main-Class", "Bundle-SymbolicName", "Implementation-Version"}) {
                    String value = main.getValue(key);
                    if (value != null) {
                        values.put(key, value);
                    }
                }
            } catch (IOException | RuntimeException e) {
                values.put("error", "manifest cannot be read: " + e.getMessage());
            }
            facts.put("manifest", values);
        }
        if (scan.classes > 0) {
            facts.put("classes", scan.classes);
        }
        if (scan.maxMajor > 0) {
            facts.put("classMajorMax", scan.maxMajor);
            facts.put("javaFloor", javaRelease(scan.maxMajor));
        }
        if (scan.moduleInfo) {
            facts.put("moduleInfo", true);
        }
        if (!scan.versionedReleases.isEmpty()) {
            facts.put("versionedReleases", new ArrayList<>(scan.versionedReleases));
        }
    }

    /** The Java release that a class file major version needs: 61 gives 17, 52 gives 8, 45 gives 1. */
    static int javaRelease(int major) {
        return Math.max(1, major - 44);
    }

    // ---------------------------------------------------------------- bytes

    private void failure(String location, String format, IOException e) {
        walk.failures().add(new ReadFailure(location, format, describe(e), -1));
    }

    private static String describe(IOException e) {
        if (e instanceof EOFException) {
            return "archive is truncated (unexpected end of data)" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The head bytes, then the rest of the stream; closing it closes nothing underneath. */
    private static InputStream concat(byte[] head, InputStream rest) {
        InputStream keepOpen = new java.io.FilterInputStream(rest) {
            @Override
            public void close() {
                // the stream underneath belongs to the archive being read
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(head), keepOpen);
    }

    private static boolean endsWithZipEnd(byte[] b) {
        for (int i = b.length - 22; i >= 0; i--) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
                int comment = (b[i + 20] & 0xff) | (b[i + 21] & 0xff) << 8;
                if (i + 22 + comment == b.length) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A buffer per thread for bytes that are only counted and hashed: a fresh one per entry was zeroed each time. */
    private static final ThreadLocal<byte[]> DRAIN_BUFFER = ThreadLocal.withInitial(() -> new byte[16384]);

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = DRAIN_BUFFER.get();
        while (in.read(buffer) >= 0) {
            // counted and hashed underneath
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Hands the bytes to the one worker that reads them, then lets them go. */
    private static Member.Loader onceLoader(byte[] data) {
        AtomicReference<byte[]> held = new AtomicReference<>(data);
        return () -> {
            byte[] bytes = held.getAndSet(null);
            if (bytes == null) {
                throw new IOException("member was already read");
            }
            return Bytes.of(bytes);
        };
    }
}
