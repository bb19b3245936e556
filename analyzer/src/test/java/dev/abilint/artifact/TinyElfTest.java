package dev.abilint.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.abilint.format.Bytes;
import dev.abilint.format.elf.ElfReader;
import dev.abilint.model.Binary;
import org.junit.jupiter.api.Test;

/** The synthesized ELF files the artifact tests use are read by the real ELF reader. */
class TinyElfTest {
    @Test
    void syntheticElfFilesAreReadWithTheirArchitecture() throws Exception {
        assertEquals("x86_64", read(TestArchives.EM_X86_64).getArch());
        assertEquals("aarch64", read(TestArchives.EM_AARCH64).getArch());
        assertEquals("i686", read(TestArchives.EM_386).getArch());
        assertEquals("armv7", read(TestArchives.EM_ARM).getArch());
        assertEquals("linux", read(TestArchives.EM_X86_64).getPlatform().os());
    }

    private static Binary read(int machine) throws Exception {
        return new ElfReader().read("x.so", Bytes.of(TestArchives.elf(machine))).get(0);
    }
}
