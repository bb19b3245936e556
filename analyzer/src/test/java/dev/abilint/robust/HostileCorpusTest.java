package dev.abilint.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans every file of fixtures/hostile-corpus (built by fixtures/build-hostile-corpus.py) and checks
 * the outcome that expected.tsv gives for it, that abilint never fails internally (exit code 3) or
 * prints a stack trace, that reports stay well-formed (JSON parses and matches the schema, text has no
 * raw terminal control characters), that the whole corpus takes bounded time, and that no input is
 * changed by the scan.
 */
class HostileCorpusTest {
    private static final Duration WHOLE_CORPUS = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Expectation(String file, String outcome, String text, String knownBug) {}

    static Path corpus() {
        return Fixtures.root().resolve("hostile-corpus");
    }

    static List<Expectation> expectations() throws IOException {
        List<Expectation> rows = new ArrayList<>();
        for (String line : Files.readAllLines(corpus().resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            assertEquals(4, cells.length, "expected.tsv line: " + line);
            rows.add(new Expectation(cells[0], cells[1], JSON.readValue(cells[2], String.class), cells[3]));
        }
        return rows;
    }

    /** Archive rows apply once the archive walker is in the build; until then archives are plain files. */
    static boolean archivesRead() {
        try {
            Class.forName("dev.abilint.artifact.ArchiveScanner");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void everyFileHasAnExpectationAndEveryExpectationAFile() throws IOException {
        List<String> listed = expectations().stream().map(Expectation::file).sorted().toList();
        List<String> present;
        try (Stream<Path> files = Files.list(corpus())) {
            present = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("expected.tsv")).sorted().toList();
        }
        assertEquals(present, listed);
    }

    @Test
    void everyFileHasItsExpectedOutcomeInBoundedTimeAndNoInputChanges() throws Exception {
        List<Expectation> rows = expectations();
        Map<Path, String> before = hashes(corpus());
        boolean archives = archivesRead();
        List<String> failures = new ArrayList<>();
        assertTimeoutPreemptively(WHOLE_CORPUS, () -> {
            for (Expectation row : rows) {
                if (row.outcome().startsWith("archive-") || row.file().matches(".*\\.(jar|whl|zip|tar\\.gz)")) {
                    if (!archives) {
                        continue;
                    }
                }
                String problem = check(row);
                if (problem != null) {
                    failures.add(row.file() + " (expected " + row.outcome()
                            + (row.text().isEmpty() ? "" : " with " + JSON.writeValueAsString(row.text())) + "): " + problem);
                }
            }
        }, () -> "the hostile corpus took longer than " + WHOLE_CORPUS.toSeconds() + " s");
        assertTrue(failures.isEmpty(), "unexpected outcomes:\n  " + String.join("\n  ", failures));
        assertEquals(before, hashes(corpus()), "a scan changed an input");
    }

    /** Null when the file's outcome is the expected one, else what went wrong. */
    private static String check(Expectation row) throws IOException {
        String path = corpus().resolve(row.file()).toString();
        CliRun scan = CliRun.of("scan", "--format", "json", path);
        if (scan.exitCode() == 3 && row.knownBug().contains("OutOfMemoryError")
                && scan.stderr().contains("OutOfMemoryError")) {
            return null; // the recorded bug, on a JVM whose heap is too small for the allocation
        }
        String runProblem = runProblem(scan);
        if (runProblem != null) {
            return "scan: " + runProblem;
        }
        JsonNode report = json(scan, row);
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode finding : report.path("findings")) {
            if (finding.path("location").asText().startsWith(path)) {
                mine.add(finding);
            }
        }
        CliRun inspect = CliRun.of("inspect", "--format", "json", path);
        runProblem = runProblem(inspect);
        if (runProblem != null) {
            return "inspect: " + runProblem;
        }
        JsonNode inspected = json(inspect, row);
        int binaries = inspected.path("binaries").size();
        List<String> rules = mine.stream().map(f -> f.path("ruleId").asText()).toList();
        switch (row.outcome()) {
            case "parse-error", "archive-limit-exceeded", "archive-unsafe-entry-name" -> {
                List<JsonNode> hits = mine.stream().filter(f -> f.path("ruleId").asText().equals(row.outcome())).toList();
                if (hits.isEmpty()) {
                    return "no " + row.outcome() + " finding; findings: " + rules;
                }
                if (!row.text().isEmpty() && hits.stream().noneMatch(f -> texts(f).stream().anyMatch(t -> t.contains(row.text())))) {
                    return "no " + row.outcome() + " finding mentions the text; messages: "
                            + hits.stream().map(f -> f.path("message").asText()).toList();
                }
            }
            case "read" -> {
                if (binaries == 0) {
                    return "no binary was read; findings: " + rules;
                }
                if (rules.contains("parse-error")) {
                    return "parse-error: " + mine.stream().filter(f -> f.path("ruleId").asText().equals("parse-error"))
                            .map(f -> f.path("message").asText()).toList();
                }
                if (!row.text().isEmpty() && texts(inspected).stream().noneMatch(t -> t.contains(row.text()))) {
                    return "the JSON report does not carry the name unchanged";
                }
            }
            case "ignored" -> {
                if (binaries != 0 || !mine.isEmpty()) {
                    return binaries + " binaries, findings " + rules;
                }
            }
            default -> throw new IllegalStateException("unknown outcome in expected.tsv: " + row.outcome());
        }
        return null;
    }

    /** The report, validated against the schema unless the row records a known bug in it. */
    private static JsonNode json(CliRun run, Expectation row) throws IOException {
        return row.knownBug().isEmpty() ? run.json() : JSON.readTree(run.stdout());
    }

    private static String runProblem(CliRun run) {
        if (run.exitCode() == 3) {
            return "internal error (exit 3): " + run.stderr();
        }
        if (run.stderr().contains("\tat ") || run.stderr().contains("Exception")) {
            return "stack trace on stderr: " + run.stderr();
        }
        return null;
    }

    /** Every string value in a JSON tree. */
    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.elements().forEachRemaining(child -> collect(child, out));
    }

    /**
     * A jar of 100,000 entries (made here: it would be 10 MB in git) and one native library: under
     * the entry limit, so read whole, in bounded time.
     */
    @Test
    void jarWithAHundredThousandEntries(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(archivesRead(), "the archive walker is not in this build");
        Path jar = dir.resolve("many.jar");
        byte[] so = Fixtures.bytes(Fixtures.file("elf/x86_64/libdemo.so"));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.setLevel(1);
            for (int i = 0; i < 100_000; i++) {
                zip.putNextEntry(new ZipEntry("res/" + (i / 1000) + "/" + i + ".txt"));
                zip.write(("entry " + i).getBytes(StandardCharsets.US_ASCII));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("natives/linux-x86_64/libdemo.so"));
            zip.write(so);
            zip.closeEntry();
        }
        String before = sha256(jar);
        CliRun run = assertTimeoutPreemptively(WHOLE_CORPUS, () -> CliRun.of("scan", "--format", "json", jar.toString()));
        assertNotEquals(3, run.exitCode(), run.stderr());
        JsonNode report = run.json();
        assertEquals(1, report.path("binaries").size(), "the one native library is read");
        for (JsonNode finding : report.path("findings")) {
            assertFalse(Set.of("archive-limit-exceeded", "parse-error").contains(finding.path("ruleId").asText()),
                    finding.toString());
        }
        assertEquals(before, sha256(jar), "the scan changed its input");
    }

    /** Text reports of the whole corpus (scan and inspect) carry no raw terminal control character. */
    @Test
    void textReportsOfTheWholeCorpusCarryNoControlCharacters() throws IOException {
        Map<Path, String> before = hashes(corpus());
        boolean knownBugs = expectations().stream().anyMatch(row -> !row.knownBug().isEmpty());
        assertTimeoutPreemptively(WHOLE_CORPUS, () -> {
            for (String command : List.of("scan", "inspect")) {
                CliRun run = CliRun.of(command, corpus().toString());
                assertNotEquals(3, run.exitCode(), command + ": " + run.stderr());
                assertFalse(run.stderr().contains("\tat "), command + " printed a stack trace: " + run.stderr());
                assertTrue(run.stdout().length() > 100, command + " printed a report");
                assertNoControlCharacters(command + " stdout", run.stdout());
                assertNoControlCharacters(command + " stderr", run.stderr());
                CliRun json = CliRun.of(command, "--format", "json", corpus().toString());
                assertNotEquals(3, json.exitCode(), command + " --format json: " + json.stderr());
                if (knownBugs) {
                    JSON.readTree(json.stdout());
                } else {
                    json.json();
                }
            }
            // The other report formats: markup from names never reaches HTML raw, SARIF is JSON, JUnit is XML.
            CliRun html = CliRun.of("scan", "--format", "html", corpus().toString());
            assertNotEquals(3, html.exitCode(), "html: " + html.stderr());
            assertFalse(html.stdout().contains("<img src=x"), "a name's markup reached the HTML report unescaped");
            assertFalse(html.stdout().contains("\u001b"), "the HTML report has a raw ESC");
            CliRun sarif = CliRun.of("scan", "--format", "sarif", corpus().toString());
            assertNotEquals(3, sarif.exitCode(), "sarif: " + sarif.stderr());
            JSON.readTree(sarif.stdout());
            CliRun junit = CliRun.of("scan", "--format", "junit", corpus().toString());
            assertNotEquals(3, junit.exitCode(), "junit: " + junit.stderr());
            javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(junit.stdout().getBytes(StandardCharsets.UTF_8)));
        });
        assertEquals(before, hashes(corpus()), "a scan changed an input");
    }

    static void assertNoControlCharacters(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unsafe = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0)
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
            if (unsafe) {
                int from = Math.max(0, i - 40);
                throw new AssertionError(what + " has a raw control character U+" + String.format("%04X", (int) c)
                        + " after: " + text.substring(from, i).replace('\u001b', '?'));
            }
        }
    }

    static Map<Path, String> hashes(Path dir) throws IOException {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.put(file, sha256(file));
            }
        }
        return out;
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
