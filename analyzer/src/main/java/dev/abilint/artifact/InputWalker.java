package dev.abilint.artifact;

import dev.abilint.format.Bytes;
import dev.abilint.format.Format;
import dev.abilint.model.Artifact;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns input paths into artifacts and members: a file is one artifact, a directory is one
 * artifact whose members are the native files and archives below it (symbolic links are not
 * followed, so there are no cycles). Archives (zip, jar, wheel, egg, zipapp, tar, tar.gz; told
 * from their bytes) are streamed by {@link ArchiveScanner}, each its own artifact. Loose members
 * are mapped read-only when a worker loads them; class files are read on the spot.
 */
public final class InputWalker {
    /** Larger files are refused with a finding: a mapped buffer cannot hold them. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private final Limits limits;
    private final java.util.concurrent.Executor inflaters;
    private final java.util.Map<String, Path> sources;

    public InputWalker() {
        this(Limits.DEFAULTS);
    }

    /** A walker that inflates archive entries on its own thread. */
    public InputWalker(Limits limits) {
        this(limits, Runnable::run);
    }

    /** @param inflaters threads that inflate the entries of zips on disk ahead of the walker */
    public InputWalker(Limits limits, java.util.concurrent.Executor inflaters) {
        this(limits, inflaters, java.util.Map.of());
    }

    /** @param sources inputs read from another file than their name (standard input's spooled copy) */
    public InputWalker(Limits limits, java.util.concurrent.Executor inflaters, java.util.Map<String, Path> sources) {
        this.limits = limits;
        this.inflaters = inflaters;
        this.sources = java.util.Map.copyOf(sources);
    }

    public Walk walk(List<String> inputs) throws InputException {
        return walk(inputs, null);
    }

    /** Walks, handing every member to {@code sink} as soon as it is found (null: collect them in the walk). */
    public Walk walk(List<String> inputs, Walk.MemberSink sink) throws InputException {
        Walk walk = new Walk();
        walk.sendMembersTo(sink);
        List<Visit> visits = visits(inputs, walk);
        try (ArchiveScanner archives = new ArchiveScanner(walk, limits, inflaters)) {
            Lookahead sniffs = new Lookahead(visits);
            Artifact directory = null;
            for (int i = 0; i < visits.size(); i++) {
                Visit visit = visits.get(i);
                if (visit.file() == null) {
                    directory = new Artifact(visit.input(), "directory");
                    walk.artifacts().add(directory);
                } else if (visit.root() == null) {
                    walkFile(visit.input(), visit.file(), sniffs, i, walk, archives);
                } else {
                    walkDirectoryFile(visit, directory, sniffs, i, walk, archives);
                }
            }
        }
        return walk;
    }

    /**
     * One file to read, in walk order: an input file ({@code root} null), a file below an input directory, or
     * the start of an input directory ({@code file} null).
     */
    private record Visit(String input, Path root, Path file) {
        String location() {
            return root == null ? input : InputWalker.location(input, root, file);
        }
    }

    /** The files of every input, in walk order: directories are listed (sorted) before anything is read. */
    private List<Visit> visits(List<String> inputs, Walk walk) throws InputException {
        List<Visit> visits = new ArrayList<>();
        for (String input : inputs) {
            Path path = sources.containsKey(input) ? sources.get(input) : Path.of(input);
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
                throw new InputException("cannot read '" + input + "': no such file or directory");
            }
            if (Files.isDirectory(path)) {
                visits.add(new Visit(input, path, null));
                for (Path file : list(input, path, walk)) {
                    visits.add(new Visit(input, path, file));
                }
            } else if (Files.isRegularFile(path)) {
                visits.add(new Visit(input, null, path));
            } else {
                throw new InputException("cannot read '" + input + "': not a regular file or directory");
            }
        }
        return visits;
    }

    /**
     * What the visits are, each sniffed once: the walk asks for the one it reads and for the one after it (a
     * zip there is opened and read ahead while the one before it finishes).
     */
    private static final class Lookahead {
        private final List<Visit> visits;
        private int index = -1;
        private Sniffed sniffed;
        private IOException failure;

        Lookahead(List<Visit> visits) {
            this.visits = visits;
        }

        Sniffed sniff(int i) throws IOException {
            if (index != i) {
                index = i;
                sniffed = null;
                failure = null;
                try {
                    sniffed = InputWalker.sniff(visits.get(i).file());
                } catch (IOException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return sniffed;
        }

        /** The zip file that the walk reads after visit {@code i}, or null. */
        ZipOnDisk.Upcoming zipAfter(int i) {
            if (i + 1 >= visits.size() || visits.get(i + 1).file() == null) {
                return null;
            }
            Visit next = visits.get(i + 1);
            try {
                Sniffed s = sniff(i + 1);
                return s.container() == ArchiveScanner.Container.ZIP ? new ZipOnDisk.Upcoming(next.location(), next.file())
                        : null;
            } catch (IOException e) {
                return null; // reported in its turn
            }
        }
    }

    /** What a file is: a native format, a class file, a container, or nothing abilint reads. */
    private record Sniffed(Format format, ArchiveScanner.Container container, byte[] head) {}

    private void walkFile(String input, Path path, Lookahead sniffs, int visit, Walk walk, ArchiveScanner archives)
            throws InputException {
        if (!Files.isReadable(path)) {
            throw new InputException("cannot read '" + input + "': permission denied");
        }
        Sniffed sniffed;
        try {
            sniffed = sniffs.sniff(visit);
        } catch (IOException e) {
            throw new InputException("cannot read '" + input + "': " + describe(e));
        }
        if (sniffed.container() != null) {
            archives.scanFile(input, path, sniffed.container(), sniffs.zipAfter(visit));
            return;
        }
        Format format = sniffed.format();
        Artifact artifact = new Artifact(input, format.isNative() ? "binary"
                : format == Format.JAVA_CLASS ? "class" : "file");
        artifact.getFacts().put("format", format.name().toLowerCase(java.util.Locale.ROOT));
        walk.artifacts().add(artifact);
        if (format.isNative()) {
            artifact.getMembers().add(input);
            walk.addMember(new Member(input, format, () -> map(path), () -> declared(input)), 0);
        } else if (format == Format.JAVA_CLASS) {
            readClass(input, path, walk);
        } else {
            artifact.getFacts().put("head", Promised.shown(sniffed.head()));
            String promised = Promised.format(path.getFileName().toString());
            if (promised != null) { // an input named like a binary or archive: never data, always an error
                walk.failures().add(new dev.abilint.model.ReadFailure(input, promised,
                        Promised.reason(path.getFileName().toString(), sniffed.head()), -1));
            }
        }
    }

    /** The regular files below a directory, sorted; symbolic links are not followed. */
    private static List<Path> list(String input, Path root, Walk walk) throws InputException {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    walk.problems().add(new Walk.WalkProblem(location(input, root, file), describe(e)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InputException("cannot read '" + input + "': " + describe(e));
        }
        files.sort(null);
        return files;
    }

    private void walkDirectoryFile(Visit visit, Artifact artifact, Lookahead sniffs, int index, Walk walk,
            ArchiveScanner archives) {
        Path file = visit.file();
        String location = visit.location();
        String relative = visit.root().relativize(file).toString().replace(java.io.File.separatorChar, '/');
        try {
            Sniffed sniffed = sniffs.sniff(index);
            if (sniffed.container() != null) {
                artifact.getMembers().add(location);
                archives.scanFile(location, file, sniffed.container(), sniffs.zipAfter(index));
            } else if (sniffed.format().isNative()) {
                artifact.getMembers().add(location);
                walk.addMember(new Member(location, sniffed.format(), () -> map(file), () -> declared(relative)), 0);
            } else if (sniffed.format() == Format.JAVA_CLASS && file.toString().endsWith(".class")) {
                readClass(location, file, walk);
            } else if (Promised.of(relative) != null && !Promised.linkerScript(sniffed.head())) {
                walk.failures().add(new dev.abilint.model.ReadFailure(location, Promised.format(relative),
                        Promised.reason(relative, sniffed.head()), -1, Promised.testData(relative)));
            }
        } catch (IOException e) {
            walk.problems().add(new Walk.WalkProblem(location, describe(e)));
        }
    }

    static List<dev.abilint.model.Platform> declared(String path) {
        PathConventions.Match match = PathConventions.get().declared(path);
        return match == null ? List.of() : List.of(match.platform());
    }

    private static void readClass(String location, Path file, Walk walk) {
        try {
            walk.javaClasses().add(new dev.abilint.format.classfile.ClassFileReader().read(location, map(file)));
        } catch (dev.abilint.format.MalformedBinaryException e) {
            walk.failures().add(new dev.abilint.model.ReadFailure(location, "class", e.reason(), e.offset()));
        } catch (IOException e) {
            walk.failures().add(new dev.abilint.model.ReadFailure(location, "class", "cannot read: " + describe(e), -1));
        }
    }

    private static String location(String input, Path root, Path file) {
        String relative = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        return input.endsWith("/") ? input + relative : input + "/" + relative;
    }

    /** Bytes at the end of a file searched for a zip end record (its comment is at most 64 KiB). */
    private static final int EOCD_SEARCH = 22 + 0xffff;

    private static Sniffed sniff(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(TarReader.BLOCK);
            while (head.hasRemaining() && channel.read(head) > 0) {
                // keep reading: a channel may return fewer bytes than asked for
            }
            head.flip();
            byte[] first = new byte[head.remaining()];
            head.duplicate().get(first);
            Format format = Format.sniff(Bytes.of(head));
            switch (format) {
                case ZIP:
                    return new Sniffed(format, ArchiveScanner.Container.ZIP, first);
                case GZIP:
                    return new Sniffed(format, ArchiveScanner.Container.GZIP, first);
                case UNKNOWN:
                    byte[] block = new byte[head.remaining()];
                    head.get(block);
                    if (TarReader.looksLikeTar(block, block.length)) {
                        return new Sniffed(format, ArchiveScanner.Container.TAR, first);
                    }
                    if (hasZipEnd(channel)) { // a zip after a prefix: a zipapp's #! line, a self-extractor
                        return new Sniffed(Format.ZIP, ArchiveScanner.Container.ZIP, first);
                    }
                    return new Sniffed(format, null, first);
                default:
                    return new Sniffed(format, null, first);
            }
        }
    }

    /** Whether the end of the file holds a zip end-of-central-directory record. */
    private static boolean hasZipEnd(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 22) {
            return false;
        }
        int length = (int) Math.min(size, EOCD_SEARCH);
        ByteBuffer tail = ByteBuffer.allocate(length);
        long position = size - length;
        while (tail.hasRemaining()) {
            int n = channel.read(tail, position + tail.position());
            if (n < 0) {
                break;
            }
        }
        byte[] b = tail.array();
        for (int i = tail.position() - 22; i >= 0; i--) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
                int comment = (b[i + 20] & 0xff) | (b[i + 21] & 0xff) << 8;
                if (i + 22 + comment == tail.position()) {
                    return true;
                }
            }
        }
        return false;
    }

    static Bytes map(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > MAX_FILE_BYTES) {
                throw new IOException("file of " + size + " bytes is larger than abilint reads (2 GiB)");
            }
            return Bytes.of(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
