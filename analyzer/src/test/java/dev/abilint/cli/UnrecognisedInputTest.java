package dev.abilint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.testing.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that are not what their names say never pass silently: a failed download saved as .whl, an
 * empty .so or .jar fail the gate with a parse error that shows what the bytes are; a nested archive
 * that is data (a broken zip under test/) is a note that abilint could not look inside; an input with
 * nothing to check says so.
 */
class UnrecognisedInputTest {
    @TempDir
    Path dir;

    private static final String HTML = "<!DOCTYPE html>\n<html lang=\"en\"><head><title>404 Not Found</title>";

    /** {@code ruleId severity location-relative-to-dir | message} of each finding, and the exit code. */
    private Map<String, String> scan(Path... inputs) {
        List<String> args = new ArrayList<>(List.of("scan", "--format", "json"));
        for (Path p : inputs) {
            args.add(p.toString());
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        Map<String, String> out = new TreeMap<>();
        for (JsonNode f : run.json().get("findings")) {
            out.put(f.get("location").asText().replace(dir + "/", ""), f.get("ruleId").asText() + " "
                    + f.get("severity").asText() + " | " + f.get("message").asText());
        }
        out.put("exit", Integer.toString(run.exitCode()));
        return out;
    }

    @Test
    void anHtmlPageSavedAsAWheelIsAParseErrorThatShowsItsFirstBytes() throws Exception {
        Path whl = Files.writeString(dir.resolve("demo-1.0-py3-none-any.whl"), HTML);
        Map<String, String> got = scan(whl);
        assertEquals("1", got.get("exit"), got.toString());
        assertEquals("parse-error error | wheel: named .whl, which promises a wheel (a zip archive), but its bytes are "
                + "no format abilint reads: it starts with '<!DOCTYPE html>\\n<html lang=\"en\"><head><t...' — a failed "
                + "download (an error page saved under the file's name)?", got.get("demo-1.0-py3-none-any.whl"));
        assertEquals(2, got.size(), "no other finding (no nothing-to-check on top): " + got);
    }

    @Test
    void emptySoAndJarInputsFailTheGate() throws Exception {
        Path so = Files.write(dir.resolve("libfoo.so.1"), new byte[0]);
        Path jar = Files.write(dir.resolve("app.jar"), new byte[0]);
        Map<String, String> got = scan(so, jar);
        assertEquals("1", got.get("exit"), got.toString());
        assertEquals("parse-error error | native: named .so.1, which promises a native library, but the file is empty",
                got.get("libfoo.so.1"));
        assertEquals("parse-error error | jar: named .jar, which promises a Java archive (a zip archive), but the file "
                + "is empty", got.get("app.jar"));
    }

    @Test
    void membersThatAreNotWhatTheirNamesSayAndDataArchivesThatCannotBeOpened() throws Exception {
        Path jar = dir.resolve("mixed.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            put(zip, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            put(zip, "natives/libx.so", HTML.getBytes(StandardCharsets.UTF_8));
            put(zip, "natives/libc.so", "/* GNU ld script\n */\nGROUP ( /lib/libc.so.6 )\n".getBytes(StandardCharsets.UTF_8));
            put(zip, "lib/inner.jar", truncatedZip());
            put(zip, "Lib/test/archivetestdata/broken.zip", truncatedZip());
            put(zip, "data/bad.tar.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 'x', 'y'});
            put(zip, "Lib/test/data/empty.so", new byte[0]);
        }
        Map<String, String> got = scan(jar);
        assertEquals("1", got.get("exit"), got.toString());
        assertTrue(got.get("mixed.jar!/natives/libx.so").startsWith("parse-error error | native: named .so, which "
                + "promises a native library, but its bytes are no format abilint reads: it starts with '<!DOCTYPE html>"),
                got.toString());
        assertEquals(null, got.get("mixed.jar!/natives/libc.so"), "a linker script named .so is not a broken library");
        assertTrue(got.get("mixed.jar!/lib/inner.jar").startsWith("parse-error error | zip: archive is truncated"),
                "a nested jar is code the package loads: " + got);
        assertTrue(got.get("mixed.jar!/Lib/test/archivetestdata/broken.zip").startsWith(
                "archive-unreadable-member note | could not look inside this zip member"), got.toString());
        assertTrue(got.get("mixed.jar!/data/bad.tar.gz").startsWith("archive-unreadable-member note | could not look "
                + "inside this gzip member"), "a nested .tar.gz is data wherever it is: " + got);
        assertTrue(got.get("mixed.jar!/Lib/test/data/empty.so").startsWith("archive-unreadable-member note"),
                "an empty .so under a test directory is test data: " + got);
        assertEquals(6, got.size(), got.toString()); // five findings and the exit code
    }

    @Test
    void anInputWithNothingToCheckGetsANote() throws Exception {
        Path txt = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        Path zip = dir.resolve("docs.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "a.txt", new byte[] {'a'});
            put(out, "b.md", new byte[] {'b'});
        }
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Map<String, String> got = scan(txt, zip, empty);
        assertEquals("0", got.get("exit"), got.toString());
        assertEquals("nothing-to-check note | nothing to check in this file: it is not a native binary, class file or "
                + "archive abilint reads (it starts with 'hello\\n')", got.get("notes.txt"));
        assertEquals("nothing-to-check note | nothing to check in this zip: no native binary, Java class file or Python "
                + "package metadata was found in it (2 entries read)", got.get("docs.zip"));
        assertEquals("nothing-to-check note | nothing to check in this directory: no native binary, Java class file or "
                + "Python package metadata was found in it", got.get("empty"));
    }

    @Test
    void aJarOfClassesOrAPureWheelHasSomethingToCheck() throws Exception {
        Path jar = dir.resolve("classes.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            put(zip, "dev/abilint/fixture/jni/Natives.class", dev.abilint.testing.Fixtures.bytes(
                    dev.abilint.testing.Fixtures.file("java/classes/dev/abilint/fixture/jni/Natives.class")));
        }
        Path whl = dir.resolve("pure-1.0-py3-none-any.whl");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(whl))) {
            put(zip, "pure/__init__.py", new byte[0]);
        }
        Map<String, String> got = scan(jar, whl);
        assertTrue(got.values().stream().noneMatch(v -> v.startsWith("nothing-to-check")), got.toString());
    }

    private static byte[] truncatedZip() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "inside.txt", "some text that is long enough to be cut".getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = bytes.toByteArray();
        return java.util.Arrays.copyOf(all, all.length / 2);
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }
}
