package dev.abilint.remote;

import dev.abilint.artifact.InputException;
import dev.abilint.artifact.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** Hashing and the cache's atomic writes, shared by the Maven and the PyPI resolver. */
final class Downloads {
    /** The largest artifact downloaded: the largest input abilint reads. */
    static final long MAX_BYTES = Limits.DEFAULTS.maxTotalBytes();

    private Downloads() {}

    /** Java's name of a hash named as in PEP 503 fragments and Maven checksum files, or null if unknown. */
    static String javaName(String algorithm) {
        return switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            case "sha384" -> "SHA-384";
            case "sha1" -> "SHA-1";
            case "sha224" -> "SHA-224";
            case "md5" -> "MD5";
            default -> null;
        };
    }

    static MessageDigest digest(String javaName) {
        try {
            return MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(javaName + " is part of every Java runtime", e);
        }
    }

    static String hashOf(Path file, String javaName) throws IOException {
        MessageDigest digest = digest(javaName);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Downloads {@code uri} into {@code target} through a temporary file beside it, checking the bytes against
     * {@code expectedHex} (a {@code javaName} hash) before the rename: the cache never holds an unverified file.
     *
     * @return false when the URL is not found (nothing written)
     */
    static boolean fetchVerified(Transport transport, URI uri, Path target, String javaName, String expectedHex,
            String what) throws InputException {
        MessageDigest digest = digest(javaName);
        Path tmp = temporary(target);
        try {
            int status = transport.download(uri, tmp, digest, MAX_BYTES, what);
            if (status == 404 || status == 410) {
                return false;
            }
            if (status / 100 != 2) {
                throw new InputException("cannot download " + what + " from " + uri + ": HTTP status " + status);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(expectedHex.trim())) {
                throw new InputException("hash mismatch for " + what + " from " + uri + ": its "
                        + javaName.toLowerCase(Locale.ROOT).replace("-", "") + " is " + actual + ", the index says "
                        + expectedHex.trim() + " (nothing was kept; a proxy or mirror may serve a different file)");
            }
            move(tmp, target);
            return true;
        } catch (IOException e) {
            throw new InputException("cannot download " + what + " from " + uri + ": " + describe(e));
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: a stray temporary file in the cache is harmless
            }
        }
    }

    static Path temporary(Path target) throws InputException {
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new InputException("cannot create the cache directory " + target.getParent() + ": " + describe(e));
        }
        return target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".part");
    }

    static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes a small file of the cache atomically. */
    static void writeAtomically(Path target, byte[] bytes) throws InputException {
        Path tmp = temporary(target);
        try {
            Files.write(tmp, bytes, java.nio.file.StandardOpenOption.CREATE_NEW);
            move(tmp, target);
        } catch (IOException e) {
            throw new InputException("cannot write to the cache " + target + ": " + describe(e));
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    static String describe(IOException e) {
        if (e instanceof java.net.ConnectException || e instanceof java.net.http.HttpConnectTimeoutException) {
            return "cannot connect" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                    + "; use --offline to scan what is in the cache";
        }
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host " + e.getMessage() + "; use --offline to scan what is in the cache";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
