package dev.abilint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar through the command line, as a user runs it: exit codes and the JSON that comes out. */
class ArtifactCliTest {
    @TempDir
    Path dir;

    @Test
    void scanAndInspectAJarWithAMisplacedNative() throws Exception {
        Path jar = dir.resolve("app.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("com/sun/jna/linux-aarch64/libjnidispatch.so"));
            zip.write(dev.abilint.artifact.TestArchivesAccess.elfX86_64());
            zip.closeEntry();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"scan", "--format", "json", jar.toString()});
        assertEquals(ExitCode.FINDINGS, code, err.toString(StandardCharsets.UTF_8));
        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("jar", report.path("artifacts").get(0).path("kind").asText());
        JsonNode binary = report.path("binaries").get(0);
        assertEquals(jar + "!/com/sun/jna/linux-aarch64/libjnidispatch.so", binary.path("path").asText());
        assertEquals("aarch64", binary.path("declaredPlatform").path("arch").asText());
        java.util.List<String> rules = new java.util.ArrayList<>();
        report.path("findings").forEach(f -> rules.add(f.path("ruleId").asText()));
        assertTrue(rules.contains("native-arch-mismatch"), rules.toString());

        out.reset();
        code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"inspect", jar.toString()});
        assertEquals(ExitCode.OK, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("declared linux-aarch64"));
    }
}
