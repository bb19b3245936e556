package dev.abilint.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files of this process (reports being written, standard input being spooled): each is
 * deleted by its owner when done, and whatever is left when the JVM shuts down (Ctrl-C, SIGTERM, an
 * error) is deleted by a shutdown hook, so an interrupted scan leaves nothing behind.
 */
public final class TempFiles {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    /** Set when the JVM shuts down: nothing new is created after the hook has cleaned up. */
    private static boolean closed;

    /** Creates something on disk (what {@code creator} returns) that {@code path} names. */
    @FunctionalInterface
    public interface Creator<T> {
        T create() throws IOException;
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteAll, "abilint-temp-cleanup"));
    }

    private TempFiles() {}

    /**
     * Creates a temporary file or directory at {@code path} and remembers it (a directory's files are deleted
     * with it). Creation and the shutdown hook's clean-up exclude each other, so a file made while the JVM is
     * being stopped is either cleaned up or never made.
     */
    public static synchronized <T> T create(Path path, Creator<T> creator) throws IOException {
        if (closed) {
            throw new IOException("abilint is shutting down");
        }
        LIVE.add(path);
        try {
            return creator.create();
        } catch (IOException | RuntimeException e) {
            LIVE.remove(path);
            throw e;
        }
    }

    /** Forgets a file that was renamed into place or already deleted. */
    public static void forget(Path path) {
        LIVE.remove(path);
    }

    /** Deletes a tracked file or directory tree now, quietly. */
    public static void delete(Path path) {
        deleteTree(path);
        LIVE.remove(path);
    }

    static synchronized void deleteAll() {
        closed = true;
        for (Path path : LIVE) {
            deleteTree(path);
        }
        LIVE.clear();
    }

    private static void deleteTree(Path path) {
        try {
            if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (var children = Files.list(path)) {
                    for (Path child : (Iterable<Path>) children::iterator) {
                        Files.deleteIfExists(child);
                    }
                }
            }
            Files.deleteIfExists(path);
        } catch (IOException | RuntimeException e) {
            // best effort: shutting down, or the file is already gone
        }
    }
}
