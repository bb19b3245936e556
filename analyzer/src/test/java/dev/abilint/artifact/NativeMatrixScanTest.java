package dev.abilint.artifact;

import static dev.abilint.artifact.TestArchives.EM_AARCH64;
import static dev.abilint.artifact.TestArchives.EM_X86_64;
import static dev.abilint.artifact.TestArchives.elf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.model.Finding;
import dev.abilint.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar's platform matrix (native-platform-missing, native-musl-missing, native-arch-mismatch) is made of
 * the libraries the Java code loads: not of programs, launcher templates, a bundled Python installation,
 * test data or wheels nested in the jar; and the builds of one library named per platform are one row.
 * The jars are laid out as real ones are (bytedeco's cpython jar, rocksdbjni, JavaCPP classifier jars),
 * with our own binaries: the tiny ELF headers of {@link TestArchives}, and {@code hello.exe} and
 * {@code libexports.dll} from fixtures/pe.
 */
class NativeMatrixScanTest {
    @TempDir
    Path dir;

    private static final String P = "org/bytedeco/cpython/linux-x86_64/";

    private static byte[] elfOfType(int machine, int type) {
        byte[] b = elf(machine);
        b[16] = (byte) type;
        return b;
    }

    private static byte[] pe(String name) {
        return Fixtures.bytes(Fixtures.file("pe/" + name));
    }

    private Path jar(String name, TestArchives.Zip zip) throws Exception {
        Path path = dir.resolve(name);
        Files.write(path, zip.bytes());
        return path;
    }

    /** What bytedeco's cpython jar holds besides its JNI library: a whole Python installation. */
    private static TestArchives.Zip bundledPython() {
        byte[] launcher = pe("hello.exe");
        return new TestArchives.Zip()
                .put(P + "libjnipython.so", elf(EM_X86_64))
                .put(P + "bin/python3", elfOfType(EM_X86_64, 2))
                .put(P + "lib/python3.13/lib-dynload/_json.cpython-313-x86_64-linux-gnu.so", elf(EM_X86_64))
                .put(P + "lib/ossl-modules/legacy.so", elf(EM_X86_64))
                .put(P + "lib/python3.13/config-3.13-x86_64-linux-gnu/python.o", elfOfType(EM_X86_64, 1))
                .put(P + "lib/python3.13/site-packages/pip/_vendor/distlib/t64.exe", launcher)
                .put(P + "lib/python3.13/ensurepip/_bundled/pip-24.2-py3-none-any.whl", TestArchives.wheel(
                        "pip-24.2.dist-info", "py3-none-any", true,
                        Map.of("pip/__init__.py", TestArchives.text(""), "pip/_vendor/distlib/t64.exe", launcher)).bytes())
                .put("tests/data/libsample.so", elf(EM_AARCH64));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> matrix(ArchiveScanTest.Result r, Path jar) {
        return (Map<String, Object>) r.artifact(jar.toString()).getFacts().get("nativeMatrix");
    }

    @Test
    void aBundledPythonInstallationIsNotPartOfTheJarsMatrix() throws Exception {
        Path jar = jar("cpython-3.13.0-1.5.11-linux-x86_64.jar", bundledPython());
        ArchiveScanTest.Result r = ArchiveScanTest.scan(jar);
        assertEquals(List.of(), r.findings("native-platform-missing"));
        assertEquals(List.of(), r.findings("native-arch-mismatch"), "launcher templates make no platform claim");
        assertEquals(List.of(), r.findings("wheel-pure-with-binaries"), "pip's own wheel ships launcher templates");
        Map<String, Object> matrix = matrix(r, jar);
        assertEquals(List.of("linux-x86_64-glibc"), matrix.get("platforms"));
        assertEquals(List.of("jnipython"), List.copyOf(((Map<String, Object>) matrix.get("libraries")).keySet()));
    }

    @Test
    void aLibraryOfTheJarMissingForAPlatformItShipsStillFires() throws Exception {
        Path jar = jar("cpython-with-windows.jar", bundledPython()
                .put("org/bytedeco/cpython/windows-x86_64/jniother.dll", pe("libexports.dll")));
        List<Finding> findings = ArchiveScanTest.scan(jar).findings("native-platform-missing");
        assertEquals(List.of("native library jniother is built for windows only, while this jar ships natives for "
                + "linux-x86_64-glibc too: if the Java code loads it there, it is missing",
                "native library jnipython is built for linux only, while this jar ships natives for "
                + "windows-x86_64 too: if the Java code loads it there, it is missing"),
                findings.stream().map(Finding::message).sorted().toList());
        assertEquals(dev.abilint.model.Severity.NOTE, findings.get(0).severity(),
                "a library built for one system only may be so by design: a note, not an error");
    }

    @Test
    void aPureWheelWithALibraryStillFires() throws Exception {
        Path whl = dir.resolve("fast-1.0-py3-none-any.whl");
        Files.write(whl, TestArchives.wheel("fast-1.0.dist-info", "py3-none-any", true, Map.of(
                "fast/t64.exe", pe("hello.exe"), "fast/helper.dll", pe("libexports.dll"))).bytes());
        ArchiveScanTest.Result r = ArchiveScanTest.scan(whl);
        assertEquals(1, r.findings("wheel-pure-with-binaries").size());
        assertTrue(r.findings("wheel-pure-with-binaries").get(0).message().contains("1 native file(s)"));
    }

    /** rocksdbjni-style names: the platform is in the file name, not in a folder. */
    private static TestArchives.Zip perPlatformNames() {
        return new TestArchives.Zip()
                .put("natives/libfoo-linux64.so", elf(EM_X86_64))
                .put("natives/libfoo-linux-aarch64.so", elf(EM_AARCH64))
                .put("natives/foo-win64.dll", pe("libexports.dll"))
                .put("natives/libbar.so_linux_amd64", elf(EM_X86_64))
                .put("natives/libbar.so_linux_arm64", elf(EM_AARCH64))
                .put("natives/bar_x64.dll", pe("libexports.dll"));
    }

    @Test
    void librariesNamedPerPlatformAreOneLibrary() throws Exception {
        Path jar = jar("names.jar", perPlatformNames());
        ArchiveScanTest.Result r = ArchiveScanTest.scan(jar);
        assertEquals(List.of(), r.findings("native-platform-missing"));
        Map<String, Object> matrix = matrix(r, jar);
        assertEquals(List.of("bar", "foo"), List.copyOf(((Map<String, Object>) matrix.get("libraries")).keySet()));
        assertEquals(List.of("linux-aarch64-glibc", "linux-x86_64-glibc", "windows-x86_64"), matrix.get("platforms"));
        // one musl note for the jar, naming both libraries
        List<Finding> musl = r.findings("native-musl-missing");
        assertEquals(1, musl.size());
        assertEquals(jar.toString(), musl.get(0).location());
        assertEquals("2 native libraries bar (aarch64, x86_64), foo (aarch64, x86_64) have a glibc build but no musl "
                + "build: the jar does not work on Alpine and other musl systems", musl.get(0).message());
    }

    @Test
    void aLibraryNamedForOnePlatformOnlyIsMissingElsewhere() throws Exception {
        Path jar = jar("names-baz.jar", perPlatformNames().put("natives/libbaz-linux64.so", elf(EM_X86_64)));
        List<String> messages = ArchiveScanTest.scan(jar).findings("native-platform-missing").stream()
                .map(Finding::message).toList();
        assertEquals(List.of("native library baz is missing for linux-aarch64-glibc, which this jar "
                + "ships other natives for: loading it fails there"), messages, "a gap on Linux, which baz is built for");
    }

    @Test
    void aClassifierJarForOnePlatformClaimsNoOther() throws Exception {
        Path jar = jar("opencv-4.10.0-1.5.11-linux-x86_64.jar", new TestArchives.Zip()
                .put("org/bytedeco/opencv/linux-x86_64/libjniopencv_core.so", elf(EM_X86_64))
                .put("org/bytedeco/opencv/linux-x86_64/libopencv_core.so.410", elf(EM_X86_64))
                .put("org/bytedeco/opencv/linux-x86_64/libjniopencv_imgproc.so", elf(EM_X86_64)));
        ArchiveScanTest.Result r = ArchiveScanTest.scan(jar);
        assertEquals(List.of(), r.findings("native-platform-missing"));
        assertEquals(new TreeSet<>(List.of("linux-x86_64-glibc")), new TreeSet<>((List<String>) matrix(r, jar).get("platforms")));
    }

    @Test
    void wordsFusedToTheNameJoinOnlyWhenAnotherFileHasTheShorterName() throws Exception {
        // libGDX's natives-desktop layout: gdx.dll (i686), gdx64.dll, libgdx64.so, libgdxarm64.so
        Path gdx = jar("gdx-platform-natives-desktop.jar", new TestArchives.Zip()
                .put("gdx.dll", pe("libexports-i686.dll"))
                .put("gdx64.dll", pe("libexports.dll"))
                .put("libgdx64.so", elf(EM_X86_64))
                .put("libgdxarm64.so", elf(EM_AARCH64)));
        ArchiveScanTest.Result r = ArchiveScanTest.scan(gdx);
        assertEquals(List.of("gdx"), List.copyOf(((Map<String, Object>) matrix(r, gdx).get("libraries")).keySet()));
        assertEquals(List.of(), r.findings("native-platform-missing"));
        // with nothing named crc, a 32-bit libcrc32.so is library crc32, not crc
        Path crc = jar("crc.jar", new TestArchives.Zip()
                .put("natives/linux-i686/libcrc32.so", elf(TestArchives.EM_386))
                .put("natives/linux-aarch64/libother.so", elf(EM_AARCH64)));
        r = ArchiveScanTest.scan(crc);
        assertEquals(List.of("crc32", "other"), List.copyOf(((Map<String, Object>) matrix(r, crc).get("libraries")).keySet()));
    }
}
