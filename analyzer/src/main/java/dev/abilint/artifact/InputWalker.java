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
 * artifact whose members are the native files below it (symbolic links to directories are not
 * followed, so there are no cycles). Members are mapped read-only when a worker loads them.
 */
public final class InputWalker {
    /** Larger files are refused with a finding: a mapped buffer cannot hold them. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    public Walk walk(List<String> inputs) throws InputException {
        Walk walk = new Walk();
        for (String input : inputs) {
            Path path = Path.of(input);
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
                throw new InputException("cannot read '" + input + "': no such file or directory");
            }
            if (Files.isDirectory(path)) {
                walkDirectory(input, path, walk);
            } else if (Files.isRegularFile(path)) {
                walkFile(input, path, walk);
            } else {
                throw new InputException("cannot read '" + input + "': not a regular file or directory");
            }
        }
        return walk;
    }

    private static void walkFile(String input, Path path, Walk walk) throws InputException {
        if (!Files.isReadable(path)) {
            throw new InputException("cannot read '" + input + "': permission denied");
        }
        Format format;
        try {
            format = sniff(path);
        } catch (IOException e) {
            throw new InputException("cannot read '" + input + "': " + describe(e));
        }
        Artifact artifact = new Artifact(input, format.isNative() ? "binary" : "file");
        artifact.getFacts().put("format", format.name().toLowerCase(java.util.Locale.ROOT));
        walk.artifacts().add(artifact);
        if (format.isNative()) {
            artifact.getMembers().add(input);
            walk.members().add(new Member(input, format, () -> map(path)));
        }
    }

    private static void walkDirectory(String input, Path root, Walk walk) throws InputException {
        Artifact artifact = new Artifact(input, "directory");
        walk.artifacts().add(artifact);
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
        for (Path file : files) {
            String location = location(input, root, file);
            try {
                Format format = sniff(file);
                if (format.isNative()) {
                    artifact.getMembers().add(location);
                    walk.members().add(new Member(location, format, () -> map(file)));
                }
            } catch (IOException e) {
                walk.problems().add(new Walk.WalkProblem(location, describe(e)));
            }
        }
    }

    private static String location(String input, Path root, Path file) {
        String relative = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        return input.endsWith("/") ? input + relative : input + "/" + relative;
    }

    private static Format sniff(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(Format.SNIFF_BYTES);
            while (head.hasRemaining() && channel.read(head) > 0) {
                // keep reading: a channel may return fewer bytes than asked for
            }
            head.flip();
            return Format.sniff(Bytes.of(head));
        }
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
