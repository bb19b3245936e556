package dev.abilint.format.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.model.Binary;
import dev.abilint.model.Symbol;
import dev.abilint.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The header facts and flags a user reads in {@code inspect}, checked on the fixtures built for them. */
class ElfFactsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "x86_64/libdemo.so,    x86_64,  64, little, glibc",
        "i686/libdemo.so,      i686,    32, little, glibc",
        "aarch64/libdemo.so,   aarch64, 64, little, glibc",
        "armv7/libdemo.so,     armv7,   32, little, glibc",
        "ppc64le/libdemo.so,   ppc64le, 64, little, glibc",
        "ppc64/libdemo.so,     ppc64,   64, big,    glibc",
        "s390x/libdemo.so,     s390x,   64, big,    glibc",
        "riscv64/libdemo.so,   riscv64, 64, little, glibc",
        "x86_64-musl/libdemo.so, x86_64, 64, little, musl",
    })
    void headerPlatform(String fixture, String arch, int bits, String endian, String libc) throws Exception {
        Binary b = ElfGoldenTest.read(Fixtures.file("elf/" + fixture));
        assertEquals(arch, b.getArch());
        assertEquals(bits, b.getBits());
        assertEquals(endian, b.getEndian());
        assertEquals("linux", b.getPlatform().os());
        assertEquals(arch, b.getPlatform().arch());
        assertEquals(libc, b.getPlatform().libc());
        assertEquals("shared-library", b.getType());
    }

    @Test
    void versionedImportsCarryTheirLibrary() throws Exception {
        Binary b = ElfGoldenTest.read(Fixtures.file("elf/x86_64/libdemo.so"));
        assertTrue(b.getImports().contains(Symbol.imported("memcpy", "GLIBC_2.14", "libc.so.6", false)),
                () -> "imports: " + b.getImports());
        assertTrue(b.getImports().contains(Symbol.imported("optional_hook", null, null, true)));
        assertEquals(List.of("$ORIGIN/../lib"), b.getRpath());
        assertTrue(b.getRunpath().isEmpty());
        assertEquals("libdemo.so.1", b.getSoname());
        assertEquals(true, b.flag("bindNow"));
        assertEquals(false, b.flag("execStack"));
        assertEquals(false, b.flag("textrel"));
    }

    @Test
    void hiddenAndDefaultVersionsOfOneExport() throws Exception {
        Binary b = ElfGoldenTest.read(Fixtures.file("elf/s390x/libdemo.so"));
        assertTrue(b.getExports().stream().anyMatch(s -> s.name().equals("demo_old") && "DEMO_1.0".equals(s.version()) && s.hidden()));
        assertTrue(b.getExports().stream().anyMatch(s -> s.name().equals("demo_old") && "DEMO_2.0".equals(s.version()) && !s.hidden()));
        assertTrue(b.getExports().stream().anyMatch(s -> s.name().equals("demo_tls") && "tls".equals(s.kind())));
        assertTrue(b.getExports().stream().anyMatch(s -> s.name().equals("demo_counter") && "object".equals(s.kind())));
        assertTrue(b.getExports().stream().noneMatch(s -> s.name().equals("internal_helper")));
    }

    @Test
    void executableStackTextRelocationsAndIsaLevel() throws Exception {
        assertEquals(true, ElfGoldenTest.read(Fixtures.file("elf/x86_64/libexecstack.so")).flag("execStack"));
        assertEquals(true, ElfGoldenTest.read(Fixtures.file("elf/i686/libtextrel.so")).flag("textrel"));
        Binary isa = ElfGoldenTest.read(Fixtures.file("elf/x86_64/libisa-v3.so"));
        assertEquals("x86-64-v3", isa.flag("x86IsaNeeded"));
        assertNull(ElfGoldenTest.read(Fixtures.file("elf/x86_64/libdemo.so")).flag("x86IsaNeeded"));
    }

    @Test
    void buildIdMatchesLlvm() throws Exception {
        Path file = Fixtures.file("elf/x86_64/libisa-v3.so");
        Matcher m = Pattern.compile("Build ID: ([0-9a-f]+)").matcher(Files.readString(Path.of(file + ".readobj.txt")));
        assertTrue(m.find());
        assertEquals(m.group(1), ElfGoldenTest.read(file).flag("buildId"));
    }

    @Test
    void pieExecutableWithRunpath() throws Exception {
        Binary b = ElfGoldenTest.read(Fixtures.file("elf/x86_64/demo-exe"));
        assertEquals("pie-executable", b.getType());
        assertEquals(List.of("$ORIGIN/lib", "/opt/demo/lib"), b.getRunpath());
        assertEquals(List.of("libdemo.so.1", "libc.so.6"), b.getNeeded());
        assertTrue(String.valueOf(b.flag("interpreter")).startsWith("/lib64/ld-linux-x86-64"));
    }

    @Test
    void strippedOfSectionHeadersReadsThroughTheDynamicSegment() throws Exception {
        for (String arch : List.of("x86_64", "s390x")) {
            Binary full = ElfGoldenTest.read(Fixtures.file("elf/" + arch + "/libdemo.so"));
            Binary stripped = ElfGoldenTest.read(Fixtures.file("elf/" + arch + "/libdemo-nosections.so"));
            assertEquals(full.getImports(), stripped.getImports(), arch);
            assertEquals(full.getExports(), stripped.getExports(), arch);
            assertEquals(full.getNeeded(), stripped.getNeeded(), arch);
            assertTrue(stripped.getExports().size() > 5, arch);
        }
    }
}
