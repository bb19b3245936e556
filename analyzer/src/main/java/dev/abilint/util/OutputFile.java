package dev.abilint.util;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where an output (a report, a baseline) goes, and how it gets there without harming what is there:
 * <ul>
 *   <li>{@code -}: standard output;</li>
 *   <li>a character device, FIFO or socket ({@code /dev/null}, {@code /dev/stdout}, a named pipe): written
 *       directly, never renamed over;</li>
 *   <li>a regular file or a new path: written atomically, a temporary file beside the target and then a
 *       rename, so a reader never sees half a report; an existing file keeps its mode (and owner, where
 *       allowed), a new one gets the user's umask.</li>
 * </ul>
 * Symbolic links are followed to the file they name (also a dangling one: its target is created). Any write
 * error (a full disk, an I/O error, a closed pipe) is an {@link OutputException} naming the path, and leaves
 * no temporary file behind.
 */
public final class OutputFile {
    /** Links followed before giving up, as the kernel's ELOOP limit. */
    private static final int MAX_LINKS = 40;

    private OutputFile() {}

    /** What is written: the body gets a writer it must not close. */
    @FunctionalInterface
    public interface Body {
        void write(Writer out) throws IOException;
    }

    /** An output that could not be written: the message names the path and the reason. */
    public static final class OutputException extends IOException {
        private static final long serialVersionUID = 1L;

        OutputException(String what, String target, String reason) {
            super("cannot write the " + what + " to " + target + ": " + reason);
        }
    }

    /**
     * Writes {@code body} to {@code target} ({@code -} for {@code stdout}).
     *
     * @param what what is written, for messages: "report", "baseline"
     */
    public static void write(String what, String target, Body body, PrintStream stdout) throws OutputException {
        if ("-".equals(target)) {
            if (stdout == null) {
                throw new OutputException(what, "'-'", "standard output carries the report: give a file");
            }
            toStdout(what, body, stdout);
            return;
        }
        String shown = "'" + target + "'";
        Path path;
        try {
            path = resolveLinks(Path.of(target).toAbsolutePath());
        } catch (java.nio.file.InvalidPathException e) {
            throw new OutputException(what, shown, "not a valid path");
        } catch (IOException e) {
            throw new OutputException(what, shown, describe(e));
        }
        BasicFileAttributes attributes = attributes(path);
        if (attributes != null && attributes.isDirectory()) {
            throw new OutputException(what, shown, "it is a directory");
        }
        try {
            if (attributes != null && attributes.isOther()) {
                direct(path, body);
            } else {
                atomically(path, attributes != null, body);
            }
        } catch (IOException e) {
            throw new OutputException(what, shown, describe(e));
        }
    }

    /** Writes to standard output; a closed pipe or full device is an error, as for a file. */
    public static void toStdout(String what, Body body, PrintStream stdout) throws OutputException {
        Writer out = new OutputStreamWriter(stdout, StandardCharsets.UTF_8);
        try {
            render(body, out);
            out.flush();
        } catch (IOException e) {
            throw new OutputException(what, "standard output", describe(e));
        }
        if (stdout.checkError()) {
            throw new OutputException(what, "standard output", "the write failed (a closed pipe, or a full device)");
        }
    }

    /**
     * Runs the body on a writer it cannot close; a template engine that wraps the writer's IOException in its
     * own unchecked exception (Mustache does) gets it unwrapped, so a full disk is a write error and not an
     * internal one.
     */
    private static void render(Body body, Writer out) throws IOException {
        try {
            body.write(new java.io.FilterWriter(out) {
                @Override
                public void close() throws IOException {
                    out.flush();
                }
            });
        } catch (RuntimeException e) {
            for (Throwable cause = e.getCause(), seen = e; cause != null && cause != seen;
                    seen = cause, cause = cause.getCause()) {
                if (cause instanceof IOException io) {
                    throw io;
                }
            }
            throw e;
        }
    }

    /** The file a chain of symbolic links ends at; the path itself when it is no link. */
    static Path resolveLinks(Path path) throws IOException {
        Path current = path;
        for (int hops = 0; Files.isSymbolicLink(current); hops++) {
            if (hops == MAX_LINKS) {
                throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
            }
            Path link = Files.readSymbolicLink(current);
            Path parent = current.getParent();
            current = (parent == null ? link : parent.resolve(link)).normalize();
        }
        return current;
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null; // a new file (or one we cannot stat: the write below says why)
        }
    }

    private static void direct(Path path, Body body) throws IOException {
        try (OutputStream stream = Files.newOutputStream(path, StandardOpenOption.WRITE);
                Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8))) {
            render(body, out);
        }
    }

    private static void atomically(Path target, boolean exists, Body body) throws IOException {
        Path dir = target.getParent();
        Path temp = null;
        try {
            FileChannel channel = null;
            for (int attempt = 0; channel == null; attempt++) {
                temp = dir.resolve("." + target.getFileName() + "."
                        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
                Path candidate = temp;
                try {
                    // No file attributes: the mode is 0666 less the umask, as any program's new file.
                    channel = TempFiles.create(candidate, () -> FileChannel.open(candidate,
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
                } catch (FileAlreadyExistsException e) {
                    temp = null;
                    if (attempt == 10) {
                        throw e;
                    }
                }
            }
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                    StandardCharsets.UTF_8))) {
                render(body, out);
                out.flush();
                channel.force(false);
            }
            if (exists) {
                keepModeAndOwner(target, temp);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            TempFiles.forget(temp);
        } catch (IOException | RuntimeException e) {
            if (temp != null) {
                TempFiles.delete(temp);
            }
            throw e;
        }
    }

    private static void keepModeAndOwner(Path target, Path temp) {
        try {
            PosixFileAttributes old = Files.readAttributes(target, PosixFileAttributes.class);
            Files.setPosixFilePermissions(temp, old.permissions());
            try {
                Files.setOwner(temp, old.owner());
                Files.getFileAttributeView(temp, java.nio.file.attribute.PosixFileAttributeView.class)
                        .setGroup(old.group());
            } catch (IOException | SecurityException e) {
                // only root may give a file away; the mode is what matters
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: the new file keeps the defaults
        }
    }

    /** The reason, without Java's exception class names: "No space left on device", "Permission denied". */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException n && n.getFile() != null) {
            Path parent = Path.of(n.getFile()).getParent();
            if (parent != null && Files.isDirectory(parent)) {
                return "files cannot be created in " + (parent.toString());
            }
            return "no such directory" + (parent == null ? "" : " (" + (parent.toString()) + ")");
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return (f.getReason());
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : (message);
    }
}
