package dev.abilint.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.model.Binary;
import dev.abilint.model.Finding;
import dev.abilint.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * AIX natives in jars, laid out as JNA (com/sun/jna/aix-ppc64/libjnidispatch.a), snappy-java
 * (org/xerial/snappy/native/AIX/ppc64/) and zstd-jni (aix/ppc64/libzstd-jni.so) lay them out, with the XCOFF
 * fixtures of fixtures/xcoff: read by their bytes whatever the name, matched against the jar's JNI methods,
 * in the platform matrix, and held to the platform their path declares.
 */
class AixScanTest {
    @TempDir
    Path dir;

    private static byte[] xcoff(String name) {
        return Fixtures.bytes(Fixtures.file("xcoff/" + name));
    }

    /** demo.Native with native add (exported by the fixtures) and mul (exported by none). */
    private static byte[] nativeClass() {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V11, Opcodes.ACC_PUBLIC, "demo/Native", null, "java/lang/Object", null);
        w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_NATIVE, "add", "(II)I", null, null).visitEnd();
        w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_NATIVE, "mul", "(II)I", null, null).visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    private Path jar(String name, TestArchives.Zip zip) throws Exception {
        Path path = dir.resolve(name);
        Files.write(path, zip.bytes());
        return path;
    }

    @Test
    void aixNativesAreReadMatchedAndInTheMatrix() throws Exception {
        Path jar = jar("demo.jar", new TestArchives.Zip()
                .put("demo/Native.class", nativeClass())
                .put("com/sun/jna/aix-ppc64/libdemo.a", xcoff("libdemo.a"))
                .put("org/xerial/snappy/native/AIX/ppc/libdemo.so", xcoff("libdemo32.so")));
        ArchiveScanTest.Result r = ArchiveScanTest.scan(jar);
        List<Binary> aix = r.analysis().binaries().stream().filter(b -> "xcoff".equals(b.getFormat())).toList();
        assertEquals(3, aix.size(), "two archive members and a bare XCOFF file");
        Binary member64 = aix.stream().filter(b -> "shr_64.o".equals(b.flag("archiveMember"))).findFirst().get();
        assertEquals("aix-ppc64", member64.getDeclaredPlatform().label());
        Binary member32 = aix.stream().filter(b -> "shr.o".equals(b.flag("archiveMember"))).findFirst().get();
        assertNull(member32.getDeclaredPlatform(), "the 32-bit member beside shr_64.o makes no aix-ppc64 claim");
        assertEquals(List.of(), r.findings("native-arch-mismatch"));
        assertEquals(List.of(), r.findings("parse-error"));

        List<Finding> unbound = r.findings("jni-native-method-unbound");
        assertEquals(1, unbound.size(), unbound.toString());
        assertTrue(unbound.get(0).message().contains("mul"), unbound.get(0).message());
        assertTrue(!unbound.get(0).message().contains("add"), "add is exported by every AIX build");
        assertTrue(unbound.get(0).message().contains("aix-ppc64"), unbound.get(0).message());

        @SuppressWarnings("unchecked")
        Map<String, Object> matrix = (Map<String, Object>) r.artifact(jar.toString()).getFacts().get("nativeMatrix");
        assertEquals(List.of("aix-ppc", "aix-ppc64"), matrix.get("platforms"));
    }

    @Test
    void a32BitXcoffFileInA64BitDirectoryIsAMismatch() throws Exception {
        // zstd-jni 1.3.8-1 ships aix/ppc64/libzstd-jni.so as 32-bit XCOFF (magic 0x01DF; llvm-readobj: aixcoff-rs6000)
        Path jar = jar("zstd.jar", new TestArchives.Zip().put("aix/ppc64/libzstd-jni.so", xcoff("libdemo32.so")));
        ArchiveScanTest.Result r = ArchiveScanTest.scan(jar);
        List<Finding> mismatch = r.findings("native-arch-mismatch");
        assertEquals(1, mismatch.size(), r.findings().toString());
        assertTrue(mismatch.get(0).message().contains("declares aix-ppc64 but the binary is aix-ppc"),
                mismatch.get(0).message());
    }

    @Test
    void anUnreadableAixArchiveIsAParseErrorWithItsReason() throws Exception {
        byte[] broken = xcoff("libdemo.a");
        byte[] field = "12x4                ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, broken, 128, 20);
        Path jar = jar("broken.jar", new TestArchives.Zip().put("native/aix-ppc64/libfoo.a", broken));
        ArchiveScanTest.Result r = ArchiveScanTest.scan(jar);
        List<Finding> errors = r.findings("parse-error");
        assertEquals(1, errors.size(), r.findings().toString());
        assertTrue(errors.get(0).message().contains("not a decimal number"), errors.get(0).message());
        assertTrue(errors.get(0).location().endsWith("!/native/aix-ppc64/libfoo.a"));
    }
}
