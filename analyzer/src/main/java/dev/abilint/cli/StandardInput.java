package dev.abilint.cli;

import dev.abilint.artifact.InputException;
import dev.abilint.artifact.Limits;
import dev.abilint.util.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code abilint scan -}: one artifact read from standard input ({@code curl ... | abilint scan -}). A zip
 * needs its central directory at the end, so the stream is spooled to a private temporary file first
 * (bounded by the input limit, deleted when the scan is done or interrupted); its file name is
 * {@code --name} when given, so that a wheel's tags apply.
 *
 * @param displayName where findings say the input is: the {@code --name}, else {@code stdin}
 * @param file the spooled copy
 */
record StandardInput(String displayName, Path file) {
    /** The input argument that means standard input. */
    static final String ARGUMENT = "-";

    static StandardInput spool(InputStream in, String name) throws InputException {
        String display = name == null ? "stdin" : name;
        String fileName = name == null ? "stdin" : Path.of(name.replace('\\', '/')).getFileName().toString();
        long limit = Limits.DEFAULTS.maxTotalBytes();
        Path dir = null;
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Path made = tmp.resolve("abilint-stdin-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
            Path file = made.resolve(fileName);
            OutputStream spool = TempFiles.create(made, () -> {
                if (made.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectory(made, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                            "rwx------")));
                } else {
                    Files.createDirectory(made);
                }
                return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
            });
            dir = made;
            long copied = 0;
            byte[] buffer = new byte[1 << 16];
            try (OutputStream out = spool) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    copied += n;
                    if (copied > limit) {
                        throw new InputException("standard input is larger than " + (limit >> 30)
                                + " GiB, the limit of one input");
                    }
                    out.write(buffer, 0, n);
                }
            }
            return new StandardInput(display, file);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            if (dir != null) {
                TempFiles.delete(dir);
            }
            throw new InputException("cannot read standard input: " + e.getMessage());
        } catch (InputException e) {
            if (dir != null) {
                TempFiles.delete(dir);
            }
            throw e;
        }
    }

    void delete() {
        TempFiles.delete(file.getParent());
    }
}
