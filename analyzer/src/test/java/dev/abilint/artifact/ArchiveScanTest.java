package dev.abilint.artifact;

import static dev.abilint.artifact.TestArchives.EM_AARCH64;
import static dev.abilint.artifact.TestArchives.EM_X86_64;
import static dev.abilint.artifact.TestArchives.elf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Binary;
import dev.abilint.model.Finding;
import dev.abilint.model.Platform;
import dev.abilint.model.Severity;
import dev.abilint.report.JsonReportWriter;
import dev.abilint.report.Report;
import dev.abilint.rule.AllRules;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.rule.RuleEngine;
import dev.abilint.rule.Targets;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artifacts as a user points abilint at them: what is found, where, which platform, which findings. */
class ArchiveScanTest {
    @TempDir
    Path dir;

    record Result(Analysis analysis, List<Finding> findings) {
        Artifact artifact(String path) {
            return analysis.artifacts().stream().filter(a -> a.getPath().equals(path)).findFirst()
                    .orElseThrow(() -> new AssertionError("no artifact " + path + " in " + paths()));
        }

        List<String> paths() {
            return analysis.artifacts().stream().map(Artifact::getPath).toList();
        }

        Binary binary(String path) {
            return analysis.binaries().stream().filter(b -> b.getPath().equals(path)).findFirst()
                    .orElseThrow(() -> new AssertionError("no binary " + path + " in "
                            + analysis.binaries().stream().map(Binary::getPath).toList()));
        }

        List<Finding> findings(String ruleId) {
            return findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
        }

        List<String> locations(String ruleId) {
            return findings(ruleId).stream().map(Finding::location).toList();
        }
    }

    Path write(String name, byte[] data) throws IOException {
        Path path = dir.resolve(name);
        Files.createDirectories(path.getParent());
        Files.write(path, data);
        return path;
    }

    static Result scan(Limits limits, Targets targets, Path... inputs) throws Exception {
        List<String> paths = java.util.Arrays.stream(inputs).map(Path::toString).toList();
        Analysis analysis = new Analyzer(limits).analyze(paths, n -> { });
        return new Result(analysis, new RuleEngine(AllRules.all(), RuleCatalogue.get()).run(analysis, targets));
    }

    static Result scan(Path... inputs) throws Exception {
        return scan(Limits.DEFAULTS, Targets.none(), inputs);
    }

    static Map<String, byte[]> files(Object... nameThenBytes) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            Object v = nameThenBytes[i + 1];
            out.put((String) nameThenBytes[i], v instanceof String s ? TestArchives.text(s) : (byte[]) v);
        }
        return out;
    }

    // ------------------------------------------------------------------ wheels

    static final String SO = "fast/_core.cpython-312-x86_64-linux-gnu.so";

    @Test
    void wheelWithCorrectRecordHasFactsPlatformsAndNoFindings() throws Exception {
        Path whl = write("fast-1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                TestArchives.wheel("fast-1.0.dist-info", "cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64", false,
                        files("fast/__init__.py", "", SO, dev.abilint.testing.Fixtures.bytes(
                                dev.abilint.testing.Fixtures.file("python/_core.cpython-312-x86_64-linux-gnu.so")))).bytes());
        Result r = scan(whl);
        Artifact wheel = r.artifact(whl.toString());
        assertEquals("wheel", wheel.getKind());
        assertEquals("fast", wheel.getFacts().get("name"));
        assertEquals(List.of("cp312"), wheel.getFacts().get("pythonTags"));
        assertEquals(List.of("manylinux_2_17_x86_64", "manylinux2014_x86_64"), wheel.getFacts().get("platformTags"));
        assertEquals(Map.of("name", "fast", "version", "1.0", "requiresPython", ">=3.9"), wheel.getFacts().get("metadata"));
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) wheel.getFacts().get("record");
        assertEquals(4, record.get("verified"), "every file but RECORD verified: " + record);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> extensions = (List<Map<String, Object>>) wheel.getFacts().get("extensions");
        assertEquals("_core", extensions.get(0).get("module"));
        assertEquals("cp312", extensions.get(0).get("abi"));
        Binary so = r.binary(whl + "!/" + SO);
        assertEquals(new Platform("linux", "x86_64", "glibc"), so.getDeclaredPlatform());
        assertEquals(List.of(), r.findings(), "a correct wheel has no findings");
    }

    @Test
    void tamperedWheelFileIsARecordMismatch() throws Exception {
        TestArchives.Zip zip = TestArchives.wheel("fast-1.0.dist-info", "cp312-cp312-manylinux_2_17_x86_64", false,
                files("fast/__init__.py", "", SO, elf(EM_X86_64)));
        byte[] patched = elf(EM_X86_64);
        patched[patched.length - 1] = 1; // changed after RECORD was written
        zip.put(SO, patched);
        zip.put("fast/extra.py", "print('not in RECORD')");
        Path whl = write("fast-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", zip.bytes());
        Result r = scan(whl);
        List<Finding> mismatches = r.findings("wheel-record-mismatch");
        assertEquals(List.of(whl + "!/fast/_core.cpython-312-x86_64-linux-gnu.so", whl + "!/fast/extra.py"),
                mismatches.stream().map(Finding::location).toList());
        assertEquals(Severity.ERROR, mismatches.get(0).severity());
        assertTrue(mismatches.get(0).message().contains("sha256"), mismatches.get(0).message());
        assertTrue(mismatches.get(1).message().contains("not listed"), mismatches.get(1).message());
    }

    @Test
    void recordRowWithoutFileIsReported() throws Exception {
        TestArchives.Zip zip = TestArchives.wheel("fast-1.0.dist-info", "py3-none-any", true,
                files("fast/__init__.py", "", "fast/gone.py", "x"));
        zip.entries().remove("fast/gone.py");
        Path whl = write("fast-1.0-py3-none-any.whl", zip.bytes());
        Result r = scan(whl);
        assertEquals(List.of(whl + "!/fast/gone.py"), r.locations("wheel-record-mismatch"));
        assertTrue(r.findings("wheel-record-mismatch").get(0).message().contains("missing"));
    }

    @Test
    void pureTaggedWheelWithNativeIsAnError() throws Exception {
        Path whl = write("fast-1.0-py3-none-any.whl", TestArchives.wheel("fast-1.0.dist-info", "py3-none-any", true,
                files("fast/__init__.py", "", SO, elf(EM_X86_64))).bytes());
        Result r = scan(whl);
        assertEquals(List.of(whl.toString()), r.locations("wheel-pure-with-binaries"));
        assertNull(r.binary(whl + "!/" + SO).getDeclaredPlatform(), "'any' declares no platform");
        // a platform wheel with the same content does not fire
        Path platform = write("fast-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", TestArchives.wheel("fast-1.0.dist-info",
                "cp312-cp312-manylinux_2_17_x86_64", false, files(SO, elf(EM_X86_64))).bytes());
        assertEquals(List.of(), scan(platform).findings("wheel-pure-with-binaries"));
    }

    @Test
    void wheelTagDeclaresThePlatformAndAMismatchIsReported() throws Exception {
        Path whl = write("fast-1.0-cp312-cp312-manylinux_2_17_aarch64.whl", TestArchives.wheel("fast-1.0.dist-info",
                "cp312-cp312-manylinux_2_17_aarch64", false, files(SO, elf(EM_X86_64))).bytes());
        Result r = scan(whl);
        assertEquals(new Platform("linux", "aarch64", "glibc"), r.binary(whl + "!/" + SO).getDeclaredPlatform());
        // In a wheel the tag is what is wrong: one finding in wheel words, not a second path-convention one.
        assertEquals(List.of(whl + "!/" + SO), r.locations("tag-binary-mismatch"));
        assertEquals(List.of(), r.locations("native-arch-mismatch"));
        assertTrue(r.findings("tag-binary-mismatch").get(0).message().contains("manylinux_2_17_aarch64"));
    }

    // ------------------------------------------------------------------ eggs, zipapps, sdists

    @Test
    void extensionInsideEggOrZipappCannotBeImported() throws Exception {
        byte[] content = new TestArchives.Zip().put("__main__.py", "import fast").put("EGG-INFO/PKG-INFO", "Name: fast\n")
                .put("fast/_core.abi3.so", elf(EM_X86_64)).bytes();
        Path egg = write("fast-1.0-py3.12.egg", content);
        // a zipapp starts with a #! line: found by its end record, not its first bytes
        byte[] shebang = TestArchives.text("#!/usr/bin/env python3\n");
        byte[] pyz = new byte[shebang.length + content.length];
        System.arraycopy(shebang, 0, pyz, 0, shebang.length);
        System.arraycopy(content, 0, pyz, shebang.length, content.length);
        Path app = write("app.pyz", pyz);
        Result r = scan(egg, app);
        assertEquals("egg", r.artifact(egg.toString()).getKind());
        assertEquals("zipapp", r.artifact(app.toString()).getKind());
        assertEquals(List.of(app + "!/fast/_core.abi3.so", egg + "!/fast/_core.abi3.so"),
                r.locations("extension-in-zipimport-archive"));
        assertEquals(List.of(Severity.ERROR, Severity.ERROR), r.findings("extension-in-zipimport-archive").stream()
                .map(Finding::severity).toList());
        // setuptools' eggs put a bootstrap stub next to the extension: importable through pkg_resources
        Path stubbed = write("stubbed-1.0-py3.12.egg", new TestArchives.Zip().put("EGG-INFO/PKG-INFO", "Name: s\n")
                .put("fast/_core.abi3.so", elf(EM_X86_64)).put("fast/_core.py", "def __bootstrap__(): pass\n").bytes());
        List<Finding> stubFindings = scan(stubbed).findings("extension-in-zipimport-archive");
        assertEquals(1, stubFindings.size());
        assertEquals(Severity.WARNING, stubFindings.get(0).severity());
        assertTrue(stubFindings.get(0).message().contains("stub loader"), stubFindings.get(0).message());
        // the same zip named .zip is neither: no finding
        Path zip = write("plain.zip", content);
        assertEquals(List.of(), scan(zip).findings("extension-in-zipimport-archive"));
    }

    @Test
    void sdistTarGzWithCompiledFileIsAWarning() throws Exception {
        Path sdist = write("fast-1.0.tar.gz", TestArchives.tarGz(files(
                "fast-1.0/PKG-INFO", "Metadata-Version: 2.1\nName: fast\nVersion: 1.0\n",
                "fast-1.0/setup.py", "from setuptools import setup\n",
                "fast-1.0/fast/_core.c", "int x;\n",
                "fast-1.0/build/lib/fast/" + "_core.cpython-312-x86_64-linux-gnu.so", elf(EM_X86_64))));
        Result r = scan(sdist);
        Artifact a = r.artifact(sdist.toString());
        assertEquals("sdist", a.getKind());
        assertEquals("tar+gzip", a.getFacts().get("format"));
        assertEquals(Map.of("name", "fast", "version", "1.0"), a.getFacts().get("pkgInfo"));
        assertEquals(true, a.getFacts().get("setupPy"));
        List<Finding> found = r.findings("sdist-contains-binaries");
        assertEquals(List.of(sdist + "!/fast-1.0/build/lib/fast/_core.cpython-312-x86_64-linux-gnu.so"),
                found.stream().map(Finding::location).toList());
        assertEquals(Severity.WARNING, found.get(0).severity());
    }

    @Test
    void zipSdistIsRecognisedByItsPkgInfo() throws Exception {
        Path sdist = write("fast-1.0.zip", new TestArchives.Zip().put("fast-1.0/PKG-INFO", "Name: fast\nVersion: 1.0\n")
                .put("fast-1.0/fast/_core.so", elf(EM_X86_64)).bytes());
        Result r = scan(sdist);
        assertEquals("sdist", r.artifact(sdist.toString()).getKind());
        assertEquals(List.of(sdist + "!/fast-1.0/fast/_core.so"), r.locations("sdist-contains-binaries"));
    }

    // ------------------------------------------------------------------ jars

    static byte[] nativesJar() {
        return new TestArchives.Zip()
                .put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nAutomatic-Module-Name: org.example.fast\n"
                        + "Created-By: test\nBuild-Jdk-Spec: 17\n")
                .put("org/example/Fast.class", TestArchives.classFile(61))
                .put("com/sun/jna/linux-x86-64/libjnidispatch.so", elf(EM_X86_64))
                .put("com/sun/jna/linux-aarch64/libjnidispatch.so", elf(EM_AARCH64))
                .put("org/sqlite/native/Linux-Musl/aarch64/libsqlitejdbc.so", elf(EM_AARCH64))
                .put("META-INF/native/libnetty_transport_native_epoll_aarch_64.so", elf(EM_X86_64)) // wrong build
                .put("lib/unknown/libmystery.so", elf(EM_X86_64))
                .put("README.txt", "skipped")
                .bytes();
    }

    @Test
    void jarNativesGetDeclaredPlatformsFromKnownLayouts() throws Exception {
        Path jar = write("fast-1.0.jar", nativesJar());
        Result r = scan(jar);
        Artifact a = r.artifact(jar.toString());
        assertEquals("jar", a.getKind());
        assertEquals(17, a.getFacts().get("javaFloor"));
        assertEquals(61, a.getFacts().get("classMajorMax"));
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) a.getFacts().get("manifest");
        assertEquals("org.example.fast", manifest.get("Automatic-Module-Name"));
        assertEquals(1, r.analysis().javaClasses().size());
        assertEquals(jar + "!/org/example/Fast.class", r.analysis().javaClasses().get(0).location());
        assertEquals("linux-x86_64", r.binary(jar + "!/com/sun/jna/linux-x86-64/libjnidispatch.so")
                .getDeclaredPlatform().label());
        assertEquals("linux-aarch64", r.binary(jar + "!/com/sun/jna/linux-aarch64/libjnidispatch.so")
                .getDeclaredPlatform().label());
        assertEquals("linux-aarch64-musl", r.binary(jar + "!/org/sqlite/native/Linux-Musl/aarch64/libsqlitejdbc.so")
                .getDeclaredPlatform().label());
        assertNull(r.binary(jar + "!/lib/unknown/libmystery.so").getDeclaredPlatform(), "unknown layout: no guess");
        assertEquals(List.of(jar + "!/META-INF/native/libnetty_transport_native_epoll_aarch_64.so"),
                r.locations("native-arch-mismatch"));
    }

    @Test
    void fatJarHoldingAJarAndADirectoryOfArchives() throws Exception {
        byte[] inner = nativesJar();
        Path fat = write("app/app-all.jar", new TestArchives.Zip().put("META-INF/MANIFEST.MF", "Main-Class: x.Main\n")
                .put("BOOT-INF/lib/fast-1.0.jar", inner).bytes());
        write("app/wheels/fast-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", TestArchives.wheel("fast-1.0.dist-info",
                "cp312-cp312-manylinux_2_17_x86_64", false, files(SO, elf(EM_X86_64))).bytes());
        write("app/loose/linux-aarch64/libloose.so", elf(EM_X86_64));
        Result r = scan(dir.resolve("app"));
        String app = dir.resolve("app").toString();
        assertEquals(List.of(app, app + "/app-all.jar", app + "/app-all.jar!/BOOT-INF/lib/fast-1.0.jar",
                app + "/wheels/fast-1.0-cp312-cp312-manylinux_2_17_x86_64.whl"), r.paths());
        assertEquals("directory", r.artifact(app).getKind());
        String nested = app + "/app-all.jar!/BOOT-INF/lib/fast-1.0.jar!/com/sun/jna/linux-aarch64/libjnidispatch.so";
        assertEquals("linux-aarch64", r.binary(nested).getDeclaredPlatform().label());
        assertEquals(List.of(app + "/app-all.jar!/BOOT-INF/lib/fast-1.0.jar!/META-INF/native/"
                        + "libnetty_transport_native_epoll_aarch_64.so", app + "/loose/linux-aarch64/libloose.so"),
                r.locations("native-arch-mismatch"));
        assertEquals(7, r.analysis().binaries().size());
    }

    @Test
    void jarInsideTarGz() throws Exception {
        Path tgz = write("dist.tgz", TestArchives.tarGz(files("dist/lib/fast-1.0.jar", nativesJar())));
        Result r = scan(tgz);
        assertEquals("tarball", r.artifact(tgz.toString()).getKind());
        assertEquals("jar", r.artifact(tgz + "!/dist/lib/fast-1.0.jar").getKind());
        assertEquals("linux-x86_64", r.binary(tgz + "!/dist/lib/fast-1.0.jar!/com/sun/jna/linux-x86-64/libjnidispatch.so")
                .getDeclaredPlatform().label());
    }

    @Test
    void classVersionAboveTheJavaTarget() throws Exception {
        Path jar = write("new.jar", new TestArchives.Zip()
                .put("a/A.class", TestArchives.classFile(52))
                .put("a/B.class", TestArchives.classFile(65))
                .put("a/C.class", TestArchives.classFile(65))
                .put("module-info.class", TestArchives.classFile(53))
                .put("META-INF/versions/21/a/D.class", TestArchives.classFile(65))
                .put("META-INF/MANIFEST.MF", "Multi-Release: true\n").bytes());
        Targets java17 = new Targets(null, null, null, "17", List.of(), null);
        Result r = scan(Limits.DEFAULTS, java17, jar);
        List<Finding> found = r.findings("java-class-version-too-new");
        assertEquals(1, found.size(), found.toString());
        assertEquals(jar.toString(), found.get(0).location());
        assertTrue(found.get(0).message().startsWith("2 class file(s) need Java 21"), found.get(0).message());
        assertEquals(21, r.artifact(jar.toString()).getFacts().get("javaFloor"));
        assertEquals(true, r.artifact(jar.toString()).getFacts().get("moduleInfo"));
        assertEquals(List.of(), scan(jar).findings("java-class-version-too-new"), "silent without a target");
        Targets java8 = new Targets(null, null, null, "1.8", List.of(), null);
        assertEquals(1, scan(Limits.DEFAULTS, java8, jar).findings("java-class-version-too-new").size(),
                "module-info.class (53) is not reported for Java 8");
    }

    @Test
    void multiReleaseMisconfigurations() throws Exception {
        Path noHeader = write("a.jar", new TestArchives.Zip().put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
                .put("a/A.class", TestArchives.classFile(52))
                .put("META-INF/versions/11/a/A.class", TestArchives.classFile(55)).bytes());
        Path noVersions = write("b.jar", new TestArchives.Zip().put("META-INF/MANIFEST.MF", "Multi-Release: true\n")
                .put("a/A.class", TestArchives.classFile(52)).bytes());
        Path wrongRelease = write("c.jar", new TestArchives.Zip().put("META-INF/MANIFEST.MF", "Multi-Release: true\n")
                .put("a/A.class", TestArchives.classFile(52))
                .put("META-INF/versions/11/a/A.class", TestArchives.classFile(52)).bytes());
        Path good = write("d.jar", new TestArchives.Zip().put("META-INF/MANIFEST.MF", "Multi-Release: true\n")
                .put("a/A.class", TestArchives.classFile(52))
                .put("META-INF/versions/11/a/A.class", TestArchives.classFile(55))
                .put("META-INF/versions/11/module-info.class", TestArchives.classFile(53)).bytes()); // as netty
        Result r = scan(noHeader, noVersions, wrongRelease, good);
        List<Finding> found = r.findings("multi-release-misconfigured");
        assertEquals(List.of(noHeader.toString(), noVersions.toString(), wrongRelease.toString()),
                found.stream().map(Finding::location).toList());
        assertTrue(found.get(2).message().contains("below the directory's release"), found.get(2).message());
        assertEquals(dev.abilint.model.Severity.NOTE, found.get(2).severity(), "older classes load: a note");
    }

    // ------------------------------------------------------------------ hostile archives

    @Test
    void zipBombMemberIsStoppedAndTheScanGoesOn() throws Exception {
        byte[] zeros = new byte[64 << 20]; // 64 MiB of zeros deflate to ~64 KiB: about 1000:1
        Path bomb = write("bomb.jar", new TestArchives.Zip().put("a/zeros.bin", zeros)
                .put("com/sun/jna/linux-x86-64/libjnidispatch.so", elf(EM_X86_64)).bytes());
        // wheels hash every member, so the bomb is inflated there too: it must stop as well
        Path whl = write("bomb-1.0-py3-none-any.whl", new TestArchives.Zip().put("bomb/zeros.bin", zeros).bytes());
        Result r = scan(bomb, whl);
        assertEquals(List.of(whl + "!/bomb/zeros.bin"), r.locations("archive-limit-exceeded"),
                "a jar's skipped member is never inflated, a wheel's is, and stops at the ratio limit");
        assertTrue(r.findings("archive-limit-exceeded").get(0).message().contains("zip bomb"));
        assertNotNull(r.binary(bomb + "!/com/sun/jna/linux-x86-64/libjnidispatch.so"));
        // the same bomb nested (streamed) in another archive stops the nested archive only
        Path outer = write("outer.zip", new TestArchives.Zip().put("inner.whl", Files.readAllBytes(whl))
                .put("after.so", elf(EM_X86_64)).bytes());
        Result nested = scan(outer);
        assertEquals(List.of(outer + "!/inner.whl!/bomb/zeros.bin"), nested.locations("archive-limit-exceeded"));
        assertNotNull(nested.binary(outer + "!/after.so"), "the outer archive is read on");
    }

    @Test
    void memberAndTotalSizeLimits() throws Exception {
        byte[] big = new byte[300_000];
        new java.util.Random(1).nextBytes(big); // incompressible: not a bomb, just big
        byte[] native1 = java.util.Arrays.copyOf(elf(EM_X86_64), 300_000);
        Path jar = write("big.jar", new TestArchives.Zip().put("lib/big.so", native1).put("small.so", elf(EM_X86_64))
                .bytes());
        Result r = scan(Limits.DEFAULTS.withMaxMemberBytes(100_000), Targets.none(), jar);
        assertEquals(List.of(jar + "!/lib/big.so"), r.locations("archive-limit-exceeded"));
        assertNotNull(r.binary(jar + "!/small.so"));
        Path whl = write("big-1.0-py3-none-any.whl", new TestArchives.Zip().put("a.bin", big).put("b.bin", big)
                .put("c.bin", big).bytes());
        Result total = scan(Limits.DEFAULTS.withMaxTotalBytes(500_000), Targets.none(), whl);
        assertEquals(List.of(whl + "!/b.bin"), total.locations("archive-limit-exceeded"));
        assertTrue(total.findings("archive-limit-exceeded").get(0).message().contains("rest of the input"));
    }

    @Test
    void manyEntriesZip64AndTheEntryLimit() throws Exception {
        // more than 65535 entries: ZipOutputStream writes a ZIP64 end record
        TestArchives.Zip zip = new TestArchives.Zip();
        for (int i = 0; i < 100_000; i++) {
            zip.put("d/" + i, new byte[0]);
        }
        zip.put("z/linux-x86_64/last.so", elf(EM_X86_64));
        Path many = write("many.zip", zip.bytes());
        long start = System.nanoTime();
        Result r = scan(many);
        assertTrue(System.nanoTime() - start < 60_000_000_000L, "bounded time");
        assertEquals(100_001, r.artifact(many.toString()).getFacts().get("entries"));
        assertEquals("linux-x86_64", r.binary(many + "!/z/linux-x86_64/last.so").getDeclaredPlatform().label(),
                "the member after entry 65535 is found through the ZIP64 directory");
        assertEquals(List.of(), r.findings("parse-error"));
        Result limited = scan(Limits.DEFAULTS.withMaxEntries(50_000), Targets.none(), many);
        assertEquals(List.of(many.toString()), limited.locations("archive-limit-exceeded"));
        assertTrue(limited.findings("archive-limit-exceeded").get(0).message().contains("100001"));
        assertTrue(limited.analysis().binaries().isEmpty());
    }

    @Test
    void unsafeEntryNamesAreFlaggedAndEscaped() throws Exception {
        Path jar = write("evil.zip", new TestArchives.Zip().put("../../evil.so", elf(EM_X86_64))
                .put("/abs/x.txt", "x").put("a\\b.pyd", "x").put("bad\u001b[2J.so", elf(EM_X86_64)).bytes());
        Result r = scan(jar);
        assertEquals(List.of(jar + "!/../../evil.so", jar + "!//abs/x.txt", jar + "!/a\\b.pyd",
                jar + "!/bad\\x1b[2J.so"), r.locations("archive-unsafe-entry-name"));
        assertEquals(Severity.WARNING, r.findings("archive-unsafe-entry-name").get(0).severity());
        assertNotNull(r.binary(jar + "!/bad\\x1b[2J.so"), "location escaped, member still read");
        assertNotNull(r.binary(jar + "!/../../evil.so"));
        assertFalse(Files.exists(dir.getParent().resolve("evil.so")), "nothing is ever written");
    }

    @Test
    void duplicateEntryNamesAreFlagged() throws Exception {
        // a tar holds the same name twice without any trick: the archive's entries, then the same again
        Path tar = write("dup.tar", TestArchives.tar(files("a/x.so", elf(EM_X86_64))));
        byte[] once = Files.readAllBytes(tar);
        byte[] twice = new byte[once.length * 2 - 1024];
        System.arraycopy(once, 0, twice, 0, once.length - 1024);
        System.arraycopy(once, 0, twice, once.length - 1024, once.length);
        Files.write(tar, twice);
        Result r = scan(tar);
        assertEquals(List.of(tar + "!/a/x.so"), r.locations("archive-unsafe-entry-name"));
        assertTrue(r.findings("archive-unsafe-entry-name").get(0).message().contains("duplicate"));
    }

    @Test
    void garbageAfterAZipSignatureIsOneParseError() throws Exception {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        junk[0] = 'P';
        junk[1] = 'K';
        junk[2] = 3;
        junk[3] = 4;
        Path bad = write("bad.jar", junk);
        Result r = scan(bad);
        assertEquals(List.of(bad.toString()), r.locations("parse-error"));
        assertTrue(r.findings("parse-error").get(0).message().contains("failed too"),
                r.findings("parse-error").get(0).message());
    }

    @Test
    void namesThatAreNotUtf8AreStillRead() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out,
                java.nio.charset.StandardCharsets.ISO_8859_1)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("linux-x86_64/caf\u00e9.so")); // 0xE9: not UTF-8
            zip.write(elf(EM_X86_64));
            zip.closeEntry();
        }
        Path jar = write("latin1.jar", out.toByteArray());
        Path outer = write("outer.zip", new TestArchives.Zip().put("lib/latin1.jar", out.toByteArray())
                .put("lib/utf8.jar", new TestArchives.Zip().put("na\u00efve.so", elf(EM_X86_64)).bytes()).bytes());
        Result r = scan(jar, outer);
        assertEquals(List.of(), r.findings("parse-error"));
        assertNotNull(r.binary(jar + "!/linux-x86_64/caf\u00e9.so"));
        assertNotNull(r.binary(outer + "!/lib/latin1.jar!/linux-x86_64/caf\u00e9.so"), "streamed too");
        assertNotNull(r.binary(outer + "!/lib/utf8.jar!/na\u00efve.so"), "UTF-8 flagged names stay UTF-8");
    }

    @Test
    void nestingBombStopsAtTheDepthLimit() throws Exception {
        byte[] current = new TestArchives.Zip().put("deep.so", elf(EM_X86_64)).bytes();
        for (int i = 0; i < 8; i++) {
            current = new TestArchives.Zip().put("n" + i + ".zip", current).bytes();
        }
        Path bomb = write("nest.zip", current);
        Result r = scan(bomb);
        List<Finding> limits = r.findings("archive-limit-exceeded");
        assertEquals(1, limits.size(), limits.toString());
        assertEquals(bomb + "!/n7.zip!/n6.zip!/n5.zip!/n4.zip!/n3.zip", limits.get(0).location());
        assertEquals(5, r.analysis().artifacts().size(), "input and 4 nested levels");
        assertTrue(r.analysis().binaries().isEmpty());
    }

    @Test
    void truncatedCentralDirectoryIsAParseErrorAndLocalHeadersAreStillRead() throws Exception {
        byte[] whole = new TestArchives.Zip().put("a/linux-x86_64/one.so", elf(EM_X86_64))
                .put("b/two.so", elf(EM_AARCH64)).bytes();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 30); // end record gone
        Path jar = write("cut.jar", cut);
        Result r = scan(jar);
        List<Finding> errors = r.findings("parse-error");
        assertEquals(List.of(jar.toString()), errors.stream().map(Finding::location).toList());
        assertTrue(errors.get(0).message().contains("central directory"), errors.get(0).message());
        assertNotNull(r.binary(jar + "!/a/linux-x86_64/one.so"));
        assertNotNull(r.binary(jar + "!/b/two.so"));
    }

    @Test
    void truncatedNestedArchiveIsAParseErrorForThatArchive() throws Exception {
        byte[] inner = new TestArchives.Zip().put("one.so", elf(EM_X86_64)).put("two.so", elf(EM_X86_64)).bytes();
        byte[] cut = java.util.Arrays.copyOf(inner, 200);
        Path outer = write("outer.jar", new TestArchives.Zip().put("lib/cut.jar", cut).put("ok.so", elf(EM_X86_64))
                .bytes());
        Result r = scan(outer);
        assertEquals(List.of(outer + "!/lib/cut.jar"), r.locations("parse-error"));
        assertNotNull(r.binary(outer + "!/ok.so"));
        Path tgz = write("cut.tar.gz", java.util.Arrays.copyOf(TestArchives.tarGz(files("a.so", elf(EM_X86_64),
                "b.txt", new byte[100_000])), 120));
        assertEquals(List.of(tgz.toString()), scan(tgz).locations("parse-error"));
    }

    @Test
    void dataDescriptorEntriesOnDiskAndNested() throws Exception {
        // ZipOutputStream writes DEFLATED entries with data descriptors (sizes after the data)
        byte[] deflated = new TestArchives.Zip().put("linux-x86_64/a.so", elf(EM_X86_64)).put("b.txt", "b").bytes();
        assertEquals(8, deflated[6] & 0x08, "general purpose bit 3: data descriptor");
        byte[] stored = new TestArchives.Zip().stored().put("linux-aarch64/c.so", elf(EM_AARCH64)).bytes();
        Path onDisk = write("dd.jar", deflated);
        Path nested = write("outer.jar", new TestArchives.Zip().put("dd.jar", deflated).put("stored.jar", stored)
                .bytes());
        Result r = scan(onDisk, nested);
        assertNotNull(r.binary(onDisk + "!/linux-x86_64/a.so"));
        assertEquals("linux-x86_64", r.binary(nested + "!/dd.jar!/linux-x86_64/a.so").getDeclaredPlatform().label());
        assertEquals("linux-aarch64", r.binary(nested + "!/stored.jar!/linux-aarch64/c.so").getDeclaredPlatform().label());
        assertEquals(List.of(), r.findings("parse-error"));
    }

    // ------------------------------------------------------------------ determinism

    @Test
    void sameFatArchiveGivesIdenticalJsonFiveTimes() throws Exception {
        TestArchives.Zip fat = new TestArchives.Zip();
        for (int i = 0; i < 12; i++) {
            fat.put("BOOT-INF/lib/lib" + i + ".jar", nativesJar());
        }
        fat.put("wheels/fast-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", TestArchives.wheel("fast-1.0.dist-info",
                "cp312-cp312-manylinux_2_17_x86_64", false, files(SO, elf(EM_X86_64))).bytes());
        Path jar = write("fat.jar", fat.bytes());
        String first = null;
        for (int run = 0; run < 5; run++) {
            Result r = scan(jar);
            StringWriter out = new StringWriter();
            new JsonReportWriter().write(Report.of("scan", "test", r.analysis(), r.findings(), Severity.ERROR), out);
            if (first == null) {
                first = out.toString();
                assertEquals(12 * 5 + 1, r.analysis().binaries().size());
            } else {
                assertEquals(first, out.toString(), "run " + run);
            }
        }
    }

    /** The JSON report of a scan with this many reader and inflater threads (1: no read-ahead at all). */
    static String json(Limits limits, int threads, Path... inputs) throws Exception {
        List<String> paths = java.util.Arrays.stream(inputs).map(Path::toString).toList();
        Analysis analysis = new Analyzer(limits, threads).analyze(paths, n -> { });
        List<Finding> findings = new RuleEngine(AllRules.all(), RuleCatalogue.get(), threads)
                .run(analysis, Targets.none());
        StringWriter out = new StringWriter();
        new JsonReportWriter().write(Report.of("scan", "test", analysis, findings, Severity.ERROR), out);
        return out.toString();
    }

    @Test
    void readAheadOnManyThreadsGivesTheReportOfReadingOneByOne() throws Exception {
        TestArchives.Zip jar = new TestArchives.Zip().put("META-INF/MANIFEST.MF", "Multi-Release: true\n")
                .put("META-INF/", new byte[0]);
        for (int i = 0; i < 300; i++) { // more than the read-ahead window of entries
            jar.put("org/example/C" + i + ".class", TestArchives.classFile(52 + i % 10));
            if (i % 20 == 0) {
                jar.put("com/sun/jna/linux-x86-64/lib" + i + ".so", elf(i % 40 == 0 ? EM_X86_64 : EM_AARCH64));
                jar.put("lib/nested" + i + ".jar", nativesJar());
                jar.put("broken/B" + i + ".class", new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0});
                jar.put("../escape" + i + ".txt", "unsafe name");
            }
        }
        jar.put("a/zeros.bin", new byte[8 << 20]); // skipped in a jar: never inflated past its head
        Path jarPath = write("many.jar", jar.bytes());
        byte[] noise = new byte[1 << 20]; // does not deflate: four of them spend a 3 MiB budget
        new java.util.Random(1).nextBytes(noise);
        Path whl = write("fast-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", TestArchives.wheel("fast-1.0.dist-info",
                "cp312-cp312-manylinux_2_17_x86_64", false, files(SO, elf(EM_X86_64), "fast/zeros.bin",
                        new byte[4 << 20], "fast/a.bin", noise, "fast/b.bin", noise, "fast/c.bin", noise, "fast/d.bin",
                        noise, "fast/__init__.py", "")).bytes());
        String oneByOne = json(Limits.DEFAULTS, 1, jarPath, whl);
        assertTrue(oneByOne.contains("escape0.txt") && oneByOne.contains("nested20.jar!/com/sun/jna"), oneByOne.length()
                + " characters of report without the entries it must list");
        for (int threads : new int[] {2, 4, 8}) {
            assertEquals(oneByOne, json(Limits.DEFAULTS, threads, jarPath, whl), threads + " threads");
        }
        // and where a limit stops the archive, it stops at the same entry
        Limits few = Limits.DEFAULTS.withMaxEntries(150).withMaxTotalBytes(3 << 20);
        String limited = json(few, 1, jarPath, whl);
        assertTrue(limited.contains("more than 150 entries") && limited.contains("\"limit\" : \"total-bytes\""), limited);
        assertEquals(limited, json(few, 4, jarPath, whl));
    }

    @Test
    void wheelsReadAheadOneAfterAnotherGiveTheReportOfReadingThemOneByOne() throws Exception {
        Path house = dir.resolve("dist");
        byte[] noise = new byte[300_000];
        new java.util.Random(2).nextBytes(noise);
        for (int w = 0; w < 6; w++) {
            Map<String, byte[]> members = files(SO, elf(EM_X86_64), "fast/noise.bin", noise, "fast/__init__.py", "# " + w);
            for (int i = 0; i < 150; i++) { // more than the read-ahead window of entries
                members.put("fast/m" + i + ".py", TestArchives.text("x = " + i + "\n"));
            }
            TestArchives.Zip wheel = TestArchives.wheel("fast" + w + "-1.0.dist-info", "cp312-cp312-manylinux_2_17_x86_64",
                    false, members);
            if (w == 2) { // one member differs from its RECORD row: that wheel's finding, no other's
                wheel.put("fast/m7.py", "x = 8\n");
            }
            write("dist/fast" + w + "-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", wheel.bytes());
        }
        // a zip whose central directory is cut off comes next in the walk: it cannot be opened ahead
        byte[] whole = TestArchives.wheel("fast9-1.0.dist-info", "cp312-cp312-manylinux_2_17_x86_64", false,
                files(SO, elf(EM_X86_64))).bytes();
        write("dist/fast3a-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", java.util.Arrays.copyOf(whole, whole.length - 30));
        write("dist/fast4a.tar.gz", TestArchives.tarGz(files("lib/x.so", elf(EM_AARCH64))));

        String oneByOne = json(Limits.DEFAULTS, 1, house);
        Result r = scan(house);
        assertEquals(List.of(house + "/fast2-1.0-cp312-cp312-manylinux_2_17_x86_64.whl"),
                r.locations("wheel-record-mismatch").stream().map(l -> l.replaceAll("!/.*", "")).distinct().toList());
        assertTrue(r.locations("parse-error").contains(house + "/fast3a-1.0-cp312-cp312-manylinux_2_17_x86_64.whl"),
                r.locations("parse-error").toString());
        assertEquals(8, r.analysis().binaries().size(), "six wheels' modules, the cut wheel's from its local headers, the tar's library");
        for (int threads : new int[] {2, 4, 8}) {
            assertEquals(oneByOne, json(Limits.DEFAULTS, threads, house), threads + " threads");
        }
        // the same wheels given one by one as arguments
        List<Path> each;
        try (var files = Files.list(house)) {
            each = files.sorted().toList();
        }
        String asArguments = json(Limits.DEFAULTS, 4, each.toArray(Path[]::new));
        assertEquals(json(Limits.DEFAULTS, 1, each.toArray(Path[]::new)), asArguments);
        // a limit inside one wheel stops that wheel only
        Limits few = Limits.DEFAULTS.withMaxEntries(100);
        String limited = json(few, 1, house);
        assertEquals(6, limited.split("more than 100 entries", -1).length - 1, "each of the six big wheels, once");
        assertEquals(limited, json(few, 4, house));
    }

    @Test
    void nestedArchivesReadAheadGiveTheReportOfStreamingThemInTurn() throws Exception {
        TestArchives.Zip jar = new TestArchives.Zip().put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
                .put("lib/first.jar", nativesJar()).put("lib/second.jar", nativesJar());
        byte[] big = java.util.Arrays.copyOf(elf(EM_X86_64), 17 << 20); // more than a read-ahead may hold
        java.util.Random random = new java.util.Random(3);
        for (int i = 256; i < big.length; i++) {
            big[i] = (byte) random.nextInt(4); // deflates about 4:1, far from a zip bomb's ratio
        }
        for (int i = 0; i < 40; i++) {
            jar.put("org/example/C" + i + ".class", TestArchives.classFile(52 + i % 9));
            if (i % 5 == 0) {
                jar.put("lib/nested" + i + ".jar", nativesJar());
                TestArchives.Zip wheel = TestArchives.wheel("fast-1.0.dist-info", "cp312-cp312-manylinux_2_17_x86_64",
                        false, files(SO, elf(EM_X86_64), "fast/a.py", "from ctypes import CDLL\nCDLL('x.so')\n"));
                if (i % 10 == 0) {
                    wheel.put("fast/a.py", "tampered"); // its RECORD row no longer matches
                    wheel.put("../up.txt", "unsafe name");
                }
                jar.put("wheels/fast" + i + "-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", wheel.bytes());
                jar.put("deep/d" + i + ".zip", new TestArchives.Zip().put("in.zip", new TestArchives.Zip()
                        .put("in2.zip", new TestArchives.Zip().put("in3.zip", nativesJar()).bytes()).bytes()).bytes());
                byte[] cut = nativesJar();
                jar.put("broken/b" + i + ".jar", java.util.Arrays.copyOf(cut, cut.length - 40));
            }
        }
        jar.put("lib/huge.jar", new TestArchives.Zip().put("linux-x86-64/libhuge.so", big).bytes());
        Path path = write("nests.jar", jar.bytes());
        try {
            List<Limits> all = new java.util.ArrayList<>(List.of(Limits.DEFAULTS, Limits.DEFAULTS.withMaxMemberBytes(3000),
                    Limits.DEFAULTS.withMaxDepth(2)));
            for (int total = 1000; total < 12_000; total += 1000) { // the input's budget ends inside a nested one
                all.add(Limits.DEFAULTS.withMaxTotalBytes(total));
            }
            for (Limits limits : all) {
                NestedAhead.enabled = false;
                String inTurn = json(limits, 1, path);
                NestedAhead.enabled = true;
                for (int threads : new int[] {1, 2, 4}) {
                    assertEquals(inTurn, json(limits, threads, path), limits + ", " + threads + " threads");
                }
            }
        } finally {
            NestedAhead.enabled = true;
        }
        Result r = scan(path);
        assertEquals(4, r.locations("wheel-record-mismatch").stream().map(l -> l.replaceAll("\\.whl!/.*", "")).distinct()
                .count(), r.locations("wheel-record-mismatch").toString());
        assertNotNull(r.binary(path + "!/lib/huge.jar!/linux-x86-64/libhuge.so"));
        assertNotNull(r.binary(path + "!/wheels/fast35-1.0-cp312-cp312-manylinux_2_17_x86_64.whl!/" + SO));
    }

    @Test
    void entryLargerThanItsCentralDirectorySaysIsDamaged() throws Exception {
        byte[] so = elf(EM_X86_64);
        byte[] zip = new TestArchives.Zip().put("com/sun/jna/linux-x86-64/libjnidispatch.so", so)
                .put("lib/after.so", elf(EM_X86_64)).bytes();
        // the first central directory header (PK 1 2) declares 16 bytes instead of the real size
        int central = -1;
        for (int i = 0; i + 4 <= zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                central = i;
                break;
            }
        }
        assertTrue(central > 0);
        java.nio.ByteBuffer.wrap(zip, central + 24, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(16);
        Path jar = write("lying.jar", zip);
        Result r = scan(jar);
        List<Finding> errors = r.findings("parse-error");
        assertEquals(List.of(jar + "!/com/sun/jna/linux-x86-64/libjnidispatch.so"),
                errors.stream().map(Finding::location).toList());
        assertTrue(errors.get(0).message().contains("more than the 16 bytes its central directory declares"),
                errors.get(0).message());
        assertNotNull(r.binary(jar + "!/lib/after.so"), "the next entry is read on");
    }
}
