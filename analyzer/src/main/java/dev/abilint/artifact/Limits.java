package dev.abilint.artifact;

/**
 * How much of an archive abilint reads before it stops with an {@code archive-limit-exceeded}
 * finding. The defaults are far above real packages (the largest wheels on PyPI are a few GiB
 * inflated, the largest natives a few hundred MiB) and far below what exhausts a 256 MiB heap.
 *
 * @param maxMemberBytes inflated bytes of one member
 * @param maxTotalBytes inflated bytes of one input, all nesting levels together
 * @param maxRatio inflated:compressed ratio above which a member is treated as a zip bomb...
 * @param ratioMinBytes ...once it has inflated more than this many bytes
 * @param maxEntries entries in one archive
 * @param maxDepth archives inside archives: an input is depth 0, a jar in it depth 1
 * @param maxMetadataBytes metadata files kept in memory (WHEEL, METADATA, RECORD, MANIFEST.MF)
 */
public record Limits(long maxMemberBytes, long maxTotalBytes, long maxRatio, long ratioMinBytes, int maxEntries,
        int maxDepth, int maxMetadataBytes) {

    public static final Limits DEFAULTS = new Limits(512L << 20, 4L << 30, 100, 1L << 20, 200_000, 4, 16 << 20);

    public Limits withMaxEntries(int value) {
        return new Limits(maxMemberBytes, maxTotalBytes, maxRatio, ratioMinBytes, value, maxDepth, maxMetadataBytes);
    }

    public Limits withMaxDepth(int value) {
        return new Limits(maxMemberBytes, maxTotalBytes, maxRatio, ratioMinBytes, maxEntries, value, maxMetadataBytes);
    }

    public Limits withMaxMemberBytes(long value) {
        return new Limits(value, maxTotalBytes, maxRatio, ratioMinBytes, maxEntries, maxDepth, maxMetadataBytes);
    }

    public Limits withMaxTotalBytes(long value) {
        return new Limits(maxMemberBytes, value, maxRatio, ratioMinBytes, maxEntries, maxDepth, maxMetadataBytes);
    }
}
