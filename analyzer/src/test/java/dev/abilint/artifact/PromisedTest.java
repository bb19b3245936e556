package dev.abilint.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a name promises, what counts as test data, and how the first bytes are shown. */
class PromisedTest {
    @Test
    void namesThatPromiseABinaryOrAnArchive() {
        assertEquals("native", Promised.format("lib/libfoo.so.1.2"));
        assertEquals("native", Promised.format("x/_core.cp312-win_amd64.pyd"));
        assertEquals("wheel", Promised.format("dist/x-1.0-py3-none-any.whl"));
        assertEquals("jar", Promised.format("WEB-INF/lib/a.jar"));
        assertEquals("tar", Promised.format("x-1.0.tar.gz"));
        assertEquals(null, Promised.format("README.md"));
        assertEquals(null, Promised.format("libfoo.sox"));
        assertEquals(".so.1", Promised.suffix("libfoo.so.1"));
        assertEquals(".tar.gz", Promised.suffix("a-1.0.tar.gz"));
        assertEquals(".whl", Promised.suffix("a-1.0-py3-none-any.whl"));
    }

    @Test
    void testDirectoriesAreData() {
        assertTrue(Promised.testData("python3.13/test/archivetestdata/testtar.tar"));
        assertTrue(Promised.testData("Lib/test/zipimport_data/sparse.part"));
        assertTrue(Promised.testData("src/tests/fixtures/bad.zip"));
        assertTrue(Promised.testData("pkg/test_zipfile/bad.zip"));
        assertFalse(Promised.testData("models/latest/model.zip"));
        assertFalse(Promised.testData("WEB-INF/lib/foo-test.jar"), "the file's own name does not count");
        assertFalse(Promised.testData("META-INF/attestations/x.zip"));
    }

    @Test
    void firstBytesAreShownEscapedWithAHint() {
        byte[] html = "<!DOCTYPE html>\n<html>".getBytes(StandardCharsets.UTF_8);
        assertEquals("named .whl, which promises a wheel (a zip archive), but its bytes are no format abilint reads: "
                + "it starts with '<!DOCTYPE html>\\n<html>' — a failed download (an error page saved under the file's name)?",
                Promised.reason("a-1.0-py3-none-any.whl", html));
        assertEquals("\\x00\\x01\\x1b[31m\\'", Promised.shown(new byte[] {0, 1, 0x1b, '[', '3', '1', 'm', '\''}));
        assertTrue(Promised.reason("libx.so", "version https://git-lfs.github.com/spec/v1\n".getBytes(StandardCharsets.UTF_8))
                .endsWith("a Git LFS pointer: the real file was never fetched (git lfs pull)"));
        assertTrue(Promised.linkerScript("/* GNU ld script\n*/ GROUP ( x )".getBytes(StandardCharsets.UTF_8)));
        assertFalse(Promised.linkerScript(html));
    }
}
