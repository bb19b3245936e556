package dev.abilint.rule.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.artifact.TestArchivesAccess;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The macOS rules on the Mach-O fixtures, as a user scanning them would see them: bare install names,
 * universal files in single-arch wheels, one finding per file across slices, and the minimum-version note.
 */
class MacosRulesTest {

    /** libuser.dylib with its dependency @rpath/libdep.dylib rewritten to the bare name libdep.dylib. */
    private static byte[] libuserBare() {
        byte[] bytes = Fixtures.bytes(Fixtures.file("macho/libuser.dylib"));
        byte[] from = "@rpath/libdep.dylib".getBytes(StandardCharsets.US_ASCII);
        byte[] to = "libdep.dylib".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, from);
        assertTrue(at > 0, "fixture names @rpath/libdep.dylib");
        System.arraycopy(to, 0, bytes, at, to.length);
        for (int i = at + to.length; i < at + from.length; i++) {
            bytes[i] = 0;
        }
        return bytes;
    }

    /** A universal file of these thin Mach-O files (fat_header + fat_arch, 16 KiB aligned). */
    private static byte[] fat(byte[]... thins) {
        int align = 1 << 14;
        int offset = align;
        List<int[]> archs = new ArrayList<>();
        for (byte[] t : thins) {
            ByteBuffer le = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
            archs.add(new int[] {le.getInt(4), le.getInt(8), offset, t.length});
            offset += (t.length + align - 1) / align * align;
        }
        ByteBuffer out = ByteBuffer.allocate(offset).order(ByteOrder.BIG_ENDIAN);
        out.putInt(0xcafebabe).putInt(thins.length);
        for (int[] a : archs) {
            out.putInt(a[0]).putInt(a[1]).putInt(a[2]).putInt(a[3]).putInt(14);
        }
        for (int i = 0; i < thins.length; i++) {
            out.position(archs.get(i)[2]);
            out.put(thins[i]);
        }
        return out.array();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Path wheel(Path dir, String tags, Map<String, byte[]> files) throws Exception {
        Path wheel = dir.resolve("demo-1.0-" + tags + ".whl");
        Files.write(wheel, TestArchivesAccess.wheel("demo-1.0.dist-info", tags, false, files));
        return wheel;
    }

    private static List<JsonNode> findings(String rule, String... args) {
        List<String> all = new ArrayList<>(List.of("scan", "--format", "json", "--fail-on", "never"));
        all.addAll(List.of(args));
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : CliRun.of(all.toArray(String[]::new)).json().get("findings")) {
            if (rule.equals(f.get("ruleId").asText())) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void aLooseFileNeedingABareNameGetsAWarningThatSaysItIsSearchedFor(@TempDir Path dir) throws Exception {
        Path lib = dir.resolve("libuser.dylib");
        Files.write(lib, libuserBare());
        List<JsonNode> found = findings("macos-dylib-not-bundled", lib.toString());
        assertEquals(1, found.size(), found.toString());
        JsonNode f = found.get(0);
        assertEquals("warning", f.get("severity").asText());
        assertEquals("libdep.dylib", f.get("evidence").get("library").asText());
        String message = f.get("message").asText();
        assertTrue(message.contains("by bare name") && message.contains("DYLD_LIBRARY_PATH"), message);
        assertFalse(message.contains("absolute path"), message);
    }

    @Test
    void aBareNameInAWheelIsAnErrorEvenWhenTheLibraryShipsNextToIt(@TempDir Path dir) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("demo/libuser.dylib", libuserBare());
        files.put("demo/libdep.dylib", Fixtures.bytes(Fixtures.file("macho/libdep.dylib")));
        List<JsonNode> found = findings("macos-dylib-not-bundled", wheel(dir, "cp312-cp312-macosx_11_0_arm64", files).toString());
        assertEquals(1, found.size(), found.toString());
        assertEquals("error", found.get(0).get("severity").asText());
        assertTrue(found.get(0).get("message").asText().contains("the copy in the wheel is not found"));
    }

    @Test
    void anAbsolutePathStillSaysAbsolutePath(@TempDir Path dir) throws Exception {
        byte[] bytes = Fixtures.bytes(Fixtures.file("macho/libuser.dylib"));
        byte[] from = "@rpath/libdep.dylib".getBytes(StandardCharsets.US_ASCII);
        byte[] to = "/opt/x/libdep.dylib".getBytes(StandardCharsets.US_ASCII); // same length
        System.arraycopy(to, 0, bytes, indexOf(bytes, from), to.length);
        Path lib = dir.resolve("libuser.dylib");
        Files.write(lib, bytes);
        List<JsonNode> found = findings("macos-dylib-not-bundled", lib.toString());
        assertEquals(1, found.size(), found.toString());
        assertEquals("error", found.get(0).get("severity").asText());
        assertTrue(found.get(0).get("message").asText().contains("/opt/x/libdep.dylib by absolute path"));
    }

    @Test
    void theSlicesOfAUniversalFileNeedingTheSameLibraryAreOneFinding(@TempDir Path dir) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("demo/libuser.dylib", fat(Fixtures.bytes(Fixtures.file("macho/libuser.dylib")),
                Fixtures.bytes(Fixtures.file("macho/libuser-x86_64.dylib"))));
        List<JsonNode> found = findings("macos-dylib-not-bundled",
                wheel(dir, "cp312-cp312-macosx_11_0_universal2", files).toString());
        assertEquals(1, found.size(), found.toString());
        assertEquals("@rpath/libdep.dylib", found.get(0).get("evidence").get("library").asText());
        assertEquals(2, found.get(0).get("evidence").get("arch").size(), found.get(0).toString());
    }

    @Test
    void aUniversalFileInAWheelTaggedForOneOfItsArchesIsFine(@TempDir Path dir) throws Exception {
        byte[] fat = Fixtures.bytes(Fixtures.file("macho/libplain-fat.dylib"));
        for (String tags : new String[] {"cp312-cp312-macosx_11_0_arm64", "cp312-cp312-macosx_10_12_x86_64",
                "cp312-cp312-macosx_11_0_universal2"}) {
            Path wheel = wheel(dir, tags, Map.of("demo/libplain.dylib", fat));
            JsonNode findings = CliRun.of("scan", "--format", "json", wheel.toString()).json().get("findings");
            assertEquals(0, findings.size(), tags + ": " + findings);
        }
        // a thin file for the other arch is still wrong
        Path wrong = wheel(dir, "cp312-cp312-macosx_10_12_x86_64",
                Map.of("demo/libplain.dylib", Fixtures.bytes(Fixtures.file("macho/libplain-arm64.dylib"))));
        assertEquals(1, findings("tag-binary-mismatch", wrong.toString()).size());
    }

    @Test
    void theMinimumMacosIsANoteForEachFileOutsideAWheel(@TempDir Path dir) throws Exception {
        Path fat = dir.resolve("libplain.dylib");
        Files.copy(Fixtures.file("macho/libplain-fat.dylib"), fat);
        List<JsonNode> found = findings("macos-min-version", fat.toString());
        assertEquals(1, found.size(), found.toString());
        assertEquals("note", found.get(0).get("severity").asText());
        assertEquals("needs macOS 10.12 (x86_64), 11.0 (arm64): the oldest macOS it loads on",
                found.get(0).get("message").asText());

        Path thin = dir.resolve("libplain-arm64.dylib");
        Files.copy(Fixtures.file("macho/libplain-arm64.dylib"), thin);
        List<JsonNode> one = findings("macos-min-version", thin.toString());
        assertEquals("needs macOS 11.0 (arm64): the oldest macOS it loads on", one.get(0).get("message").asText());
        assertEquals("11.0", one.get(0).get("evidence").get("minOs").asText());
    }

    @Test
    void inAWheelTheTagJudgesAndAboveMacosTheErrorSpeaks(@TempDir Path dir) throws Exception {
        byte[] fat = Fixtures.bytes(Fixtures.file("macho/libplain-fat.dylib"));
        Path wheel = wheel(dir, "cp312-cp312-macosx_11_0_universal2", Map.of("demo/libplain.dylib", fat));
        assertEquals(0, findings("macos-min-version", wheel.toString()).size());

        Path loose = dir.resolve("libplain.dylib");
        Files.write(loose, fat);
        // 10.11: the x86_64 slice (10.12) is above it, an error; no note besides it
        assertEquals(0, findings("macos-min-version", "--macos", "10.11", loose.toString()).size());
        assertEquals(1, findings("macos-min-version-above-tag", "--macos", "10.11", loose.toString()).size());
        // 10.13: both slices are fine (arm64 Macs start at 11.0): the note stays
        assertEquals(1, findings("macos-min-version", "--macos", "10.13", loose.toString()).size());
        assertEquals(0, findings("macos-min-version-above-tag", "--macos", "10.13", loose.toString()).size());
    }
}
