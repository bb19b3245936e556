package dev.abilint.rule.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * APKs written here the way zipalign lays them out: each native library stored, its data offset padded
 * with the local header's extra field to the alignment asked for (or left where it falls), or deflated.
 * The libraries are the committed ELF fixtures (fixtures/elf). The offsets were checked with Python's
 * zipfile (header_offset + 30 + name + extra) when the test was written.
 */
class ApkNativeLibraryUnalignedTest {
    private static final String RULE = "apk-native-library-unaligned";

    @ParameterizedTest(name = "{0} {1} aligned to {2}")
    @CsvSource({
        "arm64-v8a,   stored,   16384, 0",
        "arm64-v8a,   stored,   4096,  1",
        "arm64-v8a,   stored,   1,     1",
        "arm64-v8a,   deflated, 1,     0",
        "x86_64,      stored,   4096,  1",
        "armeabi-v7a, stored,   4096,  0",
        "armeabi-v7a, stored,   1,     1",
    })
    void storedLibrariesNeedTheirPageAlignment(String abi, String method, int align, int expected, @TempDir Path dir)
            throws Exception {
        Path apk = dir.resolve("app.apk");
        Files.write(apk, apk(List.of(new Lib("lib/" + abi + "/libdemo.so", method.equals("stored"), align))));
        JsonNode report = CliRun.of("scan", "--format", "json", apk.toString()).json();
        List<JsonNode> found = findings(report);
        assertEquals(expected, found.size(), found.toString());
        JsonNode lib = report.at("/artifacts/0/facts/nativeLibraryStorage/libraries/0");
        assertEquals("lib/" + abi + "/libdemo.so", lib.get("entry").asText());
        assertEquals(method.equals("stored"), lib.get("stored").asBoolean());
        if (method.equals("stored")) {
            assertEquals(0, lib.get("dataOffset").asLong() % align);
        }
        if (expected == 1) {
            assertEquals("warning", found.get(0).get("severity").asText());
            assertTrue(found.get(0).get("location").asText().endsWith("app.apk!/lib/" + abi + "/libdemo.so"));
            assertEquals(lib.get("dataOffset").asLong(), found.get(0).at("/evidence/dataOffset").asLong());
        }
    }

    @Test
    void aZipThatIsNotAnApkIsNotJudged(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("app.zip");
        Files.write(zip, apk(List.of(new Lib("lib/arm64-v8a/libdemo.so", true, 1))));
        JsonNode report = CliRun.of("scan", "--format", "json", zip.toString()).json();
        assertEquals(0, findings(report).size());
        assertTrue(report.at("/artifacts/0/facts/nativeLibraryStorage").isMissingNode());
    }

    @Test
    void aTruncatedApkIsANoteNotAnException(@TempDir Path dir) throws Exception {
        byte[] whole = apk(List.of(new Lib("lib/arm64-v8a/libdemo.so", true, 16384)));
        // the central directory claims an offset past the end: ZipFile refuses it, the walker reads local headers
        byte[] broken = whole.clone();
        int eocd = broken.length - 22;
        broken[eocd + 16] = (byte) 0xff;
        broken[eocd + 17] = (byte) 0xff;
        broken[eocd + 18] = (byte) 0xff;
        broken[eocd + 19] = (byte) 0x7f;
        Path apk = dir.resolve("broken.apk");
        Files.write(apk, broken);
        CliRun run = CliRun.of("scan", "--format", "json", apk.toString());
        assertTrue(run.exitCode() <= 1, run.stderr());
    }

    private record Lib(String name, boolean stored, int align) {}

    private static byte[] apk(List<Lib> libs) throws IOException {
        byte[] so = Fixtures.bytes(Fixtures.file("elf/aarch64/libdemo.so"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] written = {0};
        OutputStream counting = new FilterOutputStream(bytes) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written[0] += len;
            }
        };
        try (ZipOutputStream zip = new ZipOutputStream(counting)) {
            ZipEntry manifest = new ZipEntry("AndroidManifest.xml");
            zip.putNextEntry(manifest);
            zip.write("<manifest/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (Lib lib : libs) {
                ZipEntry entry = new ZipEntry(lib.name());
                if (lib.stored()) {
                    zip.flush();
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(so.length);
                    entry.setCompressedSize(so.length);
                    CRC32 crc = new CRC32();
                    crc.update(so);
                    entry.setCrc(crc.getValue());
                    long data = written[0] + 30 + lib.name().getBytes(StandardCharsets.UTF_8).length;
                    int pad = (int) ((lib.align() - data % lib.align()) % lib.align());
                    if (lib.align() > 1 && pad < 4) {
                        pad += lib.align(); // an extra field holds at least its 4-byte header
                    }
                    if (lib.align() == 1 && data % 4096 == 0) {
                        pad = 5; // make sure it is not aligned by chance
                    }
                    if (pad > 0) {
                        entry.setExtra(padding(pad));
                    }
                }
                zip.putNextEntry(entry);
                zip.write(so);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** An extra field of {@code length} bytes: zipalign's 0xd935 block (id, size, then zeros). */
    private static byte[] padding(int length) {
        byte[] extra = new byte[length];
        extra[0] = 0x35;
        extra[1] = (byte) 0xd9;
        int size = length - 4;
        extra[2] = (byte) size;
        extra[3] = (byte) (size >> 8);
        return extra;
    }

    private static List<JsonNode> findings(JsonNode report) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals(RULE)) {
                out.add(f);
            }
        }
        return out;
    }
}
