package dev.abilint.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.abilint.artifact.TestArchivesAccess;
import dev.abilint.cli.Cli;
import dev.abilint.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coordinates as a user gives them: {@code maven:} from a local Maven repository named by a settings.xml
 * mirror ({@code file:} URL), {@code pypi:} from simple indexes served over HTTP on the loopback (PEP 691 JSON by a
 * JDK server in-process, PEP 503 HTML by {@code python3 -m http.server}); the reports name the coordinates, the
 * cache holds verified files, and every failure is one line with exit 2.
 */
class RemoteInputsTest {
    @TempDir
    Path dir;

    private Path cache() {
        return dir.resolve("cache");
    }

    /** Runs the CLI in-process with ABILINT_CACHE pointing into the test's directory. */
    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        String old = System.getProperty(RemoteSettings.CACHE_PROPERTY);
        System.setProperty(RemoteSettings.CACHE_PROPERTY, cache().toString());
        try {
            code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                    StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
        } finally {
            if (old == null) {
                System.clearProperty(RemoteSettings.CACHE_PROPERTY);
            } else {
                System.setProperty(RemoteSettings.CACHE_PROPERTY, old);
            }
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        }

        List<String> findings(String ruleId) throws Exception {
            List<String> at = new ArrayList<>();
            for (JsonNode f : json().path("findings")) {
                if (f.path("ruleId").asText().equals(ruleId)) {
                    at.add(f.path("location").asText());
                }
            }
            return at;
        }
    }

    private static byte[] jarWith(String entry, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    private static byte[] execstack() {
        return Fixtures.bytes(Fixtures.file("elf/x86_64/libexecstack.so"));
    }

    /** A repository directory holding demo:natives:1.0 (main jar and a linux-x86_64 classifier) with .sha1 files. */
    private Path mavenRepository() throws Exception {
        Path release = dir.resolve("repo/org/example/natives/1.0");
        Files.createDirectories(release);
        Map<String, byte[]> files = new TreeMap<>();
        files.put("natives-1.0.jar", jarWith("README.txt", "no natives here".getBytes(StandardCharsets.UTF_8)));
        files.put("natives-1.0-linux-x86_64.jar", jarWith("natives/linux-x86_64/libexecstack.so", execstack()));
        files.put("natives-1.0-sources.jar", jarWith("Demo.java", "class Demo {}".getBytes(StandardCharsets.UTF_8)));
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(release.resolve(e.getKey()), e.getValue());
            Files.writeString(release.resolve(e.getKey() + ".sha1"), hex("SHA-1", e.getValue()) + "  " + e.getKey());
        }
        Files.writeString(release.resolve("natives-1.0.pom"), "<project/>");
        return dir.resolve("repo");
    }

    private Path settingsXml(Path repository, Path localRepository) throws Exception {
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror><id>other</id><mirrorOf>snapshots</mirrorOf><url>file:///nonexistent/</url></mirror>
                    <mirror><id>local</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(localRepository, repository.toUri()));
        return settings;
    }

    @Test
    void mavenCoordinatesAreDownloadedVerifiedAndNamedInTheReport() throws Exception {
        Path settings = settingsXml(mavenRepository(), dir.resolve("m2-empty"));
        Run run = run("scan", "--format", "json", "--maven-settings", settings.toString(),
                "maven:org.example:natives:1.0:linux-x86_64");
        assertEquals(1, run.code(), run.err());
        assertEquals(List.of("maven:org.example:natives:1.0:linux-x86_64"),
                List.of(run.json().path("inputs").get(0).asText()));
        assertEquals(List.of("maven:org.example:natives:1.0:linux-x86_64!/natives/linux-x86_64/libexecstack.so"),
                run.findings("linux-exec-stack"));
        assertFalse(run.out().contains(cache().toString()), "the cache path is not shown in the report");
        Path cached = cache().resolve("maven/org/example/natives/1.0/natives-1.0-linux-x86_64.jar");
        assertTrue(Files.isRegularFile(cached));
        assertTrue(Files.isRegularFile(cached.resolveSibling("natives-1.0-linux-x86_64.jar.sha1")));

        // Offline, the same scan comes from the cache, and the same finding is there.
        Run offline = run("scan", "--format", "json", "--offline", "--maven-settings", settings.toString(),
                "maven:org.example:natives:1.0:linux-x86_64");
        assertEquals(1, offline.code(), offline.err());
        assertEquals(run.findings("linux-exec-stack"), offline.findings("linux-exec-stack"));
        assertEquals(run.json().path("findings").get(0).path("fingerprint"),
                offline.json().path("findings").get(0).path("fingerprint"));
    }

    @Test
    void everyClassifierOfARelease() throws Exception {
        Path settings = settingsXml(mavenRepository(), dir.resolve("m2-empty"));
        Run run = run("scan", "--format", "json", "--maven-settings", settings.toString(), "maven:org.example:natives:1.0:*");
        assertEquals(1, run.code(), run.err());
        List<String> inputs = new ArrayList<>();
        run.json().path("inputs").forEach(i -> inputs.add(i.asText()));
        // the main jar first, then the classifiers; sources hold no binaries and are left out
        assertEquals(List.of("maven:org.example:natives:1.0", "maven:org.example:natives:1.0:linux-x86_64"), inputs);
        assertEquals(1, run.findings("linux-exec-stack").size());
    }

    @Test
    void theLocalMavenRepositoryIsUsedAsItIs() throws Exception {
        Path local = dir.resolve("m2");
        Path release = local.resolve("org/example/natives/1.0");
        Files.createDirectories(release);
        Files.write(release.resolve("natives-1.0.jar"), jarWith("lib/libexecstack.so", execstack()));
        // no mirror that has it: the only repository is empty
        Files.createDirectories(dir.resolve("empty-repo"));
        Path settings = settingsXml(dir.resolve("empty-repo"), local);
        Run run = run("scan", "--format", "json", "--maven-settings", settings.toString(), "maven:org.example:natives:1.0");
        assertEquals(1, run.code(), run.err());
        assertEquals(List.of("maven:org.example:natives:1.0!/lib/libexecstack.so"), run.findings("linux-exec-stack"));
        assertFalse(Files.exists(cache().resolve("maven")), "nothing was downloaded");
    }

    @Test
    void failuresAreOneLineAndExit2() throws Exception {
        Path repository = mavenRepository();
        Path settings = settingsXml(repository, dir.resolve("m2-empty"));
        Run missing = run("scan", "--maven-settings", settings.toString(), "maven:org.example:natives:9.9");
        assertEquals(2, missing.code());
        assertEquals("abilint: maven:org.example:natives:9.9 not found (looked in " + repository.toUri() + " and "
                + dir.resolve("m2-empty") + ")\n", missing.err());

        Run offline = run("scan", "--offline", "--maven-settings", settings.toString(), "maven:org.example:natives:1.0");
        assertEquals(2, offline.code());
        assertTrue(offline.err().startsWith("abilint: maven:org.example:natives:1.0 is not in the cache"), offline.err());
        assertTrue(offline.err().contains("--offline forbids downloading it"), offline.err());
        assertEquals(1, offline.err().lines().count());

        Path sum = repository.resolve("org/example/natives/1.0/natives-1.0.jar.sha1");
        Files.writeString(sum, "0".repeat(40));
        Run corrupt = run("scan", "--maven-settings", settings.toString(), "maven:org.example:natives:1.0");
        assertEquals(2, corrupt.code());
        assertTrue(corrupt.err().startsWith("abilint: hash mismatch for maven:org.example:natives:1.0 from "),
                corrupt.err());
        assertEquals(1, corrupt.err().lines().count());
        assertFalse(Files.exists(cache().resolve("maven/org/example/natives/1.0/natives-1.0.jar")),
                "a file that failed its check is not kept");
        try (var left = Files.list(cache().resolve("maven/org/example/natives/1.0"))) {
            assertEquals(0, left.count(), "no temporary file is left");
        }

        Run bad = run("scan", "maven:org.example:natives");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("abilint: 'maven:org.example:natives' is not Maven coordinates"), bad.err());
        Run badPypi = run("scan", "pypi:demo");
        assertEquals(2, badPypi.code());
        assertTrue(badPypi.err().startsWith("abilint: 'pypi:demo' is not a PyPI release"), badPypi.err());
    }

    @Test
    void settingsXmlMirrorsOfCentral() {
        assertTrue(MavenSettings.mirrorsCentral("*"));
        assertTrue(MavenSettings.mirrorsCentral("central"));
        assertTrue(MavenSettings.mirrorsCentral("external:*,!snapshots"));
        assertFalse(MavenSettings.mirrorsCentral("*,!central"));
        assertFalse(MavenSettings.mirrorsCentral("snapshots"));
    }

    @Test
    void cacheDirectoryFollowsTheEnvironment() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/c"), RemoteSettings.cacheDirectory(Map.of("ABILINT_CACHE", "/c", "XDG_CACHE_HOME", "/x"),
                home));
        assertEquals(Path.of("/x/abilint"), RemoteSettings.cacheDirectory(Map.of("XDG_CACHE_HOME", "/x"), home));
        assertEquals(Path.of("/home/u/.cache/abilint"), RemoteSettings.cacheDirectory(Map.of(), home));
    }

    /** The wheel and sdist of demo 1.0 (and a wheel of 0.9 that must not be taken). */
    private Map<String, byte[]> release() throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", TestArchivesAccess.wheel("demo-1.0.dist-info",
                "cp312-cp312-manylinux_2_17_x86_64", false, Map.of("demo/libexecstack.so", execstack())));
        files.put("demo-1.0.tar.gz", sdist());
        files.put("demo-0.9-py3-none-any.whl", TestArchivesAccess.wheel("demo-0.9.dist-info", "py3-none-any", true,
                Map.of("demo/__init__.py", new byte[0])));
        return files;
    }

    private static byte[] sdist() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(bytes)) {
            byte[] header = new byte[512];
            byte[] name = "demo-1.0/PKG-INFO".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(name, 0, header, 0, name.length);
            byte[] body = "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n".getBytes(StandardCharsets.US_ASCII);
            put(header, 100, "0000644");
            put(header, 108, "0000000");
            put(header, 116, "0000000");
            put(header, 124, String.format("%011o", body.length));
            put(header, 136, "00000000000");
            header[156] = '0';
            put(header, 257, "ustar");
            header[263] = '0';
            header[264] = '0';
            java.util.Arrays.fill(header, 148, 156, (byte) ' ');
            int sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            put(header, 148, String.format("%06o", sum));
            header[154] = 0;
            gz.write(header);
            gz.write(body);
            gz.write(new byte[512 - body.length % 512]);
            gz.write(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    private static void put(byte[] b, int at, String s) {
        byte[] v = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(v, 0, b, at, v.length);
    }

    @Test
    void pypiReleaseFromAJsonSimpleIndex() throws Exception {
        Map<String, byte[]> files = release();
        AtomicInteger downloads = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/simple/demo/", exchange -> {
            StringBuilder json = new StringBuilder("{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"demo\",\"files\":[");
            String sep = "";
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                try {
                    json.append(sep).append("{\"filename\":\"").append(e.getKey()).append("\",\"url\":\"../../files/")
                            .append(e.getKey()).append("\",\"hashes\":{\"sha256\":\"").append(hex("SHA-256", e.getValue()))
                            .append("\"}}");
                } catch (Exception x) {
                    throw new java.io.IOException(x);
                }
                sep = ",";
            }
            byte[] body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            exchange.getResponseHeaders().set("Content-Type", accept != null && accept.contains("v1+json")
                    ? "application/vnd.pypi.simple.v1+json" : "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/files/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/files/".length());
            byte[] body = files.get(name);
            downloads.incrementAndGet();
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            Run run = run("scan", "--format", "json", "--index-url", base + "/simple/", "pypi:Demo==1.0");
            assertEquals(1, run.code(), run.err());
            List<String> inputs = new ArrayList<>();
            run.json().path("inputs").forEach(i -> inputs.add(i.asText()));
            assertEquals(List.of("pypi:Demo==1.0/demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
                    "pypi:Demo==1.0/demo-1.0.tar.gz"), inputs);
            assertEquals(List.of("pypi:Demo==1.0/demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl!/demo/libexecstack.so"),
                    run.findings("linux-exec-stack"));
            // the wheel's tags applied: it is a manylinux wheel, and its RECORD matched
            assertEquals(List.of(), run.findings("wheel-record-mismatch"));
            assertEquals(2, downloads.get());

            // a second run takes the cache; so does --offline
            Run again = run("scan", "--format", "json", "--index-url", base + "/simple/", "pypi:demo==1.0");
            assertEquals(1, again.code(), again.err());
            assertEquals(2, downloads.get());
            server.stop(0);
            Run offline = run("scan", "--format", "json", "--offline", "pypi:demo==1.0");
            assertEquals(1, offline.code(), offline.err());
            assertEquals(1, offline.findings("linux-exec-stack").size());
            Run offlineMiss = run("scan", "--offline", "pypi:demo==2.0");
            assertEquals(2, offlineMiss.code());
            assertTrue(offlineMiss.err().startsWith("abilint: pypi:demo==2.0 is not in the cache"), offlineMiss.err());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void pypiReleaseFromAnHtmlIndexServedByPythonHttpServer() throws Exception {
        Map<String, byte[]> files = release();
        Path root = dir.resolve("www");
        Path page = root.resolve("simple/demo");
        Files.createDirectories(page);
        Files.createDirectories(root.resolve("packages"));
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(root.resolve("packages").resolve(e.getKey()), e.getValue());
            String hash = hex("SHA-256", e.getValue());
            if (e.getKey().endsWith(".tar.gz")) {
                hash = "0".repeat(64); // the index is wrong about the sdist: a hash mismatch
            }
            html.append("<a href=\"../../packages/").append(e.getKey()).append("#sha256=").append(hash)
                    .append("\" data-requires-python=\"&gt;=3.9\">").append(e.getKey()).append("</a><br/>\n");
        }
        Files.writeString(page.resolve("index.html"), html.append("</body></html>\n"));
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process python;
        try {
            python = new ProcessBuilder("python3", "-m", "http.server", "--bind", "127.0.0.1", "--directory",
                    root.toString(), String.valueOf(port)).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("http.log").toFile()).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("python3 is not installed: " + e.getMessage());
            return;
        }
        try {
            String index = "http://127.0.0.1:" + port + "/simple/";
            waitForServer(index + "demo/");
            Run run = run("scan", "--format", "json", "--index-url", index, "pypi:demo==1.0");
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().startsWith("abilint: hash mismatch for demo-1.0.tar.gz from http://127.0.0.1:" + port
                    + "/packages/demo-1.0.tar.gz: its sha256 is "), run.err());
            assertFalse(Files.exists(cache().resolve("pypi/demo/1.0/demo-1.0.tar.gz")));

            Files.writeString(page.resolve("index.html"), Files.readString(page.resolve("index.html"))
                    .replace("0".repeat(64), hex("SHA-256", files.get("demo-1.0.tar.gz"))));
            Run fixed = run("scan", "--format", "json", "--index-url", index, "pypi:demo==1.0");
            assertEquals(1, fixed.code(), fixed.err());
            assertEquals(List.of("pypi:demo==1.0/demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl!/demo/libexecstack.so"),
                    fixed.findings("linux-exec-stack"));

            // the same index as files: a file: URL reads each directory's index.html
            assertTrue(Files.isDirectory(cache()));
            deleteTree(cache());
            Run fromFiles = run("scan", "--format", "json", "--index-url", root.resolve("simple").toUri().toString(),
                    "pypi:demo==1.0");
            assertEquals(1, fromFiles.code(), fromFiles.err());
            assertEquals(fixed.findings("linux-exec-stack"), fromFiles.findings("linux-exec-stack"));
            assertTrue(Files.isRegularFile(cache().resolve("pypi/demo/1.0/demo-1.0.tar.gz")));

            Run missing = run("scan", "--index-url", index, "pypi:demo==3.0");
            assertEquals(2, missing.code());
            assertEquals("abilint: pypi:demo==3.0: no files of version 3.0 of 'demo' in the index " + index
                    + " (it has 0.9, 1.0)\n", missing.err());
        } finally {
            python.destroy();
            python.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void waitForServer(String url) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 100; i++) {
            try {
                client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("python3 -m http.server did not start");
    }
}
