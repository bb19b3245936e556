package dev.abilint.artifact;

import dev.abilint.model.ArtifactIssue;
import dev.abilint.model.WheelName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What has been learned while reading one archive (an input, or an archive nested in one): its
 * members, issues, RECORD hashes, kept metadata and Java facts. {@link ArtifactRecorder} fills it
 * entry by entry and turns it into an artifact at the end.
 */
final class ArchiveScan {
    static final int MAX_ISSUES_PER_TYPE = 50;

    final String path;
    final String fileName;
    final int depth;
    final Budget budget;
    final WheelName wheel;
    /** Inside a wheel every entry is hashed, for the RECORD check. */
    final boolean hashing;
    final List<String> members = new ArrayList<>();
    final List<ArtifactIssue> issues = new ArrayList<>();
    final Map<String, Integer> issueCounts = new TreeMap<>();
    final Map<String, String[]> hashes = new LinkedHashMap<>();
    final Map<String, byte[]> metadata = new LinkedHashMap<>();
    final List<Map<String, Object>> extensions = new ArrayList<>();
    final TreeSet<Integer> versionedReleases = new TreeSet<>();
    final List<String> natives = new ArrayList<>();
    final Set<String> names = new HashSet<>();
    String format;
    boolean tar;
    int entries;
    int skipped;
    int classes;
    int maxMajor;
    boolean moduleInfo;
    boolean setupPy;
    boolean pyprojectToml;
    boolean mainPy;
    boolean eggInfo;
    /** An APK's native libraries: how each is stored (compression, data offset), for the 16 KiB alignment rule. */
    Map<String, Object> nativeStorage;

    ArchiveScan(String path, String fileName, int depth, Budget budget) {
        this.path = path;
        this.fileName = fileName;
        this.depth = depth;
        this.budget = budget;
        boolean wheelName = fileName.toLowerCase(Locale.ROOT).endsWith(".whl");
        this.wheel = wheelName ? WheelName.parse(fileName) : null;
        this.hashing = wheelName;
    }

    /** The location of an entry of this archive, as reports write it. */
    String location(String entryName) {
        return path + "!/" + EntryNames.escape(entryName);
    }

    void issue(ArtifactIssue.Type type, String location, String message, Map<String, Object> evidence) {
        int n = issueCounts.merge(type.name(), 1, Integer::sum);
        if (n <= MAX_ISSUES_PER_TYPE) {
            issues.add(new ArtifactIssue(type, location, message, evidence));
        }
    }

    void limit(String location, LimitExceededException e) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("limit", e.limit);
        evidence.put("value", e.value);
        evidence.put("max", e.max);
        issue(ArtifactIssue.Type.LIMIT, location, e.getMessage(), evidence);
    }
}
