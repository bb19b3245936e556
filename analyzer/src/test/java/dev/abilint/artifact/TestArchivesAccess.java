package dev.abilint.artifact;

/** Lets tests in other packages build the same synthetic binaries. */
public final class TestArchivesAccess {
    private TestArchivesAccess() {}

    public static byte[] elfX86_64() {
        return TestArchives.elf(TestArchives.EM_X86_64);
    }

    /** A wheel (with a correct RECORD) holding these files, tagged {@code tag} in its WHEEL file. */
    public static byte[] wheel(String distInfo, String tag, boolean purelib, java.util.Map<String, byte[]> files) {
        return TestArchives.wheel(distInfo, tag, purelib, files).bytes();
    }

    /** A wheel (with a correct RECORD) whose WHEEL and METADATA files are the given texts. */
    public static byte[] wheel(String distInfo, String wheelText, String metadataText,
            java.util.Map<String, byte[]> files) {
        return TestArchives.wheel(distInfo, wheelText, metadataText, files).bytes();
    }
}
