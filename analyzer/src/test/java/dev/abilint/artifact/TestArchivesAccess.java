package dev.abilint.artifact;

/** Lets tests in other packages build the same synthetic binaries. */
public final class TestArchivesAccess {
    private TestArchivesAccess() {}

    public static byte[] elfX86_64() {
        return TestArchives.elf(TestArchives.EM_X86_64);
    }
}
