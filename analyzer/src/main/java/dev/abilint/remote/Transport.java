package dev.abilint.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads URLs: {@code http}/{@code https} with {@link HttpClient} (redirects followed, the JVM's proxy
 * settings), {@code file} from the disk (a local repository or index in tests and air-gapped mirrors).
 * Every body is bounded; downloads are hashed while they are written.
 */
final class Transport {
    /** A response: {@code status} 200 for found, 404 for not found (a missing file too). */
    record Response(int status, byte[] body, String contentType, URI uri) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** A body that is larger than the caller allows. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }

    private static final String USER_AGENT = "abilint";
    private static final long PROGRESS_FROM_BYTES = 1L << 20;
    private final PrintStream progress;
    private HttpClient client;

    Transport(PrintStream progress) {
        this.progress = progress;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30)).proxy(ProxySelector.getDefault()).build();
        }
        return client;
    }

    /** A small body (an index page, a checksum file, a directory listing), at most {@code limit} bytes. */
    Response get(URI uri, String accept, long limit) throws IOException {
        if ("file".equals(uri.getScheme())) {
            Path path = Path.of(uri);
            if (Files.isDirectory(path)) {
                Path index = path.resolve("index.html"); // a PEP 503 index laid out as files, as a web server serves it
                if (Files.isRegularFile(index) && Files.size(index) > limit) {
                    throw new TooLargeException(index + " is larger than " + limit + " bytes");
                }
                return Files.isRegularFile(index) ? new Response(200, Files.readAllBytes(index), "text/html", uri)
                        : new Response(200, directoryListing(path), "text/html", uri);
            }
            if (!Files.isRegularFile(path)) {
                return new Response(404, new byte[0], null, uri);
            }
            if (Files.size(path) > limit) {
                throw new TooLargeException(uri + " is larger than " + limit + " bytes");
            }
            return new Response(200, Files.readAllBytes(path), guessType(path), uri);
        }
        HttpResponse<InputStream> response = send(uri, accept);
        try (InputStream in = response.body()) {
            if (response.statusCode() / 100 != 2) {
                return new Response(response.statusCode(), new byte[0], null, response.uri());
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw new TooLargeException(uri + " is larger than " + limit + " bytes");
            }
            return new Response(response.statusCode(),
                    body, response.headers().firstValue("Content-Type").orElse(null), response.uri());
        }
    }

    /**
     * Writes the body of {@code uri} to {@code target} (which must not exist), at most {@code limit} bytes,
     * feeding {@code digest}; returns the HTTP status (404 when not found; nothing is written then).
     */
    int download(URI uri, Path target, MessageDigest digest, long limit, String what) throws IOException {
        InputStream body;
        long length;
        if ("file".equals(uri.getScheme())) {
            Path path = Path.of(uri);
            if (!Files.isRegularFile(path)) {
                return 404;
            }
            length = Files.size(path);
            try {
                body = Files.newInputStream(path);
            } catch (NoSuchFileException e) {
                return 404;
            }
        } else {
            HttpResponse<InputStream> response = send(uri, "*/*");
            if (response.statusCode() / 100 != 2) {
                response.body().close();
                return response.statusCode();
            }
            body = response.body();
            length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        }
        if (length > limit) {
            body.close();
            throw new TooLargeException(what + " is " + length + " bytes, more than abilint reads (" + limit + ")");
        }
        boolean show = progress != null && (length < 0 || length >= PROGRESS_FROM_BYTES)
                && !"file".equals(uri.getScheme());
        if (show) {
            progress.println("abilint: downloading " + what + (length >= 0 ? " (" + megabytes(length) + ")" : "")
                    + " from " + uri.getHost());
            progress.flush();
        }
        long copied = 0;
        long nextReport = 16L << 20;
        long started = System.nanoTime();
        try (InputStream in = body; OutputStream out = Files.newOutputStream(target,
                java.nio.file.StandardOpenOption.CREATE_NEW)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                copied += n;
                if (copied > limit) {
                    throw new TooLargeException(what + " is larger than abilint reads (" + limit + " bytes)");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                if (show && copied >= nextReport) {
                    nextReport += 16L << 20;
                    progress.println("abilint:   " + megabytes(copied)
                            + (length > 0 ? " of " + megabytes(length) : "") + "...");
                    progress.flush();
                }
            }
        }
        if (show) {
            progress.printf(Locale.ROOT, "abilint:   %s in %.1f s%n", megabytes(copied),
                    (System.nanoTime() - started) / 1e9);
            progress.flush();
        }
        return 200;
    }

    private HttpResponse<InputStream> send(URI uri, String accept) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).header("User-Agent", USER_AGENT).header("Accept", accept)
                .timeout(Duration.ofMinutes(10)).GET().build();
        try {
            return client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + uri);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot read " + uri + ": " + e.getMessage());
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String guessType(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".json") ? "application/json" : name.endsWith(".html") ? "text/html" : null;
    }

    /** A local directory as a minimal HTML index, like a web server's, so that one parser serves both. */
    private static byte[] directoryListing(Path dir) throws IOException {
        StringBuilder html = new StringBuilder("<html><body>\n");
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                String name = p.getFileName().toString() + (Files.isDirectory(p) ? "/" : "");
                String href = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20").replace("%2F", "/");
                html.append("<a href=\"").append(href).append("\">").append(name.replace("&", "&amp;")
                        .replace("<", "&lt;")).append("</a>\n");
            }
        }
        return html.append("</body></html>\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
