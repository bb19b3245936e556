package dev.abilint.remote;

import dev.abilint.artifact.InputException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code maven:} coordinates to files: the user's local Maven repository first (a file there is
 * used as it is, as Maven would), then abilint's cache, then the repositories of {@link RemoteSettings}
 * (settings.xml's mirror of Central, else Maven Central). A download is checked against the strongest
 * checksum the repository publishes beside it ({@code .sha512}, {@code .sha256}, then {@code .sha1}) before
 * it enters the cache; the checksum file is kept next to it and checked again when the cache is used.
 *
 * <p>{@code :*} (every classifier): Maven's metadata does not list classifiers, so abilint reads the release
 * directory's index, as a browser shows it ({@code https://repo.maven.apache.org/maven2/G/A/V/}; a
 * {@code file:} repository's directory is listed directly), and takes every {@code A-V[-C].jar} (and
 * {@code .aar}) in it but sources and javadoc. Where the repository serves no directory index (some
 * repository managers and proxies), the release's Gradle module metadata ({@code A-V.module}) lists the files
 * of its variants when it was published with Gradle; without either, name the classifiers. Offline, {@code :*} means the files of the release already in the cache or local
 * repository.
 */
final class MavenResolver {
    private static final List<String> CHECKSUMS = List.of("sha512", "sha256", "sha1");
    /** Classifiers that hold no binaries: left out of {@code :*} (name one to scan it). */
    private static final java.util.Set<String> SKIPPED = java.util.Set.of("sources", "javadoc", "test-sources",
            "test-javadoc");
    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private final RemoteSettings settings;
    private final Transport transport;

    MavenResolver(RemoteSettings settings, Transport transport) {
        this.settings = settings;
        this.transport = transport;
    }

    List<ResolvedInput> resolve(String argument) throws InputException {
        MavenCoordinate c = MavenCoordinate.parse(argument);
        List<ResolvedInput> out = new ArrayList<>();
        if ("*".equals(c.classifier())) {
            for (String[] file : everyFile(c)) {
                String classifier = file[0].isEmpty() ? null : file[0];
                out.add(new ResolvedInput(argument, c.location(classifier, file[1]), one(c, classifier, file[1])));
            }
        } else {
            out.add(new ResolvedInput(argument, c.location(c.classifier(), c.extension()),
                    one(c, c.classifier(), c.extension())));
        }
        return out;
    }

    /** The local file of one artifact, downloading it when needed. */
    private Path one(MavenCoordinate c, String classifier, String extension) throws InputException {
        String name = c.fileName(classifier, extension);
        String relative = c.directory() + name;
        if (settings.mavenLocal() != null) {
            Path local = settings.mavenLocal().resolve(relative);
            if (Files.isRegularFile(local)) {
                return local;
            }
        }
        Path cached = settings.cache().resolve("maven").resolve(relative);
        if (Files.isRegularFile(cached)) {
            if (cachedIsIntact(cached)) {
                return cached;
            }
            if (settings.offline()) {
                throw new InputException(what(c, classifier, extension) + ": the cached " + cached
                        + " does not match its checksum (delete it, or run without --offline to download it again)");
            }
        }
        if (settings.offline()) {
            throw new InputException(what(c, classifier, extension) + " is not in the cache (" + cached.getParent()
                    + ") or the local Maven repository, and --offline forbids downloading it");
        }
        List<String> tried = new ArrayList<>();
        for (URI repository : settings.mavenRepositories()) {
            URI uri = repository.resolve(relative);
            tried.add(repository.toString());
            Checksum checksum = checksum(uri, what(c, classifier, extension));
            if (checksum == null) {
                if (!exists(uri)) {
                    continue;
                }
                throw new InputException(what(c, classifier, extension) + " at " + uri
                        + " has no published checksum (.sha512, .sha256 or .sha1), so abilint cannot verify it");
            }
            if (Downloads.fetchVerified(transport, uri, cached, Downloads.javaName(checksum.algorithm()),
                    checksum.hex(), what(c, classifier, extension))) {
                Downloads.writeAtomically(cached.resolveSibling(name + "." + checksum.algorithm()),
                        (checksum.hex() + "\n").getBytes(StandardCharsets.US_ASCII));
                return cached;
            }
        }
        throw new InputException(what(c, classifier, extension) + " not found (looked in " + String.join(", ", tried)
                + (settings.mavenLocal() != null ? " and " + settings.mavenLocal() : "") + ")");
    }

    private static String what(MavenCoordinate c, String classifier, String extension) {
        return c.location(classifier, extension);
    }

    private record Checksum(String algorithm, String hex) {}

    /** The strongest checksum published beside {@code artifact}, or null when there is none. */
    private Checksum checksum(URI artifact, String what) throws InputException {
        for (String algorithm : CHECKSUMS) {
            URI uri = URI.create(artifact + "." + algorithm);
            Transport.Response response;
            try {
                response = transport.get(uri, "text/plain, */*", 4096);
            } catch (IOException e) {
                throw new InputException("cannot download the checksum of " + what + " from " + uri + ": "
                        + Downloads.describe(e));
            }
            if (response.ok()) {
                String text = new String(response.body(), StandardCharsets.US_ASCII).trim();
                String hex = text.isEmpty() ? "" : text.split("\\s+")[0].toLowerCase(Locale.ROOT);
                int expected = switch (algorithm) {
                    case "sha512" -> 128;
                    case "sha256" -> 64;
                    default -> 40;
                };
                if (hex.length() != expected || !hex.matches("[0-9a-f]+")) {
                    throw new InputException("the checksum " + uri + " of " + what + " is not a " + algorithm
                            + " hash: '" + dev.abilint.report.Escape.terminal(text.length() > 80 ? text.substring(0, 80)
                            : text) + "'");
                }
                return new Checksum(algorithm, hex);
            }
            if (response.status() != 404 && response.status() != 410) {
                throw new InputException("cannot download the checksum of " + what + " from " + uri + ": HTTP status "
                        + response.status());
            }
        }
        return null;
    }

    private boolean exists(URI uri) throws InputException {
        try {
            Path tmp = Files.createTempFile("abilint-probe", ".part");
            try {
                Files.delete(tmp);
                return transport.download(uri, tmp, Downloads.digest("SHA-1"), Downloads.MAX_BYTES, uri.toString())
                        / 100 == 2;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new InputException("cannot download " + uri + ": " + Downloads.describe(e));
        }
    }

    /** A cached file checked again against the checksum kept beside it (a file without one is not trusted). */
    private static boolean cachedIsIntact(Path cached) throws InputException {
        for (String algorithm : CHECKSUMS) {
            Path sum = cached.resolveSibling(cached.getFileName() + "." + algorithm);
            if (Files.isRegularFile(sum)) {
                try {
                    String expected = Files.readString(sum, StandardCharsets.US_ASCII).trim();
                    return Downloads.hashOf(cached, Downloads.javaName(algorithm)).equalsIgnoreCase(expected);
                } catch (IOException e) {
                    throw new InputException("cannot read the cache " + cached + ": " + Downloads.describe(e));
                }
            }
        }
        return false;
    }

    /**
     * The file names of a release from its Gradle module metadata ({@code A-V.module}: every variant's files),
     * for repositories that serve no directory index; false when there is none.
     */
    private boolean fromModuleMetadata(MavenCoordinate c, java.util.Set<String> names) throws InputException {
        for (URI repository : settings.mavenRepositories()) {
            URI uri = repository.resolve(c.directory() + c.artifact() + "-" + c.version() + ".module");
            try {
                Transport.Response response = transport.get(uri, "application/json, */*", 16L << 20);
                if (!response.ok()) {
                    continue;
                }
                com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(response.body());
                for (com.fasterxml.jackson.databind.JsonNode variant : root.path("variants")) {
                    for (com.fasterxml.jackson.databind.JsonNode file : variant.path("files")) {
                        String name = file.path("name").asText("");
                        if (!name.isEmpty() && !name.contains("/")) {
                            names.add(name);
                        }
                    }
                }
                return !names.isEmpty();
            } catch (IOException e) {
                throw new InputException("cannot read " + uri + ": " + Downloads.describe(e));
            }
        }
        return false;
    }

    /** Every {classifier ("" for the main artifact), extension} of the release, sorted, main first. */
    private List<String[]> everyFile(MavenCoordinate c) throws InputException {
        TreeSet<String> names = new TreeSet<>();
        if (settings.offline()) {
            for (Path dir : new Path[] {settings.cache().resolve("maven").resolve(c.directory()),
                    settings.mavenLocal() == null ? null : settings.mavenLocal().resolve(c.directory())}) {
                if (dir != null && Files.isDirectory(dir)) {
                    try (var files = Files.list(dir)) {
                        files.forEach(p -> names.add(p.getFileName().toString()));
                    } catch (IOException e) {
                        throw new InputException("cannot list " + dir + ": " + Downloads.describe(e));
                    }
                }
            }
        } else {
            boolean listed = false;
            for (URI repository : settings.mavenRepositories()) {
                URI dir = repository.resolve(c.directory());
                Transport.Response response;
                try {
                    response = transport.get(dir, "text/html, */*", 16L << 20);
                } catch (IOException e) {
                    throw new InputException("cannot list the files of " + c.gav() + " at " + dir + ": "
                            + Downloads.describe(e));
                }
                if (!response.ok()) {
                    continue;
                }
                listed = true;
                Matcher m = HREF.matcher(new String(response.body(), StandardCharsets.UTF_8));
                while (m.find()) {
                    String href = m.group(1);
                    href = href.substring(href.lastIndexOf('/', href.length() - 2) + 1);
                    names.add(java.net.URLDecoder.decode(href, StandardCharsets.UTF_8));
                }
                break;
            }
            if (!listed) {
                listed = fromModuleMetadata(c, names);
            }
            if (!listed) {
                throw new InputException("maven:" + c.gav() + " not found: no release directory " + c.directory()
                        + " in " + settings.mavenRepositories().stream().map(URI::toString).toList()
                        + " (or it serves no directory index and the release has no Gradle module metadata: name the"
                        + " classifier instead of *)");
            }
        }
        List<String[]> out = new ArrayList<>();
        String prefix = c.artifact() + "-" + c.version();
        for (String name : names) {
            if (!name.startsWith(prefix)) {
                continue;
            }
            int dot = name.lastIndexOf('.');
            if (dot < prefix.length()) {
                continue;
            }
            String extension = name.substring(dot + 1);
            boolean wanted = c.extension() == null ? extension.equals("jar") || extension.equals("aar")
                    : extension.equals(c.extension());
            String middle = name.substring(prefix.length(), dot);
            if (!wanted || !(middle.isEmpty() || middle.startsWith("-") && middle.length() > 1)) {
                continue;
            }
            String classifier = middle.isEmpty() ? "" : middle.substring(1);
            if (!classifier.isEmpty() && !classifier.matches("[A-Za-z0-9_.+-]+") || SKIPPED.contains(classifier)) {
                continue;
            }
            out.add(new String[] {classifier, extension});
        }
        out.sort((a, b) -> a[0].isEmpty() != b[0].isEmpty() ? (a[0].isEmpty() ? -1 : 1)
                : (a[0] + "@" + a[1]).compareTo(b[0] + "@" + b[1]));
        if (out.isEmpty()) {
            throw new InputException("maven:" + c.gav() + " has no " + (c.extension() == null ? "jar or aar"
                    : c.extension()) + " files" + (settings.offline() ? " in the cache or the local Maven repository"
                    + " (--offline)" : ""));
        }
        return out;
    }
}
