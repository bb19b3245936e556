package dev.abilint.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.abilint.artifact.InputException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code pypi:NAME==VERSION} to every file of that release (wheels, sdists, eggs) from a simple
 * index: PEP 691's JSON when the index serves it, else PEP 503's HTML (an {@code http.server} over a
 * directory, a devpi or a proxy). Each file is checked against the hash the index gives for it (JSON
 * {@code hashes}, or the URL's {@code #sha256=} fragment) before it enters the cache; a file the index gives
 * no hash for is refused. The release's file list and hashes are kept in the cache, so that {@code --offline}
 * finds the same files, checked again.
 */
final class PypiResolver {
    static final String ACCEPT = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2,"
            + " text/html;q=0.01";
    private static final Pattern ANCHOR = Pattern.compile("<a\\s[^>]*?href\\s*=\\s*[\"']([^\"']*)[\"'][^>]*>(.*?)</a>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+!_-]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RemoteSettings settings;
    private final Transport transport;

    PypiResolver(RemoteSettings settings, Transport transport) {
        this.settings = settings;
        this.transport = transport;
    }

    /** One file of a release as the index lists it. */
    record IndexFile(String filename, URI url, String algorithm, String hash) {}

    List<ResolvedInput> resolve(String argument) throws InputException {
        String spec = argument.substring("pypi:".length());
        int eq = spec.indexOf("==");
        String name = eq < 0 ? "" : spec.substring(0, eq).trim();
        String version = eq < 0 ? "" : spec.substring(eq + 2).trim();
        if (!NAME.matcher(name).matches() || !VERSION.matcher(version).matches()) {
            throw new InputException("'" + argument + "' is not a PyPI release: write pypi:NAME==VERSION, e.g."
                    + " pypi:numpy==2.1.0");
        }
        String project = normalize(name);
        Path dir = settings.cache().resolve("pypi").resolve(project).resolve(version.toLowerCase(Locale.ROOT));
        Path listing = dir.resolve("files.json");
        List<IndexFile> files;
        if (settings.offline()) {
            if (!Files.isRegularFile(listing)) {
                throw new InputException(argument + " is not in the cache (" + dir + "), and --offline forbids"
                        + " asking the index");
            }
            files = readListing(listing);
        } else {
            files = release(project, version, argument);
            Downloads.writeAtomically(listing, listingJson(files));
        }
        List<ResolvedInput> out = new ArrayList<>();
        for (IndexFile file : files) {
            Path target = dir.resolve(file.filename());
            String javaName = Downloads.javaName(file.algorithm());
            String location = "pypi:" + name + "==" + version + "/" + file.filename();
            boolean intact;
            try {
                intact = Files.isRegularFile(target)
                        && Downloads.hashOf(target, javaName).equalsIgnoreCase(file.hash());
            } catch (IOException e) {
                throw new InputException("cannot read the cache " + target + ": " + Downloads.describe(e));
            }
            if (!intact) {
                if (settings.offline()) {
                    throw new InputException(location + " is not in the cache" + (Files.exists(target)
                            ? " (the cached file does not match its hash)" : "") + ", and --offline forbids"
                            + " downloading it");
                }
                if (!Downloads.fetchVerified(transport, file.url(), target, javaName, file.hash(), file.filename())) {
                    throw new InputException("cannot download " + file.filename() + " from " + file.url()
                            + ": not found, though the index lists it");
                }
            }
            out.add(new ResolvedInput(argument, location, target));
        }
        return out;
    }

    /** The files of one release, from the project's page of the index. */
    private List<IndexFile> release(String project, String version, String argument) throws InputException {
        URI page = settings.indexUrl().resolve(project + "/");
        Transport.Response response;
        try {
            response = transport.get(page, ACCEPT, 256L << 20);
        } catch (IOException e) {
            throw new InputException("cannot read the index page " + page + ": " + Downloads.describe(e));
        }
        if (response.status() == 404 || response.status() == 410) {
            throw new InputException(argument + ": no project '" + project + "' in the index " + settings.indexUrl());
        }
        if (!response.ok()) {
            throw new InputException("cannot read the index page " + page + ": HTTP status " + response.status());
        }
        String type = response.contentType() == null ? "" : response.contentType().toLowerCase(Locale.ROOT);
        List<IndexFile> all = type.contains("json") ? fromJson(response.body(), response.uri(), page)
                : fromHtml(new String(response.body(), StandardCharsets.UTF_8), response.uri());
        List<IndexFile> out = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        for (IndexFile file : all) {
            String[] nv = nameAndVersion(file.filename());
            if (nv == null || !normalize(nv[0]).equals(project)) {
                continue;
            }
            if (!nv[1].equalsIgnoreCase(version)) {
                if (!versions.contains(nv[1]) && versions.size() < 200) {
                    versions.add(nv[1]);
                }
                continue;
            }
            if (file.algorithm() == null) {
                throw new InputException(argument + ": the index gives no hash for " + file.filename()
                        + ", so abilint cannot verify it");
            }
            out.add(file);
        }
        if (out.isEmpty()) {
            String known = versions.isEmpty() ? "" : " (it has " + String.join(", ",
                    versions.subList(Math.max(0, versions.size() - 8), versions.size())) + (versions.size() > 8
                    ? " and " + (versions.size() - 8) + " more" : "") + ")";
            throw new InputException(argument + ": no files of version " + version + " of '" + project
                    + "' in the index " + settings.indexUrl() + known);
        }
        return out;
    }

    private static List<IndexFile> fromJson(byte[] body, URI base, URI page) throws InputException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new InputException("the index page " + page + " is not valid JSON: " + e.getMessage());
        }
        List<IndexFile> out = new ArrayList<>();
        for (JsonNode f : root.path("files")) {
            String filename = f.path("filename").asText("");
            String url = f.path("url").asText("");
            if (filename.isEmpty() || url.isEmpty()) {
                continue;
            }
            String algorithm = null;
            String hash = null;
            for (String a : List.of("sha256", "sha512", "sha384")) {
                if (f.path("hashes").hasNonNull(a)) {
                    algorithm = a;
                    hash = f.path("hashes").path(a).asText();
                    break;
                }
            }
            IndexFile file = file(filename, url, base, algorithm, hash);
            if (file != null) {
                out.add(file);
            }
        }
        return out;
    }

    private static List<IndexFile> fromHtml(String html, URI base) {
        List<IndexFile> out = new ArrayList<>();
        Matcher m = ANCHOR.matcher(html);
        while (m.find()) {
            String href = unescape(m.group(1));
            String text = unescape(m.group(2).replaceAll("<[^>]*>", "").trim());
            String algorithm = null;
            String hash = null;
            int hashAt = href.indexOf('#');
            if (hashAt >= 0) {
                String fragment = href.substring(hashAt + 1);
                int eq = fragment.indexOf('=');
                if (eq > 0 && Downloads.javaName(fragment.substring(0, eq)) != null) {
                    algorithm = fragment.substring(0, eq).toLowerCase(Locale.ROOT);
                    hash = fragment.substring(eq + 1);
                }
                href = href.substring(0, hashAt);
            }
            String filename = text.isEmpty() ? href.substring(href.lastIndexOf('/') + 1) : text;
            IndexFile file = file(filename, href, base, algorithm, hash);
            if (file != null) {
                out.add(file);
            }
        }
        return out;
    }

    /** A listed file, or null when its name could leave the cache directory or its URL is not one. */
    private static IndexFile file(String filename, String url, URI base, String algorithm, String hash) {
        if (filename.contains("/") || filename.contains("\\") || filename.startsWith(".") || filename.indexOf('\0') >= 0
                || filename.length() > 255) {
            return null;
        }
        URI resolved;
        try {
            resolved = base.resolve(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (resolved.getScheme() == null || !List.of("http", "https", "file").contains(resolved.getScheme())) {
            return null;
        }
        if (hash != null && !hash.matches("[0-9a-fA-F]{32,128}")) {
            algorithm = null;
            hash = null;
        }
        return new IndexFile(filename, resolved, algorithm, hash == null ? null : hash.toLowerCase(Locale.ROOT));
    }

    /** {name, version} of a wheel, sdist or egg file name; null for other files. */
    static String[] nameAndVersion(String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".whl") || lower.endsWith(".egg")) {
            String[] parts = filename.substring(0, filename.length() - 4).split("-");
            return parts.length >= 2 ? new String[] {parts[0], parts[1]} : null;
        }
        for (String ext : List.of(".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".zip", ".tar")) {
            if (lower.endsWith(ext)) {
                String stem = filename.substring(0, filename.length() - ext.length());
                int dash = stem.lastIndexOf('-');
                return dash <= 0 ? null : new String[] {stem.substring(0, dash), stem.substring(dash + 1)};
            }
        }
        return null;
    }

    /** PEP 503's normalized project name. */
    static String normalize(String name) {
        return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&amp;", "&");
    }

    private static byte[] listingJson(List<IndexFile> files) {
        ArrayNode array = JSON.createArrayNode();
        for (IndexFile f : files) {
            ObjectNode o = array.addObject();
            o.put("filename", f.filename());
            o.put("url", f.url().toString());
            o.put("algorithm", f.algorithm());
            o.put("hash", f.hash());
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("files", array);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<IndexFile> readListing(Path listing) throws InputException {
        try {
            List<IndexFile> out = new ArrayList<>();
            for (JsonNode f : JSON.readTree(listing.toFile()).path("files")) {
                IndexFile file = file(f.path("filename").asText(""), f.path("url").asText(""),
                        URI.create("file:///"), f.path("algorithm").asText(null), f.path("hash").asText(null));
                if (file == null || file.algorithm() == null || Downloads.javaName(file.algorithm()) == null) {
                    throw new IOException("an entry without a file name or hash");
                }
                out.add(file);
            }
            return out;
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException("cannot read the cache " + listing + ": " + e.getMessage()
                    + " (delete it and run without --offline)");
        }
    }
}
